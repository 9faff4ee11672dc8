//! Endpoint-level checks driven by hand, without the simulator.

use super::*;

fn endpoint(isn: u32, profile: Profile) -> Endpoint {
    Endpoint::new(EndpointConfig {
        local_port: 1,
        remote_port: 2,
        isn,
        profile,
        mss: 1000,
        window: 65_535,
        delayed_ack_ms: None,
    })
}

fn seg(seq: u32, ack: u32, flags: Flags, len: u32) -> Segment {
    Segment {
        src_port: 2,
        dst_port: 1,
        seq: Seq(seq),
        ack: Seq(ack),
        flags,
        window: 65_535,
        len,
    }
}

/// What the endpoint sends now, one line a segment: flags, seq, ack and
/// length, so a data retransmission never reads like a pure ACK.
fn sent(ep: &mut Endpoint) -> Vec<String> {
    std::iter::from_fn(|| ep.poll_transmit())
        .map(|t| {
            let s = t.segment;
            format!("{} seq={} ack={} len={}", s.flags, s.seq.0, s.ack.0, s.len)
        })
        .collect()
}

/// One exchange, read as a line of a packet trace: `input` arrives at
/// `t`, the endpoint sends exactly `out`, and is in `state` afterwards.
#[track_caller]
fn exchange(ep: &mut Endpoint, t: u64, input: Segment, out: &[&str], state: State) {
    ep.handle_segment(t, &input);
    let got = (sent(ep), ep.state());
    let want: Vec<String> = out.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        got,
        (want, state),
        "after {} seq={} ack={} len={} at {t} ms",
        input.flags,
        input.seq.0,
        input.ack.0,
        input.len
    );
}

/// A client that completed a handshake with a peer whose ISN is 7000.
fn established(isn: u32) -> Endpoint {
    let mut ep = endpoint(isn, Profile::RFC);
    ep.connect(0);
    let ack = isn.wrapping_add(1);
    ep.handle_segment(100, &seg(7000, ack, Flags::SYN_ACK, 0));
    assert_eq!(ep.state(), State::Established);
    sent(&mut ep);
    ep
}

#[test]
fn handshake_across_the_sequence_wrap() {
    let mut ep = endpoint(u32::MAX, Profile::RFC);
    ep.connect(0);
    assert_eq!(sent(&mut ep), ["SYN seq=4294967295 ack=0 len=0"]);
    exchange(
        &mut ep,
        100,
        seg(7000, 0, Flags::SYN_ACK, 0),
        &["ACK seq=0 ack=7001 len=0"],
        State::Established,
    );
}

#[test]
fn rst_must_match_rcv_nxt_exactly_otherwise_a_challenge_ack() {
    let mut ep = established(1000);
    exchange(
        &mut ep,
        200,
        seg(7005, 0, Flags::RST, 0),
        &["ACK seq=1001 ack=7001 len=0"],
        State::Established,
    );
    exchange(
        &mut ep,
        300,
        seg(7001, 0, Flags::RST, 0),
        &[],
        State::Closed,
    );
    let errors: Vec<_> = std::iter::from_fn(|| ep.poll_event())
        .filter_map(|e| match e {
            EndpointEvent::Error(k) => Some(k),
            _ => None,
        })
        .collect();
    assert_eq!(errors, [ErrorKind::Reset]);
}

/// Linux (tcp_invalid_ratelimit): one challenge or out-of-window ACK per
/// 500 ms per connection; out-of-window data and FINs are always answered.
/// The RFC profile answers each. (Checked on the real kernel by
/// tests/drill/established-rst-and-syn.pkt.)
#[test]
fn challenge_acks_are_rate_limited_on_linux_only() {
    let mut ep = endpoint(1000, Profile::LINUX);
    ep.connect(0);
    ep.handle_segment(100, &seg(7000, 1001, Flags::SYN_ACK, 0));
    sent(&mut ep);
    let challenge = ["ACK seq=1001 ack=7001 len=0"];
    // An RST in the window: challenged.
    exchange(
        &mut ep,
        200,
        seg(7005, 0, Flags::RST, 0),
        &challenge,
        State::Established,
    );
    // A SYN in the window 100 ms later: not answered.
    exchange(
        &mut ep,
        300,
        seg(9000, 0, Flags::SYN, 0),
        &[],
        State::Established,
    );
    // A pure ACK from far outside the window, 499 ms after: not answered.
    exchange(
        &mut ep,
        699,
        seg(900_000, 1001, Flags::ACK, 0),
        &[],
        State::Established,
    );
    // Data outside the window is answered whatever the limit.
    exchange(
        &mut ep,
        700,
        seg(900_000, 1001, Flags::ACK, 10),
        &challenge,
        State::Established,
    );
    // 500 ms after the first challenge: the SYN is answered again.
    exchange(
        &mut ep,
        700,
        seg(9000, 0, Flags::SYN, 0),
        &challenge,
        State::Established,
    );
    exchange(
        &mut ep,
        800,
        seg(9000, 0, Flags::SYN, 0),
        &[],
        State::Established,
    );

    let mut rfc = established(1000);
    for t in [200, 300, 400] {
        exchange(
            &mut rfc,
            t,
            seg(7005, 0, Flags::RST, 0),
            &challenge,
            State::Established,
        );
    }
}

/// RFC 5961 challenge ACKs counted per window: an in-window RST every
/// 50 ms for 1.4 s is challenged once per 500 ms on Linux, five times per
/// second on FreeBSD (`tcp_ack_war_cnt`), ten on macOS
/// (`tcp_challengeack_limit`), and every time by lwIP.
#[test]
fn challenge_acks_are_limited_per_window_as_each_stack_counts_them() {
    let every = |from: u64, to: u64| (from..=to).step_by(50).collect::<Vec<u64>>();
    for (profile, challenged_at) in [
        (Profile::LINUX, vec![200, 700, 1200]),
        (
            Profile::FREEBSD,
            [every(200, 400), every(1200, 1400)].concat(),
        ),
        (
            Profile::MACOS,
            [every(200, 650), every(1200, 1600)].concat(),
        ),
        (Profile::LWIP, every(200, 1600)),
    ] {
        let mut ep = endpoint(1000, profile);
        ep.connect(0);
        ep.handle_segment(100, &seg(7000, 1001, Flags::SYN_ACK, 0));
        sent(&mut ep);
        let mut answered = Vec::new();
        for t in every(200, 1600) {
            ep.handle_segment(t, &seg(7005, 0, Flags::RST, 0));
            if !sent(&mut ep).is_empty() {
                answered.push(t);
            }
        }
        assert_eq!(answered, challenged_at, "{:?}", profile.name);
        assert_eq!(ep.state(), State::Established);
    }
}

/// close() with 100 bytes unread: Linux resets (RST,ACK at SND.NXT, then
/// CLOSED); the RFC profile sends its FIN. Read first, and Linux closes
/// with a FIN too. (tests/drill/close-with-unread-data.pkt on the kernel.)
#[test]
fn close_with_unread_data_resets_on_linux() {
    for (profile, read_first, out, state) in [
        (
            Profile::LINUX,
            false,
            "RST,ACK seq=1001 ack=7101 len=0",
            State::Closed,
        ),
        (
            Profile::LINUX,
            true,
            "FIN,ACK seq=1001 ack=7101 len=0",
            State::FinWait1,
        ),
        (
            Profile::RFC,
            false,
            "FIN,ACK seq=1001 ack=7101 len=0",
            State::FinWait1,
        ),
    ] {
        let mut ep = endpoint(1000, profile);
        ep.connect(0);
        ep.handle_segment(100, &seg(7000, 1001, Flags::SYN_ACK, 0));
        ep.handle_segment(150, &seg(7001, 1001, Flags::ACK, 100));
        sent(&mut ep);
        assert_eq!(ep.unread(), 100);
        if read_first {
            assert_eq!(ep.read(60), 60);
            assert_eq!(ep.read(60), 40);
        }
        ep.close(200);
        assert_eq!(
            (sent(&mut ep), ep.state()),
            (vec![out.to_string()], state),
            "{profile:?} read {read_first}"
        );
    }
}

/// SYN-SENT, a SYN,ACK acknowledging what was never sent: RST at SEG.ACK,
/// and on Linux the first SYN's timer is cut to two ticks (TCP_TIMEOUT_MIN,
/// 12 ms once the timer wheel has rounded it), so the SYN leaves again at
/// 62 ms; the RFC profile keeps its 1 s RTO.
/// (tests/drill/syn-sent-bad-ack.pkt on the kernel.)
#[test]
fn a_bad_syn_ack_in_syn_sent_brings_the_syn_again_at_once_on_linux() {
    // (profile, the first retransmission, the one after: Linux's first four
    // wait the initial RTO again, the RFC doubles it).
    for (profile, next_syn, after) in [(Profile::LINUX, 62, 1062), (Profile::RFC, 1000, 3000)] {
        let mut ep = endpoint(1000, profile);
        ep.connect(0);
        sent(&mut ep);
        exchange(
            &mut ep,
            50,
            seg(7000, 1500, Flags::SYN_ACK, 0),
            &["RST seq=1500 ack=0 len=0"],
            State::SynSent,
        );
        assert_eq!(ep.poll_timeout(), Some(next_syn), "{profile:?}");
        ep.handle_timeout(next_syn);
        assert_eq!(sent(&mut ep), ["SYN seq=1000 ack=0 len=0"]);
        assert_eq!(ep.poll_timeout(), Some(after), "{profile:?}");
    }
}

#[test]
fn closed_endpoint_answers_with_the_reset_the_sender_accepts() {
    let mut ep = endpoint(1, Profile::RFC);
    ep.handle_segment(0, &seg(400, 0, Flags::SYN, 0));
    ep.handle_segment(0, &seg(400, 900, Flags::ACK, 10));
    ep.handle_segment(0, &seg(400, 900, Flags::RST, 0));
    assert_eq!(
        sent(&mut ep),
        ["RST,ACK seq=0 ack=401 len=0", "RST seq=900 ack=0 len=0"]
    );
}

#[test]
fn listen_answers_a_bare_ack_with_rst() {
    let mut ep = endpoint(1, Profile::RFC);
    ep.listen(0);
    exchange(
        &mut ep,
        0,
        seg(400, 77, Flags::ACK, 0),
        &["RST seq=77 ack=0 len=0"],
        State::Listen,
    );
}

#[test]
fn syn_sent_resets_an_ack_for_another_connection() {
    let mut ep = endpoint(1000, Profile::RFC);
    ep.connect(0);
    sent(&mut ep);
    exchange(
        &mut ep,
        50,
        seg(300, 91, Flags::SYN_ACK, 0),
        &["RST seq=91 ack=0 len=0"],
        State::SynSent,
    );
}

#[test]
fn data_out_of_order_is_held_and_acknowledged_once_the_hole_fills() {
    let mut ep = established(1000);
    // A duplicate ACK for the hole, then one ACK for both once it fills.
    exchange(
        &mut ep,
        200,
        seg(7101, 1001, Flags::ACK, 100),
        &["ACK seq=1001 ack=7001 len=0"],
        State::Established,
    );
    exchange(
        &mut ep,
        210,
        seg(7001, 1001, Flags::ACK, 100),
        &["ACK seq=1001 ack=7201 len=0"],
        State::Established,
    );
}

#[test]
fn three_duplicate_acks_trigger_a_fast_retransmit() {
    let mut ep = established(1000);
    ep.send(200, 4000);
    assert_eq!(
        sent(&mut ep),
        [
            "ACK seq=1001 ack=7001 len=1000",
            "ACK seq=2001 ack=7001 len=1000",
            "ACK seq=3001 ack=7001 len=1000",
            "ACK,PSH seq=4001 ack=7001 len=1000",
        ]
    );
    let ack_2001 = || seg(7001, 2001, Flags::ACK, 0);
    // One ACK that advances, then three duplicates of it: the third resends
    // the segment at 2001 (RFC 5681 3.2).
    exchange(&mut ep, 300, ack_2001(), &[], State::Established);
    exchange(&mut ep, 300, ack_2001(), &[], State::Established);
    exchange(&mut ep, 300, ack_2001(), &[], State::Established);
    exchange(
        &mut ep,
        300,
        ack_2001(),
        &["ACK seq=2001 ack=7001 len=1000"],
        State::Established,
    );
    // Only the third duplicate retransmits.
    exchange(&mut ep, 310, ack_2001(), &[], State::Established);
    // NewReno: a partial ACK resends the next hole, data and all.
    exchange(
        &mut ep,
        400,
        seg(7001, 3001, Flags::ACK, 0),
        &["ACK seq=3001 ack=7001 len=1000"],
        State::Established,
    );
}

#[test]
fn calls_in_the_wrong_state_report_errors_not_panics() {
    let mut ep = endpoint(1, Profile::RFC);
    ep.close(0);
    ep.send(0, 10);
    let mut est = established(1000);
    est.connect(0);
    let errs = |ep: &mut Endpoint| -> Vec<ErrorKind> {
        std::iter::from_fn(|| ep.poll_event())
            .filter_map(|e| {
                if let EndpointEvent::Error(k) = e {
                    Some(k)
                } else {
                    None
                }
            })
            .collect()
    };
    assert_eq!(
        errs(&mut ep),
        [
            ErrorKind::ConnectionDoesNotExist,
            ErrorKind::ConnectionDoesNotExist
        ]
    );
    assert_eq!(errs(&mut est), [ErrorKind::ConnectionExists]);
}

/// A client (ISN 1000) whose handshake with a peer at ISN 7000 is done,
/// checked segment by segment, under `profile`.
fn connected_client(profile: Profile) -> Endpoint {
    let mut ep = endpoint(1000, profile);
    ep.connect(0);
    assert_eq!(sent(&mut ep), ["SYN seq=1000 ack=0 len=0"]);
    let synack = seg(7000, 1001, Flags::SYN_ACK, 0);
    exchange(
        &mut ep,
        100,
        synack,
        &["ACK seq=1001 ack=7001 len=0"],
        State::Established,
    );
    ep
}

/// Found by the kernel check's random schedules (old-segment-in-time-wait,
/// the client's handshake ACK lost): data and then a FIN, both unanswered;
/// when the RTO fires Linux sends them again as one FIN,PSH,ACK
/// (tcp_retrans_try_collapse), `rfc` sends the data alone.
#[test]
fn a_retransmission_takes_in_the_fin_on_linux() {
    for (profile, again) in [
        (Profile::LINUX, "FIN,ACK,PSH seq=1001 ack=7001 len=100"),
        (Profile::RFC, "ACK,PSH seq=1001 ack=7001 len=100"),
    ] {
        let mut ep = connected_client(profile);
        ep.send(100, 100);
        ep.close(150);
        assert_eq!(
            sent(&mut ep),
            [
                "ACK,PSH seq=1001 ack=7001 len=100",
                "FIN,ACK seq=1101 ack=7001 len=0"
            ]
        );
        let rto = ep.poll_timeout().expect("the RTO is armed");
        ep.handle_timeout(rto);
        assert_eq!(
            (sent(&mut ep), ep.state()),
            (vec![again.to_string()], State::FinWait1),
            "{profile:?}"
        );
    }
}

/// Found the same way (server-close, the server's data lost, its FIN
/// ahead of it): the retransmitted data fills the gap before the held FIN,
/// and Linux acknowledges it at once (RFC 5681 4.2, ICSK_ACK_NOW), though
/// the FIN put it in pingpong mode, where an ACK would wait 40 ms.
#[test]
fn a_segment_that_fills_a_gap_is_acknowledged_at_once() {
    for profile in [Profile::LINUX, Profile::RFC] {
        let mut ep = connected_client(profile);
        // The FIN comes ahead of 300 bytes: held, a duplicate ACK at once.
        exchange(
            &mut ep,
            300,
            seg(
                7301,
                1001,
                Flags {
                    fin: true,
                    ..Flags::ACK
                },
                0,
            ),
            &["ACK seq=1001 ack=7001 len=0"],
            State::Established,
        );
        exchange(
            &mut ep,
            600,
            seg(
                7001,
                1001,
                Flags {
                    psh: true,
                    ..Flags::ACK
                },
                300,
            ),
            &["ACK seq=1001 ack=7302 len=0"],
            State::CloseWait,
        );
    }
}

/// SYN-RECEIVED after a passive open, a new SYN inside the window (seq
/// 7100, not the 7000 the request holds): back to LISTEN under both
/// profiles (RFC 9293 3.10.7.4), and Linux also resets it as it resets a
/// segment to nobody (seen on Linux 6.18: `R. 0:0(0) ack 7101`, seq 0).
#[test]
fn a_new_syn_in_syn_received_sends_the_listener_back_to_listen() {
    for (profile, out) in [
        (Profile::LINUX, vec!["RST,ACK seq=0 ack=7101 len=0"]),
        (Profile::RFC, vec![]),
    ] {
        let mut ep = endpoint(5000, profile);
        ep.listen(0);
        exchange(
            &mut ep,
            0,
            seg(7000, 0, Flags::SYN, 0),
            &["SYN,ACK seq=5000 ack=7001 len=0"],
            State::SynReceived,
        );
        exchange(
            &mut ep,
            100,
            seg(7100, 0, Flags::SYN, 0),
            &out,
            State::Listen,
        );
    }
}
