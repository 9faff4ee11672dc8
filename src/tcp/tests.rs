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
