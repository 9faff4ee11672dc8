//! packetdrill scripts under tests/drill/, each worked out from RFC 9293 (and
//! RFC 5961, RFC 6298), run against the model's endpoint by `synack drill`.

mod common;
use common::cli;
use synack::drill::{self, Options};
use synack::tcp::{ProfileName, State};
use synack::trace::EventKind;

const LINUX: Options = Options {
    profile: ProfileName::Linux,
    ignore_timing: false,
    strict: false,
};

fn report(name: &str) -> drill::Report {
    let text = std::fs::read_to_string(format!("tests/drill/{name}.pkt")).unwrap();
    drill::run(&drill::read(&text).unwrap(), LINUX)
}

/// The local endpoint's states, in order.
fn states(r: &drill::Report) -> Vec<State> {
    r.trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::State { host, to, .. } if host == r.local => Some(to),
            _ => None,
        })
        .collect()
}

#[test]
fn every_script_passes_with_its_exact_summary() {
    // name, statements, segments checked, skipped
    let expected = [
        ("abort", 8, 3, 0),
        ("connect-active-close", 13, 5, 0),
        ("established-rst-and-syn", 14, 3, 0),
        ("listen-handshake-close", 18, 5, 1),
        ("listen-rst-and-ack", 8, 2, 0),
        ("lost-fin", 9, 4, 0),
        ("lost-last-ack", 12, 4, 0),
        ("lost-syn", 6, 3, 0),
        ("lost-syn-ack-retransmitted", 8, 3, 0),
        ("passive-close", 17, 5, 0),
        ("simultaneous-close", 10, 4, 0),
        ("syn-received-rst", 8, 2, 0),
        ("syn-sent-bad-ack", 7, 3, 0),
        ("syn-sent-refused", 4, 1, 0),
        ("time-wait-refin", 11, 5, 0),
        ("time-wait-rst", 12, 5, 0),
    ];
    let mut found: Vec<String> = std::fs::read_dir("tests/drill")
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".pkt").map(str::to_string))
        .collect();
    found.sort();
    assert_eq!(
        found,
        expected
            .iter()
            .map(|(n, ..)| n.to_string())
            .collect::<Vec<_>>(),
        "every script is listed here"
    );
    for (name, statements, checked, skipped) in expected {
        let summary = format!(
            "drill: {statements} statements, {checked} segments checked, {skipped} skipped"
        );
        let path = format!("tests/drill/{name}.pkt");
        let (code, out, err) = cli(&["drill", &path]);
        assert_eq!((code, err.as_str()), (0, ""), "{name}: {out}");
        assert_eq!(out.lines().last(), Some(summary.as_str()), "{name}");
    }
}

#[test]
fn the_states_the_scripts_walk_through() {
    use State::*;
    assert_eq!(
        states(&report("connect-active-close")),
        [SynSent, Established, FinWait1, FinWait2, TimeWait]
    );
    assert_eq!(
        states(&report("passive-close")),
        [Listen, SynReceived, Established, CloseWait, LastAck, Closed]
    );
    assert_eq!(
        states(&report("simultaneous-close")),
        [SynSent, Established, FinWait1, Closing, TimeWait]
    );
    assert_eq!(
        states(&report("syn-received-rst")),
        [Listen, SynReceived, Listen, SynReceived]
    );
    assert_eq!(
        states(&report("established-rst-and-syn")),
        [Listen, SynReceived, Established, Closed]
    );
    assert_eq!(states(&report("syn-sent-refused")), [SynSent, Closed]);
    assert_eq!(
        states(&report("listen-handshake-close")),
        [
            Listen,
            SynReceived,
            Established,
            FinWait1,
            FinWait2,
            TimeWait
        ]
    );
    assert_eq!(states(&report("abort")), [SynSent, Established, Closed]);
    assert_eq!(
        states(&report("time-wait-rst")),
        [SynSent, Established, FinWait1, TimeWait, Closed]
    );
    assert_eq!(
        states(&report("lost-last-ack")),
        [Listen, SynReceived, Established, CloseWait, LastAck, Closed]
    );
    // A retransmission 250 ms after the first FIN: SRTT 50 + Linux's 200 ms floor.
    let fins: Vec<u64> = report("lost-fin")
        .trace
        .segments
        .iter()
        .filter(|s| s.header.flags.fin)
        .map(|s| s.sent)
        .collect();
    assert_eq!(fins, [150, 400]);
    // The retransmitted SYN,ACKs at 1 s and 3 s, as the trace records them.
    let r = report("lost-syn-ack-retransmitted");
    let synacks: Vec<(u64, Option<usize>)> = r
        .trace
        .segments
        .iter()
        .filter(|s| s.header.flags.syn)
        .map(|s| (s.sent, s.retransmission_of))
        .collect();
    assert_eq!(
        synacks,
        [(0, None), (0, None), (1000, Some(1)), (3000, Some(1))]
    );
}

#[test]
fn a_script_that_must_fail_says_where_and_exits_1() {
    let (code, out, err) = cli(&["drill", "tests/drill/fail/wrong-ack.pkt"]);
    assert_eq!((code, err.as_str()), (1, ""));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "tests/drill/fail/wrong-ack.pkt:7: expected > S. 0:0(0) ack 2, got > S. 0:0(0) ack 1 at 0.000 s",
            "tests/drill/fail/wrong-ack.pkt:8: unexpected > . 1:1(0) ack 11 at 0.050 s",
            "drill: 6 statements, 1 segments checked, 0 skipped",
        ]
    );
    let (code, json, _) = cli(&["drill", "tests/drill/fail/wrong-ack.pkt", "--json"]);
    assert_eq!(code, 1);
    assert_eq!(
        json.lines().last(),
        Some(r#"{"checked":1,"failures":2,"skipped":0,"statements":6}"#)
    );
    assert!(json.starts_with(r#"{"failure":"expected > S. 0:0(0) ack 2, got > S. 0:0(0) ack 1 at 0.000 s","line":7,"segment":"s1"}"#), "{json}");
}

#[test]
fn timing_is_checked_unless_asked_not_to() {
    let dir = std::env::temp_dir().join(format!("synack-drill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let late = dir.join("late.pkt");
    // The SYN,ACK is retransmitted at 1 s, not at 0.5 s.
    std::fs::write(&late, "0 listen(3, 1) = 0\n+0 < S 0:0(0) win 65535\n+0 > S. 0:0(0) ack 1\n+.5 > S. 0:0(0) ack 1\n").unwrap();
    let path = late.to_str().unwrap();
    let (code, out, _) = cli(&["drill", path]);
    assert_eq!(code, 1);
    assert!(
        out.contains(":4: expected > S. 0:0(0) ack 1, got nothing by 0.504 s"),
        "{out}"
    );
    assert_eq!(cli(&["drill", path, "--ignore-timing"]).0, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_scripts_and_bad_command_lines_exit_2_with_one_line() {
    let dir = std::env::temp_dir().join(format!("synack-drill-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.pkt");
    std::fs::write(&bad, "0 listen(3, 1) = 0\n+0 < S 0:0 win 1\n").unwrap();
    let path = bad.to_str().unwrap();
    let (code, _, err) = cli(&["drill", path]);
    assert_eq!(
        (code, err.trim().to_string()),
        (
            2,
            format!("synack: {path}:2: expected start:end(length) after the flags, found '0:0'")
        )
    );
    assert_eq!(
        cli(&["drill"]).2.trim(),
        "synack: give the packetdrill script: FILE.pkt"
    );
    assert_eq!(
        cli(&["drill", "tests/drill/passive-close.pkt", "--profile", "bsd"])
            .2
            .trim(),
        "synack: unknown profile 'bsd' (rfc, linux or linux-5)"
    );
    assert!(cli(&["drill", "/nonexistent.pkt"])
        .2
        .starts_with("synack: cannot read /nonexistent.pkt"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn trace_and_render_draw_the_run() {
    let (code, out, _) = cli(&["trace", "--pkt", "tests/drill/simultaneous-close.pkt"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("client FIN-WAIT-1 -> CLOSING  (recv s2)"),
        "{out}"
    );
    assert!(
        out.contains("server s2 server -> client: FIN,ACK seq=1 ack=1"),
        "{out}"
    );
    let (code, json, _) = cli(&[
        "trace",
        "--pkt",
        "tests/drill/simultaneous-close.pkt",
        "--json",
        "--numbers",
        "letters",
    ]);
    assert_eq!(code, 0);
    assert!(
        json.contains(r#""flags":["FIN","ACK"],"seq":"U""#),
        "{json}"
    );
    let svg = std::env::temp_dir().join(format!("synack-drill-{}.svg", std::process::id()));
    let (code, _, err) = cli(&[
        "render",
        "--pkt",
        "tests/drill/fail/wrong-ack.pkt",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("s1 SYN,ACK seq=0 ack=1 ✗"),
        "the failed expectation is marked on its segment"
    );
    std::fs::remove_file(&svg).unwrap();
}
