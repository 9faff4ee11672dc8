//! Pure geometry: where every arrow, band, label and bracket of the sequence
//! diagram goes, computed from the trace alone. The view maps these shapes
//! to SVG elements and adds nothing but styling.

pub mod boxes;
pub mod colours;
pub mod compare_chart;
pub mod frame;
pub mod page_svg;
mod place;
pub mod present;
pub mod state_chart;
mod style;
pub mod svg;
mod timeline;
pub mod units;

pub use frame::{label_lines, label_rows, row_dy, Frame};
pub use style::{mark_failed, Arrowhead, Style, FAILED_MARK};

pub use timeline::{Timeline, BREAK_MS};
pub use units::{escape, micros, px, seconds, Escaped, Px};

use crate::i18n::Word;
use crate::scenario::Host;
use crate::tcp::{Call, State, TimerAction, TimerKind};
use crate::trace::{EventKind, Fate, Notice, Numbering, Numbers, Trace};

#[derive(Clone, Debug, PartialEq, Default)]
pub struct View {
    /// Absolute, Wireshark's relative (each ISN counts as 0), or letters.
    pub numbering: Numbering,
    /// The width it is shown at, and so where everything goes.
    pub frame: Frame,
}

pub const TOP: f64 = 70.0;
const BOTTOM_MARGIN: f64 = 40.0;
/// Where a dropped segment's arrow stops, as a share of the way across.
const DROP_REACH: f64 = 0.45;
/// Where a label sits along its arrow, from the sender's side.
const LABEL_AT: f64 = 0.22;
/// An arrow falling further than this is labelled near its sender.
const LONG_ARROW_PX: f64 = 150.0;
/// On a phone, how far down a long arrow its label's first place is.
const PHONE_LABEL_WITHIN_PX: f64 = 90.0;
const STATE_LABEL_SPACING: f64 = 15.0;
const TICK_SPACING: f64 = 16.0;

#[derive(Clone, Debug, PartialEq)]
pub struct SegmentShape {
    pub index: usize,
    pub id: String,
    pub from: Host,
    pub fate: Fate,
    pub retransmission_of: Option<String>,
    pub injected: bool,
    /// The id of the segment this is the link's copy of.
    pub copy_of: Option<String>,
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub label: String,
    pub label_x: f64,
    pub label_y: f64,
    /// Rotation of the label in degrees, to follow the arrow.
    pub angle: f64,
    /// In how many rows its label is drawn (`label_rows`): two on a phone,
    /// what it is above the arrow and its numbers below; more, or elsewhere
    /// more than one, where fewer find no room. None (0): in a long trace a
    /// label that found no place is not drawn (the inspector and the
    /// accessible name still say it).
    pub lines: u8,
    pub sent_ms: u64,
    pub arrives_ms: Option<u64>,
    /// When the arrow ends: its arrival, or for a dropped segment the moment
    /// it vanishes (half the trace's own one-way latency), so a view moving a
    /// dot along it never works that out from a scenario.
    pub ends_ms: u64,
    /// A captured segment retransmitted later without ever being acknowledged.
    pub probably_lost: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StateBand {
    pub host: Host,
    pub state: State,
    pub y1: f64,
    pub y2: f64,
    /// The event that entered the state (None: the state at the start), so
    /// a view holding back events (a quiz) can leave the band out.
    pub event: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StateLabel {
    pub host: Host,
    pub state: State,
    pub x: f64,
    pub y: f64,
    /// As for `StateBand::event`.
    pub event: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimerBracket {
    pub host: Host,
    pub timer: TimerKind,
    pub x: f64,
    pub y1: f64,
    pub y2: f64,
    pub duration_ms: u64,
    /// Where its words' baseline is: chosen clear of every other label and
    /// arrow (`place`).
    pub label_y: f64,
    /// The trace event that armed it.
    pub armed_event: usize,
}

impl TimerBracket {
    /// Where its two short ends reach, back toward its lifeline.
    pub fn tick_x(&self) -> f64 {
        let inward = if self.host == Host::Client { 1.0 } else { -1.0 };
        self.x - inward * 6.0
    }

    /// The bracket's three strokes (the top end, the line down, the bottom
    /// end): no label may lie across them.
    pub fn strokes(&self) -> [(boxes::Point, boxes::Point); 3] {
        let (t, x) = (self.tick_x(), self.x);
        [
            ((t, self.y1), (x, self.y1)),
            ((x, self.y1), (x, self.y2)),
            ((x, self.y2), (t, self.y2)),
        ]
    }

    /// "RTO 1 s", "2MSL = 240 s": the same words in the app, the SVG and the PNG.
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::t;
        match self.timer {
            TimerKind::Retransmit => {
                format!("{} {}", t(lang, Word::TimerRto), seconds(self.duration_ms))
            }
            TimerKind::TimeWait => {
                format!(
                    "{} = {}",
                    t(lang, Word::Timer2msl),
                    seconds(self.duration_ms)
                )
            }
            TimerKind::FinWait2 => {
                format!("{} {}", t(lang, Word::TimerFw2), seconds(self.duration_ms))
            }
        }
    }

    /// Where its words go first: long brackets (TIME-WAIT across a break)
    /// label their start, clear of the break mark, short ones their middle.
    fn first_label_y(y1: f64, y2: f64) -> f64 {
        if y2 - y1 > 60.0 {
            y1 + 18.0
        } else {
            (y1 + y2) / 2.0 + 4.0
        }
    }
}

impl TimeBreak {
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        let (time, word) = self.label_rows(lang);
        format!("{time} {word}")
    }

    /// The time it hides and the word for it, on a row each on a phone
    /// (between its zigzags there is room for one).
    pub fn label_rows(&self, lang: crate::i18n::Lang) -> (String, &'static str) {
        (
            format!("≈ {}", self.clock.text(self.skipped_ms)),
            crate::i18n::t(lang, Word::Break),
        )
    }

    /// The first row's baseline, and the second's on a phone.
    pub fn label_baselines(&self, phone: bool) -> (f64, f64) {
        let mid = (self.y1 + self.y2) / 2.0;
        if phone {
            (mid - 2.0, mid + 11.0)
        } else {
            (mid + 4.0, mid + 4.0)
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CallLabel {
    pub host: Host,
    pub what: CallText,
    pub x: f64,
    pub y: f64,
    /// The event it tells of.
    pub event: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimeBreak {
    pub y1: f64,
    pub y2: f64,
    /// The quiet time it hides, in the trace's clock.
    pub skipped_ms: u64,
    pub clock: crate::trace::Clock,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub y: f64,
    pub t: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub lanes: [f64; 2],
    pub frame: Frame,
    pub segments: Vec<SegmentShape>,
    pub bands: Vec<StateBand>,
    pub state_labels: Vec<StateLabel>,
    pub timers: Vec<TimerBracket>,
    pub calls: Vec<CallLabel>,
    pub breaks: Vec<TimeBreak>,
    pub ticks: Vec<Tick>,
    pub timeline: Timeline,
    pub end_ms: u64,
    /// The unit of every time in it (ticks, breaks, `end_ms`).
    pub clock: crate::trace::Clock,
    pub trace_len: usize,
    /// Drawn from a capture: every state is inferred (hatched bands).
    pub inferred: bool,
    /// A replay: the capture's segments under the model's (`underlay`).
    pub underlay: Vec<UnderlayLine>,
}

/// A captured segment drawn faintly under the model's run that replays it.
#[derive(Clone, Debug, PartialEq)]
pub struct UnderlayLine {
    pub id: String,
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// How far a captured segment's faint line slants: a capture has one
/// point of view, so it says when a segment passed, not when it arrived.
const UNDERLAY_SLANT: f64 = 18.0;

/// The segments of `replayed` (a capture) on `timeline` (the model's run
/// that replays it), each at its own time; segments captured in the same
/// millisecond a row apart, as the model's own are.
pub fn underlay(replayed: &Trace, d: &Diagram) -> Vec<UnderlayLine> {
    let timeline = &d.timeline;
    let mut row = (u64::MAX, 0.0);
    replayed
        .segments
        .iter()
        .map(|seg| {
            row = if row.0 == seg.sent {
                (seg.sent, row.1 + timeline::ROW_PX)
            } else {
                (seg.sent, 0.0)
            };
            let y = timeline.y_at(seg.sent) + row.1;
            UnderlayLine {
                id: seg.id.clone(),
                x1: d.lane(seg.from),
                y1: y,
                x2: d.lane(seg.to()),
                y2: y + UNDERLAY_SLANT,
            }
        })
        .collect()
}

/// A segment's label as drawn: with its extra delay, and for a capture a
/// probable loss. The same words in the page, the SVG and the PNG.
pub fn drawn_label(
    shape: &SegmentShape,
    rec: &crate::trace::SegmentRecord,
    lang: crate::i18n::Lang,
) -> String {
    let mut label = shape.label.clone();
    if shape.fate == Fate::Delayed || shape.copy_of.is_some() {
        label.push_str(&format!(" (+{} ms)", rec.extra_delay_ms));
    }
    if shape.probably_lost {
        label.push_str(&format!(
            " ⚠ {}",
            crate::i18n::t(lang, Word::CaptureLostTag)
        ));
    }
    label
}

/// What the diagram prints under a host's name: its port, or for a capture
/// its address and port; and its stack when the two hosts run different ones.
pub fn endpoint_text(trace: &Trace, host: Host, port: u16, lang: crate::i18n::Lang) -> String {
    let at = match (&trace.capture_names, host) {
        (Some(names), host) => names[host as usize].clone(),
        // The ports on the wire, which a script's run chooses itself.
        (None, _) => {
            let sent = trace.segments.iter().find(|s| s.from == host);
            format!(":{}", sent.map_or(port, |s| s.header.src_port))
        }
    };
    match trace.stacks {
        Some(stacks) => format!(
            "{at} · {}",
            crate::i18n::t(lang, stacks[host as usize].word())
        ),
        None => at,
    }
}

impl Diagram {
    /// Where `host`'s lifeline runs.
    pub fn lane(&self, host: Host) -> f64 {
        self.lanes[host as usize]
    }
}

/// Outward from the lifeline: left for the client, right for the server.
fn outward(host: Host) -> f64 {
    match host {
        Host::Client => -1.0,
        Host::Server => 1.0,
    }
}

/// What a label beside a lifeline says: a socket call the host makes, or a
/// call returning. Worded when drawn, so the layout needs no language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CallText {
    Call(Call),
    ConnectReturns,
    AcceptReturns,
    RecvEof,
}

impl CallText {
    /// The call name stays code in both languages; only the words around it change.
    pub fn text(self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::t;
        match self {
            CallText::Call(Call::Send(n)) => format!("send({n} B)"),
            CallText::Call(other) => format!("{}()", other.name()),
            CallText::ConnectReturns => format!("connect() {}", t(lang, Word::CallReturns)),
            CallText::AcceptReturns => format!("accept() {}", t(lang, Word::CallReturns)),
            CallText::RecvEof => format!("recv() {}", t(lang, Word::CallReturns0)),
        }
    }

    /// A call returning: drawn on a phone as the call over the words.
    pub fn returns(self) -> bool {
        !matches!(self, CallText::Call(_))
    }

    /// The call, and what is said of it (`returns`, `returns 0`), for a
    /// phone's two lines; both in one line elsewhere (`text`).
    pub fn lines(self, lang: crate::i18n::Lang) -> (String, String) {
        use crate::i18n::t;
        match self {
            CallText::Call(_) => (self.text(lang), String::new()),
            CallText::ConnectReturns => ("connect()".into(), t(lang, Word::CallReturns).into()),
            CallText::AcceptReturns => ("accept()".into(), t(lang, Word::CallReturns).into()),
            CallText::RecvEof => ("recv()".into(), t(lang, Word::CallReturns0).into()),
        }
    }

    fn of_notice(notice: Notice) -> Option<CallText> {
        match notice {
            Notice::ConnectReturns => Some(CallText::ConnectReturns),
            Notice::AcceptReturns => Some(CallText::AcceptReturns),
            Notice::RecvEof => Some(CallText::RecvEof),
            Notice::Received(_) => None,
        }
    }
}

/// The diagram of `trace` for `view`, every label placed where nothing else
/// is: where a crowded stretch has no free place, it is made taller
/// (`place::with_room`).
pub fn layout(trace: &Trace, view: &View) -> Diagram {
    place::with_room(trace, view, layout_stretched)
}

/// The diagram with `extra` height before the given events, labels where
/// the layout first puts them.
fn layout_stretched(trace: &Trace, view: &View, extra: &[(usize, f64)]) -> Diagram {
    let frame = view.frame;
    let lane_x = |host: Host| frame.lanes[host as usize];
    let timeline = Timeline::stretched(trace, extra);
    let numbers = Numbers::of(trace, view.numbering);
    let y_of = |i: usize| timeline.event_y[i];

    let mut segments = Vec::with_capacity(trace.segments.len());
    let mut sent_y = vec![TOP; trace.segments.len()];
    let mut arrived_y: Vec<Option<f64>> = vec![None; trace.segments.len()];
    for (i, e) in trace.events.iter().enumerate() {
        match e.kind {
            EventKind::Sent { seg } => sent_y[seg] = y_of(i),
            EventKind::Arrived { seg } => arrived_y[seg] = Some(y_of(i)),
            _ => {}
        }
    }
    for (index, s) in trace.segments.iter().enumerate() {
        let (x1, y1) = (lane_x(s.from), sent_y[index]);
        let x_to = lane_x(s.to());
        let (x2, y2) = match arrived_y[index] {
            Some(y) => (x_to, y),
            None => {
                let drop_y = timeline
                    .y_at(s.sent + trace_latency(trace, s.from) / 2)
                    .max(y1 + 12.0);
                (x1 + (x_to - x1) * DROP_REACH, drop_y.min(y1 + 60.0))
            }
        };
        // A label sits mid-arrow, or near the sender when another segment
        // crosses this one in flight, so that the two labels stay apart.
        // (A captured segment is seen at one instant: nothing crosses it, and
        // skipping the scan keeps a 20,000-segment capture linear.)
        let in_flight = s.arrives != Some(s.sent);
        let crosses = in_flight
            && trace.segments.iter().any(|o| {
                o.from != s.from
                    && o.sent < s.arrives.unwrap_or(s.sent)
                    && s.sent < o.arrives.unwrap_or(o.sent)
            });
        // A link-made copy leaves with its original: its label goes near the
        // receiver so the two labels never sit on each other.
        // A long arrow (a delayed segment) is labelled near where it leaves:
        // that is when it is sent, and where a reader looks for it.
        let long = y2 - y1 > LONG_ARROW_PX;
        let along = if s.copy_of.is_some() {
            1.0 - LABEL_AT
        } else if (crosses || long) && s.fate != Fate::Dropped {
            // On a phone a stretched arrow can fall a screen or more: its
            // words stay within a few lines of where it leaves.
            if frame.phone {
                LABEL_AT.min(PHONE_LABEL_WITHIN_PX / (y2 - y1).max(1.0))
            } else {
                LABEL_AT
            }
        } else {
            0.5
        };
        let label_x = x1 + (x2 - x1) * along;
        let label_y = y1 + (y2 - y1) * along - 5.0;
        let angle = (y2 - y1).atan2(x2 - x1).to_degrees();
        let angle = if angle.abs() > 90.0 {
            angle - 180.0f64.copysign(angle)
        } else {
            angle
        };
        segments.push(SegmentShape {
            index,
            id: s.id.clone(),
            from: s.from,
            fate: s.fate,
            retransmission_of: s.retransmission_of.map(|o| trace.segments[o].id.clone()),
            injected: s.injected,
            copy_of: s.copy_of.map(|o| trace.segments[o].id.clone()),
            x1,
            y1,
            x2,
            y2,
            // A retransmission names the segment it repeats, on the diagram itself.
            label: match s.retransmission_of {
                Some(o) => format!(
                    "{} {} ↻{}",
                    s.id,
                    numbers.label(trace, index),
                    trace.segments[o].id
                ),
                None => format!("{} {}", s.id, numbers.label(trace, index)),
            },
            label_x,
            label_y,
            angle,
            lines: if frame.phone { 2 } else { 1 },
            sent_ms: s.sent,
            arrives_ms: s.arrives,
            ends_ms: s
                .arrives
                .unwrap_or(s.sent + trace_latency(trace, s.from).max(2) / 2),
            probably_lost: trace.marks(index).any(|m| m.is_loss()),
        });
    }

    let end_y = timeline.end_y;
    let mut bands = Vec::new();
    let mut state_labels = Vec::new();
    let mut calls = Vec::new();
    let mut timers = Vec::new();
    let mut open_band: [Option<(State, f64, Option<usize>)>; 2] = [None, None];
    let mut last_label_y = [f64::MIN; 2];
    let mut last_call_y = [f64::MIN; 2];
    // Per host and timer: where and when it was armed, and when it is due.
    type Armed = Option<(f64, u64, Option<u64>, usize)>;
    let mut armed: [[Armed; 3]; 2] = [[None; 3]; 2];
    for (i, e) in trace.events.iter().enumerate() {
        let y = y_of(i);
        match &e.kind {
            EventKind::State { host, from, to, .. } => {
                let h = *host as usize;
                let (state, y1, event) = open_band[h].unwrap_or((*from, TOP, None));
                if open_band[h].is_none() {
                    push_label(
                        &mut state_labels,
                        &mut last_label_y[h],
                        (frame, *host),
                        *from,
                        TOP,
                        None,
                    );
                }
                bands.push(StateBand {
                    host: *host,
                    state,
                    y1,
                    y2: y,
                    event,
                });
                open_band[h] = Some((*to, y, Some(i)));
                push_label(
                    &mut state_labels,
                    &mut last_label_y[h],
                    (frame, *host),
                    *to,
                    y,
                    Some(i),
                );
            }
            EventKind::Call { host, call } => {
                let rows = if frame.stacked {
                    &mut last_label_y
                } else {
                    &mut last_call_y
                };
                push_call(
                    &mut calls,
                    &mut rows[*host as usize],
                    (frame, *host, i),
                    CallText::Call(*call),
                    y,
                );
            }
            EventKind::Notice { host, notice } => {
                if let Some(what) = CallText::of_notice(*notice) {
                    let rows = if frame.stacked {
                        &mut last_label_y
                    } else {
                        &mut last_call_y
                    };
                    push_call(
                        &mut calls,
                        &mut rows[*host as usize],
                        (frame, *host, i),
                        what,
                        y,
                    );
                }
            }
            EventKind::Timer {
                host,
                timer,
                action,
                deadline,
            } => {
                let slot = &mut armed[*host as usize][*timer as usize];
                match action {
                    TimerAction::Armed => *slot = Some((y, e.t, *deadline, i)),
                    TimerAction::Cancelled => *slot = None,
                    TimerAction::Fired => {
                        if let Some((y1, t1, _, armed_event)) = slot.take() {
                            timers.push(TimerBracket {
                                host: *host,
                                timer: *timer,
                                x: lane_x(*host) - outward(*host) * 16.0,
                                y1,
                                y2: y,
                                duration_ms: e.t - t1,
                                label_y: TimerBracket::first_label_y(y1, y),
                                armed_event,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for host in [Host::Client, Host::Server] {
        let h = host as usize;
        match open_band[h] {
            // A script's side has no states to draw.
            None if trace.script_side == Some(host) => {}
            Some((state, y1, event)) => bands.push(StateBand {
                host,
                state,
                y1,
                y2: end_y,
                event,
            }),
            None => {
                bands.push(StateBand {
                    host,
                    state: State::Closed,
                    y1: TOP,
                    y2: end_y,
                    event: None,
                });
                push_label(
                    &mut state_labels,
                    &mut last_label_y[h],
                    (frame, host),
                    State::Closed,
                    TOP,
                    None,
                );
            }
        }
        // A timer still running at the end (a TIME-WAIT cut short) is drawn open-ended.
        for (k, slot) in armed[h].iter().enumerate() {
            if let (Some((y1, t1, due, armed_event)), TimerKind::TimeWait) = (slot, TIMER_KINDS[k])
            {
                // Its whole length (2MSL) when known: the run ends before it does.
                let until = due.unwrap_or(trace.end_ms);
                timers.push(TimerBracket {
                    host,
                    timer: TimerKind::TimeWait,
                    x: lane_x(host) - outward(host) * 16.0,
                    y1: *y1,
                    y2: end_y,
                    duration_ms: until.saturating_sub(*t1),
                    label_y: TimerBracket::first_label_y(*y1, end_y),
                    armed_event: *armed_event,
                });
            }
        }
    }

    let mut ticks = Vec::new();
    let mut last_tick = f64::MIN;
    for s in &segments {
        let same_time = ticks.last().is_some_and(|t: &Tick| t.t == s.sent_ms);
        if s.y1 - last_tick >= TICK_SPACING && !same_time {
            ticks.push(Tick {
                y: s.y1,
                t: s.sent_ms,
            });
            last_tick = s.y1;
        }
    }

    Diagram {
        width: frame.width,
        height: end_y + BOTTOM_MARGIN,
        lanes: frame.lanes,
        frame,
        segments,
        bands,
        state_labels,
        timers,
        calls,
        breaks: timeline.breaks.clone(),
        ticks,
        end_ms: trace.end_ms,
        clock: trace.clock,
        trace_len: trace.events.len(),
        inferred: trace.capture_names.is_some(),
        timeline,
        underlay: Vec::new(),
    }
}

const TIMER_KINDS: [TimerKind; 3] = [
    TimerKind::Retransmit,
    TimerKind::TimeWait,
    TimerKind::FinWait2,
];

pub(crate) fn trace_latency(trace: &Trace, from: Host) -> u64 {
    trace
        .segments
        .iter()
        .find(|s| s.from == from && s.fate == Fate::Delivered)
        .and_then(|s| s.arrives.map(|a| a - s.sent))
        .unwrap_or(50)
}

/// The first free label row at or below `y` on one side of a lifeline.
fn next_row(last_y: &mut f64, y: f64) -> f64 {
    let y = y.max(*last_y + STATE_LABEL_SPACING);
    *last_y = y;
    y
}

/// State labels never overlap: a label too close to the previous one moves down.
fn push_label(
    out: &mut Vec<StateLabel>,
    last_y: &mut f64,
    (frame, host): (Frame, Host),
    state: State,
    y: f64,
    event: Option<usize>,
) {
    let y = next_row(last_y, y);
    out.push(StateLabel {
        host,
        state,
        x: frame.lanes[host as usize] + outward(host) * frame.state_dx,
        y: y + 4.0,
        event,
    });
}

fn push_call(
    out: &mut Vec<CallLabel>,
    last_y: &mut f64,
    (frame, host, event): (Frame, Host, usize),
    what: CallText,
    y: f64,
) {
    let y = next_row(last_y, y);
    // On a phone a call that returns takes two lines (`connect()` over `returns`).
    if frame.phone && what.returns() {
        *last_y += STATE_LABEL_SPACING;
    }
    out.push(CallLabel {
        host,
        what,
        x: frame.lanes[host as usize] + outward(host) * frame.call_dx,
        y: y + 4.0,
        event,
    });
}

#[cfg(test)]
mod tests;
