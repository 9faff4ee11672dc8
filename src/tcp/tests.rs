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

fn sent(ep: &mut Endpoint) -> Vec<String> {
    std::iter::from_fn(|| ep.poll_transmit())
        .map(|t| {
            format!(
                "{} {} {}",
                t.segment.flags, t.segment.seq.0, t.segment.ack.0
            )
        })
        .collect()
}

/// A client that completed a handshake with a peer whose ISN is 7000.
fn established(isn: u32) -> Endpoint {
    let mut ep = endpoint(isn, Profile::RFC);
    ep.connect(0);
    ep.handle_segment(100, &seg(7000, isn.wrapping_add(1), Flags::SYN_ACK, 0));
    assert_eq!(ep.state(), State::Established);
    sent(&mut ep);
    ep
}

#[test]
fn handshake_across_the_sequence_wrap() {
    let mut ep = endpoint(u32::MAX, Profile::RFC);
    ep.connect(0);
    assert_eq!(sent(&mut ep), ["SYN 4294967295 0"]);
    ep.handle_segment(100, &seg(7000, 0, Flags::SYN_ACK, 0));
    assert_eq!(ep.state(), State::Established);
    assert_eq!(sent(&mut ep), ["ACK 0 7001"]);
}

#[test]
fn rst_must_match_rcv_nxt_exactly_otherwise_a_challenge_ack() {
    let mut ep = established(1000);
    ep.handle_segment(200, &seg(7005, 0, Flags::RST, 0));
    assert_eq!(ep.state(), State::Established);
    assert_eq!(sent(&mut ep), ["ACK 1001 7001"]);
    ep.handle_segment(300, &seg(7001, 0, Flags::RST, 0));
    assert_eq!(ep.state(), State::Closed);
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
    assert_eq!(sent(&mut ep), ["RST,ACK 0 401", "RST 900 0"]);
}

#[test]
fn listen_answers_a_bare_ack_with_rst() {
    let mut ep = endpoint(1, Profile::RFC);
    ep.listen(0);
    ep.handle_segment(0, &seg(400, 77, Flags::ACK, 0));
    assert_eq!(sent(&mut ep), ["RST 77 0"]);
    assert_eq!(ep.state(), State::Listen);
}

#[test]
fn syn_sent_resets_an_ack_for_another_connection() {
    let mut ep = endpoint(1000, Profile::RFC);
    ep.connect(0);
    sent(&mut ep);
    ep.handle_segment(50, &seg(300, 91, Flags::SYN_ACK, 0));
    assert_eq!(sent(&mut ep), ["RST 91 0"]);
    assert_eq!(ep.state(), State::SynSent);
}

#[test]
fn data_out_of_order_is_held_and_acknowledged_once_the_hole_fills() {
    let mut ep = established(1000);
    ep.handle_segment(200, &seg(7101, 1001, Flags::ACK, 100));
    assert_eq!(
        sent(&mut ep),
        ["ACK 1001 7001"],
        "duplicate ACK for the hole"
    );
    ep.handle_segment(210, &seg(7001, 1001, Flags::ACK, 100));
    assert_eq!(sent(&mut ep), ["ACK 1001 7201"]);
}

#[test]
fn three_duplicate_acks_trigger_a_fast_retransmit() {
    let mut ep = established(1000);
    ep.send(200, 4000);
    assert_eq!(sent(&mut ep).len(), 4);
    // One ACK that advances, then three duplicates of it.
    for i in 0..4 {
        ep.handle_segment(300, &seg(7001, 2001, Flags::ACK, 0));
        assert_eq!(sent(&mut ep).len(), if i == 3 { 1 } else { 0 });
    }
    ep.handle_segment(310, &seg(7001, 2001, Flags::ACK, 0));
    assert_eq!(
        sent(&mut ep),
        Vec::<String>::new(),
        "only the third duplicate retransmits"
    );
    ep.handle_segment(400, &seg(7001, 3001, Flags::ACK, 0));
    assert_eq!(
        sent(&mut ep),
        ["ACK 3001 7001"],
        "NewReno: a partial ACK resends the next hole"
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
