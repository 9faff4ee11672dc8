//! A captured connection as a trace: its segments in capture order (`c1`,
//! `s1`, …), each host's RFC 9293 state inferred from what crossed the wire,
//! every state change carrying the rule that produced it, and the marks.
//!
//! A host's state is inferred first from what it sends (a host that sends
//! the ACK of its peer's SYN is ESTABLISHED), and from what it receives only
//! when that segment was not probably lost on the way (the capture point
//! sees segments that never reach the host; a retransmission without an
//! acknowledgement in between says so).

use super::marks::analyse;
use super::{CapturedSegment, Connection, Mark, RstReason, Rule};
use crate::scenario::Host;
use crate::tcp::{Segment, Seq, State};
use crate::trace::{Clock, Event, EventKind, Fate, SegmentRecord, Trace, TraceCause};
use std::rc::Rc;

/// What one host has done, as far as the capture shows.
struct Host_ {
    state: State,
    isn: Option<u32>,
    /// Sequence number of its FIN.
    fin: Option<u32>,
    fin_acked: bool,
    peer_fin_acked: bool,
    /// The sequence number after everything it has sent so far.
    sent_upto: Option<u32>,
}

/// Does `ack` acknowledge the sequence number `seq` (a SYN or FIN)?
fn covers(ack: u32, seq: u32) -> bool {
    Seq(ack).ge(Seq(seq).add(1))
}

/// Connections shorter than this (10 ms) are drawn on a microsecond clock.
pub const US_CLOCK_BELOW_US: u64 = 10_000;

pub fn infer(c: &Connection) -> Trace {
    let analysis = analyse(c);
    let mut marks_of: Vec<Vec<Mark>> = vec![Vec::new(); c.segments.len()];
    for &(seg, mark) in &analysis.marks {
        marks_of[seg].push(mark);
    }
    if let Some((seg, us)) = handshake_rtt(c) {
        marks_of[seg].push(Mark::HandshakeRtt { us });
    }
    let mut trace = Trace::default();
    let mut hosts = [new_host(), new_host()];
    let mut counts = [0usize; 2];
    let first_us = c.segments.first().map_or(0, |s| s.time_us);
    // A connection over within milliseconds keeps its microseconds: in
    // milliseconds every event of it would fall at 0 and nothing could be
    // stepped through.
    trace.clock = if c.duration_us() < US_CLOCK_BELOW_US {
        Clock::Us
    } else {
        Clock::Ms
    };
    let per_unit = 1000 / trace.clock.per_ms();
    // Trace time never goes back, even where the file's timestamps do
    // (interfaces with their own clocks in one pcapng).
    let mut latest = 0u64;
    let mut ms = |s: &CapturedSegment| {
        latest = latest.max(s.time_us.saturating_sub(first_us) / per_unit);
        latest
    };
    let ports = (c.client.port, c.server.port);
    let handshake = c.segments.iter().any(|s| s.flags.syn);

    // Where each host starts: a server whose first SYN acknowledges the
    // client's was listening; one whose first SYN is bare opened too (a
    // simultaneous open), and starts CLOSED like the client.
    let server_answers = c
        .segments
        .iter()
        .find(|s| !s.from_client && s.flags.syn)
        .is_some_and(|s| s.flags.ack);
    let push_state =
        |trace: &mut Trace, t: u64, host: Host, to: State, rule: Rule, hosts: &mut [Host_; 2]| {
            let h = &mut hosts[host as usize];
            if h.state != to {
                trace.events.push(Event {
                    t,
                    kind: EventKind::State {
                        host,
                        from: h.state,
                        to,
                        cause: TraceCause::Inferred(rule),
                    },
                });
                h.state = to;
            }
        };
    if !handshake {
        push_state(
            &mut trace,
            0,
            Host::Client,
            State::Established,
            Rule::NoHandshakeSeen,
            &mut hosts,
        );
        push_state(
            &mut trace,
            0,
            Host::Server,
            State::Established,
            Rule::NoHandshakeSeen,
            &mut hosts,
        );
    } else if server_answers {
        push_state(
            &mut trace,
            0,
            Host::Server,
            State::Listen,
            Rule::AnsweredSyn,
            &mut hosts,
        );
    }

    for (i, s) in c.segments.iter().enumerate() {
        let (me, peer) = if s.from_client {
            (Host::Client, Host::Server)
        } else {
            (Host::Server, Host::Client)
        };
        let t = ms(s);
        counts[me as usize] += 1;
        let id = format!(
            "{}{}",
            if s.from_client { 'c' } else { 's' },
            counts[me as usize]
        );
        let reason = s.flags.rst.then(|| rst_reason(&hosts[me as usize], i, c));

        // What sending this says about its sender.
        let sender_rules = sent_rules(&mut hosts, me, peer, s);
        for (to, rule) in sender_rules {
            push_state(&mut trace, t, me, to, rule, &mut hosts);
        }
        trace.segments.push(SegmentRecord {
            id,
            from: me,
            header: Segment {
                src_port: if s.from_client { ports.0 } else { ports.1 },
                dst_port: if s.from_client { ports.1 } else { ports.0 },
                seq: Seq(s.seq),
                ack: Seq(s.ack),
                flags: s.flags,
                window: s.window,
                len: s.len,
            },
            sent: t,
            arrives: Some(t),
            fate: Fate::Delivered,
            extra_delay_ms: 0,
            retransmission_of: analysis.retransmission_of[i],
            injected: false,
            copy_of: None,
        });
        trace.events.push(Event {
            t,
            kind: EventKind::Sent { seg: i },
        });
        trace.events.push(Event {
            t,
            kind: EventKind::Arrived { seg: i },
        });
        // What receiving it does to the peer, unless it probably never arrived.
        if !analysis.lost[i] {
            for (to, rule) in received_rules(&mut hosts, peer, me, s) {
                push_state(&mut trace, t, peer, to, rule, &mut hosts);
            }
        }
        let end = s
            .seq
            .wrapping_add(s.len)
            .wrapping_add(u32::from(s.flags.syn) + u32::from(s.flags.fin));
        let upto = &mut hosts[me as usize].sent_upto;
        if upto.is_none_or(|u| Seq(end).gt(Seq(u))) {
            *upto = Some(end);
        }
        let reset = reason.map(Mark::Reset);
        for mark in marks_of[i].iter().copied().chain(reset) {
            trace.events.push(Event {
                t,
                kind: EventKind::Mark { seg: i, mark },
            });
        }
    }
    trace.end_ms = trace.events.last().map_or(0, |e| e.t);
    let isn = |h: &Host_, first: Option<&CapturedSegment>| {
        h.isn
            .or_else(|| first.map(|s| s.seq.wrapping_sub(1)))
            .unwrap_or(0)
    };
    let first_of = |client: bool| c.segments.iter().find(|s| s.from_client == client);
    trace.isns = (
        isn(&hosts[0], first_of(true)),
        isn(&hosts[1], first_of(false)),
    );
    trace.capture_names = Some(c.names.clone());
    trace.captured = Some(Rc::new(c.clone()));
    trace
}

fn new_host() -> Host_ {
    Host_ {
        state: State::Closed,
        isn: None,
        fin: None,
        fin_acked: false,
        peer_fin_acked: false,
        sent_upto: None,
    }
}

fn split(hosts: &mut [Host_; 2], me: Host) -> (&mut Host_, &mut Host_) {
    let [c, s] = hosts;
    match me {
        Host::Client => (c, s),
        Host::Server => (s, c),
    }
}

/// The states `me` passes through by sending `s`.
fn sent_rules(
    hosts: &mut [Host_; 2],
    me: Host,
    _peer: Host,
    s: &CapturedSegment,
) -> Vec<(State, Rule)> {
    use State::*;
    let (h, p) = split(hosts, me);
    let mut out = Vec::new();
    let f = s.flags;
    if f.rst {
        // In SYN-SENT an RST answers an unacceptable ACK (an old duplicate's
        // SYN,ACK, RFC 9293 3.10.7.3) and the sender stays; closing there
        // sends nothing.
        if h.state != SynSent {
            out.push((Closed, Rule::SentRst));
        }
        return out;
    }
    if f.syn {
        h.isn.get_or_insert(s.seq);
        match (h.state, f.ack) {
            (Closed, false) => out.push((SynSent, Rule::SentSyn)),
            (Listen | SynSent | Closed, true) => out.push((SynReceived, Rule::SentSynAck)),
            _ => {}
        }
    }
    if f.ack {
        let state = out.last().map_or(h.state, |(st, _)| *st);
        if state == SynSent && p.isn.is_some_and(|isn| covers(s.ack, isn)) {
            out.push((Established, Rule::AckedPeerSyn));
        }
        if let Some(fin) = p.fin.filter(|&fin| !h.peer_fin_acked && covers(s.ack, fin)) {
            let _ = fin;
            h.peer_fin_acked = true;
            let state = out.last().map_or(h.state, |(st, _)| *st);
            match state {
                Established | SynReceived => out.push((CloseWait, Rule::AckedPeerFin)),
                FinWait1 if !h.fin_acked => out.push((Closing, Rule::SimultaneousClose)),
                FinWait1 | FinWait2 => out.push((TimeWait, Rule::BothFinsDone)),
                _ => {}
            }
        }
    }
    if f.fin && h.fin.is_none() {
        h.fin = Some(s.seq.wrapping_add(s.len));
        let state = out.last().map_or(h.state, |(st, _)| *st);
        match state {
            Established | SynReceived => out.push((FinWait1, Rule::SentFin)),
            CloseWait => out.push((LastAck, Rule::SentFin)),
            _ => {}
        }
    }
    out
}

/// The states `me` passes through by receiving `s` from its peer.
fn received_rules(
    hosts: &mut [Host_; 2],
    me: Host,
    _from: Host,
    s: &CapturedSegment,
) -> Vec<(State, Rule)> {
    use State::*;
    let (h, p) = split(hosts, me);
    let f = s.flags;
    let mut out = Vec::new();
    if f.syn {
        p.isn.get_or_insert(s.seq);
    }
    if f.rst {
        // An RST numbered before what its sender has already sent (it
        // answered something older, and crossed the sender's FIN) is out of
        // its receiver's window: ignored (RFC 9293 3.10.7.4, RFC 5961).
        let stale = p.sent_upto.is_some_and(|u| Seq(s.seq).lt(Seq(u)));
        if !stale && h.state != Closed && h.state != TimeWait {
            out.push((Closed, Rule::ReceivedRst));
        }
        return out;
    }
    if f.ack {
        let acks_syn = h.isn.is_some_and(|isn| covers(s.ack, isn));
        if acks_syn && matches!(h.state, SynSent | SynReceived) {
            out.push((Established, Rule::SynAcknowledged));
        }
        if let Some(fin) = h.fin.filter(|&fin| !h.fin_acked && covers(s.ack, fin)) {
            let _ = fin;
            h.fin_acked = true;
            let state = out.last().map_or(h.state, |(st, _)| *st);
            match state {
                FinWait1 if !f.fin => out.push((FinWait2, Rule::FinAcknowledged)),
                Closing => out.push((TimeWait, Rule::BothFinsDone)),
                LastAck => out.push((Closed, Rule::LastAckAcknowledged)),
                _ => {}
            }
        }
    }
    if f.fin && p.fin.is_none() {
        p.fin = Some(s.seq.wrapping_add(s.len));
    }
    // A received FIN changes its receiver's state too, but the capture point
    // cannot tell whether it arrived: the ACK its receiver sends for it says so
    // (`sent_rules`).
    out
}

fn rst_reason(sender: &Host_, i: usize, c: &Connection) -> RstReason {
    let s = &c.segments[i];
    let answers_syn = c.segments[..i]
        .iter()
        .rev()
        .find(|o| o.from_client != s.from_client)
        .is_some_and(|o| o.flags.syn && !o.flags.ack);
    if answers_syn && sender.isn.is_none() {
        RstReason::Refused
    } else if sender.fin.is_none()
        && matches!(
            sender.state,
            State::Established | State::CloseWait | State::SynReceived
        )
    {
        RstReason::Abort
    } else if sender.fin.is_some() || sender.state == State::Closed {
        RstReason::AfterClose
    } else {
        RstReason::Unknown
    }
}

/// The client's last SYN before its first ACK of the server's SYN, and how
/// long that round trip took at the capture point.
fn handshake_rtt(c: &Connection) -> Option<(usize, u64)> {
    let server_isn = c
        .segments
        .iter()
        .find(|s| !s.from_client && s.flags.syn)?
        .seq;
    let ack = c
        .segments
        .iter()
        .position(|s| s.from_client && !s.flags.syn && s.flags.ack && covers(s.ack, server_isn))?;
    let syn = c.segments[..ack]
        .iter()
        .rposition(|s| s.from_client && s.flags.syn)?;
    Some((
        ack,
        c.segments[ack]
            .time_us
            .saturating_sub(c.segments[syn].time_us),
    ))
}
