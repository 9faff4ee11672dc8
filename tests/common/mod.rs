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

/// The run as an exchange, one line an event in time order: each segment as
/// it is sent (`segments`' form, after the time), and each state change
/// with what caused it, so a test checks which segment moved which host:
/// `50 server LISTEN -> SYN-RECEIVED on c1`.
pub fn exchange(trace: &Trace) -> Vec<String> {
    use synack::trace::{EventKind, TraceCause};
    let line = segments(trace);
    trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Sent { seg, .. } => Some(format!("{} {}", e.t, line[*seg])),
            EventKind::State {
                host,
                from,
                to,
                cause,
            } => {
                let why = match cause {
                    TraceCause::Segment(i) => format!("on {}", trace.segments[*i].id),
                    TraceCause::Call(call) => format!("on {call:?}").to_lowercase(),
                    TraceCause::Timer(timer) => format!("on {timer:?} timer").to_lowercase(),
                    TraceCause::RetriesExhausted => "retries exhausted".into(),
                    TraceCause::Inferred(rule) => format!("inferred: {}", rule.as_str()),
                };
                Some(format!(
                    "{} {} {} -> {} {why}",
                    e.t,
                    host.name(),
                    from.name(),
                    to.name()
                ))
            }
            _ => None,
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

/// xorshift64*: small, deterministic, no dependency (the fuzz tests).
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The `synack` command in-process: (exit status, stdout, stderr).
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = synack::cli::run_cli(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// The states a packetdrill script's own endpoint went through, in order.
pub fn script_states(r: &synack::drill::Report) -> Vec<State> {
    r.trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            synack::trace::EventKind::State { host, to, .. } if host == r.local => Some(to),
            _ => None,
        })
        .collect()
}

/// The names of the `.pkt` scripts in a folder, sorted, without `.pkt`.
pub fn scripts_in(dir: &str) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".pkt").map(str::to_string))
        .collect();
    found.sort();
    found
}
