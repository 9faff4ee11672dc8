//! What happened to each captured segment, named from the segments alone:
//! retransmissions (of which, after how long, spurious or not), segments
//! probably lost, duplicate ACKs, D-SACKs, out-of-order data, zero windows.
//! One pass, with a map of what each side has sent, so a capture of 20,000
//! segments costs milliseconds.

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

pub fn analyse(c: &Connection) -> Analysis {
    let n = c.segments.len();
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
            let spurious = sides[peer].acked.is_some_and(|a| !before(a, abs_end));
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
            if !spurious && !lost[latest] {
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
