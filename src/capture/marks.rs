//! What happened to each captured segment, named from the segments alone:
//! retransmissions (of which, after how long, spurious or not), segments
//! probably lost (before or after the capture point), duplicate ACKs,
//! D-SACKs, out-of-order data, zero windows. One pass, with a map of what
//! each side has sent, so a capture of 20,000 segments costs milliseconds.
//!
//! A retransmission of something its peer had acknowledged is told apart by
//! time. The capture point sees the acknowledgement pass; the handshake says
//! how long a segment takes from there to each host and back. If the sender
//! retransmits later than that, the acknowledgement had time to arrive and
//! did not: it was lost after the capture point, and the retransmission
//! answers that loss. If sooner, the acknowledgement was still on its way:
//! the retransmission is spurious (its timer ran out first).

use super::{CapturedSegment, Connection, Mark};
use std::collections::BTreeMap;

/// Serial order of sequence numbers (RFC 9293 §3.4), as the endpoint compares them.
fn before(a: u32, b: u32) -> bool {
    crate::tcp::Seq(a).lt(crate::tcp::Seq(b))
}

#[derive(Default)]
struct Side {
    /// Relative start of each range sent → (end, first index, latest index).
    sent: BTreeMap<u32, (u32, usize, usize)>,
    /// Relative end of the highest sequence space sent.
    high: Option<u32>,
    base: Option<u32>,
    /// Highest acknowledgement number sent, and the last ACK's (ack, window, index, repeats).
    acked: Option<u32>,
    last_ack: Option<(u32, u16, usize, u32)>,
}

pub struct Analysis {
    pub marks: Vec<(usize, Mark)>,
    pub retransmission_of: Vec<Option<usize>>,
    pub lost: Vec<bool>,
}

/// From the capture point to each host (client, server) and back, in µs,
/// as the handshake shows it: SYN → SYN,ACK is the server's side, SYN,ACK →
/// its ACK the client's. None without a handshake.
fn round_trips(segments: &[CapturedSegment]) -> [Option<u64>; 2] {
    let synack = segments
        .iter()
        .position(|s| s.flags.syn && s.flags.ack && !s.from_client);
    let server = synack.and_then(|k| {
        let syn = segments[..k]
            .iter()
            .rev()
            .find(|s| s.from_client && s.flags.syn)?;
        Some(segments[k].time_us.saturating_sub(syn.time_us))
    });
    let client = synack.and_then(|k| {
        let isn = segments[k].seq;
        let ack = segments.iter().position(|s| {
            s.from_client && !s.flags.syn && s.flags.ack && !before(s.ack, isn.wrapping_add(1))
        })?;
        let answered = segments[..ack]
            .iter()
            .rev()
            .find(|s| s.flags.syn && !s.from_client)?;
        Some(segments[ack].time_us.saturating_sub(answered.time_us))
    });
    [client, server]
}

/// Longer than this after an acknowledgement passed the capture point, a
/// retransmission of what it acknowledged means it never arrived: the
/// round trip to the retransmitting host, a quarter more and 2 ms for the
/// hosts' own delays.
fn had_time_to_arrive(round_trip_us: u64, waited_us: u64) -> bool {
    waited_us > round_trip_us + (round_trip_us / 4).max(2_000)
}

pub fn analyse(c: &Connection) -> Analysis {
    let n = c.segments.len();
    let round_trips = round_trips(&c.segments);
    let mut marks = Vec::new();
    let mut retransmission_of = vec![None; n];
    let mut lost = vec![false; n];
    let mut sides = [Side::default(), Side::default()];
    for (i, s) in c.segments.iter().enumerate() {
        let (me, peer) = if s.from_client { (0, 1) } else { (1, 0) };
        let base = *sides[me].base.get_or_insert(s.seq);
        let start = s.seq.wrapping_sub(base);
        let end = start.wrapping_add(s.seq_len());
        if s.seq_len() > 0 {
            data_marks(
                i,
                s,
                start,
                end,
                &mut sides,
                me,
                peer,
                &mut marks,
                &mut retransmission_of,
                &mut lost,
                &c.segments,
                round_trips[me],
            );
        }
        if s.flags.ack && !s.flags.rst {
            ack_marks(i, s, &mut sides, me, peer, &mut marks);
        }
        if s.window == 0 && !s.flags.rst {
            marks.push((i, Mark::ZeroWindow));
        }
    }
    Analysis {
        marks,
        retransmission_of,
        lost,
    }
}

#[allow(clippy::too_many_arguments)]
fn data_marks(
    i: usize,
    s: &CapturedSegment,
    start: u32,
    end: u32,
    sides: &mut [Side; 2],
    me: usize,
    peer: usize,
    marks: &mut Vec<(usize, Mark)>,
    retransmission_of: &mut [Option<usize>],
    lost: &mut [bool],
    segments: &[CapturedSegment],
    round_trip_us: Option<u64>,
) {
    let side = &mut sides[me];
    let below_high = side.high.is_some_and(|h| before(start, h));
    // The range sent before that holds this one's first byte.
    let earlier = side
        .sent
        .range(..=start)
        .next_back()
        .filter(|(&from, &(to, _, _))| from <= start && before(start, to))
        .map(|(&from, &v)| (from, v));
    match earlier {
        Some((from, (to, first, latest))) => {
            // Acknowledged by the peer (in absolute numbers) before this left?
            let abs_end = side.base.unwrap_or(0).wrapping_add(end);
            let acked = sides[peer].acked.is_some_and(|a| !before(a, abs_end));
            let spurious = acked
                && acks_still_on_their_way(i, first, abs_end, segments, lost, marks, round_trip_us);
            let after_ms = s.time_us.saturating_sub(segments[latest].time_us) / 1000;
            retransmission_of[i] = Some(first);
            marks.push((
                i,
                Mark::Retransmission {
                    of: first,
                    after_ms,
                    spurious,
                },
            ));
            // Acknowledged, it arrived: what was lost was the acknowledgement.
            if !acked && !lost[latest] {
                lost[latest] = true;
                marks.push((latest, Mark::ProbablyLost));
            }
            let side = &mut sides[me];
            side.sent.insert(from, (to.max(end), first, i));
        }
        None => {
            if below_high {
                marks.push((i, Mark::OutOfOrder));
            }
            side.sent.insert(start, (end, i, i));
        }
    }
    let side = &mut sides[me];
    if side.high.is_none_or(|h| before(h, end)) {
        side.high = Some(end);
    }
}

/// Segment `i` retransmits sequence space up to `abs_end`, first sent as
/// `first`, which the peer acknowledged at the capture point. Was the first
/// acknowledgement still on its way to the sender (a spurious
/// retransmission)? Each acknowledgement that had time to arrive and did not
/// stop this one is marked lost after the capture point. Without a round
/// trip (no handshake seen) nothing can be timed: spurious, as Wireshark
/// says, unless the acknowledgement is already known to be lost.
fn acks_still_on_their_way(
    i: usize,
    first: usize,
    abs_end: u32,
    segments: &[CapturedSegment],
    lost: &mut [bool],
    marks: &mut Vec<(usize, Mark)>,
    round_trip_us: Option<u64>,
) -> bool {
    let s = &segments[i];
    let covering = (first + 1..i).filter(|&k| {
        let a = &segments[k];
        a.from_client != s.from_client && a.flags.ack && !a.flags.rst && !before(a.ack, abs_end)
    });
    let mut first_decides = None;
    for k in covering {
        let waited = s.time_us.saturating_sub(segments[k].time_us);
        if !lost[k] && round_trip_us.is_some_and(|rt| had_time_to_arrive(rt, waited)) {
            lost[k] = true;
            marks.push((
                k,
                Mark::LostAfterCapture {
                    resent: i,
                    after_ms: waited / 1000,
                },
            ));
        }
        first_decides.get_or_insert(!lost[k]);
    }
    first_decides.unwrap_or(false)
}

fn ack_marks(
    i: usize,
    s: &CapturedSegment,
    sides: &mut [Side; 2],
    me: usize,
    peer: usize,
    marks: &mut Vec<(usize, Mark)>,
) {
    let pure = s.seq_len() == 0;
    // Does the peer have sequence space beyond this ACK?
    let outstanding = match (sides[peer].base, sides[peer].high) {
        (Some(b), Some(h)) => before(s.ack, b.wrapping_add(h)),
        _ => false,
    };
    let side = &mut sides[me];
    let repeat = match side.last_ack {
        Some((ack, win, of, count)) if pure && ack == s.ack && win == s.window && outstanding => {
            marks.push((
                i,
                Mark::DuplicateAck {
                    of,
                    count: count + 1,
                },
            ));
            Some((ack, win, of, count + 1))
        }
        _ => None,
    };
    side.last_ack = repeat.or(Some((s.ack, s.window, i, 0)));
    if side.acked.is_none_or(|a| before(a, s.ack)) {
        side.acked = Some(s.ack);
    }
    let dsack = s.options.iter().any(|o| match o {
        super::TcpOption::Sack(blocks) => blocks.first().is_some_and(|&(_, r)| !before(s.ack, r)),
        _ => false,
    });
    if dsack {
        marks.push((i, Mark::DSack));
    }
}
