//! How seq and ack numbers are shown: absolute, relative to each ISN (as
//! Wireshark does), or in the textbook's letters (x, y for the handshake;
//! U, V, W for the close, as the course notes write them).
//!
//! The letters are read from the trace once: x is the client's ISN, y the
//! server's; U is the seq of the first FIN (its sender is the active
//! closer), W the seq of the other host's first FIN, and V the passive
//! closer's seq when it acknowledges U before sending its own FIN. Every
//! other number is the nearest letter of the same sequence space at or
//! below it, plus an offset (`x+1`, `y+1001`); among letters of equal value
//! the one named last wins (W over V), because it names the later segment.

use super::{SegmentRecord, Trace};
use crate::scenario::Host;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Numbering {
    #[default]
    Absolute,
    Relative,
    Letters,
}

impl Numbering {
    pub const ALL: [Numbering; 3] = [Numbering::Absolute, Numbering::Relative, Numbering::Letters];

    pub fn name(self) -> &'static str {
        match self {
            Numbering::Absolute => "absolute",
            Numbering::Relative => "relative",
            Numbering::Letters => "letters",
        }
    }

    /// What the toolbar's button says.
    pub fn word(self) -> crate::i18n::Word {
        use crate::i18n::Word;
        match self {
            Numbering::Absolute => Word::NumbersAbsolute,
            Numbering::Relative => Word::NumbersRelative,
            Numbering::Letters => Word::NumbersLetters,
        }
    }

    pub fn parse(s: &str) -> Option<Numbering> {
        Numbering::ALL.into_iter().find(|n| n.name() == s)
    }

    /// The next one, for a toolbar button that cycles through the three.
    pub fn next(self) -> Numbering {
        match self {
            Numbering::Absolute => Numbering::Relative,
            Numbering::Relative => Numbering::Letters,
            Numbering::Letters => Numbering::Absolute,
        }
    }
}

/// One number as the reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Plain(u32),
    /// A letter and an offset from it: `U`, `x+1`, `y-3`.
    Letter(char, i64),
}

impl Shown {
    /// The number `k` further on in the same sequence space.
    pub fn plus(self, k: u32) -> Shown {
        match self {
            Shown::Plain(n) => Shown::Plain(n.wrapping_add(k)),
            Shown::Letter(c, off) => Shown::Letter(c, off + i64::from(k)),
        }
    }

    pub fn minus(self, k: u32) -> Shown {
        match self {
            Shown::Plain(n) => Shown::Plain(n.wrapping_sub(k)),
            Shown::Letter(c, off) => Shown::Letter(c, off - i64::from(k)),
        }
    }

    pub fn is_letter(self) -> bool {
        matches!(self, Shown::Letter(..))
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Shown::Plain(n) => write!(f, "{n}"),
            Shown::Letter(c, 0) => write!(f, "{c}"),
            // As u32: i64's formatting would be one more routine in the page.
            Shown::Letter(c, off) if off > 0 => write!(f, "{c}+{}", off as u32),
            Shown::Letter(c, off) => write!(f, "{c}-{}", off.unsigned_abs() as u32),
        }
    }
}

/// One of the textbook's letters, as this trace defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letter {
    pub name: char,
    /// Whose sequence space it is in.
    pub owner: Host,
    pub value: u32,
    /// The segment that defines it (its first use).
    pub segment: usize,
}

/// A number this far from every letter is not of this connection (an old
/// duplicate, a reset's zero): shown as it is.
const FAR: i64 = 1 << 24;

/// Shows the numbers of one trace in one numbering.
#[derive(Clone, Debug, PartialEq)]
pub struct Numbers {
    mode: Numbering,
    isns: (u32, u32),
    letters: Vec<Letter>,
}

impl Numbers {
    pub fn of(trace: &Trace, mode: Numbering) -> Numbers {
        Numbers {
            mode,
            isns: trace.isns,
            letters: if mode == Numbering::Letters {
                letters(trace)
            } else {
                Vec::new()
            },
        }
    }

    pub fn mode(&self) -> Numbering {
        self.mode
    }

    /// The letters this trace defines, in the order they are first used.
    pub fn letters(&self) -> &[Letter] {
        &self.letters
    }

    /// A number of `owner`'s sequence space, as shown on segment `at`.
    pub fn show(&self, owner: Host, value: u32, at: usize) -> Shown {
        match self.mode {
            Numbering::Absolute => Shown::Plain(value),
            Numbering::Relative => Shown::Plain(value.wrapping_sub(match owner {
                Host::Client => self.isns.0,
                Host::Server => self.isns.1,
            })),
            Numbering::Letters => self.lettered(owner, value, at),
        }
    }

    fn lettered(&self, owner: Host, value: u32, at: usize) -> Shown {
        // Serial arithmetic: the offset is the signed 32-bit distance.
        let offset = |l: &Letter| i64::from(value.wrapping_sub(l.value) as i32);
        let known = || {
            self.letters
                .iter()
                .filter(|l| l.owner == owner && l.segment <= at)
        };
        let at_or_below = known()
            .filter(|l| offset(l) >= 0)
            .fold(None::<&Letter>, |best, l| match best {
                Some(b) if offset(b) < offset(l) => Some(b),
                _ => Some(l),
            });
        let nearest = at_or_below.or_else(|| known().min_by_key(|l| offset(l).abs()));
        match nearest {
            Some(l) if offset(l).abs() < FAR => Shown::Letter(l.name, offset(l)),
            _ => Shown::Plain(value),
        }
    }

    pub fn seq(&self, trace: &Trace, index: usize) -> Shown {
        let s = &trace.segments[index];
        self.show(s.from, s.header.seq.0, index)
    }

    /// An ACK field without the ACK flag means nothing: shown as it is.
    pub fn ack(&self, trace: &Trace, index: usize) -> Shown {
        let s = &trace.segments[index];
        if s.header.flags.ack {
            self.show(s.to(), s.header.ack.0, index)
        } else {
            Shown::Plain(s.header.ack.0)
        }
    }

    /// `SYN seq=x`, `SYN,ACK seq=y ack=x+1`, `ACK,PSH seq=1001 ack=5001 len=100`.
    pub fn label(&self, trace: &Trace, index: usize) -> String {
        let s: &SegmentRecord = &trace.segments[index];
        let mut out = format!("{} seq={}", s.header.flags, self.seq(trace, index));
        if s.header.flags.ack {
            out.push_str(&format!(" ack={}", self.ack(trace, index)));
        }
        if s.header.len > 0 {
            out.push_str(&format!(" len={}", s.header.len));
        }
        out
    }

    /// The value a typed answer stands for, a number of `owner`'s space: a
    /// number as this numbering shows it (relative counts from the ISN), or
    /// in letters `y+1`, `U - 1` as well as an absolute number. Letters are
    /// case-sensitive, as the notes write them. None when it is neither.
    pub fn value_of(&self, text: &str, owner: Host) -> Option<u32> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Ok(n) = t.parse::<u32>() {
            return Some(match self.mode {
                Numbering::Relative => n.wrapping_add(match owner {
                    Host::Client => self.isns.0,
                    Host::Server => self.isns.1,
                }),
                _ => n,
            });
        }
        let mut chars = t.chars();
        let name = chars.next()?;
        let letter = self
            .letters
            .iter()
            .find(|l| l.name == name && l.owner == owner)?;
        let rest = chars.as_str();
        let offset: i64 = match rest.chars().next() {
            None => 0,
            Some('+') => rest[1..].parse().ok()?,
            Some('-') => -rest[1..].parse::<i64>().ok()?,
            _ => return None,
        };
        Some(letter.value.wrapping_add(offset as u32))
    }
}

/// Reads the five letters off the trace.
fn letters(trace: &Trace) -> Vec<Letter> {
    let segs = &trace.segments;
    let own = |s: &SegmentRecord| !s.injected && s.copy_of.is_none();
    let mut out = Vec::new();
    for (name, host, isn) in [
        ('x', Host::Client, trace.isns.0),
        ('y', Host::Server, trace.isns.1),
    ] {
        // Defined by the host's first SYN: before it, the host has no ISN on
        // the wire (a reset's seq=0 in answer to a SYN is not y).
        if let Some(i) = segs
            .iter()
            .position(|s| own(s) && s.from == host && s.header.flags.syn)
        {
            out.push(Letter {
                name,
                owner: host,
                value: isn,
                segment: i,
            });
        }
    }
    let Some(u) = segs.iter().position(|s| own(s) && s.header.flags.fin) else {
        return out;
    };
    let active = segs[u].from;
    let u_value = segs[u].header.seq.0;
    out.push(Letter {
        name: 'U',
        owner: active,
        value: u_value,
        segment: u,
    });
    let passive = active.peer();
    let w = segs
        .iter()
        .position(|s| own(s) && s.from == passive && s.header.flags.fin);
    let acks_u = segs.iter().enumerate().position(|(i, s)| {
        own(s)
            && s.from == passive
            && s.header.flags.ack
            && s.header.ack.0 == u_value.wrapping_add(1)
            && w.is_none_or(|w| i < w)
    });
    // Each names the seq of the segment that defines it.
    for (name, at) in [('V', acks_u), ('W', w)] {
        if let Some(i) = at {
            out.push(Letter {
                name,
                owner: passive,
                value: segs[i].header.seq.0,
                segment: i,
            });
        }
    }
    out
}
