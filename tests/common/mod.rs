#![allow(dead_code)]
use synack::scenario::{presets, Fault, Host, Scenario};
use synack::tcp::State;
use synack::trace::{Fate, Trace};

pub fn preset(name: &str) -> Scenario {
    presets::by_name(name).unwrap_or_else(|| panic!("no preset {name}"))
}

pub fn run(s: &Scenario) -> Trace {
    synack::run(s)
}

/// Each segment as `id FLAGS seq ack` plus ` len=N` and ` X` when dropped.
pub fn segments(trace: &Trace) -> Vec<String> {
    trace
        .segments
        .iter()
        .map(|s| {
            let mut line = format!(
                "{} {} {} {}",
                s.id, s.header.flags, s.header.seq.0, s.header.ack.0
            );
            if s.header.len > 0 {
                line.push_str(&format!(" len={}", s.header.len));
            }
            if s.fate == Fate::Dropped {
                line.push_str(" X");
            }
            line
        })
        .collect()
}

pub fn states(trace: &Trace, host: Host) -> Vec<&'static str> {
    trace.states(host).into_iter().map(State::name).collect()
}

pub fn with(mut s: Scenario, faults: &[(&str, Fault)]) -> Scenario {
    for (id, f) in faults {
        s.faults.insert(id.to_string(), *f);
    }
    s
}

pub fn sent_at(trace: &Trace, id: &str) -> u64 {
    trace
        .segment(id)
        .unwrap_or_else(|| panic!("no segment {id}"))
        .sent
}

/// The client's states when it closes first and all goes well.
pub const ACTIVE_CLOSE: [&str; 7] = [
    "CLOSED",
    "SYN-SENT",
    "ESTABLISHED",
    "FIN-WAIT-1",
    "FIN-WAIT-2",
    "TIME-WAIT",
    "CLOSED",
];
/// The server's states when the client closes first and all goes well.
pub const PASSIVE_CLOSE: [&str; 7] = [
    "CLOSED",
    "LISTEN",
    "SYN-RECEIVED",
    "ESTABLISHED",
    "CLOSE-WAIT",
    "LAST-ACK",
    "CLOSED",
];
