use super::*;
use crate::tcp::ProfileName;

fn load(f: impl FnOnce(&mut LoadScenario)) -> LoadTrace {
    let mut s = LoadScenario::default();
    f(&mut s);
    run_load(&s)
}

fn at(trace: &LoadTrace, t: u64, host: Host, state: State) -> u32 {
    let (_, c, s) = trace.samples.iter().find(|(st, _, _)| *st == t).unwrap();
    let counts = if host == Host::Client { c } else { s };
    counts[counted_index(state).unwrap()]
}

#[test]
fn one_connection_is_the_single_scenario_exchange() {
    let t = load(|s| {
        s.count = Some(1);
    });
    assert_eq!(t.connections.len(), 1);
    assert_eq!(t.connections[0].outcome, Some(Outcome::Completed));
    assert_eq!(t.connections[0].port, Some(32768));
    // HTTP/1.0: the server closed first and holds the TIME-WAIT.
    assert_eq!(t.peak[1][counted_index(State::TimeWait).unwrap()], 1);
    assert_eq!(t.peak[0][counted_index(State::TimeWait).unwrap()], 0);
}

#[test]
fn the_client_closing_first_runs_out_of_ports_at_ports_over_rate() {
    // 1,000 connections a second to one server port, 60 s TIME-WAIT on the
    // client, a range of 1,000 ports: the range is used up after 1 s.
    let t = load(|s| {
        s.closer = Host::Client;
        s.rate_per_s = 1000;
        s.duration_s = 3;
        s.ports = (40000, 40999);
    });
    assert_eq!(t.count(Outcome::Completed), 1000);
    assert_eq!(t.count(Outcome::NoFreePort), 2000);
    let first = t.first_failure_ms.unwrap();
    assert!(
        (1000..=1010).contains(&first),
        "first failure at {first} ms"
    );
    assert_eq!(t.peak[0][counted_index(State::TimeWait).unwrap()], 1000);
    assert_eq!(at(&t, 2000, Host::Client, State::TimeWait), 1000);
}

#[test]
fn the_server_closing_first_holds_rate_times_time_wait_and_nothing_fails() {
    let t = load(|s| {
        s.rate_per_s = 50;
        s.duration_s = 70;
    });
    assert_eq!(t.count(Outcome::Completed), 3500);
    assert_eq!(t.first_failure_ms, None);
    // Settled: 50/s × 60 s.
    assert_eq!(at(&t, 65_000, Host::Server, State::TimeWait), 3000);
    assert_eq!(t.peak[0][counted_index(State::TimeWait).unwrap()], 0);
}

#[test]
fn linger0_leaves_no_time_wait_and_keepalive_opens_one_connection() {
    let t = load(|s| {
        s.closer = Host::Client;
        s.linger0 = true;
        s.rate_per_s = 100;
        s.duration_s = 5;
    });
    assert_eq!(t.count(Outcome::Completed), 500);
    assert_eq!(t.peak[0][counted_index(State::TimeWait).unwrap()], 0);
    assert_eq!(t.peak[1][counted_index(State::TimeWait).unwrap()], 0);
    let t = load(|s| {
        s.count = Some(1);
        s.requests_per_connection = 50;
        s.closer = Host::Client;
    });
    assert_eq!(t.connections.len(), 1);
    assert_eq!(t.count(Outcome::Completed), 1);
}

#[test]
fn tw_reuse_lets_the_client_take_a_time_wait_port_after_one_second() {
    let t = load(|s| {
        s.closer = Host::Client;
        s.tw_reuse = true;
        s.rate_per_s = 1000;
        s.duration_s = 3;
        s.ports = (40000, 40999);
    });
    // A port is busy for its ~5 ms exchange plus the 1 s before it may be
    // reused: 1,000 ports carry about 995 connections a second, so a few
    // connect() calls find no port each second (those opened before the
    // oldest TIME-WAIT is 1 s old), and every other one reuses a port.
    let failed: Vec<u64> = t
        .connections
        .iter()
        .filter(|c| c.outcome == Some(Outcome::NoFreePort))
        .map(|c| c.opened_ms)
        .collect();
    assert_eq!(
        failed,
        [1000, 1001, 1002, 1003, 1004, 1005, 2006, 2007, 2008, 2009, 2010, 2011],
        "{:?}",
        t.summary()
    );
    assert_eq!(t.count(Outcome::Completed), 2988);
}

#[test]
fn losses_end_every_connection_in_one_outcome() {
    let t = load(|s| {
        s.rate_per_s = 200;
        s.duration_s = 5;
        s.loss_per_million = 50_000;
        s.seed = 7;
        s.profile = ProfileName::Linux;
    });
    assert_eq!(t.connections.len(), 1000);
    assert!(t.connections.iter().all(|c| c.outcome.is_some()));
    assert!(t.count(Outcome::Completed) > 900);
    // Deterministic.
    let again = load(|s| {
        s.rate_per_s = 200;
        s.duration_s = 5;
        s.loss_per_million = 50_000;
        s.seed = 7;
    });
    assert_eq!(again, t);
}

#[test]
fn the_json_lines_have_every_state_and_the_summary() {
    let t = load(|s| {
        s.count = Some(2);
    });
    let lines = t.json_lines();
    // No FIN-WAIT-2 on the server: the client closes as soon as it reads the
    // end of file, within Linux's 40 ms ACK timeout, so its ACK of the
    // server's FIN rides on its own FIN (a three-segment close).
    // At the end of the first millisecond: the first SYN is out.
    assert_eq!(
        lines[0],
        r#"{"t":0,"host":"client","states":{"SYN-SENT":1,"ESTABLISHED":0,"FIN-WAIT-1":0,"FIN-WAIT-2":0,"TIME-WAIT":0,"CLOSE-WAIT":0,"LAST-ACK":0,"CLOSING":0,"SYN-RECEIVED":0}}"#
    );
    assert_eq!(
        lines.last().unwrap(),
        r#"{"summary":{"completed":2,"failed":{"no-free-port":0,"refused":0,"timed-out":0,"reset":0},"first_failure_ms":null,"peak":{"client":{"SYN-SENT":1,"ESTABLISHED":1,"CLOSE-WAIT":1,"LAST-ACK":1},"server":{"ESTABLISHED":1,"FIN-WAIT-1":1,"TIME-WAIT":2,"SYN-RECEIVED":1}}}}"#
    );
}
