//! The load simulator: one discrete-event loop over many pairs of endpoints.

use super::{counted_index, Connection, Counts, LoadScenario, LoadTrace, Outcome};
use crate::scenario::Host;
use crate::tcp::{Endpoint, EndpointConfig, EndpointEvent, ErrorKind, Flags, Segment, Seq, State};
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, VecDeque};

/// Runs stop here whatever the scenario says: an hour of simulated time, as
/// for one connection. (Twenty minutes was too short: Linux retransmits
/// unacknowledged data 15 times, about 23 minutes when the RTO starts at 1 s.)
const HORIZON_MS: u64 = 60 * 60 * 1000;
const MAX_EVENTS: usize = 40_000_000;
const SERVER_PORT: u16 = 80;
/// tcp_tw_reuse: a TIME-WAIT port may be taken again after this long.
const TW_REUSE_AFTER_MS: u64 = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Wake {
    Open { conn: usize },
    Arrive { conn: usize, to: Host, seg: u32 },
    Timer { conn: usize, host: Host },
}

struct Pair {
    client: Endpoint,
    /// Created when the client's SYN reaches the listener.
    server: Option<Endpoint>,
    port: Option<u16>,
    requests_done: u32,
    received_by_client: u64,
    received_by_server: u64,
    responses_sent: u32,
    timer_at: [Option<u64>; 2],
    time_wait_since: Option<u64>,
    app_done: bool,
}

struct Sim {
    s: LoadScenario,
    queue: BinaryHeap<Reverse<(u64, u64, Wake)>>,
    order: u64,
    pairs: Vec<Pair>,
    /// What a pair's client is before its connection opens.
    placeholder: Endpoint,
    segments: Vec<Segment>,
    free_ports: BTreeSet<u16>,
    next_port: u16,
    /// Client ports in TIME-WAIT, oldest first (for tcp_tw_reuse).
    time_wait_ports: VecDeque<(u16, usize)>,
    /// The connection each client port belongs to now, on each side.
    by_port: HashMap<u16, usize>,
    server_by_port: HashMap<u16, usize>,
    counts: [Counts; 2],
    syn_received: u32,
    rng: u64,
    trace: LoadTrace,
    next_sample: u64,
}

fn slot(h: Host) -> usize {
    h as usize
}

impl Sim {
    fn push(&mut self, t: u64, wake: Wake) {
        self.order += 1;
        self.queue.push(Reverse((t, self.order, wake)));
    }

    fn random(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn config(&self, local: u16, remote: u16, isn: u32) -> EndpointConfig {
        EndpointConfig {
            local_port: local,
            remote_port: remote,
            isn,
            profile: self.s.profile.profile(),
            mss: 1460,
            window: 65535,
            delayed_ack_ms: None,
        }
    }

    /// A 4 µs ISN clock, as RFC 9293 3.4.1 suggests: later connections start higher.
    fn isn(now: u64, salt: u32) -> u32 {
        (now.wrapping_mul(250) as u32).wrapping_add(salt)
    }

    fn take_port(&mut self, now: u64) -> Option<u16> {
        let port = self
            .free_ports
            .range(self.next_port..)
            .next()
            .or_else(|| self.free_ports.iter().next())
            .copied();
        if let Some(p) = port {
            self.free_ports.remove(&p);
            self.next_port = p.wrapping_add(1);
            return Some(p);
        }
        if !self.s.tw_reuse {
            return None;
        }
        // tcp_tw_reuse: the oldest TIME-WAIT port, once it has waited 1 s.
        while let Some(&(p, conn)) = self.time_wait_ports.front() {
            let pair = &self.pairs[conn];
            let still = pair.port == Some(p) && pair.client.state() == State::TimeWait;
            if !still {
                self.time_wait_ports.pop_front();
                continue;
            }
            if pair
                .time_wait_since
                .is_some_and(|t| now >= t + TW_REUSE_AFTER_MS)
            {
                self.time_wait_ports.pop_front();
                // The old socket is gone: counted out of TIME-WAIT.
                self.count(Host::Client, State::TimeWait, State::Closed);
                self.pairs[conn].port = None;
                return Some(p);
            }
            return None;
        }
        None
    }

    fn count(&mut self, host: Host, from: State, to: State) {
        let c = &mut self.counts[slot(host)];
        if let Some(i) = counted_index(from) {
            c[i] = c[i].saturating_sub(1);
        }
        if let Some(i) = counted_index(to) {
            c[i] += 1;
            let peak = &mut self.trace.peak[slot(host)][i];
            *peak = (*peak).max(c[i]);
        }
    }

    fn fail(&mut self, conn: usize, now: u64, outcome: Outcome) {
        let c = &mut self.trace.connections[conn];
        if c.outcome.is_none() {
            c.outcome = Some(outcome);
            c.ended_ms = Some(now);
            self.trace.first_failure_ms.get_or_insert(now);
        }
    }

    fn open(&mut self, conn: usize, now: u64) {
        while self.pairs.len() <= conn {
            self.pairs.push(Pair {
                client: self.placeholder.clone(),
                server: None,
                port: None,
                requests_done: 0,
                received_by_client: 0,
                received_by_server: 0,
                responses_sent: 0,
                timer_at: [None; 2],
                time_wait_since: None,
                app_done: false,
            });
        }
        let Some(port) = self.take_port(now) else {
            self.fail(conn, now, Outcome::NoFreePort);
            self.app_finished(conn, now);
            return;
        };
        let cfg = self.config(port, SERVER_PORT, Self::isn(now, 1000));
        let pair = &mut self.pairs[conn];
        pair.port = Some(port);
        pair.client = Endpoint::new(cfg);
        self.trace.connections[conn].port = Some(port);
        self.by_port.insert(port, conn);
        self.pairs[conn].client.connect(now);
        self.drain(conn, Host::Client, now);
    }

    /// The client application is done with this connection: with `count`,
    /// the next one opens now.
    fn app_finished(&mut self, conn: usize, now: u64) {
        if std::mem::replace(&mut self.pairs[conn].app_done, true) {
            return;
        }
        if self.s.count.is_some() && conn + 1 < self.trace.connections.len() {
            self.push(now, Wake::Open { conn: conn + 1 });
        }
    }

    fn endpoint(&mut self, conn: usize, host: Host) -> Option<&mut Endpoint> {
        match host {
            Host::Client => Some(&mut self.pairs[conn].client),
            Host::Server => self.pairs[conn].server.as_mut(),
        }
    }

    /// Everything an endpoint produced: segments onto the link, state counts,
    /// the application's next step, its timer.
    fn drain(&mut self, conn: usize, host: Host, now: u64) {
        loop {
            let Some(ep) = self.endpoint(conn, host) else {
                return;
            };
            let mut transmits = Vec::new();
            while let Some(t) = ep.poll_transmit() {
                transmits.push(t.segment);
            }
            let mut events = Vec::new();
            while let Some(e) = ep.poll_event() {
                events.push(e);
            }
            // The applications read every byte as it arrives, so a close()
            // never finds data unread (which Linux answers with RST).
            ep.read(u64::MAX);
            if transmits.is_empty() && events.is_empty() {
                break;
            }
            for seg in transmits {
                if conn == 0 {
                    self.trace.first_exchange.push((host, seg));
                }
                let lost = self.s.loss_per_million > 0
                    && self.random() % 1_000_000 < self.s.loss_per_million as u64;
                if !lost {
                    self.segments.push(seg);
                    let id = (self.segments.len() - 1) as u32;
                    self.push(
                        now + self.s.latency_ms,
                        Wake::Arrive {
                            conn,
                            to: host.peer(),
                            seg: id,
                        },
                    );
                }
            }
            for e in events {
                self.on_event(conn, host, now, e);
            }
        }
        self.schedule_timer(conn, host);
    }

    fn schedule_timer(&mut self, conn: usize, host: Host) {
        let next = self.endpoint(conn, host).and_then(|e| e.poll_timeout());
        if let Some(deadline) = next {
            let at = &mut self.pairs[conn].timer_at[slot(host)];
            if at.is_none_or(|t| deadline < t) {
                *at = Some(deadline);
                self.push(deadline, Wake::Timer { conn, host });
            }
        }
    }

    fn close_or_abort(&mut self, conn: usize, host: Host, now: u64) {
        let linger0 = self.s.linger0;
        if let Some(ep) = self.endpoint(conn, host) {
            if linger0 {
                ep.abort(now);
            } else {
                ep.close(now);
            }
        }
    }

    fn on_event(&mut self, conn: usize, host: Host, now: u64, e: EndpointEvent) {
        let s = self.s;
        match e {
            EndpointEvent::StateChanged { from, to, .. } => {
                self.count(host, from, to);
                self.trace.connections[conn]
                    .changes
                    .push((now as u32, host, to));
                if host == Host::Server {
                    if from == State::SynReceived {
                        self.syn_received = self.syn_received.saturating_sub(1);
                    }
                    if to == State::SynReceived {
                        self.syn_received += 1;
                    }
                }
                match (host, to) {
                    (Host::Client, State::Established) => {
                        if let Some(ep) = self.endpoint(conn, host) {
                            ep.send(now, s.request_bytes);
                        }
                    }
                    (Host::Client, State::TimeWait) => {
                        self.pairs[conn].time_wait_since = Some(now);
                        if let Some(p) = self.pairs[conn].port {
                            self.time_wait_ports.push_back((p, conn));
                        }
                    }
                    (Host::Client, State::Closed) => self.client_closed(conn, now),
                    _ => {}
                }
            }
            EndpointEvent::Delivered(n) => match host {
                Host::Server => {
                    let pair = &mut self.pairs[conn];
                    pair.received_by_server += n as u64;
                    let asked = pair.received_by_server / s.request_bytes.max(1) as u64;
                    while (self.pairs[conn].responses_sent as u64) < asked {
                        self.pairs[conn].responses_sent += 1;
                        let last = self.pairs[conn].responses_sent >= s.requests_per_connection;
                        if let Some(ep) = self.endpoint(conn, Host::Server) {
                            ep.send(now, s.response_bytes);
                        }
                        if last && s.closer == Host::Server {
                            self.close_or_abort(conn, Host::Server, now);
                        }
                    }
                }
                Host::Client => {
                    let pair = &mut self.pairs[conn];
                    pair.received_by_client += n as u64;
                    let answered =
                        (pair.received_by_client / s.response_bytes.max(1) as u64) as u32;
                    while self.pairs[conn].requests_done < answered {
                        self.pairs[conn].requests_done += 1;
                        if self.pairs[conn].requests_done < s.requests_per_connection {
                            if let Some(ep) = self.endpoint(conn, Host::Client) {
                                ep.send(now, s.request_bytes);
                            }
                        } else if s.closer == Host::Client {
                            self.close_or_abort(conn, Host::Client, now);
                            self.app_finished(conn, now);
                        }
                    }
                }
            },
            // recv() returns 0: the passive closer closes too (the closer has already).
            EndpointEvent::EndOfFile => {
                if host != s.closer {
                    self.close_or_abort(conn, host, now);
                }
                if host == Host::Client {
                    self.app_finished(conn, now);
                }
            }
            EndpointEvent::Error(error) if host == Host::Client => {
                let outcome = match error {
                    ErrorKind::Refused => Outcome::Refused,
                    ErrorKind::TimedOut => Outcome::TimedOut,
                    ErrorKind::Reset => Outcome::Reset,
                    // A call the state did not allow: the application's own doing.
                    _ => return,
                };
                // A reset the client's own abort caused is the plan, not a failure.
                let planned = s.linger0 && s.closer == Host::Client;
                if !(planned && outcome == Outcome::Reset) {
                    self.fail(conn, now, outcome);
                }
                self.app_finished(conn, now);
            }
            _ => {}
        }
    }

    fn client_closed(&mut self, conn: usize, now: u64) {
        let done = self.pairs[conn].requests_done >= self.s.requests_per_connection;
        let c = &mut self.trace.connections[conn];
        if c.outcome.is_none() {
            c.outcome = Some(if done {
                Outcome::Completed
            } else {
                Outcome::Reset
            });
            c.ended_ms = Some(now);
            if !done {
                self.trace.first_failure_ms.get_or_insert(now);
            }
        }
        if let Some(p) = self.pairs[conn].port {
            if self.by_port.get(&p) == Some(&conn) {
                self.free_ports.insert(p);
            }
        }
        self.app_finished(conn, now);
    }

    fn arrive(&mut self, conn: usize, to: Host, seg: Segment, now: u64) {
        if to == Host::Client {
            // Demultiplexed by port: a segment for an old connection on a port
            // taken again reaches the new one, as it would on a real host.
            let Some(&owner) = self.by_port.get(&seg.dst_port) else {
                return;
            };
            self.pairs[owner].client.handle_segment(now, &seg);
            self.drain(owner, Host::Client, now);
            return;
        }
        let opening = seg.flags.syn && !seg.flags.ack;
        let live = self.pairs[conn]
            .server
            .as_ref()
            .is_some_and(|ep| !matches!(ep.state(), State::Closed | State::Listen));
        if opening && !live {
            if self.syn_received >= self.s.backlog {
                if self.s.abort_on_overflow {
                    let rst = Segment {
                        src_port: SERVER_PORT,
                        dst_port: seg.src_port,
                        seq: Seq(0),
                        ack: seg.seq.add(1),
                        flags: Flags::RST_ACK,
                        window: 0,
                        len: 0,
                    };
                    self.segments.push(rst);
                    let id = (self.segments.len() - 1) as u32;
                    self.push(
                        now + self.s.latency_ms,
                        Wake::Arrive {
                            conn,
                            to: Host::Client,
                            seg: id,
                        },
                    );
                }
                return; // Linux's default: the SYN is dropped, the client retries.
            }
            // A SYN for a 4-tuple the server holds in TIME-WAIT, with a higher
            // sequence number, ends that TIME-WAIT (Linux, RFC 6191).
            if let Some(old) = self.server_by_port.insert(seg.src_port, conn) {
                let lingering = self.pairs[old].server.as_ref().map(|e| e.state());
                if old != conn && lingering == Some(State::TimeWait) {
                    self.count(Host::Server, State::TimeWait, State::Closed);
                    self.pairs[old].server = None;
                }
            }
            let mut ep =
                Endpoint::new(self.config(SERVER_PORT, seg.src_port, Self::isn(now, 5000)));
            ep.listen(now);
            self.pairs[conn].server = Some(ep);
            self.drain(conn, Host::Server, now);
        }
        if let Some(ep) = self.pairs[conn].server.as_mut() {
            ep.handle_segment(now, &seg);
            self.drain(conn, Host::Server, now);
        }
    }

    fn sample_until(&mut self, t: u64) {
        while self.next_sample <= t {
            self.trace
                .samples
                .push((self.next_sample, self.counts[0], self.counts[1]));
            self.next_sample += 1000;
        }
    }
}

/// A load run that can be advanced a slice at a time (the page runs it in
/// slices so it never blocks for long); `run_load` runs it through.
pub struct LoadRun {
    sim: Sim,
    processed: usize,
    last_t: u64,
    done: bool,
}

/// Runs a load scenario: deterministic for the same scenario.
pub fn run_load(s: &LoadScenario) -> LoadTrace {
    let mut run = LoadRun::new(s);
    while !run.advance(usize::MAX) {}
    run.finish()
}

impl LoadRun {
    pub fn new(s: &LoadScenario) -> LoadRun {
        let s = *s;
        let total = s.count.unwrap_or(s.rate_per_s.saturating_mul(s.duration_s)) as usize;
        let placeholder = Endpoint::new(EndpointConfig {
            local_port: 0,
            remote_port: 0,
            isn: 0,
            profile: s.profile.profile(),
            mss: 1460,
            window: 65535,
            delayed_ack_ms: None,
        });
        let (lo, hi) = (s.ports.0.min(s.ports.1), s.ports.0.max(s.ports.1));
        let mut sim = Sim {
            s,
            queue: BinaryHeap::new(),
            order: 0,
            // Pairs are made as their connections open: making 40,000 up
            // front held the page's main thread for tens of milliseconds.
            pairs: Vec::with_capacity(total),
            placeholder,
            segments: Vec::new(),
            free_ports: (lo..=hi).collect(),
            next_port: lo,
            time_wait_ports: VecDeque::new(),
            by_port: HashMap::new(),
            server_by_port: HashMap::new(),
            counts: [[0; 9]; 2],
            syn_received: 0,
            rng: s.seed | 1,
            trace: LoadTrace::default(),
            next_sample: 0,
        };
        sim.trace.connections = (0..total)
            .map(|i| Connection {
                port: None,
                opened_ms: if s.count.is_some() {
                    0
                } else {
                    i as u64 * 1000 / s.rate_per_s.max(1) as u64
                },
                ended_ms: None,
                outcome: None,
                changes: Vec::new(),
            })
            .collect();
        if s.count.is_some() {
            if total > 0 {
                sim.push(0, Wake::Open { conn: 0 });
            }
        } else {
            for i in 0..total {
                let t = sim.trace.connections[i].opened_ms;
                sim.push(t, Wake::Open { conn: i });
            }
        }
        LoadRun {
            sim,
            processed: 0,
            last_t: 0,
            done: false,
        }
    }

    /// Runs up to `events` more events; true when the run is over.
    pub fn advance(&mut self, events: usize) -> bool {
        if self.done {
            return true;
        }
        let sim = &mut self.sim;
        let mut budget = events;
        while let Some(Reverse((t, _, wake))) = sim.queue.pop() {
            if t > HORIZON_MS {
                sim.trace.cut_short =
                    Some(format!("reached the {} min horizon", HORIZON_MS / 60_000));
                break;
            }
            self.processed += 1;
            if self.processed > MAX_EVENTS {
                sim.trace.cut_short = Some(format!("reached the cap of {MAX_EVENTS} events"));
                break;
            }
            // Samples show the counts as they stand at each whole second.
            if t > 0 {
                sim.sample_until(t - 1);
            }
            self.last_t = t;
            match wake {
                Wake::Open { conn } => {
                    sim.trace.connections[conn].opened_ms = t;
                    sim.open(conn, t);
                }
                Wake::Arrive { conn, to, seg } => {
                    let segment = sim.segments[seg as usize];
                    sim.arrive(conn, to, segment, t);
                }
                Wake::Timer { conn, host } => {
                    if sim.pairs[conn].timer_at[slot(host)] == Some(t) {
                        sim.pairs[conn].timer_at[slot(host)] = None;
                        if let Some(ep) = sim.endpoint(conn, host) {
                            ep.handle_timeout(t);
                        }
                        sim.drain(conn, host, t);
                    }
                }
            }
            budget = budget.saturating_sub(1);
            if budget == 0 {
                return false;
            }
        }
        self.done = true;
        true
    }

    /// The trace of the run, once `advance` has returned true.
    /// The run's trace. It borrows rather than consumes so that a page can
    /// free the run's 40,000 endpoints in a later task than this one.
    pub fn finish(&mut self) -> LoadTrace {
        let (sim, last_t) = (&mut self.sim, self.last_t);
        for pair in &sim.pairs {
            let sockets = [
                pair.port.map(|_| pair.client.state()),
                pair.server.as_ref().map(|e| e.state()),
            ];
            for (side, state) in sockets.into_iter().enumerate() {
                if let Some(i) = state.and_then(counted_index) {
                    sim.trace.final_states[side][i] += 1;
                }
            }
        }
        for c in &mut sim.trace.connections {
            if c.outcome.is_none() {
                c.outcome = Some(Outcome::StillOpen);
            }
        }
        // And the whole second after the last event: every count as the run ends.
        sim.sample_until(last_t.div_ceil(1000) * 1000);
        sim.trace.end_ms = last_t;
        self.done = true;
        std::mem::take(&mut sim.trace)
    }
}
