//! The sixteen behaviours of issue 2, each as exact segments and states.

mod common;
use common::*;
use synack::scenario::{Fault, Host};
use synack::tcp::{ErrorKind, ProfileName};

#[test]
fn handshake() {
    let t = run(&preset("handshake"));
    assert_eq!(
        segments(&t),
        ["c1 SYN 1000 0", "s1 SYN,ACK 5000 1001", "c2 ACK 1001 5001"]
    );
    assert_eq!(
        states(&t, Host::Client),
        ["CLOSED", "SYN-SENT", "ESTABLISHED"]
    );
    assert_eq!(
        states(&t, Host::Server),
        ["CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED"]
    );
    assert_eq!((sent_at(&t, "s1"), sent_at(&t, "c2")), (50, 100));
}

/// Which segment moved which host, in order: the handshake as an exchange.
#[test]
fn handshake_as_an_exchange() {
    let t = run(&preset("handshake"));
    let lines = exchange(&t);
    let from = lines.iter().position(|l| l.starts_with("0 c1")).unwrap();
    assert_eq!(
        lines[from..],
        [
            "0 c1 SYN 1000 0",
            "50 server LISTEN -> SYN-RECEIVED on c1",
            "50 s1 SYN,ACK 5000 1001",
            "100 client SYN-SENT -> ESTABLISHED on s1",
            "100 c2 ACK 1001 5001",
            "150 server SYN-RECEIVED -> ESTABLISHED on c2",
        ]
    );
}

/// The lost SYN: the timer, not a segment, sends it again; s1 answers the copy.
#[test]
fn lost_syn_as_an_exchange() {
    let t = run(&preset("lost-syn"));
    let lines = exchange(&t);
    let from = lines.iter().position(|l| l.starts_with("0 c1")).unwrap();
    assert_eq!(
        lines[from..from + 5],
        [
            "0 c1 SYN 1000 0 X",
            "1000 c2 SYN 1000 0",
            "1050 server LISTEN -> SYN-RECEIVED on c2",
            "1050 s1 SYN,ACK 5000 1001",
            "1100 client SYN-SENT -> ESTABLISHED on s1",
        ]
    );
}

#[test]
fn client_close_is_the_four_way_close_with_two_msl() {
    let t = run(&preset("client-close"));
    assert_eq!(
        segments(&t)[3..],
        [
            "c3 FIN,ACK 1001 5001",
            "s2 ACK 5001 1002",
            "s3 FIN,ACK 5001 1002",
            "c4 ACK 1002 5002"
        ]
    );
    assert_eq!(states(&t, Host::Client), ACTIVE_CLOSE);
    assert_eq!(states(&t, Host::Server), PASSIVE_CLOSE);
    // TIME-WAIT entered when s3 arrives at 400 ms, left 2 x 120 s later.
    assert_eq!(t.end_ms, 400 + 240_000);
    let linux = run(&{
        let mut s = preset("client-close");
        s.profile = ProfileName::Linux;
        s
    });
    assert_eq!(linux.end_ms, 400 + 60_000);
}

#[test]
fn server_close_puts_the_client_in_close_wait() {
    let t = run(&preset("server-close"));
    let segs = segments(&t);
    assert_eq!(
        segs[3..],
        [
            "c3 ACK,PSH 1001 5001 len=100",
            "s2 ACK 5001 1101",
            "s3 ACK,PSH 5001 1101 len=300",
            "s4 FIN,ACK 5301 1101",
            "c4 ACK 1101 5301",
            "c5 ACK 1101 5302",
            "c6 FIN,ACK 1101 5302",
            "s5 ACK 5302 1102",
        ]
    );
    assert_eq!(
        states(&t, Host::Client),
        [
            "CLOSED",
            "SYN-SENT",
            "ESTABLISHED",
            "CLOSE-WAIT",
            "LAST-ACK",
            "CLOSED"
        ]
    );
    assert_eq!(
        states(&t, Host::Server),
        [
            "CLOSED",
            "LISTEN",
            "SYN-RECEIVED",
            "ESTABLISHED",
            "FIN-WAIT-1",
            "FIN-WAIT-2",
            "TIME-WAIT",
            "CLOSED"
        ]
    );
}

#[test]
fn three_segment_close_merges_ack_and_fin() {
    let t = run(&preset("three-segment-close"));
    assert_eq!(
        segments(&t)[3..],
        [
            "c3 FIN,ACK 1001 5001",
            "s2 FIN,ACK 5001 1002",
            "c4 ACK 1002 5002"
        ]
    );
    assert_eq!(
        states(&t, Host::Client),
        [
            "CLOSED",
            "SYN-SENT",
            "ESTABLISHED",
            "FIN-WAIT-1",
            "TIME-WAIT",
            "CLOSED"
        ]
    );
    assert_eq!(states(&t, Host::Server), PASSIVE_CLOSE);
}

#[test]
fn simultaneous_close_passes_through_closing() {
    let t = run(&preset("simultaneous-close"));
    assert_eq!(
        segments(&t)[3..],
        [
            "c3 FIN,ACK 1001 5001",
            "s2 FIN,ACK 5001 1001",
            "s3 ACK 5002 1002",
            "c4 ACK 1002 5002"
        ]
    );
    for host in [Host::Client, Host::Server] {
        let s = states(&t, host);
        assert_eq!(
            s[s.len() - 5..],
            [
                "ESTABLISHED",
                "FIN-WAIT-1",
                "CLOSING",
                "TIME-WAIT",
                "CLOSED"
            ]
        );
    }
}

#[test]
fn simultaneous_open_answers_syn_with_syn_ack() {
    let t = run(&preset("simultaneous-open"));
    assert_eq!(
        segments(&t)[..4],
        [
            "s1 SYN 5000 0",
            "c1 SYN 1000 0",
            "c2 SYN,ACK 1000 5001",
            "s2 SYN,ACK 5000 1001"
        ]
    );
    for host in [Host::Client, Host::Server] {
        assert_eq!(
            states(&t, host)[..4],
            ["CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"]
        );
    }
}

#[test]
fn half_close_lets_the_server_send_after_the_clients_fin() {
    let t = run(&preset("half-close"));
    assert_eq!(
        segments(&t)[3..],
        [
            "c3 FIN,ACK 1001 5001",
            "s2 ACK 5001 1002",
            "s3 ACK,PSH 5001 1002 len=1000",
            "c4 ACK 1002 6001",
            "s4 FIN,ACK 6001 1002",
            "c5 ACK 1002 6002",
        ]
    );
    assert_eq!(
        t.state_at(Host::Client, sent_at(&t, "c4")),
        synack::tcp::State::FinWait2
    );
}

#[test]
fn lost_syn_is_retransmitted_with_exponential_backoff_until_timeout() {
    let t = run(&preset("lost-syn"));
    assert_eq!(
        segments(&t)[..3],
        ["c1 SYN 1000 0 X", "c2 SYN 1000 0", "s1 SYN,ACK 5000 1001"]
    );
    assert_eq!(sent_at(&t, "c2"), 1000);
    assert_eq!(t.segment("c2").unwrap().retransmission_of, Some(0));

    let t = run(&preset("syn-timeout"));
    let times: Vec<u64> = t.segments.iter().map(|s| s.sent).collect();
    assert_eq!(
        times,
        [0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000, 123_000]
    );
    assert_eq!(t.errors(Host::Client), [ErrorKind::TimedOut]);
    assert_eq!(states(&t, Host::Client), ["CLOSED", "SYN-SENT", "CLOSED"]);
    assert_eq!(
        t.end_ms, 180_000,
        "RFC 9293 R2 for a SYN: give up after 3 minutes"
    );

    // Linux 6.5+ (tcp_syn_linear_timeouts = 4): four linear retransmissions,
    // then doubling from the initial RTO; the retry limit is 6 + 4.
    let mut linux = preset("syn-timeout");
    linux.profile = ProfileName::Linux;
    let t = run(&linux);
    let times: Vec<u64> = t.segments.iter().map(|s| s.sent).collect();
    assert_eq!(
        times,
        [0, 1_000, 2_000, 3_000, 4_000, 5_000, 7_000, 11_000, 19_000, 35_000, 67_000]
    );
    assert_eq!(
        t.end_ms, 131_000,
        "the 11th timeout, 64 s after the last SYN"
    );
    assert_eq!(t.errors(Host::Client), [ErrorKind::TimedOut]);

    // Before Linux 6.5: tcp_syn_retries = 6, each one doubling.
    linux.profile = ProfileName::Linux5;
    let t = run(&linux);
    let times: Vec<u64> = t.segments.iter().map(|s| s.sent).collect();
    assert_eq!(times, [0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000]);
    assert_eq!(t.end_ms, 127_000);
    assert_eq!(t.errors(Host::Client), [ErrorKind::TimedOut]);
}

/// The capture `lost-three-synacks`: the first three SYN,ACKs are lost; the
/// server retransmits on its own timer and answers each retransmitted SYN at once.
#[test]
fn three_lost_syn_acks_under_both_kernel_choices() {
    let three = with(
        preset("client-close"),
        &[
            ("s1", Fault::Drop),
            ("s2", Fault::Drop),
            ("s3", Fault::Drop),
        ],
    );
    let handshake = |t: &synack::Trace| -> Vec<String> {
        t.segments
            .iter()
            .take_while(|s| !(s.header.flags == synack::tcp::Flags::ACK && s.from == Host::Client))
            .map(|s| format!("{} {} {}", s.id, s.header.flags, s.sent))
            .collect()
    };
    let mut s = three.clone();
    s.profile = ProfileName::Linux;
    let t = run(&s);
    assert_eq!(
        handshake(&t),
        [
            "c1 SYN 0",
            "s1 SYN,ACK 50",
            "c2 SYN 1000",
            "s2 SYN,ACK 1050",
            "s3 SYN,ACK 1050",
            "c3 SYN 2000",
            "s4 SYN,ACK 2050",
        ]
    );
    assert_eq!(
        states(&t, Host::Client)[..3],
        ["CLOSED", "SYN-SENT", "ESTABLISHED"]
    );
    s.profile = ProfileName::Linux5;
    let t = run(&s);
    assert_eq!(
        handshake(&t),
        [
            "c1 SYN 0",
            "s1 SYN,ACK 50",
            "c2 SYN 1000",
            "s2 SYN,ACK 1050",
            "s3 SYN,ACK 1050",
            "c3 SYN 3000",
            // The server's own timer (1050 + 2 s) and the answer to c3 fall on
            // one instant: both leave, as s2 and s3 did at 1050 (and at 1.021 s
            // in the capture).
            "s4 SYN,ACK 3050",
            "s5 SYN,ACK 3050",
        ]
    );
}

/// tcp_check_req: a retransmitted SYN is answered at once, at most once per
/// 500 ms (tcp_invalid_ratelimit), and the answer restarts the request's timer.
#[test]
fn a_duplicate_syn_in_syn_received_is_answered_once_per_500_ms() {
    let mut s = with(
        preset("handshake"),
        &[
            ("s1", Fault::Drop),
            ("s2", Fault::Drop),
            ("c1", Fault::Duplicate(300)),
            ("c2", Fault::Duplicate(100)),
        ],
    );
    s.profile = ProfileName::Linux;
    let t = run(&s);
    let early: Vec<String> = t
        .segments
        .iter()
        .filter(|x| x.sent < 2_500)
        .map(|x| format!("{} {} {}", x.id, x.header.flags, x.sent))
        .collect();
    assert_eq!(
        early,
        [
            "c1 SYN 0",
            "c1' SYN 0",
            "s1 SYN,ACK 50",
            // c1' arrives at 350: answered (lost too), and the server's timer
            // restarts there: it does not fire at 1050.
            "s2 SYN,ACK 350",
            "c2 SYN 1000",
            "c2' SYN 1000",
            // c2 arrives at 1050 and is answered; its copy at 1150 is within 500 ms: not.
            "s3 SYN,ACK 1050",
            "c3 ACK 1100",
        ]
    );
}

#[test]
fn lost_syn_ack_both_sides_retransmit() {
    let t = run(&preset("lost-syn-ack"));
    assert_eq!(
        segments(&t)[..7],
        [
            "c1 SYN 1000 0",
            "s1 SYN,ACK 5000 1001 X",
            "c2 SYN 1000 0",
            "s2 SYN,ACK 5000 1001",
            "s3 SYN,ACK 5000 1001",
            "c3 ACK 1001 5001",
            "c4 ACK 1001 5001",
        ]
    );
    assert_eq!((sent_at(&t, "c2"), sent_at(&t, "s2")), (1_000, 1_050));
    assert_eq!(
        states(&t, Host::Client)[..3],
        ["CLOSED", "SYN-SENT", "ESTABLISHED"]
    );
    assert_eq!(
        states(&t, Host::Server)[..4],
        ["CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED"]
    );
}

#[test]
fn lost_handshake_ack_keeps_the_server_in_syn_received() {
    let t = run(&preset("lost-handshake-ack"));
    assert_eq!(
        segments(&t)[..5],
        [
            "c1 SYN 1000 0",
            "s1 SYN,ACK 5000 1001",
            "c2 ACK 1001 5001 X",
            "s2 SYN,ACK 5000 1001",
            "c3 ACK 1001 5001",
        ]
    );
    assert_eq!(sent_at(&t, "s2"), 1_050);
    assert_eq!(
        t.state_at(Host::Server, 1_000),
        synack::tcp::State::SynReceived
    );
    assert_eq!(
        t.state_at(Host::Client, 1_000),
        synack::tcp::State::Established
    );
    assert_eq!(
        t.state_at(Host::Server, 1_150),
        synack::tcp::State::Established
    );

    let t = run(&preset("syn-received-timeout"));
    assert_eq!(
        states(&t, Host::Server),
        ["CLOSED", "LISTEN", "SYN-RECEIVED", "LISTEN"]
    );
    assert_eq!(
        t.end_ms, 63_050,
        "tcp_synack_retries = 5: 1+2+4+8+16+32 s after the first SYN,ACK"
    );
}

#[test]
fn lost_fin_and_lost_ack_of_fin_retransmit_the_fin() {
    let t = run(&preset("lost-fin"));
    assert_eq!(
        segments(&t)[3..5],
        ["c3 FIN,ACK 1001 5001 X", "c4 FIN,ACK 1001 5001"]
    );
    assert_eq!(sent_at(&t, "c4"), 1_200);

    let t = run(&preset("lost-fin-ack"));
    assert_eq!(
        segments(&t)[3..7],
        [
            "c3 FIN,ACK 1001 5001",
            "s2 ACK 5001 1002 X",
            "c4 FIN,ACK 1001 5001",
            "s3 ACK 5001 1002",
        ]
    );
    assert_eq!(
        t.segment("c4").unwrap().retransmission_of,
        t.segment_index("c3")
    );
    assert_eq!(
        states(&t, Host::Client)[3..],
        ["FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"]
    );
}

#[test]
fn lost_last_ack_time_wait_acknowledges_again_and_restarts() {
    let t = run(&preset("lost-last-ack"));
    assert_eq!(
        segments(&t)[5..],
        [
            "s3 FIN,ACK 5001 1002",
            "c4 ACK 1002 5002 X",
            "s4 FIN,ACK 5001 1002",
            "c5 ACK 1002 5002",
        ]
    );
    assert_eq!(sent_at(&t, "s4"), 1_350);
    assert_eq!(states(&t, Host::Server).last(), Some(&"CLOSED"));
    // 2MSL restarted when the retransmitted FIN arrived at 1.4 s.
    assert_eq!(t.end_ms, 1_400 + 240_000);
}

#[test]
fn connection_refused() {
    let t = run(&preset("refused"));
    assert_eq!(segments(&t), ["c1 SYN 1000 0", "s1 RST,ACK 0 1001"]);
    assert_eq!(states(&t, Host::Client), ["CLOSED", "SYN-SENT", "CLOSED"]);
    assert_eq!(t.errors(Host::Client), [ErrorKind::Refused]);
}

#[test]
fn old_duplicate_syn_is_reset_and_the_real_handshake_completes() {
    let t = run(&preset("old-duplicate-syn"));
    assert_eq!(
        segments(&t)[..6],
        [
            "c1 SYN 1000 0",
            "o1 SYN 900 0",
            "s1 SYN,ACK 5000 901",
            "c2 RST 901 0",
            "s2 SYN,ACK 42500 1001",
            "c3 ACK 1001 42501",
        ]
    );
    assert_eq!(
        states(&t, Host::Server)[..6],
        [
            "CLOSED",
            "LISTEN",
            "SYN-RECEIVED",
            "LISTEN",
            "SYN-RECEIVED",
            "ESTABLISHED"
        ]
    );
    assert_eq!(
        states(&t, Host::Client)[..3],
        ["CLOSED", "SYN-SENT", "ESTABLISHED"]
    );
}

#[test]
fn abort_resets_the_peer() {
    let t = run(&preset("abort"));
    assert_eq!(segments(&t)[3], "c3 RST,ACK 1001 5001");
    assert_eq!(states(&t, Host::Client).last(), Some(&"CLOSED"));
    assert_eq!(states(&t, Host::Server)[3..], ["ESTABLISHED", "CLOSED"]);
    assert_eq!(t.errors(Host::Server), [ErrorKind::Reset]);
}

#[test]
fn delay_beyond_rto_gives_a_spurious_retransmission_and_a_harmless_duplicate() {
    let t = run(&preset("delayed-syn"));
    assert_eq!(
        segments(&t)[..5],
        [
            "c1 SYN 1000 0",
            "c2 SYN 1000 0",
            "s1 SYN,ACK 5000 1001",
            "c3 ACK 1001 5001",
            "s2 ACK 5001 1001",
        ]
    );
    let c1 = t.segment("c1").unwrap();
    assert_eq!((c1.arrives, sent_at(&t, "s2")), (Some(1_550), 1_550));
    assert_eq!(
        states(&t, Host::Server)[..4],
        ["CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED"]
    );
    assert_eq!(
        t.state_at(Host::Server, 1_600),
        synack::tcp::State::Established
    );
}

#[test]
fn faults_on_retransmissions_stack() {
    let t = run(&with(
        preset("client-close"),
        &[("c1", Fault::Drop), ("c2", Fault::Drop)],
    ));
    assert_eq!(
        segments(&t)[..3],
        ["c1 SYN 1000 0 X", "c2 SYN 1000 0 X", "c3 SYN 1000 0"]
    );
    assert_eq!(sent_at(&t, "c3"), 3_000);
}

#[test]
fn rto_after_a_lost_syn_is_three_seconds_per_rfc_6298() {
    // c1 lost; the connection opens without an RTT sample, so the FIN's timer is 3 s.
    let t = run(&with(
        preset("client-close"),
        &[("c1", Fault::Drop), ("c4", Fault::Drop)],
    ));
    assert_eq!(segments(&t)[4], "c4 FIN,ACK 1001 5001 X");
    assert_eq!(sent_at(&t, "c5") - sent_at(&t, "c4"), 3_000);
}

#[test]
fn a_stale_segment_dies_in_time_wait_and_its_rst_ends_time_wait() {
    let t = run(&preset("old-segment-in-time-wait"));
    let segs = segments(&t);
    assert_eq!(
        segs[3..5],
        [
            "s2 ACK,PSH 5001 1001 len=100",
            "s3 ACK,PSH 5001 1001 len=100"
        ]
    );
    assert_eq!(
        segs[segs.len() - 2..],
        ["c6 ACK 1002 5102", "s6 RST 5102 0"]
    );
    let s2 = t.segment("s2").unwrap();
    assert_eq!(s2.arrives, Some(3_200));
    assert_eq!(
        t.state_at(Host::Client, 3_199),
        synack::tcp::State::TimeWait
    );
    assert_eq!(
        states(&t, Host::Client)[3..],
        ["FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"]
    );
    assert_eq!(
        t.end_ms, 3_300,
        "the RST ends TIME-WAIT (RFC 9293 3.10.7.4, RFC 1337)"
    );
}
