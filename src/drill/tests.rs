use super::read::*;
use super::*;

fn err(src: &str) -> (usize, String) {
    let e = read(src).unwrap_err();
    (e.line, e.why)
}

#[test]
fn times_options_calls_and_segments_are_read() {
    let s = read(
        "--tolerance_usecs=10000\n// a comment\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n\
         +.25 < S. 0:0(0) ack 1 win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>\n\
         1.5~2 > P. 1:101(100) ack 1 /* inline */\n* > F. 101:101(0) ack 1\n\
         +0 write(4, ..., 100) = -1 EPIPE (Broken pipe)\n",
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
        "0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0\n\
         +0 `sysctl -q net.ipv4.tcp_timestamps=0`\n+0 %{ print(\"hi\")\n}%\n+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0\n",
    )
    .unwrap();
    let why: Vec<String> = s
        .statements
        .iter()
        .map(|s| match &s.what {
            What::Skip(w) => w.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        why,
        [
            "fcntl() is not modelled",
            "setsockopt SO_REUSEADDR is not modelled",
            "shell command",
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
        err("0 < S 0:0(0) ack 5"),
        (1, "an ack number without the . (ACK) flag".into())
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
