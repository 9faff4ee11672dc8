//! Reading postcard by hand, for what crosses between the modules: the
//! messages the page reads from the module (`EditorMsg`) and the trace on
//! screen the module reads from the page (`Shown`). Both are written by
//! serde's derived `Serialize` (postcard: integers as LEB128 varints, a
//! `u8` and a `bool` as one byte, strings and sequences prefixed with their
//! length, an `Option` with 0 or 1, an enum with its variant's index, struct
//! fields in order). Read with serde's derived `Deserialize`, the trace and
//! the messages cost the page's first load 5 KB gzipped; read here, a
//! fraction of that (BENCHMARKS.md, issue 21). The tests check every message
//! and every variant against what serde writes.

use super::{EditorMsg, ScriptRun, Shown};
use crate::scenario::{Fault, Host};
use crate::tcp::{
    Call, ErrorKind, Flags, ProfileName, Segment, Seq, State, TimerAction, TimerKind,
};
use crate::trace::captured::{Mark, RstReason, Rule};
use crate::trace::{Clock, Event, EventKind, Fate, Notice, SegmentRecord, Trace, TraceCause};

/// The bytes not read yet. Every reading gives `None` on bytes that are not
/// what it expects (too few, a number too large, an unknown variant).
pub struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader(bytes)
    }

    /// The value `read` reads, if it takes every byte.
    pub fn whole<T>(mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let value = read(&mut self)?;
        self.0.is_empty().then_some(value)
    }

    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let taken = self.0.get(..n)?;
        self.0 = &self.0[n..];
        Some(taken)
    }

    /// An unsigned LEB128 number (postcard's u16, u32, u64, usize).
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            // The tenth byte has room for one bit: more would not fit a u64.
            if shift == 63 && byte > 1 {
                return None;
            }
            value |= u64::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    fn u64(&mut self) -> Option<u64> {
        self.varint()
    }

    fn u32(&mut self) -> Option<u32> {
        self.varint()?.try_into().ok()
    }

    /// postcard writes a u8 as its one byte, not as a varint.
    fn u8(&mut self) -> Option<u8> {
        self.byte()
    }

    fn u16(&mut self) -> Option<u16> {
        self.varint()?.try_into().ok()
    }

    fn usize(&mut self) -> Option<usize> {
        self.varint()?.try_into().ok()
    }

    fn bool(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub fn string(&mut self) -> Option<String> {
        let len = self.usize()?;
        String::from_utf8(self.take(len)?.to_vec()).ok()
    }

    fn option<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.byte()? {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }

    fn vec<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = self.usize()?;
        // Every element takes at least a byte: a broken length asks for no more.
        let mut out = Vec::with_capacity(len.min(self.0.len()));
        for _ in 0..len {
            out.push(read(self)?);
        }
        Some(out)
    }

    /// An enum's variant index.
    fn variant(&mut self) -> Option<u32> {
        self.u32()
    }

    /// A unit-only enum, by its variants in declaration order.
    fn one_of<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.variant()? as usize).copied()
    }
}

// Unit-only enums, their variants in declaration order (serde numbers them so).
const HOSTS: [Host; 2] = [Host::Client, Host::Server];
const TIMERS: [TimerKind; 3] = [
    TimerKind::Retransmit,
    TimerKind::TimeWait,
    TimerKind::FinWait2,
];
const TIMER_ACTIONS: [TimerAction; 3] = [
    TimerAction::Armed,
    TimerAction::Fired,
    TimerAction::Cancelled,
];
const ERRORS: [ErrorKind; 6] = [
    ErrorKind::Refused,
    ErrorKind::TimedOut,
    ErrorKind::Reset,
    ErrorKind::ConnectionExists,
    ErrorKind::ConnectionClosing,
    ErrorKind::ConnectionDoesNotExist,
];
const FATES: [Fate; 4] = [
    Fate::Delivered,
    Fate::Dropped,
    Fate::Delayed,
    Fate::Duplicated,
];
const CLOCKS: [Clock; 2] = [Clock::Ms, Clock::Us];
/// In the order they are declared: a variant's index is its number on the wire.
const PROFILES: [ProfileName; 7] = [
    ProfileName::Rfc,
    ProfileName::Linux,
    ProfileName::Linux5,
    ProfileName::FreeBsd,
    ProfileName::MacOs,
    ProfileName::Lwip,
    ProfileName::Windows,
];
const RULES: [Rule; 14] = [
    Rule::AnsweredSyn,
    Rule::NoHandshakeSeen,
    Rule::SentSyn,
    Rule::SentSynAck,
    Rule::AckedPeerSyn,
    Rule::SynAcknowledged,
    Rule::SentFin,
    Rule::AckedPeerFin,
    Rule::FinAcknowledged,
    Rule::SimultaneousClose,
    Rule::BothFinsDone,
    Rule::LastAckAcknowledged,
    Rule::SentRst,
    Rule::ReceivedRst,
];
const RST_REASONS: [RstReason; 4] = [
    RstReason::Refused,
    RstReason::Abort,
    RstReason::AfterClose,
    RstReason::Unknown,
];

fn host(r: &mut Reader) -> Option<Host> {
    r.one_of(&HOSTS)
}

fn state(r: &mut Reader) -> Option<State> {
    r.one_of(&State::ALL)
}

fn call(r: &mut Reader) -> Option<Call> {
    Some(match r.variant()? {
        0 => Call::Listen,
        1 => Call::Connect,
        2 => Call::Send(r.u32()?),
        3 => Call::Close,
        4 => Call::Abort,
        5 => Call::Shutdown,
        _ => return None,
    })
}

fn notice(r: &mut Reader) -> Option<Notice> {
    Some(match r.variant()? {
        0 => Notice::ConnectReturns,
        1 => Notice::AcceptReturns,
        2 => Notice::Received(r.u32()?),
        3 => Notice::RecvEof,
        _ => return None,
    })
}

fn cause(r: &mut Reader) -> Option<TraceCause> {
    Some(match r.variant()? {
        0 => TraceCause::Call(call(r)?),
        1 => TraceCause::Segment(r.usize()?),
        2 => TraceCause::Timer(r.one_of(&TIMERS)?),
        3 => TraceCause::RetriesExhausted,
        4 => TraceCause::Inferred(r.one_of(&RULES)?),
        _ => return None,
    })
}

fn mark(r: &mut Reader) -> Option<Mark> {
    Some(match r.variant()? {
        0 => Mark::Retransmission {
            of: r.usize()?,
            after_ms: r.u64()?,
            spurious: r.bool()?,
        },
        1 => Mark::ProbablyLost,
        2 => Mark::DuplicateAck {
            of: r.usize()?,
            count: r.u32()?,
        },
        3 => Mark::DSack,
        4 => Mark::OutOfOrder,
        5 => Mark::ZeroWindow,
        6 => Mark::Reset(r.one_of(&RST_REASONS)?),
        7 => Mark::HandshakeRtt { us: r.u64()? },
        8 => Mark::LostAfterCapture {
            resent: r.usize()?,
            after_ms: r.u64()?,
        },
        _ => return None,
    })
}

fn event(r: &mut Reader) -> Option<Event> {
    let t = r.u64()?;
    let kind = match r.variant()? {
        0 => EventKind::Call {
            host: host(r)?,
            call: call(r)?,
        },
        1 => EventKind::Notice {
            host: host(r)?,
            notice: notice(r)?,
        },
        2 => EventKind::State {
            host: host(r)?,
            from: state(r)?,
            to: state(r)?,
            cause: cause(r)?,
        },
        3 => EventKind::Sent { seg: r.usize()? },
        4 => EventKind::Arrived { seg: r.usize()? },
        5 => EventKind::Timer {
            host: host(r)?,
            timer: r.one_of(&TIMERS)?,
            action: r.one_of(&TIMER_ACTIONS)?,
            deadline: r.option(Reader::u64)?,
        },
        6 => EventKind::Error {
            host: host(r)?,
            error: r.one_of(&ERRORS)?,
        },
        7 => EventKind::Mark {
            seg: r.usize()?,
            mark: mark(r)?,
        },
        _ => return None,
    };
    Some(Event { t, kind })
}

fn segment(r: &mut Reader) -> Option<SegmentRecord> {
    Some(SegmentRecord {
        id: r.string()?,
        from: host(r)?,
        header: Segment {
            src_port: r.u16()?,
            dst_port: r.u16()?,
            seq: Seq(r.u32()?),
            ack: Seq(r.u32()?),
            flags: Flags {
                syn: r.bool()?,
                rst: r.bool()?,
                fin: r.bool()?,
                ack: r.bool()?,
                psh: r.bool()?,
            },
            window: r.u16()?,
            len: r.u32()?,
        },
        sent: r.u64()?,
        arrives: r.option(Reader::u64)?,
        fate: r.one_of(&FATES)?,
        extra_delay_ms: r.u64()?,
        retransmission_of: r.option(Reader::usize)?,
        injected: r.bool()?,
        copy_of: r.option(Reader::usize)?,
    })
}

pub fn trace(r: &mut Reader) -> Option<Trace> {
    Some(Trace {
        events: r.vec(event)?,
        segments: r.vec(segment)?,
        cut_short: r.option(Reader::string)?,
        end_ms: r.u64()?,
        isns: (r.u32()?, r.u32()?),
        script_side: r.option(host)?,
        captured: None,
        capture_names: r.option(|r| Some([r.string()?, r.string()?]))?,
        clock: r.one_of(&CLOCKS)?,
        stacks: r.option(|r| Some([r.one_of(&PROFILES)?, r.one_of(&PROFILES)?]))?,
    })
}

pub fn shown(r: &mut Reader) -> Option<Shown> {
    Some(Shown {
        trace: trace(r)?,
        failed: r.vec(Reader::usize)?,
        captured: r.bool()?,
    })
}

fn fault(r: &mut Reader) -> Option<Fault> {
    Some(match r.variant()? {
        0 => Fault::Drop,
        1 => Fault::Delay(r.u64()?),
        2 => Fault::Duplicate(r.u64()?),
        _ => return None,
    })
}

/// A scenario crosses packed, as in a link.
fn scenario(r: &mut Reader) -> Option<crate::scenario::Scenario> {
    crate::link::unpack(&r.string()?).ok()
}

pub fn message(r: &mut Reader) -> Option<EditorMsg> {
    Some(match r.variant()? {
        0 => EditorMsg::Changed {
            scenario: scenario(r)?,
            field: r.option(Reader::string)?,
        },
        1 => EditorMsg::Replace(scenario(r)?),
        2 => EditorMsg::Undo,
        3 => EditorMsg::Redo,
        4 => EditorMsg::Close,
        5 => EditorMsg::Notice(r.string()?),
        6 => EditorMsg::ShowConnection {
            file_name: r.string()?,
            trace: Box::new(trace(r)?),
        },
        7 => EditorMsg::CloseCapture,
        8 => EditorMsg::Replay(scenario(r)?),
        9 => EditorMsg::CloseLoad,
        10 => EditorMsg::QuizAt(r.option(Reader::usize)?),
        11 => EditorMsg::CloseQuiz,
        12 => EditorMsg::ScriptShown {
            name: r.string()?,
            text: r.string()?,
        },
        13 => EditorMsg::SetQuiz {
            kinds: r.option(|r| {
                Some(crate::quiz::Kinds {
                    flags: r.bool()?,
                    numbers: r.bool()?,
                    states: r.bool()?,
                })
            })?,
            locked: r.bool()?,
        },
        14 => EditorMsg::ScriptRun(Box::new(ScriptRun {
            // A map: its length, then each name and its fault.
            faults: r
                .vec(|r| Some((r.string()?, fault(r)?)))?
                .into_iter()
                .collect(),
            profile: r.one_of(&PROFILES)?,
            trace: trace(r)?,
            failed: r.vec(Reader::usize)?,
        })),
        15 => EditorMsg::Select(r.string()?),
        16 => EditorMsg::SetFault {
            id: r.string()?,
            fault: r.option(fault)?,
        },
        17 => EditorMsg::CloseHelp,
        18 => EditorMsg::CompareStacks(r.u8()?),
        19 => EditorMsg::CloseCompare,
        20 => EditorMsg::LeavePresent,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each unit variant, read from the one byte serde writes for it.
    fn each_reads_as_serde_writes<T: serde::Serialize + PartialEq + std::fmt::Debug + Copy>(
        all: &[T],
        read: fn(&mut Reader) -> Option<T>,
    ) {
        for (i, v) in all.iter().enumerate() {
            let bytes = postcard::to_allocvec(v).unwrap();
            assert_eq!(bytes, [i as u8], "{v:?} is variant {i}");
            assert_eq!(Reader::new(&bytes).whole(read), Some(*v));
        }
        assert_eq!(
            Reader::new(&[all.len() as u8]).whole(read),
            None,
            "no variant {}",
            all.len()
        );
    }

    #[test]
    fn every_variant_of_every_enum_is_read_as_serde_numbers_it() {
        each_reads_as_serde_writes(&HOSTS, host);
        each_reads_as_serde_writes(&State::ALL, state);
        each_reads_as_serde_writes(&TIMERS, |r| r.one_of(&TIMERS));
        each_reads_as_serde_writes(&TIMER_ACTIONS, |r| r.one_of(&TIMER_ACTIONS));
        each_reads_as_serde_writes(&ERRORS, |r| r.one_of(&ERRORS));
        each_reads_as_serde_writes(&FATES, |r| r.one_of(&FATES));
        each_reads_as_serde_writes(&CLOCKS, |r| r.one_of(&CLOCKS));
        each_reads_as_serde_writes(&PROFILES, |r| r.one_of(&PROFILES));
        each_reads_as_serde_writes(&RULES, |r| r.one_of(&RULES));
        each_reads_as_serde_writes(&RST_REASONS, |r| r.one_of(&RST_REASONS));
        let calls = [
            Call::Listen,
            Call::Connect,
            Call::Send(70_000),
            Call::Close,
            Call::Abort,
            Call::Shutdown,
        ];
        let notices = [
            Notice::ConnectReturns,
            Notice::AcceptReturns,
            Notice::Received(1 << 31),
            Notice::RecvEof,
        ];
        let causes = [
            TraceCause::Call(Call::Send(5)),
            TraceCause::Segment(300),
            TraceCause::Timer(TimerKind::FinWait2),
            TraceCause::RetriesExhausted,
            TraceCause::Inferred(Rule::ReceivedRst),
        ];
        let marks = [
            Mark::Retransmission {
                of: 3,
                after_ms: 1 << 40,
                spurious: true,
            },
            Mark::ProbablyLost,
            Mark::DuplicateAck { of: 9, count: 200 },
            Mark::DSack,
            Mark::OutOfOrder,
            Mark::ZeroWindow,
            Mark::Reset(RstReason::AfterClose),
            Mark::HandshakeRtt { us: 123_456 },
            Mark::LostAfterCapture {
                resent: 7,
                after_ms: 1011,
            },
        ];
        let faults = [Fault::Drop, Fault::Delay(300), Fault::Duplicate(u64::MAX)];
        fn same<T: serde::Serialize + PartialEq + std::fmt::Debug>(
            values: &[T],
            read: fn(&mut Reader) -> Option<T>,
        ) {
            for v in values {
                let bytes = postcard::to_allocvec(v).unwrap();
                assert_eq!(Reader::new(&bytes).whole(read).as_ref(), Some(v));
            }
        }
        same(&calls, call);
        same(&notices, notice);
        same(&causes, cause);
        same(&marks, mark);
        same(&faults, fault);
        // Every event kind, with numbers that take several bytes.
        let events: Vec<Event> = [
            EventKind::Call {
                host: Host::Server,
                call: Call::Send(1000),
            },
            EventKind::Notice {
                host: Host::Client,
                notice: Notice::Received(77),
            },
            EventKind::State {
                host: Host::Server,
                from: State::LastAck,
                to: State::Closed,
                cause: causes[4],
            },
            EventKind::Sent { seg: 1 << 20 },
            EventKind::Arrived { seg: 0 },
            EventKind::Timer {
                host: Host::Client,
                timer: TimerKind::TimeWait,
                action: TimerAction::Cancelled,
                deadline: Some(240_000),
            },
            EventKind::Timer {
                host: Host::Client,
                timer: TimerKind::Retransmit,
                action: TimerAction::Armed,
                deadline: None,
            },
            EventKind::Error {
                host: Host::Server,
                error: ErrorKind::ConnectionDoesNotExist,
            },
            EventKind::Mark {
                seg: 4,
                mark: marks[0],
            },
        ]
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Event {
            t: (i as u64) << (7 * i),
            kind,
        })
        .collect();
        same(&events, event);
    }

    #[test]
    fn broken_bytes_read_as_nothing_never_as_something_else() {
        let trace = crate::run(&crate::scenario::presets::by_name("lost-fin").unwrap());
        let bytes = postcard::to_allocvec(&trace).unwrap();
        assert_eq!(Reader::new(&bytes).whole(super::trace), Some(trace));
        // Cut anywhere, or with a byte more, it is not a trace.
        for cut in 0..bytes.len() {
            assert_eq!(
                Reader::new(&bytes[..cut]).whole(super::trace),
                None,
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Reader::new(&longer).whole(super::trace), None);
        // A number too large for its type, a bool that is neither, a length
        // larger than what follows.
        assert_eq!(Reader::new(&[0x80, 0x80, 0x04]).whole(Reader::u16), None);
        assert_eq!(Reader::new(&[2]).whole(Reader::bool), None);
        assert_eq!(Reader::new(&[0xff; 11]).whole(Reader::u64), None);
        // Ten bytes: the largest u64, and one bit past it.
        let max = postcard::to_allocvec(&u64::MAX).unwrap();
        assert_eq!(Reader::new(&max).whole(Reader::u64), Some(u64::MAX));
        let mut past = max.clone();
        *past.last_mut().unwrap() = 2;
        assert_eq!(Reader::new(&past).whole(Reader::u64), None);
        assert_eq!(Reader::new(&[200, 1, b'a']).whole(Reader::string), None);
        assert_eq!(
            Reader::new(&[2, 0xff, 0xfe]).whole(Reader::string),
            None,
            "not UTF-8"
        );
    }
}
