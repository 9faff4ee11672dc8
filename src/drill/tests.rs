use super::read::*;
use super::*;

fn err(src: &str) -> (usize, String) {
    let e = read(src).unwrap_err();
    (e.line, e.why.to_string())
}

#[test]
fn times_options_calls_and_segments_are_read() {
    let s = read(
        "--tolerance_usecs=10000\n// a comment\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n\
         +.25 < S. 0:0(0) ack 1 win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>\n\
         1.5~2 > P. 1:101(100) ack 1 /* inline */\n* > F. 101:101(0) ack 1\n\
         +0 write(3, ..., 100) = -1 EPIPE (Broken pipe)\n",
    )
    .unwrap();
    assert_eq!(s.tolerance_us, 10_000);
    let times: Vec<Time> = s.statements.iter().map(|s| s.time).collect();
    assert_eq!(
        times,
        [
            Time::At(0),
            Time::After(250_000),
            Time::Between(1_500_000, 2_000_000, false),
            Time::Any,
            Time::After(0)
        ]
    );
    let What::Inbound(seg) = &s.statements[1].what else {
        panic!()
    };
    assert!(seg.flags.syn && seg.flags.ack && !seg.flags.fin);
    assert_eq!(
        (seg.start, seg.len, seg.ack, seg.win),
        (0, 0, Some(1), Some(32792))
    );
    let What::Call(write) = &s.statements[4].what else {
        panic!()
    };
    assert_eq!(
        (write.returns, write.errno.as_deref()),
        (Some(-1), Some("EPIPE"))
    );
    assert_eq!(
        s.statements.iter().map(|s| s.line).collect::<Vec<_>>(),
        [3, 4, 5, 6, 7]
    );
}

#[test]
fn what_cannot_be_played_is_skipped_with_its_reason() {
    let s = read(
        "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)\n+0 setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = 0\n\
         +0 `tc qdisc add dev tun0 root netem delay 10ms`\n+0 %{ print(\"hi\")\n}%\n+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0\n",
    )
    .unwrap();
    let why: Vec<String> = s.statements[1..]
        .iter()
        .map(|s| match &s.what {
            What::Skip(w) => w.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        why,
        [
            "fcntl F_GETFL is not modelled",
            "setsockopt SO_KEEPALIVE is not modelled",
            "shell command tc qdisc add dev tun0 root netem delay 10ms",
            "%{ python }% block",
            "getsockopt() is not modelled"
        ]
    );
}

#[test]
fn a_script_it_cannot_read_says_which_line_and_why() {
    assert_eq!(
        err("0 socket() = 3\n+x listen(3, 1) = 0"),
        (2, "'x' is not a time (seconds, like 0.100 or +.1)".into())
    );
    assert_eq!(
        err("0 < S 0:0 win 1"),
        (
            1,
            "expected start:end(length) after the flags, found '0:0'".into()
        )
    );
    assert_eq!(
        err("0 < S 0:5(3)"),
        (1, "0:5(3): end minus start is not the length".into())
    );
    assert_eq!(
        err("0 < Q 0:0(0)"),
        (1, "'Q' is not a set of TCP flags (S F R P . E W)".into())
    );
    assert_eq!(
        err("0 < udp (1472)"),
        (1, "a udp packet: synack models TCP only".into())
    );
    assert_eq!(
        err("9999 close(3) = 0"),
        (
            1,
            "the time 9999 s is past the script's limit of one hour".into()
        )
    );
    assert_eq!(
        err("0 listen(3, 1 = 0"),
        (1, "listen( has no closing parenthesis".into())
    );
    assert_eq!(
        err("0 hello"),
        (
            1,
            "'hello' is neither a system call nor a segment line".into()
        )
    );
    assert_eq!(
        err("0 %{ never closed"),
        (1, "a %{ block is never closed with }%".into())
    );
    assert_eq!(
        err("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 close(3) = 0\n+0 listen(3, 1) = 0"),
        (
            3,
            "listen(3, …): descriptor 3 is not open (no socket() or accept() returned it)".into()
        )
    );
    assert_eq!(
        err("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 write(4, ..., 10) = 10"),
        (
            2,
            "write(4, …): descriptor 4 is not open (no socket() or accept() returned it)".into()
        )
    );
    assert_eq!(
        err("0...0.1 < S 0:0(0)"),
        (1, "only a system call can block (start...end)".into())
    );
    assert_eq!(
        err("0...* accept(3, ..., ...) = 4"),
        (1, "a blocking call ends at one time (start...end)".into())
    );
    let long: String = (0..=MAX_STATEMENTS)
        .map(|_| "+0 socket(...) = 3\n")
        .collect();
    assert_eq!(
        err(&long),
        (
            MAX_STATEMENTS + 1,
            format!("more than {MAX_STATEMENTS} statements")
        )
    );
}

#[test]
fn a_blocking_call_keeps_its_end_in_the_clock_of_its_start() {
    let s = read("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 listen(3, 1) = 0\n+.1...0.3 accept(3, ..., ...) = 4\n").unwrap();
    let (What::Call(accept), time) = (&s.statements[2].what, s.statements[2].time) else {
        panic!()
    };
    assert_eq!(
        (time, accept.ends),
        (Time::After(100_000), Some(Time::At(300_000)))
    );
    // `+.1...0.3` after 0.5 s returns at 0.8 s; `1...+0.2` at 1.2 s; `1...2` at 2 s.
    assert_eq!(calls::due(accept, 500_000, 600_000, true), 800_000);
    let plus = Syscall {
        ends: Some(Time::After(200_000)),
        ..accept.clone()
    };
    assert_eq!(calls::due(&plus, 0, 1_000_000, false), 1_200_000);
    let at = Syscall {
        ends: Some(Time::At(2_000_000)),
        ..accept.clone()
    };
    assert_eq!(calls::due(&at, 0, 1_000_000, false), 2_000_000);
    assert_eq!(
        calls::due(&Syscall { ends: None, ..at }, 0, 1_000_000, false),
        1_000_000
    );
}

#[test]
fn a_hundred_statements_run_quickly() {
    // Its speed is measured by `cargo bench --bench core -- drill`.
    let src = data_script(48);
    let script = read(&src).unwrap();
    assert_eq!(script.statements.len(), 101);
    let report = run(
        &script,
        Options {
            profile: ProfileName::Linux,
            ignore_timing: false,
            strict: false,
        },
    );
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert_eq!(report.checked, 49);
}

/// `said` reads `en` in English and `zh` in Chinese.
fn says(said: &crate::i18n::Said<crate::i18n::EditorWord>, en: &str, zh: &str) {
    assert_eq!(said.to_string(), en);
    assert_eq!(said.text(crate::i18n::Lang::Zh), zh);
}

#[test]
fn what_the_reader_and_the_run_say_has_chinese_words_too() {
    let e = read(
        "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 listen(3, 1) = 0\n+0 < S 0:0 win 1\n",
    )
    .unwrap_err();
    assert_eq!(e.line, 3);
    says(
        &e.why,
        "expected start:end(length) after the flags, found '0:0'",
        "标志之后应为 起始:结束(长度)，却是“0:0”",
    );
    let script = read(
        "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 listen(3, 1) = 0\n\
         +0 < S 0:0(0) win 65535\n+0 > S. 0:0(0) ack 2\n",
    )
    .unwrap();
    let options = Options {
        profile: ProfileName::Linux,
        ignore_timing: false,
        strict: false,
    };
    says(
        &run(&script, options).failures[0].said,
        "expected > S. 0:0(0) ack 2, got > S. 0:0(0) ack 1 at 0.000 s",
        "应为 > S. 0:0(0) ack 2，实际在 0.000 s 发出了 > S. 0:0(0) ack 1",
    );
}

/// A server accepts, the peer closes first, the server closes second; the
/// script's last line is the peer's ACK of the server's FIN.
const PASSIVE_CLOSE: &str =
    "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 bind(3, ..., ...) = 0\n+0 listen(3, 1) = 0\n\
     +0 < S 0:0(0) win 65535\n+0 > S. 0:0(0) ack 1 <...>\n+.05 < . 1:1(0) ack 1 win 65535\n\
     +0 accept(3, ..., ...) = 4\n+.1 < F. 1:1(0) ack 1 win 65535\n+0 > . 1:1(0) ack 2\n\
     +0 close(4) = 0\n+0 > F. 1:1(0) ack 2\n+.05 < . 2:2(0) ack 2 win 65535\n";

#[test]
fn after_the_script_ends_the_endpoint_does_what_its_timer_says() {
    // The server closes second; the script's last line is the peer's ACK of its FIN.
    let script = read(PASSIVE_CLOSE).unwrap();
    let options = Options {
        profile: ProfileName::Linux,
        ignore_timing: false,
        strict: false,
    };
    let plain = run(&script, options);
    assert!(plain.failures.is_empty(), "{:?}", plain.failures);
    assert_eq!(
        plain.after_script, None,
        "untouched, the run is the script's"
    );
    // The peer's last ACK (c4) is lost: the endpoint, in LAST-ACK, retransmits its FIN.
    let faults: Faults = [("c4".to_string(), Fault::Drop)].into();
    let report = run_with_faults(&script, options, &faults);
    let after = report
        .after_script
        .clone()
        .expect("the endpoint's next step");
    // The ACK of the FIN left 2 ms after it (Linux's next tick), and the
    // script's later `+` times count from then, as packetdrill's do.
    assert_eq!((after.ended_us, after.state), (202_000, State::LastAck));
    let (at, sent, state) = after.next.expect("a timer was armed");
    let fins: Vec<String> = report.trace.segments[sent.clone()]
        .iter()
        .map(|s| {
            format!(
                "{} {} seq={} ack={} len={}",
                s.id, s.header.flags, s.header.seq.0, s.header.ack.0, s.header.len
            )
        })
        .collect();
    assert_eq!(fins, ["s4 FIN,ACK seq=1 ack=2 len=0"]);
    assert_eq!(
        report.trace.segments[sent.start].retransmission_of,
        report.trace.segment_index("s3")
    );
    assert_eq!(state, State::LastAck);
    // Sent at 152 ms; Linux's RTO after a 50 ms handshake is srtt + max(rttvar, 200 ms) = 250 ms.
    assert_eq!(at, 402_000);
    assert_eq!(report.trace.segments[sent.start].sent, 402);
    assert!(
        report.failures.is_empty(),
        "what follows the script is not checked: {:?}",
        report.failures
    );
}

const LINUX: Options = Options {
    profile: ProfileName::Linux,
    ignore_timing: false,
    strict: false,
};

/// packetdrill conventions the runner follows (issue 23): an ack number on
/// a segment without the ACK flag is carried, not refused; EWOULDBLOCK is
/// EAGAIN; SO_REUSEADDR passes through with its return value.
#[test]
fn packetdrill_spellings_read_as_packetdrill_reads_them() {
    let s = read(
        "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0\n\
         +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n+0 bind(3, ..., ...) = 0\n+0 listen(3, 1) = 0\n\
         +0 accept(3, ..., ...) = -1 EWOULDBLOCK (Operation would block)\n+0 < S 0:0(0) ack 77 win 65535\n\
         +0 > S. 0:0(0) ack 1\n",
    )
    .unwrap();
    assert!(s
        .statements
        .iter()
        .all(|st| !matches!(st.what, What::Skip(_))));
    let report = run(&s, LINUX);
    assert_eq!(report.failures, []);
    assert_eq!(report.trace.segments[0].header.ack.0, 77);
    // A setsockopt that does pass through still has its return value checked.
    let s = read("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = -1\n").unwrap();
    assert_eq!(run(&s, LINUX).failures.len(), 1);
}

#[test]
fn the_tolerance_grows_with_the_gap_as_packetdrill_s_does() {
    let text = "0 socket(..., SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP) = 3\n+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n\
                +0 > S 0:0(0) <...>\n+1.1 > S 0:0(0) <...>\n+.9 > S 0:0(0) <...>\n";
    let script = read(text).unwrap();
    assert_eq!(
        (script.tolerance_us, script.tolerance_percent),
        (4_000, 12.5)
    );
    // The larger of 4 ms and 12.5 % of the time since the event before.
    assert_eq!(script.tolerance(10_000), 4_000);
    assert_eq!(script.tolerance(1_100_000), 137_500);
    // The SYN comes back after 1 s, 100 ms before the script's 1.1 s: inside
    // 12.5 % of the gap. The next `+.9` counts from when it was seen (1.0 s),
    // so the third SYN is due at 1.9 s: 100 ms early against Linux's 2 s timer
    // (4 + 1 linear timeouts: 1 s again), inside 12.5 % of 0.9 s (112.5 ms).
    let linux = Options {
        profile: ProfileName::Linux,
        ignore_timing: false,
        strict: false,
    };
    let report = run(&script, linux);
    let lines: Vec<String> = report.lines("t.pkt");
    assert_eq!(
        lines,
        ["drill: 5 statements, 3 segments checked, 0 skipped"]
    );
    // With no percentage, only the 4 ms are left: the second SYN is 100 ms early.
    let strict = read(&format!("--tolerance_percent=0\n{text}")).unwrap();
    assert_eq!(
        run(&strict, linux).lines("t.pkt")[0],
        "t.pkt:5: expected > S 0:0(0) <...>, got > S 0:0(0) at 1.000 s"
    );
    assert_eq!(
        err("--tolerance_percent=150\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"),
        (
            1,
            "--tolerance_percent=150: expected a percentage from 0 to 100".to_string()
        )
    );
}

/// A script's own segments are its `<` lines, sent whatever the endpoint
/// does, so `c4` on a script is always the same line: a fault on one never
/// moves a fault on another (unlike a scenario's ordinals, which is why
/// those are kept by name). Every pair of the script's segments, both ways.
#[test]
fn a_script_fault_stays_on_its_line_when_another_is_added() {
    let script = read(PASSIVE_CLOSE).unwrap();
    let line_of = |faults: &[(&str, Fault)], id: &str| {
        let faults: Faults = faults.iter().map(|(k, f)| (k.to_string(), *f)).collect();
        let report = run_with_faults(&script, LINUX, &faults);
        let i = report.trace.segment_index(id).expect("the script sent it");
        let seg = &report.trace.segments[i];
        (
            report.line_of[i],
            seg.header.flags.to_string(),
            seg.header.seq.0,
            seg.header.ack.0,
        )
    };
    let ids = ["c1", "c2", "c3", "c4"];
    let kinds = [Fault::Drop, Fault::Delay(300), Fault::Duplicate(20)];
    for a in ids {
        let alone = line_of(&[(a, Fault::Drop)], a);
        for b in ids.iter().filter(|b| **b != a) {
            for kind in kinds {
                assert_eq!(
                    line_of(&[(a, Fault::Drop), (b, kind)], a),
                    alone,
                    "{a} with {b} {kind:?}"
                );
            }
        }
    }
    // The lines themselves: c4 is the last ACK, line 12.
    assert_eq!(
        line_of(&[("c4", Fault::Drop)], "c4"),
        (Some(12), "ACK".to_string(), 2, 2)
    );
}

/// Options are compared as packetdrill compares them: none written on a
/// segment other than a SYN means none sent, `<...>` anything, and written
/// ones must be what the endpoint sends (only its MSS, on a SYN): a script that negotiates timestamps
/// fails on the model, saying why, instead of passing unseen.
#[test]
fn written_options_are_compared_and_none_means_none() {
    let script = |synack: &str, fin: &str| {
        read(&format!(
            "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 bind(3, ..., ...) = 0\n+0 listen(3, 1) = 0\n\
             +0 < S 0:0(0) win 65535 <mss 1000, sackOK>\n+0 > S. 0:0(0) ack 1{synack}\n\
             +.05 < . 1:1(0) ack 1 win 65535\n+0 accept(3, ..., ...) = 4\n+0 close(4) = 0\n+0 > F. 1:1(0) ack 1{fin}\n"
        ))
        .unwrap()
    };
    let failures = |s: &Script| {
        run(s, LINUX)
            .failures
            .iter()
            .map(|f| (f.line, f.said.text(crate::i18n::Lang::En)))
            .collect::<Vec<_>>()
    };
    assert_eq!(failures(&script(" <...>", "")), []);
    assert_eq!(failures(&script(" <mss  1460>", "")), []);
    // A SYN line without options is not compared (see Run::outbound).
    assert_eq!(failures(&script("", "")), []);
    assert_eq!(
        failures(&script(" <mss 1460,sackOK>", " <nop,nop,TS val 1 ecr 2>")),
        [
            (5, "expected > S. 0:0(0) ack 1 <mss 1460,sackOK>, whose options the model does not send: it sends <mss 1460> (it has no timestamps, SACK or window scaling)".to_string()),
            (9, "expected > F. 1:1(0) ack 1 <nop,nop,TS val 1 ecr 2>, whose options the model does not send: it sends none (it has no timestamps, SACK or window scaling)".to_string()),
        ]
    );
    let s = script(" <mss 1460,sackOK , nop,wscale  7>", "");
    let What::Outbound(line) = &s.statements[4].what else {
        panic!("line 5 is outbound")
    };
    assert_eq!(
        line.options.as_deref(),
        Some("mss 1460,sackOK,nop,wscale 7")
    );
}
