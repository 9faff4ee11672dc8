//! Many connections (`synack::load`): the arithmetic of ports and TIME-WAIT
//! the notes' 高并发 story rests on, through the library and the command.

use std::process::Command;
use synack::load::{run_load, LoadScenario, Outcome};
use synack::scenario::Host;
use synack::tcp::State;

#[test]
fn a_client_closing_first_at_1000_per_second_runs_out_of_linux_ports_at_28_s() {
    // Linux's default range 32768-60999 is 28,232 ports; each stays busy for
    // its 60 s TIME-WAIT; 1,000 new connections a second use them up in 28.2 s.
    // (No FIN-WAIT-2: the server closes on the end of file within Linux's
    // ACK timeout, so its FIN carries the ACK of the client's FIN.)
    let t = run_load(&LoadScenario {
        rate_per_s: 1000,
        duration_s: 60,
        closer: Host::Client,
        ..LoadScenario::default()
    });
    assert_eq!(t.count(Outcome::Completed), 28_232);
    assert_eq!(t.count(Outcome::NoFreePort), 31_768);
    assert_eq!(t.first_failure_ms, Some(28_232));
    assert_eq!(
        t.peak[0][synack::load::counted_index(synack::tcp::State::TimeWait).unwrap()],
        28_232
    );
    let summary = t.json_lines().pop().unwrap();
    assert_eq!(
        summary,
        r#"{"summary":{"completed":28232,"failed":{"no-free-port":31768,"refused":0,"timed-out":0,"reset":0},"first_failure_ms":28232,"peak":{"client":{"SYN-SENT":3,"ESTABLISHED":3,"FIN-WAIT-1":3,"TIME-WAIT":28232},"server":{"ESTABLISHED":3,"CLOSE-WAIT":1,"LAST-ACK":3,"SYN-RECEIVED":3}}}}"#
    );
}

fn synack(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_load_command_prints_one_line_per_host_per_second_and_the_summary() {
    let (code, out, err) = synack(&["load", "--rate", "100", "--duration", "3", "--json"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // Seconds 0..=3 (the last exchanges end after 3 s), two hosts each, then the summary;
    // the run goes on until the server's TIME-WAITs end, 60 s later.
    assert!(lines.len() > 2 * 60, "{}", lines.len());
    // The 101st connection opens at 1,000 ms exactly.
    assert_eq!(
        lines[2],
        r#"{"t":1000,"host":"client","states":{"SYN-SENT":1,"ESTABLISHED":0,"FIN-WAIT-1":0,"FIN-WAIT-2":0,"TIME-WAIT":0,"CLOSE-WAIT":0,"LAST-ACK":0,"CLOSING":0,"SYN-RECEIVED":0}}"#
    );
    assert_eq!(
        lines[3],
        r#"{"t":1000,"host":"server","states":{"SYN-SENT":0,"ESTABLISHED":0,"FIN-WAIT-1":0,"FIN-WAIT-2":0,"TIME-WAIT":100,"CLOSE-WAIT":0,"LAST-ACK":0,"CLOSING":0,"SYN-RECEIVED":0}}"#
    );
    assert!(lines
        .last()
        .unwrap()
        .starts_with(r#"{"summary":{"completed":300,"#));
    for (args, message) in [
        (
            vec!["load"],
            "synack: load needs --rate N --duration S, or --count N",
        ),
        (
            vec!["load", "--rate", "10"],
            "synack: give --rate with --duration (both above 0), or --count alone",
        ),
        (
            vec!["load", "--count", "5", "--closer", "nobody"],
            "synack: --closer is server or client, not 'nobody'",
        ),
        (
            vec!["load", "--count", "5", "--ports", "9-3"],
            "synack: --ports takes a range such as 32768-60999, not '9-3'",
        ),
        (
            vec!["load", "--count", "5", "--loss", "2"],
            "synack: --loss is a probability from 0 to 1, not '2'",
        ),
        (
            vec!["load", "--count", "5", "--fast"],
            "synack: unknown option '--fast' for load",
        ),
    ] {
        let (code, out, err) = synack(&args);
        assert_eq!(
            (code, out.as_str(), err.trim_end()),
            (2, "", message),
            "{args:?}"
        );
    }
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn random_loads_end_every_connection_once_and_leave_no_socket_behind(
        rate in 1u32..400,
        duration in 1u32..4,
        client_closes in any::<bool>(),
        linger0 in any::<bool>(),
        tw_reuse in any::<bool>(),
        loss in 0u32..150_000,
        seed in any::<u64>(),
        ports in 20u16..600,
        requests in 1u32..4,
        backlog in 1u32..8,
        abort_on_overflow in any::<bool>(),
    ) {
        let s = LoadScenario {
            rate_per_s: rate,
            duration_s: duration,
            closer: if client_closes { Host::Client } else { Host::Server },
            linger0,
            tw_reuse,
            loss_per_million: loss,
            seed,
            ports: (40000, 40000 + ports),
            requests_per_connection: requests,
            backlog,
            abort_on_overflow,
            ..LoadScenario::default()
        };
        let t = run_load(&s);
        prop_assert_eq!(t.connections.len(), (rate * duration) as usize);
        prop_assert!(t.cut_short.is_none());
        // Every connection ends in exactly one outcome.
        prop_assert!(t.connections.iter().all(|c| c.outcome.is_some()));
        let outcomes: usize = [Outcome::Completed, Outcome::NoFreePort, Outcome::Refused, Outcome::TimedOut, Outcome::Reset, Outcome::StillOpen]
            .iter()
            .map(|o| t.count(*o))
            .sum();
        prop_assert_eq!(outcomes, t.connections.len());
        // Counts are conserved: the counts kept from every transition equal
        // the sockets found in each state at the end (only those a lost RST
        // left open remain; no TIME-WAIT outlives the run).
        let (_, client, server) = *t.samples.last().unwrap();
        prop_assert_eq!([client, server], t.final_states);
        let time_wait = synack::load::counted_index(synack::tcp::State::TimeWait).unwrap();
        prop_assert_eq!((client[time_wait], server[time_wait]), (0, 0));
        // Same load, same run.
        prop_assert_eq!(run_load(&s), t);
    }
}

/// One connection of an HTTP/1.0 load, beside the first of the 300 a real
/// Linux 6.18 pair exchanged (`many-short-connections.pcap`): the same
/// segments, flags and lengths, but for one known difference.
#[test]
fn one_connection_of_the_load_matches_a_real_http10_exchange() {
    let t = run_load(&LoadScenario {
        count: Some(1),
        request_bytes: 18,
        response_bytes: 1241,
        ..LoadScenario::default()
    });
    let ours: Vec<String> = t
        .first_exchange
        .iter()
        .map(|(h, s)| format!("{} {} {}", h.name(), s.flags, s.len))
        .collect();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/captures/many-short-connections.pcap"
    ))
    .unwrap();
    let real = synack::capture::open(&bytes).unwrap().connections.remove(0);
    let theirs: Vec<String> = real
        .segments
        .iter()
        .map(|s| {
            format!(
                "{} {} {}",
                if s.from_client { "client" } else { "server" },
                s.flags,
                s.len
            )
        })
        .collect();
    assert_eq!(
        theirs,
        [
            "client SYN 0",
            "server SYN,ACK 0",
            "client ACK 0",
            "client ACK,PSH 18",
            "server ACK 0",
            "server ACK,PSH 1241",
            "client ACK 0",
            "server FIN,ACK 0",
            "client FIN,ACK 0",
            "server ACK 0",
        ]
    );
    // The same handshake, request, ACK and response, and the same close:
    // the client, in pingpong mode once it has the FIN, lets its own FIN
    // carry the ACK of the server's FIN (ten segments, as on the wire). One
    // difference: the real server's close() came a moment after the client's
    // ACK of the response reached it; the load's server closes at once, so
    // its FIN goes first and the client's ACK of the response follows it.
    assert_eq!(
        ours,
        [
            "client SYN 0",
            "server SYN,ACK 0",
            "client ACK 0",
            "client ACK,PSH 18",
            "server ACK 0",
            "server ACK,PSH 1241",
            "server FIN,ACK 0",
            "client ACK 0",
            "client FIN,ACK 0",
            "server ACK 0",
        ]
    );
}

#[test]
fn a_server_left_alone_by_a_lost_reset_retransmits_for_23_minutes_and_the_run_is_not_cut_short() {
    // Found by the property test in CI: the client aborts (SO_LINGER 0), its
    // RST is lost, and the server retransmits 15 times with the RTO from 1 s
    // doubling to Linux's 120 s cap, closing at 1,391 s: past the old 20 min horizon.
    let s = LoadScenario {
        rate_per_s: 312,
        duration_s: 3,
        closer: Host::Client,
        linger0: true,
        loss_per_million: 102_007,
        seed: 1_932_031_079_037_115_020,
        ports: (40000, 40372),
        requests_per_connection: 1,
        backlog: 5,
        ..LoadScenario::default()
    };
    let t = run_load(&s);
    assert_eq!(t.cut_short, None);
    let last = t.connections[335].changes.last().copied();
    assert_eq!(last, Some((1_391_076, Host::Server, State::Closed)));
}
