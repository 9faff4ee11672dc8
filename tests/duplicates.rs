//! The link's third fault: a segment delivered twice, the copy (`id'`) some
//! milliseconds after the original. The receiver is the same endpoint as
//! ever; what it does with the copy is RFC 9293's answer (an unacceptable
//! segment is answered with an ACK, section 3.10.7.4), with Linux's choice
//! for a SYN repeated in SYN-RECEIVED (the SYN,ACK again, tcp_check_req).

mod common;
use common::*;
use synack::scenario::{Fault, Host};
use synack::trace::Fate;

fn duplicated(name: &str, id: &str, ms: u64) -> synack::trace::Trace {
    run(&with(preset(name), &[(id, Fault::Duplicate(ms))]))
}

#[test]
fn a_duplicated_syn_in_syn_received_is_answered_with_the_syn_ack_again() {
    let t = duplicated("handshake", "c1", 100);
    assert_eq!(
        segments(&t),
        [
            "c1 SYN 1000 0",
            "c1' SYN 1000 0",
            "s1 SYN,ACK 5000 1001",
            "c2 ACK 1001 5001",
            // c1' arrives at 150, just before c2: the server is still in SYN-RECEIVED.
            "s2 SYN,ACK 5000 1001",
            // The client, already ESTABLISHED, answers the old SYN,ACK with an ACK.
            "c3 ACK 1001 5001",
        ]
    );
    let copy = t.segment("c1'").unwrap();
    assert_eq!(
        (copy.sent, copy.arrives, copy.fate),
        (0, Some(150), Fate::Delivered)
    );
    assert_eq!(t.segment("c1").unwrap().fate, Fate::Duplicated);
    assert_eq!(t.segments[t.segment_index("c1'").unwrap()].copy_of, Some(0));
    assert_eq!(sent_at(&t, "s2"), 150);
    assert_eq!(
        states(&t, Host::Client),
        ["CLOSED", "SYN-SENT", "ESTABLISHED"]
    );
    assert_eq!(
        states(&t, Host::Server),
        ["CLOSED", "LISTEN", "SYN-RECEIVED", "ESTABLISHED"]
    );
}

#[test]
fn a_duplicated_syn_ack_gets_an_extra_ack_from_the_established_client() {
    let t = duplicated("client-close", "s1", 100);
    assert_eq!(
        segments(&t),
        [
            "c1 SYN 1000 0",
            "s1 SYN,ACK 5000 1001",
            "s1' SYN,ACK 5000 1001",
            "c2 ACK 1001 5001",
            "c3 ACK 1001 5001",
            "c4 FIN,ACK 1001 5001",
            "s2 ACK 5001 1002",
            "s3 FIN,ACK 5001 1002",
            "c5 ACK 1002 5002",
        ]
    );
    assert_eq!(sent_at(&t, "c3"), 200);
    assert_eq!(states(&t, Host::Client), ACTIVE_CLOSE);
}

#[test]
fn duplicated_data_is_acknowledged_again_with_the_same_ack() {
    let t = duplicated("half-close", "s3", 100);
    assert_eq!(
        segments(&t)[5..],
        [
            "s3 ACK,PSH 5001 1002 len=1000",
            "s3' ACK,PSH 5001 1002 len=1000",
            "c4 ACK 1002 6001",
            // A duplicate ACK: the copy's bytes are already in, ack stays 6001.
            "c5 ACK 1002 6001",
            "s4 FIN,ACK 6001 1002",
            "c6 ACK 1002 6002",
        ]
    );
    assert_eq!((sent_at(&t, "c4"), sent_at(&t, "c5")), (350, 450));
}

#[test]
fn a_duplicated_fin_is_acknowledged_again_in_close_wait() {
    let t = duplicated("client-close", "c3", 100);
    assert_eq!(
        segments(&t)[3..],
        [
            "c3 FIN,ACK 1001 5001",
            "c3' FIN,ACK 1001 5001",
            "s2 ACK 5001 1002",
            "s3 ACK 5001 1002",
            "s4 FIN,ACK 5001 1002",
            "c4 ACK 1002 5002",
        ]
    );
    assert_eq!(sent_at(&t, "s3"), 350);
    assert_eq!(states(&t, Host::Server), PASSIVE_CLOSE);
}

#[test]
fn a_duplicated_fin_in_time_wait_is_re_acknowledged_and_the_closed_server_resets() {
    let t = duplicated("client-close", "s3", 100);
    assert_eq!(
        segments(&t)[5..],
        [
            "s3 FIN,ACK 5001 1002",
            "s3' FIN,ACK 5001 1002",
            "c4 ACK 1002 5002",
            // TIME-WAIT acknowledges the repeated FIN ...
            "c5 ACK 1002 5002",
            // ... and the server, CLOSED since c4, answers that ACK with RST (seq = its ack).
            "s4 RST 5002 0",
        ]
    );
    assert_eq!((sent_at(&t, "c5"), sent_at(&t, "s4")), (500, 550));
    assert_eq!(t.state_at(Host::Client, 499), synack::tcp::State::TimeWait);
    // RFC 9293 (and Linux with tcp_rfc1337=0): the RST ends TIME-WAIT early.
    assert_eq!(t.state_at(Host::Client, 600), synack::tcp::State::Closed);
    assert_eq!(states(&t, Host::Client), ACTIVE_CLOSE);
}

#[test]
fn a_copy_is_kept_in_the_json_trace() {
    let t = duplicated("client-close", "s3", 100);
    let line = synack::trace::json_lines(&t)
        .into_iter()
        .find(|l| l.contains(r#""id":"s3'""#))
        .unwrap();
    assert_eq!(
        line,
        r#"{"t":350,"event":"segment","id":"s3'","from":"server","to":"client","flags":["FIN","ACK"],"seq":5001,"ack":1002,"len":0,"arrives":500,"fate":"delivered","copy_of":"s3"}"#
    );
}
