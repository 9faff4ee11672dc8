//! Names for segments that earlier faults do not move.
//!
//! On screen a segment is `c4`: the client's fourth transmission. That
//! ordinal shifts whenever a fault adds or removes a segment before it (drop
//! the SYN,ACK and the extra handshake ACK becomes `c4`), so a fault keyed by
//! it lands on another segment. Faults are therefore kept under a name that
//! says what the segment *is*, in numbers relative to the ISNs (as Wireshark
//! shows them), and which transmission of it:
//!
//! - `c.syn`, `s.synack`, `c.rst` — the SYN, the SYN,ACK, a reset;
//! - `c.fin101` — the FIN whose sequence number is 101 (with or without data);
//! - `s.data1` — data starting at sequence number 1;
//! - `c.ack302` — a pure ACK of 302;
//! - a `.2`, `.3` … suffix for the second, third … segment of that name
//!   (`c.syn.2` is the first retransmission of the SYN, `c.ack1.2` the
//!   second ACK of 1).
//!
//! `c4`-style ids stay what the user sees and types: each is turned into the
//! name of the segment it shows (`name_faults`) before it is kept.

use super::{parse_segment_id, Fault, Host, Scenario};
use crate::tcp::Segment;
use crate::trace::Trace;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum What {
    Syn,
    SynAck,
    Rst,
    Fin(u32),
    Data(u32),
    Ack(u32),
}

/// Names the segments of one run in the order they are sent.
#[derive(Default)]
pub struct Namer {
    /// How many of each have been sent, sorted (a map's code would cost the
    /// first load more than the search costs a run).
    seen: Vec<((Host, What), u32)>,
}

impl Namer {
    /// The name of the next segment `from` sends; `isns` are the client's
    /// and the server's initial sequence numbers.
    pub fn name(&mut self, from: Host, seg: &Segment, isns: (u32, u32)) -> String {
        let isn = |h: Host| if h == Host::Client { isns.0 } else { isns.1 };
        let seq = seg.seq.0.wrapping_sub(isn(from));
        let f = seg.flags;
        let what = if f.syn && f.ack {
            What::SynAck
        } else if f.syn {
            What::Syn
        } else if f.rst {
            What::Rst
        } else if f.fin {
            What::Fin(seq)
        } else if seg.len > 0 {
            What::Data(seq)
        } else {
            What::Ack(seg.ack.0.wrapping_sub(isn(from.peer())))
        };
        let n = match self.seen.binary_search_by(|(k, _)| k.cmp(&(from, what))) {
            Ok(i) => &mut self.seen[i].1,
            Err(i) => {
                self.seen.insert(i, ((from, what), 0));
                &mut self.seen[i].1
            }
        };
        *n += 1;
        let base = match what {
            What::Syn => "syn".to_string(),
            What::SynAck => "synack".to_string(),
            What::Rst => "rst".to_string(),
            What::Fin(s) => format!("fin{s}"),
            What::Data(s) => format!("data{s}"),
            What::Ack(a) => format!("ack{a}"),
        };
        match *n {
            1 => format!("{}.{base}", from.letter()),
            n => format!("{}.{base}.{n}", from.letter()),
        }
    }
}

/// Whether `text` is written as a segment name (`c.fin101`, `s.ack1.2`).
pub fn is_name(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("c.").or_else(|| text.strip_prefix("s.")) else {
        return false;
    };
    let (what, nth) = match rest.split_once('.') {
        Some((w, n)) => (w, Some(n)),
        None => (rest, None),
    };
    let number = |d: &str| {
        !d.is_empty()
            && d.len() <= 10
            && d.bytes().all(|b| b.is_ascii_digit())
            && (d == "0" || !d.starts_with('0'))
            && d.parse::<u32>().is_ok()
    };
    let what_ok = matches!(what, "syn" | "synack" | "rst")
        || ["fin", "data", "ack"]
            .iter()
            .any(|k| what.strip_prefix(k).is_some_and(number));
    what_ok && nth.is_none_or(|n| number(n) && n != "0" && n != "1")
}

/// Whether a fault key is one of the forms a scenario keeps: a name, or an
/// injected segment's `o1` (injections never move).
pub fn is_fault_key(key: &str) -> bool {
    is_name(key) || parse_segment_id(key).is_some_and(|(letter, _)| letter == 'o')
}

impl Trace {
    /// Each segment's name, or `o1` for an injected one, or `None` for a
    /// link's copy (a copy has no fault of its own).
    pub fn names(&self) -> Vec<Option<String>> {
        self.names_through(self.segments.len())
    }

    /// The names of the first `count` segments (the rest are not needed to
    /// name them: a name counts only earlier segments).
    fn names_through(&self, count: usize) -> Vec<Option<String>> {
        let mut namer = Namer::default();
        self.segments
            .iter()
            .take(count)
            .map(|s| {
                if s.injected {
                    Some(s.id.clone())
                } else if s.copy_of.is_some() {
                    None
                } else {
                    Some(namer.name(s.from, &s.header, self.isns))
                }
            })
            .collect()
    }

    /// The key a fault on segment `id` (as shown, `c4`) is kept under.
    pub fn fault_key(&self, id: &str) -> Option<String> {
        let i = self.segments.iter().position(|s| s.id == id)?;
        self.names_through(i + 1).pop().flatten()
    }

    /// The segment a fault key hits in this run, if it is sent.
    pub fn segment_for_key(&self, key: &str) -> Option<usize> {
        self.names().iter().position(|n| n.as_deref() == Some(key))
    }
}

/// Turns every `c4`-style fault key into the name of the segment it hits in
/// the run of `scenario` as it stands (ordinals counted in that run, as
/// links and files before names did), so the run is unchanged and later
/// faults no longer move them. Returns the ids that hit no segment; they are
/// removed.
pub fn name_faults(scenario: &mut Scenario) -> Vec<String> {
    let ordinal = |k: &String| parse_segment_id(k).is_some_and(|(l, _)| l != 'o');
    if !scenario.faults.keys().any(ordinal) {
        return Vec::new();
    }
    let trace = crate::sim::run(scenario);
    let names = trace.names();
    // Taken out and put back one by one: collecting a map would pull the
    // stable sort into the first load (4 KB).
    let ids: Vec<(String, Fault)> = scenario
        .faults
        .iter()
        .filter(|(k, _)| ordinal(k))
        .map(|(k, f)| (k.clone(), *f))
        .collect();
    for (id, _) in &ids {
        scenario.faults.remove(id);
    }
    let mut missing = Vec::new();
    // In the run, an id's fault wins over a name's on the same segment.
    for (id, fault) in ids {
        match trace.segments.iter().position(|s| s.id == id) {
            Some(i) => {
                if let Some(name) = names[i].clone() {
                    scenario.faults.insert(name, fault);
                }
            }
            None => missing.push(id),
        }
    }
    missing
}

/// Adds faults given as the user sees segments (`c4`, or a name), one after
/// another: each `c4` is the segment of that id in the run with the faults
/// before it, as if clicked on screen. Fails on the first id that run does
/// not have, naming the ones it has.
pub fn add_faults(scenario: &mut Scenario, faults: &[(String, Fault)]) -> Result<(), String> {
    for (id, fault) in faults {
        let trace = crate::sim::run(scenario);
        let key = if is_fault_key(id) {
            trace.segment_for_key(id).map(|_| id.clone())
        } else {
            trace.fault_key(id)
        };
        let Some(key) = key else {
            let known: Vec<&str> = trace.segments.iter().map(|s| s.id.as_str()).collect();
            return Err(format!(
                "no segment {id} in this trace (it has {})",
                known.join(" ")
            ));
        };
        scenario.faults.insert(key, *fault);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
