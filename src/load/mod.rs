//! Many short connections at once (the notes' 高并发 story): clients opening
//! connections at a rate, each a request → response → close, every one the
//! same sans-IO endpoint as a single scenario, demultiplexed by its port.
//! The run is kept small (`LoadTrace`): sockets per state on each host, each
//! simulated second, and one outcome per connection.
//!
//! One client address and one server address:port, so a 4-tuple is named by
//! the client's ephemeral port. A port is busy while the client's socket on
//! it is not CLOSED (TIME-WAIT included): connect() fails with "no free
//! port" (EADDRNOTAVAIL) when every port of the range is busy.

pub mod presets;
mod run;
#[cfg(test)]
mod tests;

pub use run::{run_load, LoadRun};

use crate::scenario::Host;
use crate::tcp::{ProfileName, State};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadScenario {
    pub profile: ProfileName,
    /// New connections per second, for `duration_s`; or, with `count`,
    /// that many connections one after another, as fast as they complete.
    pub rate_per_s: u32,
    pub duration_s: u32,
    pub count: Option<u32>,
    /// Who closes first: the server (HTTP/1.0) or the client.
    pub closer: Host,
    pub request_bytes: u32,
    pub response_bytes: u32,
    /// The client's ephemeral port range, inclusive (Linux: 32768–60999).
    pub ports: (u16, u16),
    /// SO_LINGER {1, 0}: the closer aborts (RST), no TIME-WAIT.
    pub linger0: bool,
    /// Linux's tcp_tw_reuse on the client: a port in TIME-WAIT for 1 s may be taken again.
    pub tw_reuse: bool,
    /// Requests each connection carries (1: one request per connection).
    pub requests_per_connection: u32,
    /// Each segment is lost with this probability, in millionths.
    pub loss_per_million: u32,
    pub seed: u64,
    pub latency_ms: u64,
    /// The listener's queue of connections not yet established (SYN-RECEIVED).
    pub backlog: u32,
    /// tcp_abort_on_overflow: a SYN that finds the queue full gets RST, not silence.
    pub abort_on_overflow: bool,
}

impl Default for LoadScenario {
    fn default() -> Self {
        LoadScenario {
            profile: ProfileName::Linux,
            rate_per_s: 100,
            duration_s: 10,
            count: None,
            closer: Host::Server,
            request_bytes: 100,
            response_bytes: 1000,
            ports: (32768, 60999),
            linger0: false,
            tw_reuse: false,
            requests_per_connection: 1,
            loss_per_million: 0,
            seed: 1,
            latency_ms: 1,
            backlog: 4096,
            abort_on_overflow: false,
        }
    }
}

/// How one connection ended, from the client's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Completed,
    NoFreePort,
    Refused,
    TimedOut,
    Reset,
    /// Still open when nothing more happens (a lost RST leaves the client
    /// waiting for an answer that never comes).
    StillOpen,
}

impl Outcome {
    pub const FAILURES: [Outcome; 4] = [
        Outcome::NoFreePort,
        Outcome::Refused,
        Outcome::TimedOut,
        Outcome::Reset,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::NoFreePort => "no-free-port",
            Outcome::Refused => "refused",
            Outcome::TimedOut => "timed-out",
            Outcome::Reset => "reset",
            Outcome::StillOpen => "still-open",
        }
    }
}

/// The states counted, in the order `ss` and the JSON print them.
pub const COUNTED: [State; 9] = [
    State::SynSent,
    State::Established,
    State::FinWait1,
    State::FinWait2,
    State::TimeWait,
    State::CloseWait,
    State::LastAck,
    State::Closing,
    State::SynReceived,
];

/// Sockets in each counted state on one host (index as in `COUNTED`).
pub type Counts = [u32; 9];

pub fn counted_index(s: State) -> Option<usize> {
    COUNTED.iter().position(|&c| c == s)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub port: Option<u16>,
    pub opened_ms: u64,
    pub ended_ms: Option<u64>,
    pub outcome: Option<Outcome>,
    /// Each state change of its two sockets: (ms, host, new state).
    pub changes: Vec<(u32, Host, State)>,
}

impl Connection {
    /// Its socket's state on `host` just after `t`.
    pub fn state_at(&self, host: Host, t: u64) -> State {
        self.changes
            .iter()
            .take_while(|(at, _, _)| *at as u64 <= t)
            .filter(|(_, h, _)| *h == host)
            .last()
            .map_or(State::Closed, |(_, _, s)| *s)
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct LoadTrace {
    /// (time, client counts, server counts), once per simulated second from 0.
    pub samples: Vec<(u64, Counts, Counts)>,
    pub connections: Vec<Connection>,
    pub first_failure_ms: Option<u64>,
    /// The most sockets each host had in each state at once.
    pub peak: [Counts; 2],
    pub end_ms: u64,
    pub cut_short: Option<String>,
    /// The sockets actually in each state when the run ended, counted from
    /// the endpoints themselves (the samples count transitions; the two agree).
    pub final_states: [Counts; 2],
    /// Every segment the first connection sent, by whom: one exchange of
    /// the load, to compare with a capture of a real one.
    pub first_exchange: Vec<(Host, crate::tcp::Segment)>,
}

impl LoadTrace {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.connections
            .iter()
            .filter(|c| c.outcome == Some(outcome))
            .count()
    }

    /// The `synack load --json` lines: one per host per simulated second, then the summary.
    pub fn json_lines(&self) -> Vec<String> {
        let states = |c: &Counts| {
            let fields: Vec<String> = COUNTED
                .iter()
                .zip(c)
                .map(|(s, n)| format!("\"{}\":{n}", s.name()))
                .collect();
            format!("{{{}}}", fields.join(","))
        };
        let mut out = Vec::with_capacity(self.samples.len() * 2 + 1);
        for (t, client, server) in &self.samples {
            out.push(format!(
                "{{\"t\":{t},\"host\":\"client\",\"states\":{}}}",
                states(client)
            ));
            out.push(format!(
                "{{\"t\":{t},\"host\":\"server\",\"states\":{}}}",
                states(server)
            ));
        }
        let failed: Vec<String> = Outcome::FAILURES
            .iter()
            .map(|o| format!("\"{}\":{}", o.as_str(), self.count(*o)))
            .collect();
        let peak = |c: &Counts| {
            let fields: Vec<String> = COUNTED
                .iter()
                .zip(c)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("\"{}\":{n}", s.name()))
                .collect();
            format!("{{{}}}", fields.join(","))
        };
        out.push(format!(
            "{{\"summary\":{{\"completed\":{},\"failed\":{{{}}},\"first_failure_ms\":{},\"peak\":{{\"client\":{},\"server\":{}}}}}}}",
            self.count(Outcome::Completed),
            failed.join(","),
            self.first_failure_ms.map_or("null".to_string(), |t| t.to_string()),
            peak(&self.peak[0]),
            peak(&self.peak[1]),
        ));
        out
    }

    /// The readable summary `synack load` prints.
    pub fn summary(&self) -> Vec<String> {
        let mut out = vec![format!(
            "{} connections: {} completed",
            self.connections.len(),
            self.count(Outcome::Completed)
        )];
        for o in Outcome::FAILURES {
            let n = self.count(o);
            if n > 0 {
                out.push(format!("failed, {}: {n}", o.as_str()));
            }
        }
        let open = self.count(Outcome::StillOpen);
        if open > 0 {
            out.push(format!("still open when nothing more happens: {open}"));
        }
        match self.first_failure_ms {
            Some(t) => out.push(format!("first failure at {}.{:03} s", t / 1000, t % 1000)),
            None => out.push("no failures".into()),
        }
        for (host, peak) in [("client", &self.peak[0]), ("server", &self.peak[1])] {
            let fields: Vec<String> = COUNTED
                .iter()
                .zip(peak)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("{} {n}", s.name()))
                .collect();
            out.push(format!("peak on the {host}: {}", fields.join(", ")));
        }
        if let Some(why) = &self.cut_short {
            out.push(format!("(cut short: {why})"));
        }
        out
    }
}
