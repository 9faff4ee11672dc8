//! The ordered record of one run. Everything the app draws, narrates or
//! exports, and everything the tests check, is read from here.

pub mod captured;
pub mod captured_words;
mod export;
mod numbers;

pub use export::{json_lines, json_lines_numbered, plain_lines, plain_lines_numbered};
pub use numbers::{Letter, Numbering, Numbers, Shown};

use crate::scenario::Host;
use crate::tcp::{Call, ErrorKind, Segment, State, TimerAction, TimerKind};

/// What the link did with a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Fate {
    Delivered,
    Dropped,
    Delayed,
    /// Delivered, and a copy made by the link arrives later (see `copy_of`).
    Duplicated,
}

impl Fate {
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Delivered => "delivered",
            Fate::Dropped => "dropped",
            Fate::Delayed => "delayed",
            Fate::Duplicated => "duplicated",
        }
    }

    /// The interface word for this fate (an `i18n` key).
    pub fn word_key(self) -> crate::i18n::Word {
        match self {
            Fate::Delivered => crate::i18n::Word::FateDelivered,
            Fate::Dropped => crate::i18n::Word::FateDropped,
            Fate::Delayed => crate::i18n::Word::FateDelayed,
            Fate::Duplicated => crate::i18n::Word::FateDuplicated,
        }
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SegmentRecord {
    /// `c1`, `s2`, … (`o1` for an injected old duplicate).
    pub id: String,
    pub from: Host,
    pub header: Segment,
    pub sent: u64,
    /// None when the link dropped it.
    pub arrives: Option<u64>,
    pub fate: Fate,
    /// Extra delay the user added, in milliseconds.
    pub extra_delay_ms: u64,
    /// Index of the first transmission this one repeats.
    pub retransmission_of: Option<usize>,
    /// Produced by the network, not by either endpoint (an old duplicate).
    pub injected: bool,
    /// A second copy of this segment, made by the link (a `Duplicate` fault).
    /// Its id is the original's with a prime: `s2'`.
    pub copy_of: Option<usize>,
}

impl SegmentRecord {
    pub fn to(&self) -> Host {
        self.from.peer()
    }
}

/// Why a state changed, resolved to something the reader can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum TraceCause {
    Call(Call),
    /// The arrival of this segment (index into `Trace::segments`).
    Segment(usize),
    Timer(TimerKind),
    RetriesExhausted,
    /// Not simulated: inferred from a capture by this rule.
    Inferred(captured::Rule),
}

/// What the application sees, as in the course notes' socket example.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Notice {
    ConnectReturns,
    AcceptReturns,
    Received(u32),
    /// `recv()` returns 0: end of file.
    RecvEof,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum EventKind {
    Call {
        host: Host,
        call: Call,
    },
    Notice {
        host: Host,
        notice: Notice,
    },
    State {
        host: Host,
        from: State,
        to: State,
        cause: TraceCause,
    },
    /// A segment left its sender (index into `Trace::segments`).
    Sent {
        seg: usize,
    },
    /// A segment reached its receiver.
    Arrived {
        seg: usize,
    },
    Timer {
        host: Host,
        timer: TimerKind,
        action: TimerAction,
        deadline: Option<u64>,
    },
    Error {
        host: Host,
        error: ErrorKind,
    },
    /// What a captured segment shows (a retransmission, a probable loss, …).
    Mark {
        seg: usize,
        mark: captured::Mark,
    },
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Event {
    pub t: u64,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Default, serde::Serialize)]
pub struct Trace {
    pub events: Vec<Event>,
    pub segments: Vec<SegmentRecord>,
    /// Set when the event cap or the time horizon stopped the run.
    pub cut_short: Option<String>,
    /// Time of the last event.
    pub end_ms: u64,
    /// Each host's ISN, for relative numbering (client, server).
    pub isns: (u32, u32),
    /// Read from a capture, not simulated: the connection as captured (its
    /// segments, by the same index as `segments`, with times and options).
    /// The host a packetdrill script plays: it has no state machine, so its
    /// lifeline has no states (the other host is the endpoint under test).
    pub script_side: Option<Host>,
    /// Not sent between the modules: the module that read the capture keeps
    /// the connection, and the page gets only `capture_names`.
    #[serde(skip)]
    pub captured: Option<std::rc::Rc<captured::Connection>>,
    /// Read from a capture: its client and server as printed
    /// (`10.88.0.1:36488`), all the page needs of the connection.
    pub capture_names: Option<[String; 2]>,
    /// What one unit of `t` is: a millisecond, or a microsecond for a
    /// capture whose connection is over within milliseconds.
    pub clock: Clock,
    /// The stacks the hosts ran (client, server) when they differ: the
    /// diagram names each under its host.
    pub stacks: Option<[crate::tcp::ProfileName; 2]>,
}

/// The unit of a trace's times. The model runs in milliseconds; a capture
/// of a connection that lasts a few milliseconds keeps its microseconds, or
/// every one of its events would fall at "0 ms".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub enum Clock {
    #[default]
    Ms,
    Us,
}

impl Clock {
    /// A time of this clock as the diagram writes it: `1.05 s`, `250 µs`.
    pub fn text(self, t: u64) -> String {
        match self {
            Clock::Ms => crate::diagram::seconds(t),
            Clock::Us => crate::diagram::micros(t),
        }
    }

    /// Units per millisecond.
    pub fn per_ms(self) -> u64 {
        match self {
            Clock::Ms => 1,
            Clock::Us => 1000,
        }
    }
}

impl Trace {
    /// Everything this segment shows, in the order found.
    pub fn marks(&self, seg: usize) -> impl Iterator<Item = captured::Mark> + '_ {
        self.events.iter().filter_map(move |e| match e.kind {
            EventKind::Mark { seg: s, mark } if s == seg => Some(mark),
            _ => None,
        })
    }

    pub fn segment(&self, id: &str) -> Option<&SegmentRecord> {
        self.segments.iter().find(|s| s.id == id)
    }

    /// The client's and the server's ports, as the segments carry them (a
    /// trace with no segment has none to show: the defaults of a scenario).
    pub fn ports(&self) -> (u16, u16) {
        match self.segments.first().map(|s| (s.from, &s.header)) {
            Some((Host::Client, h)) => (h.src_port, h.dst_port),
            Some((Host::Server, h)) => (h.dst_port, h.src_port),
            None => (40_000, 8080),
        }
    }

    pub fn segment_index(&self, id: &str) -> Option<usize> {
        self.segments.iter().position(|s| s.id == id)
    }

    /// Each state a host passed through, starting with its initial one.
    /// When `host` entered each state, in order.
    pub fn state_changes(&self, host: Host) -> Vec<(u64, State)> {
        self.events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::State { host: h, to, .. } if h == host => Some((e.t, to)),
                _ => None,
            })
            .collect()
    }

    pub fn states(&self, host: Host) -> Vec<State> {
        let mut out = Vec::new();
        for e in &self.events {
            if let EventKind::State {
                host: h, from, to, ..
            } = e.kind
            {
                if h == host {
                    if out.is_empty() {
                        out.push(from);
                    }
                    out.push(to);
                }
            }
        }
        out
    }

    pub fn final_state(&self, host: Host) -> State {
        self.states(host).last().copied().unwrap_or(State::Closed)
    }

    pub fn errors(&self, host: Host) -> Vec<ErrorKind> {
        self.events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::Error { host: h, error } if h == host => Some(error),
                _ => None,
            })
            .collect()
    }

    /// The latest state change of `host` among the first `events` events:
    /// its index, and the states it left and entered.
    pub fn last_change(&self, host: Host, events: usize) -> Option<(usize, State, State)> {
        self.events[..events.min(self.events.len())]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, e)| match e.kind {
                EventKind::State {
                    host: h, from, to, ..
                } if h == host => Some((i, from, to)),
                _ => None,
            })
    }

    /// The state of `host` just after time `t` (events at `t` included).
    pub fn state_at(&self, host: Host, t: u64) -> State {
        let mut state = self.states(host).first().copied().unwrap_or(State::Closed);
        for e in self.events.iter().take_while(|e| e.t <= t) {
            if let EventKind::State { host: h, to, .. } = e.kind {
                if h == host {
                    state = to;
                }
            }
        }
        state
    }
}
