//! Time to vertical position. Every trace event gets a y; short gaps grow
//! sub-linearly so 50 ms and 1 s both read well, long idle stretches (a 240 s
//! TIME-WAIT) collapse into a marked break, and segments sent at the same
//! instant get rows of their own so their labels never sit on each other.

use super::{TimeBreak, TOP};
use crate::trace::{EventKind, Trace};

/// Pixels for a 50 ms gap (one typical one-way latency).
const PX_PER_LATENCY: f64 = 40.0;
const MAX_GAP_PX: f64 = 130.0;
/// Gaps at least this long are drawn as a break.
pub const BREAK_MS: u64 = 3_000;
const BREAK_PX: f64 = 56.0;
/// Minimum distance between two segments leaving (or reaching) the same host.
pub(crate) const ROW_PX: f64 = 22.0;
/// How far an arrow falls at least, so its direction reads even when it
/// arrives the instant it left (a capture sees each segment at one time).
const MIN_FALL_PX: f64 = 26.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// y of each trace event, by index.
    pub event_y: Vec<f64>,
    /// (time, y) at each distinct step, increasing in both.
    pub knots: Vec<(u64, f64)>,
    pub breaks: Vec<TimeBreak>,
    pub end_y: f64,
}

pub fn gap_px(gap_ms: u64) -> f64 {
    if gap_ms == 0 {
        0.0
    } else {
        (PX_PER_LATENCY * (gap_ms as f64 / 50.0).sqrt()).clamp(10.0, MAX_GAP_PX)
    }
}

impl Timeline {
    pub fn build(trace: &Trace) -> Timeline {
        Timeline::stretched(trace, &[])
    }

    /// As `build`, with `extra` units of height added before each of the
    /// given events (by index, sorted): room the labels asked for. Before the
    /// first event of an instant it lengthens the gap; before a later one,
    /// the row between it and the one before.
    pub fn stretched(trace: &Trace, extra: &[(usize, f64)]) -> Timeline {
        let mut event_y = Vec::with_capacity(trace.events.len());
        let mut knots: Vec<(u64, f64)> = vec![(0, TOP)];
        let mut breaks = Vec::new();
        let mut y = TOP;
        let mut last_t = 0u64;
        let mut last_send_y = [f64::MIN; 2];
        let mut last_arrival_y = [f64::MIN; 2];
        let mut sent_y = vec![f64::MIN; trace.segments.len()];
        // The last dropped segment: when it vanishes, and where it left.
        let mut vanishing: Option<(u64, u64, f64)> = None;
        for (i, e) in trace.events.iter().enumerate() {
            let more = extra
                .binary_search_by_key(&i, |&(j, _)| j)
                .map_or(0.0, |k| extra[k].1);
            if e.t > last_t {
                let mut gap = e.t - last_t;
                // A lost segment still falling when a long quiet stretch
                // begins falls before the break, not across it.
                if let Some((sent, gone, from_y)) = vanishing.take() {
                    if gap >= BREAK_MS && gone > last_t && gone < e.t {
                        y = y.max(from_y + gap_px(gone - sent).max(MIN_FALL_PX));
                        knots.push((gone, y));
                        gap = e.t - gone;
                    }
                }
                if gap >= BREAK_MS {
                    breaks.push(TimeBreak {
                        y1: y + 8.0,
                        y2: y + BREAK_PX - 8.0,
                        // The quiet time between the events either side, as
                        // the ticks above and below it read.
                        skipped_ms: e.t - last_t,
                        clock: trace.clock,
                    });
                    y += BREAK_PX;
                } else {
                    y += gap_px(gap);
                }
                y += more;
                last_t = e.t;
                knots.push((e.t, y));
            } else if more > 0.0 {
                y += more;
                knots.push((e.t, y));
            }
            // Segments leaving one host, or reaching one host, at the same
            // instant each get a row, so a burst is drawn as parallel arrows.
            let row = match e.kind {
                EventKind::Sent { seg } => {
                    Some(&mut last_send_y[trace.segments[seg].from as usize])
                }
                EventKind::Arrived { seg } => {
                    Some(&mut last_arrival_y[trace.segments[seg].to() as usize])
                }
                _ => None,
            };
            if let Some(last) = row {
                let floor = match e.kind {
                    EventKind::Arrived { seg } => sent_y[seg] + MIN_FALL_PX,
                    _ => f64::MIN,
                };
                if y < (*last + ROW_PX).max(floor) {
                    y = (*last + ROW_PX).max(floor);
                    knots.push((e.t, y));
                }
                *last = y;
            }
            if let EventKind::Sent { seg } = e.kind {
                sent_y[seg] = y;
                let s = &trace.segments[seg];
                if s.fate == crate::trace::Fate::Dropped {
                    let gone = e.t + super::trace_latency(trace, s.from).max(2) / 2;
                    vanishing = Some((e.t, gone, y));
                }
            }
            event_y.push(y);
        }
        Timeline {
            event_y,
            knots,
            breaks,
            end_y: y + 30.0,
        }
    }

    /// y for any time, interpolating between knots (used for the playback cursor
    /// and for where a dropped segment stops).
    pub fn y_at(&self, t: u64) -> f64 {
        let after = self.knots.partition_point(|&(kt, _)| kt <= t);
        if after == 0 {
            return TOP;
        }
        let (t0, y0) = self.knots[after - 1];
        // The last knot at t0 (rows pushed at the same instant) is where t0 ends.
        match self.knots.get(after) {
            None => y0,
            Some(&(t1, y1)) => {
                let first_y1 = y1;
                let frac = (t - t0) as f64 / (t1 - t0).max(1) as f64;
                y0 + (first_y1 - y0) * frac
            }
        }
    }

    /// Time for a y, the inverse of `y_at` (for clicking or scrubbing on the diagram).
    pub fn t_at(&self, y: f64) -> u64 {
        let after = self.knots.partition_point(|&(_, ky)| ky <= y);
        if after == 0 {
            return 0;
        }
        let (t0, y0) = self.knots[after - 1];
        match self.knots.get(after) {
            None => t0,
            Some(&(t1, y1)) => t0 + ((y - y0) / (y1 - y0).max(1e-9) * (t1 - t0) as f64) as u64,
        }
    }
}
