//! A deterministic discrete-event simulation of a client, a server and the
//! link between them. `run` is a pure function of the scenario.

use crate::scenario::naming::Namer;
use crate::scenario::{parse_segment_id, Fault, Host, Scenario, Trigger};
use crate::tcp::{
    Call, Cause, Endpoint, EndpointConfig, EndpointEvent, Segment, Seq, Stack, State, Transmit,
};
use crate::trace::{Event, EventKind, Fate, Notice, SegmentRecord, Trace, TraceCause};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// No run processes more events than this, whatever the input.
pub const MAX_EVENTS: usize = 200_000;
/// Virtual time after which a run stops (one hour).
pub const HORIZON_MS: u64 = 3_600_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Wake {
    Step { host: Host, step: usize },
    Arrive { seg: usize },
    Timers { host: Host },
    Inject { index: usize },
}

struct HostRun {
    endpoint: Box<dyn Stack>,
    sent: u32,
    scheduled_timer: Option<u64>,
    established_seen: bool,
    eof_seen: bool,
    syn_seen: bool,
}

struct Sim<'a> {
    scenario: &'a Scenario,
    hosts: [HostRun; 2],
    queue: BinaryHeap<Reverse<(u64, u64, Wake)>>,
    inserted: u64,
    trace: Trace,
    /// Names each transmission as it leaves, to find its fault.
    namer: Namer,
}

fn slot(host: Host) -> usize {
    host as usize
}

/// What an endpoint's event is in the trace; `cause_seg` is the segment
/// being handled when it happened, if any. (Shared with `drill`, which runs
/// one endpoint against a script.)
pub(crate) fn event_kind(host: Host, event: &EndpointEvent, cause_seg: Option<usize>) -> EventKind {
    match *event {
        EndpointEvent::StateChanged { from, to, cause } => EventKind::State {
            host,
            from,
            to,
            cause: match (cause, cause_seg) {
                (Cause::Call(c), _) => TraceCause::Call(c),
                (Cause::Received, Some(seg)) => TraceCause::Segment(seg),
                (Cause::Received, None) => TraceCause::RetriesExhausted,
                (Cause::TimerExpired(timer), _) => TraceCause::Timer(timer),
                (Cause::RetriesExhausted, _) => TraceCause::RetriesExhausted,
            },
        },
        EndpointEvent::Timer {
            timer,
            action,
            deadline,
        } => EventKind::Timer {
            host,
            timer,
            action,
            deadline,
        },
        EndpointEvent::Error(error) => EventKind::Error { host, error },
        EndpointEvent::Delivered(n) => EventKind::Notice {
            host,
            notice: Notice::Received(n),
        },
        EndpointEvent::EndOfFile => EventKind::Notice {
            host,
            notice: Notice::RecvEof,
        },
    }
}

pub fn run(scenario: &Scenario) -> Trace {
    run_with(scenario, &|_, config| Box::new(Endpoint::new(config)))
}

/// The hosts that run the real smoltcp rather than the model.
pub type RealHosts = [bool; 2];

/// `run`, with the hosts marked in `smoltcp` running the smoltcp crate
/// itself (`tcp::smol`): the same trace, from a real stack's segments and
/// states. Not in the page's first load: only the command line and the
/// module call it.
pub fn run_smoltcp(scenario: &Scenario, smoltcp: RealHosts) -> Trace {
    run_with(scenario, &|host, config| {
        if smoltcp[host as usize] {
            Box::new(crate::tcp::smol::SmolEndpoint::new(
                host == Host::Client,
                config.local_port,
                config.remote_port,
                config.mss,
                u64::from(config.isn),
            ))
        } else {
            Box::new(Endpoint::new(config))
        }
    })
}

/// The simulation with each host's stack made by `stack`.
fn run_with(scenario: &Scenario, stack: &dyn Fn(Host, EndpointConfig) -> Box<dyn Stack>) -> Trace {
    let make = |host: Host| {
        let setup = scenario.host(host);
        HostRun {
            endpoint: stack(
                host,
                EndpointConfig {
                    local_port: setup.port,
                    remote_port: scenario.host(host.peer()).port,
                    isn: scenario.isn(host),
                    profile: scenario.profile_of(host).profile(),
                    mss: scenario.mss.max(1),
                    window: 65_535,
                    delayed_ack_ms: setup.delayed_ack_ms,
                },
            ),
            sent: 0,
            scheduled_timer: None,
            established_seen: false,
            eof_seen: false,
            syn_seen: false,
        }
    };
    let mut sim = Sim {
        scenario,
        hosts: [make(Host::Client), make(Host::Server)],
        queue: BinaryHeap::new(),
        inserted: 0,
        trace: Trace {
            isns: (scenario.isn(Host::Client), scenario.isn(Host::Server)),
            stacks: scenario.mixed_stacks().then(|| {
                [
                    scenario.profile_of(Host::Client),
                    scenario.profile_of(Host::Server),
                ]
            }),
            ..Trace::default()
        },
        namer: Namer::default(),
    };
    // The server's steps go first so that listen() precedes a connect() at the same instant.
    for host in [Host::Server, Host::Client] {
        sim.schedule_steps(host, Trigger::Start, 0);
    }
    for (index, inj) in scenario.injections.iter().enumerate() {
        sim.push(inj.at_ms, Wake::Inject { index });
    }
    sim.run_loop();
    sim.trace
}

impl Sim<'_> {
    fn push(&mut self, t: u64, wake: Wake) {
        self.inserted += 1;
        self.queue.push(Reverse((t, self.inserted, wake)));
    }

    fn record(&mut self, t: u64, kind: EventKind) {
        self.trace.end_ms = self.trace.end_ms.max(t);
        self.trace.events.push(Event { t, kind });
    }

    fn schedule_steps(&mut self, host: Host, trigger: Trigger, now: u64) {
        let steps = &self.scenario.host(host).script;
        let due: Vec<(u64, usize)> = steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.after == trigger)
            .map(|(i, s)| (now.saturating_add(s.delay_ms), i))
            .collect();
        for (t, step) in due {
            self.push(t, Wake::Step { host, step });
        }
    }

    fn run_loop(&mut self) {
        let mut processed = 0usize;
        while let Some(Reverse((t, _, wake))) = self.queue.pop() {
            if t > HORIZON_MS {
                self.trace.cut_short = Some(format!("reached the {} s horizon", HORIZON_MS / 1000));
                return;
            }
            processed += 1;
            if processed > MAX_EVENTS {
                self.trace.cut_short = Some(format!("reached the cap of {MAX_EVENTS} events"));
                return;
            }
            match wake {
                Wake::Step { host, step } => self.do_step(t, host, step),
                Wake::Arrive { seg } => self.deliver(t, seg),
                Wake::Timers { host } => self.wake_timers(t, host),
                Wake::Inject { index } => self.inject(t, index),
            }
        }
    }

    fn do_step(&mut self, now: u64, host: Host, step: usize) {
        let call = self.scenario.host(host).script[step].call;
        self.record(now, EventKind::Call { host, call });
        self.hosts[slot(host)].endpoint.call(now, call);
        self.drain(now, host, None);
    }

    fn deliver(&mut self, now: u64, seg: usize) {
        let record = &self.trace.segments[seg];
        let (to, header) = (record.to(), record.header);
        self.record(now, EventKind::Arrived { seg });
        self.hosts[slot(to)].endpoint.handle_segment(now, &header);
        self.drain(now, to, Some(seg));
    }

    fn wake_timers(&mut self, now: u64, host: Host) {
        let run = &mut self.hosts[slot(host)];
        if run.scheduled_timer == Some(now) {
            run.scheduled_timer = None;
        }
        if run.endpoint.poll_timeout().is_some_and(|d| d <= now) {
            run.endpoint.handle_timeout(now);
            self.drain(now, host, None);
        } else {
            self.reschedule_timer(host);
        }
    }

    fn inject(&mut self, now: u64, index: usize) {
        let inj = self.scenario.injections[index];
        let header = Segment {
            src_port: self.scenario.host(inj.from).port,
            dst_port: self.scenario.host(inj.from.peer()).port,
            seq: Seq(inj.seq),
            ack: Seq(inj.ack),
            flags: inj.flags,
            window: 65_535,
            len: inj.len.min(65_535),
        };
        let id = format!("o{}", index + 1);
        self.launch(now, inj.from, (id, None), header, None, true);
    }

    /// Collect everything the endpoint produced and put it on the trace and the link.
    fn drain(&mut self, now: u64, host: Host, cause_seg: Option<usize>) {
        while let Some(event) = self.hosts[slot(host)].endpoint.poll_event() {
            self.record(now, event_kind(host, &event, cause_seg));
            let run = &self.hosts[slot(host)];
            match event {
                EndpointEvent::StateChanged { from, to, .. }
                    if to == State::Established && !run.established_seen =>
                {
                    self.hosts[slot(host)].established_seen = true;
                    let notice = if from == State::SynSent || !self.passive(host) {
                        Notice::ConnectReturns
                    } else {
                        Notice::AcceptReturns
                    };
                    self.record(now, EventKind::Notice { host, notice });
                    self.schedule_steps(host, Trigger::Established, now);
                }
                EndpointEvent::EndOfFile if !run.eof_seen => {
                    self.hosts[slot(host)].eof_seen = true;
                    self.schedule_steps(host, Trigger::Eof, now);
                }
                // A scenario's application reads what arrives at once, so
                // its close() never finds data unread.
                EndpointEvent::Delivered(n) => {
                    self.hosts[slot(host)].endpoint.read(u64::from(n));
                }
                _ => {}
            }
        }
        while let Some(Transmit {
            segment,
            retransmission,
        }) = self.hosts[slot(host)].endpoint.poll_transmit()
        {
            let run = &mut self.hosts[slot(host)];
            run.sent += 1;
            // A real stack picks its own ISN: numbers count from its first SYN.
            if segment.flags.syn && !std::mem::replace(&mut run.syn_seen, true) {
                match host {
                    Host::Client => self.trace.isns.0 = segment.seq.0,
                    Host::Server => self.trace.isns.1 = segment.seq.0,
                }
            }
            let id = format!("{}{}", host.letter(), run.sent);
            let name = self.namer.name(host, &segment, self.trace.isns);
            let original = if retransmission {
                self.first_copy(host, &segment)
            } else {
                None
            };
            self.launch(now, host, (id, Some(name)), segment, original, false);
        }
        self.reschedule_timer(host);
    }

    fn passive(&self, host: Host) -> bool {
        self.scenario
            .host(host)
            .script
            .iter()
            .any(|s| s.call == Call::Listen)
    }

    /// The first transmission of the same sequence space from the same host.
    fn first_copy(&self, host: Host, seg: &Segment) -> Option<usize> {
        self.trace.segments.iter().position(|r| {
            r.from == host
                && !r.injected
                && r.header.seq == seg.seq
                && r.header.len == seg.len
                && r.header.flags.syn == seg.flags.syn
                && r.header.flags.fin == seg.flags.fin
                && !r.header.flags.rst
        })
    }

    fn launch(
        &mut self,
        now: u64,
        from: Host,
        (id, name): (String, Option<String>),
        header: Segment,
        original: Option<usize>,
        injected: bool,
    ) {
        // Faults are kept by name; an id (`c4`) is what a scenario not yet
        // named holds (`naming::name_faults` runs it once to name them).
        let faults = &self.scenario.faults;
        let fault = faults
            .get(&id)
            .or_else(|| name.and_then(|n| faults.get(&n)))
            .copied();
        let latency = self.scenario.latency(from);
        let (fate, extra, arrives) = match fault {
            Some(Fault::Drop) => (Fate::Dropped, 0, None),
            Some(Fault::Delay(ms)) => (Fate::Delayed, ms, Some(now + latency + ms)),
            Some(Fault::Duplicate(_)) => (Fate::Duplicated, 0, Some(now + latency)),
            None => (Fate::Delivered, 0, Some(now + latency)),
        };
        debug_assert!(parse_segment_id(&id).is_some());
        let index = self.trace.segments.len();
        self.trace.segments.push(SegmentRecord {
            id,
            from,
            header,
            sent: now,
            arrives,
            fate,
            extra_delay_ms: extra,
            retransmission_of: original,
            injected,
            copy_of: None,
        });
        self.record(now, EventKind::Sent { seg: index });
        if let Some(at) = arrives {
            self.push(at, Wake::Arrive { seg: index });
        }
        if let Some(Fault::Duplicate(later)) = fault {
            self.launch_copy(now, index, later);
        }
    }

    /// The link's second copy of segment `index`: it leaves with the original
    /// and arrives `later` ms after it, to be handled like any arrival (the
    /// receiver decides what a duplicate means).
    fn launch_copy(&mut self, now: u64, index: usize, later: u64) {
        let original = &self.trace.segments[index];
        let arrives = original.arrives.map(|a| a + later);
        let copy = SegmentRecord {
            id: format!("{}'", original.id),
            fate: Fate::Delivered,
            arrives,
            extra_delay_ms: later,
            retransmission_of: None,
            copy_of: Some(index),
            ..original.clone()
        };
        let copy_index = self.trace.segments.len();
        self.trace.segments.push(copy);
        self.record(now, EventKind::Sent { seg: copy_index });
        if let Some(at) = arrives {
            self.push(at, Wake::Arrive { seg: copy_index });
        }
    }

    fn reschedule_timer(&mut self, host: Host) {
        let run = &mut self.hosts[slot(host)];
        let next = run.endpoint.poll_timeout();
        if let Some(deadline) = next {
            let earlier = run.scheduled_timer.is_none_or(|s| deadline < s);
            if earlier {
                run.scheduled_timer = Some(deadline);
                self.push(deadline, Wake::Timers { host });
            }
        }
    }
}

#[cfg(test)]
mod tests;
