//! packetdrill scripts against one synack endpoint: the script plays the
//! remote side (its `<` lines) and states what the host under test must do
//! (its `>` lines); the model's endpoint is the host under test. The run is
//! a `Trace` like any other, so it is drawn and printed the same way.
//!
//! Numbers are packetdrill's: the script's own (inbound) sequence numbers are
//! used as they are written, and the local endpoint's ISN is 0, so the
//! endpoint's numbers read as the script writes them.

mod calls;
pub mod defines;
pub mod export;
pub mod read;
pub mod sysctl;

use crate::i18n::{EditorWord, Said};
use crate::scenario::{Fault, Host};

/// Faults on the script's segments, keyed by segment id (`c3`).
pub use crate::scenario::Faults;
use crate::tcp::{
    Endpoint, EndpointConfig, EndpointEvent, ErrorKind, ProfileName, Segment, Seq, State, Transmit,
};
use crate::trace::{Event, EventKind, Fate, SegmentRecord, Trace};
pub use defines::Defines;
use read::SegmentLine;
pub use read::{read, read_with, ReadError, Script, Statement, Time, What};

const LOCAL_PORT: u16 = 8080;
const REMOTE_PORT: u16 = 40_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub profile: ProfileName,
    pub ignore_timing: bool,
    /// Compare windows too.
    pub strict: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub line: usize,
    /// The segment it is about, in the trace, if any.
    pub segment: Option<usize>,
    /// What went wrong, in the reader's language where it is shown.
    pub said: Said<EditorWord>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub trace: Trace,
    /// Which host the script's endpoint plays (server if it listens).
    pub local: Host,
    pub failures: Vec<Failure>,
    pub statements: usize,
    /// Outbound lines compared with what the endpoint sent.
    pub checked: usize,
    /// (line, why) for each statement read and not played.
    pub skipped: Vec<(usize, Said<EditorWord>)>,
    /// For each segment of the trace, the script line it is: the `<` line
    /// that sent it, or the `>` line it was compared with.
    pub line_of: Vec<Option<usize>>,
    /// When the user changed the script's segments: what the endpoint did
    /// next on its own once the script had ended.
    pub after_script: Option<AfterScript>,
}

/// The script is over, the endpoint is not: a lost last segment leaves it
/// waiting for a timer, and that timer's firing is what it does next.
#[derive(Clone, Debug, PartialEq)]
pub struct AfterScript {
    /// The script's last moment (µs).
    pub ended_us: u64,
    /// The endpoint's next timer (µs) and the segments and state it led to;
    /// None: no timer is armed, it stays as it is.
    pub next: Option<(u64, std::ops::Range<usize>, State)>,
    /// The endpoint's state when the script ended.
    pub state: State,
}

/// A segment as packetdrill writes it, `S. 0:0(0) ack 1`, from a header
/// already in the script's numbers (`Run::as_script`).
pub(crate) fn written(seg: &Segment) -> String {
    let f = seg.flags;
    let mut flags = String::new();
    for (on, c) in [
        (f.syn, 'S'),
        (f.fin, 'F'),
        (f.rst, 'R'),
        (f.psh, 'P'),
        (f.ack, '.'),
    ] {
        if on {
            flags.push(c);
        }
    }
    let (start, len) = (seg.seq.0, seg.len);
    let mut out = format!("{flags} {start}:{}({len})", start.wrapping_add(len));
    if f.ack {
        out.push_str(&format!(" ack {}", seg.ack.0));
    }
    out
}

/// Microseconds as packetdrill's times read: `0.250 s`.
pub fn seconds(us: u64) -> String {
    format!("{}.{:03} s", us / 1_000_000, us / 1000 % 1000)
}

struct Run<'a> {
    script: &'a Script,
    options: Options,
    /// The tolerance for the statement being played (`Script::tolerance`).
    tolerance_us: u64,
    local: Host,
    endpoint: Endpoint,
    trace: Trace,
    /// What the endpoint sent and no line has claimed yet: (trace index, µs).
    pending: Vec<(usize, u64)>,
    failures: Vec<Failure>,
    sent: [u32; 2],
    /// Closing aborts (SO_LINGER {1, 0}).
    linger_zero: bool,
    /// What the user made the link do to the script's own segments, by id
    /// (dropped, delayed, duplicated), as faults in a scenario.
    faults: &'a Faults,
    /// Segments on their way to the endpoint: (µs it arrives, trace index).
    deliveries: Vec<(u64, usize)>,
    line_of: Vec<Option<usize>>,
    /// The endpoint's ISN, from the first SYN it sent: as in packetdrill
    /// (`local_seq_live_to_script_offset`), its numbers are written relative to it.
    local_isn: Option<u32>,
    /// The sequence number of the first SYN the script sends (a SYN, or
    /// the SYN,ACK of an active open). As in packetdrill
    /// (`remote_seq_script_to_live_offset`), the script's other segments
    /// write their sequence numbers relative to it, and the endpoint's
    /// acknowledgements are shown relative to it.
    remote_isn: Option<u32>,
    fds: Vec<calls::Descriptor>,
    /// A blocking connect or accept, until it returns.
    waiting: Option<calls::Waiting>,
    /// What the endpoint last told the application went wrong.
    last_error: Option<ErrorKind>,
    /// The connection has been handed to the script by accept().
    accepted: bool,
    /// Whether the peer's FIN has reached the application (read() then
    /// returns 0 once the bytes before it are read, which the endpoint keeps).
    end_of_file: bool,
}

impl Run<'_> {
    fn record(&mut self, us: u64, kind: EventKind) {
        let t = us / 1000;
        self.trace.end_ms = self.trace.end_ms.max(t);
        self.trace.events.push(Event { t, kind });
    }

    fn push_segment(&mut self, us: u64, from: Host, header: Segment) -> usize {
        let slot = from as usize;
        self.sent[slot] += 1;
        let index = self.trace.segments.len();
        let t = us / 1000;
        self.line_of.push(None);
        self.trace.segments.push(SegmentRecord {
            id: format!("{}{}", from.letter(), self.sent[slot]),
            from,
            header,
            sent: t,
            arrives: Some(t),
            fate: Fate::Delivered,
            extra_delay_ms: 0,
            retransmission_of: None,
            injected: false,
            copy_of: None,
        });
        self.record(us, EventKind::Sent { seg: index });
        index
    }

    /// A segment reaches its receiver: the endpoint handles one of the script's.
    fn deliver(&mut self, us: u64, index: usize) {
        self.record(us, EventKind::Arrived { seg: index });
        let seg = &self.trace.segments[index];
        if seg.from != self.local {
            let header = seg.header;
            self.endpoint.handle_segment(us / 1000, &header);
            self.drain(us, Some(index));
        }
    }

    /// Records the endpoint's events and keeps what it sent as pending.
    fn drain(&mut self, us: u64, cause: Option<usize>) {
        while let Some(event) = self.endpoint.poll_event() {
            match event {
                EndpointEvent::Error(kind) => self.last_error = Some(kind),
                EndpointEvent::EndOfFile => self.end_of_file = true,
                _ => {}
            }
            let kind = crate::sim::event_kind(self.local, &event, cause);
            self.record(us, kind);
        }
        while let Some(Transmit {
            segment,
            retransmission,
        }) = self.endpoint.poll_transmit()
        {
            // packetdrill takes the endpoint's ISN from its first SYN and
            // counts every later segment from it, even one of a new
            // connection with its own ISN (which a script cannot write).
            if segment.flags.syn && self.local_isn.is_none() {
                self.local_isn = Some(segment.seq.0);
            }
            let index = self.push_segment(us, self.local, segment);
            // The script reads it where it is sent (packetdrill sniffs the wire).
            self.record(us, EventKind::Arrived { seg: index });
            if retransmission {
                let first = self.trace.segments[..index].iter().position(|s| {
                    s.from == self.local
                        && s.header.seq == segment.seq
                        && s.header.flags == segment.flags
                });
                self.trace.segments[index].retransmission_of = first;
            }
            self.pending.push((index, us));
        }
        self.settle_waiting(us);
    }

    /// Fires the endpoint's timers due by `until` (µs).
    fn advance(&mut self, until: u64) {
        self.advance_while(until, |_| true);
    }

    /// Past the script's end (`ended_us`): the endpoint's next timer fires,
    /// and what it sends then is drawn, not checked (no line expects it).
    fn after_script(&mut self, ended_us: u64) -> AfterScript {
        let state = self.endpoint.state();
        let ended_us = ended_us.max(self.trace.end_ms * 1000);
        let timer_us = self
            .endpoint
            .poll_timeout()
            .map(|ms| ms.saturating_mul(1000));
        let next = timer_us.filter(|&us| us <= read::MAX_TIME_US).map(|us| {
            let first = self.trace.segments.len();
            self.advance(us);
            self.pending.clear();
            (us, first..self.trace.segments.len(), self.endpoint.state())
        });
        AfterScript {
            ended_us,
            next,
            state,
        }
    }

    /// As `advance`, stopping as soon as the endpoint has sent something.
    fn advance_until_sent(&mut self, until: u64) {
        self.advance_while(until, |run| run.pending.is_empty());
    }

    /// Fires timers and delivers delayed segments, in time order, up to
    /// `until` (µs) and while `go_on` holds.
    fn advance_while(&mut self, until: u64, go_on: fn(&Self) -> bool) {
        while go_on(self) {
            let timer = self.endpoint.poll_timeout();
            let timer_us = timer.map(|ms| ms.saturating_mul(1000));
            let next = self.deliveries.iter().enumerate().min_by_key(|(_, d)| d.0);
            let delivery = next.map(|(k, d)| (k, d.0));
            match (timer_us, delivery) {
                (_, Some((k, at))) if at <= until && timer_us.is_none_or(|t| at <= t) => {
                    let (_, index) = self.deliveries.remove(k);
                    self.deliver(at, index);
                }
                (Some(us), _) if us <= until => {
                    self.endpoint.handle_timeout(us / 1000);
                    self.drain(us, None);
                }
                _ => break,
            }
        }
    }

    /// The endpoint's segments sent before `before_us` that no `>` line
    /// took. packetdrill reads what the kernel sent only at a `>` line, so
    /// a segment sent as a call or an injection starts at the same moment
    /// (an ACK before the accept() it woke) waits for the next `>` line;
    /// one sent earlier than that, by more than the tolerance, could only
    /// fail there.
    fn unexpected(&mut self, line: usize, before_us: u64) {
        let tolerance = self.tolerance_us;
        let (late, waiting) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(_, us)| us.saturating_add(tolerance) < before_us);
        self.pending = waiting;
        for (index, us) in late {
            let said = Said::new(
                EditorWord::DrillUnexpected,
                [
                    written(&self.as_script(self.trace.segments[index].header)),
                    seconds(us),
                ],
            );
            self.failures.push(Failure {
                line,
                segment: Some(index),
                said,
            });
        }
    }

    /// One of the endpoint's segments in the script's numbers: its seq from
    /// the endpoint's first SYN, and but for a SYN's its ack from the
    /// script's first SYN.
    fn as_script(&self, mut seg: Segment) -> Segment {
        seg.seq = Seq(seg.seq.0.wrapping_sub(self.local_isn.unwrap_or(0)));
        if !seg.flags.syn {
            seg.ack = Seq(seg.ack.0.wrapping_sub(self.remote_isn.unwrap_or(0)));
        }
        seg
    }

    fn inbound(&mut self, us: u64, at_line: usize, line: &SegmentLine) {
        if line.flags.syn && self.remote_isn.is_none() {
            self.remote_isn = Some(line.start);
        }
        // The endpoint sends no segment larger than the peer's SYN offers.
        if let (true, Some(mss)) = (line.flags.syn, line.mss) {
            self.endpoint.limit_mss(mss);
        }
        // A SYN's number is as written; the others count from the first SYN.
        let seq = if line.flags.syn {
            line.start
        } else {
            line.start.wrapping_add(self.remote_isn.unwrap_or(0))
        };
        let header = Segment {
            src_port: REMOTE_PORT,
            dst_port: LOCAL_PORT,
            seq: Seq(seq),
            ack: Seq(line
                .ack
                .map_or(0, |a| a.wrapping_add(self.local_isn.unwrap_or(0)))),
            flags: line.flags,
            window: line.win.unwrap_or(65_535).min(65_535) as u16,
            len: line.len,
        };
        let index = self.push_segment(us, self.local.peer(), header);
        self.line_of[index] = Some(at_line);
        let t = us / 1000;
        let fault = self.faults.get(&self.trace.segments[index].id).copied();
        match fault {
            // Lost on the way: drawn as dropped, never handed to the endpoint.
            Some(Fault::Drop) => {
                let seg = &mut self.trace.segments[index];
                (seg.fate, seg.arrives) = (Fate::Dropped, None);
            }
            Some(Fault::Delay(ms)) => {
                let seg = &mut self.trace.segments[index];
                (seg.fate, seg.arrives, seg.extra_delay_ms) = (Fate::Delayed, Some(t + ms), ms);
                self.deliveries.push((us + ms * 1000, index));
            }
            Some(Fault::Duplicate(ms)) => {
                // The link's copy arrives `ms` later, as in the simulator.
                let original = &mut self.trace.segments[index];
                original.fate = Fate::Duplicated;
                let copy = SegmentRecord {
                    id: format!("{}'", original.id),
                    fate: Fate::Delivered,
                    arrives: Some(t + ms),
                    extra_delay_ms: ms,
                    copy_of: Some(index),
                    ..original.clone()
                };
                let copy_index = self.trace.segments.len();
                self.trace.segments.push(copy);
                self.line_of.push(Some(at_line));
                self.record(us, EventKind::Sent { seg: copy_index });
                self.deliveries.push((us + ms * 1000, copy_index));
                self.deliver(us, index);
            }
            None => self.deliver(us, index),
        }
    }

    /// Compares the next segment sent with the line; returns when it was sent.
    fn outbound(&mut self, line: usize, at: Time, us: u64, expected: &SegmentLine) -> Option<u64> {
        let tolerance = self.tolerance_us;
        let (lo, hi) = match at {
            Time::Between(a, b, _) => (a, b),
            _ => (us, us),
        };
        let any = self.options.ignore_timing || at == Time::Any;
        // Wait for it: up to the tolerance, or whenever if timing is not checked.
        let horizon = if any {
            read::MAX_TIME_US
        } else {
            hi + tolerance
        };
        self.advance_until_sent(horizon);
        let want = format!("> {}", expected.text);
        if self.pending.is_empty() {
            let said = Said::new(
                EditorWord::DrillGotNothing,
                [want, seconds(horizon.min(hi + tolerance))],
            );
            self.failures.push(Failure {
                line,
                segment: None,
                said,
            });
            return None;
        }
        let (index, sent_us) = self.pending.remove(0);
        self.line_of[index] = Some(line);
        let got = self.as_script(self.trace.segments[index].header);
        let same = got.flags == expected.flags
            && got.seq.0 == expected.start
            && got.len == expected.len
            && (!expected.flags.ack || expected.ack.is_none_or(|a| got.ack.0 == a))
            && (!self.options.strict || expected.win.is_none_or(|w| u32::from(got.window) == w));
        let on_time = any || (sent_us + tolerance >= lo && sent_us <= hi + tolerance);
        // Options written out are compared, `<...>` matches any, and none
        // written on a segment other than a SYN means none sent, as
        // packetdrill reads them. The endpoint's only option is its MSS on a
        // SYN; a SYN line without options is not compared (the kernel would
        // fail it: it always sends options there; scripts here write `<...>`).
        let sends = got.flags.syn.then(|| format!("mss {ADVERTISED_MSS}"));
        let options_ok = match expected.options.as_deref() {
            Some("...") => true,
            None if got.flags.syn => true,
            written => written == sends.as_deref(),
        };
        if same && on_time && !options_ok {
            let said = match sends {
                Some(mine) => Said::new(EditorWord::DrillOptionsOther, [want.clone(), mine]),
                None => Said::new(EditorWord::DrillOptionsNone, [want.clone()]),
            };
            self.failures.push(Failure {
                line,
                segment: Some(index),
                said,
            });
        }
        if !same || !on_time {
            let said = Said::new(
                EditorWord::DrillGotOther,
                [want, written(&got), seconds(sent_us)],
            );
            self.failures.push(Failure {
                line,
                segment: Some(index),
                said,
            });
        }
        Some(sent_us)
    }
}

/// The MSS the endpoint offers on its SYN or SYN,ACK: Linux's on a tun
/// device of MTU 1500, as packetdrill runs it.
const ADVERTISED_MSS: u32 = 1460;

/// The host under test: the server if the script listens before it connects.
fn local_host(script: &Script) -> Host {
    let first = script.statements.iter().find_map(|s| match &s.what {
        What::Call(c) if c.name == "listen" => Some(Host::Server),
        What::Call(c) if c.name == "connect" => Some(Host::Client),
        _ => None,
    });
    first.unwrap_or(Host::Server)
}

pub fn run(script: &Script, options: Options) -> Report {
    run_with_faults(script, options, &Faults::new())
}

/// `run`, with the link dropping, delaying or duplicating the script's own
/// segments (by id: the ids are the script's `<` lines in order, so they do
/// not change with what the endpoint does).
pub fn run_with_faults(script: &Script, options: Options, faults: &Faults) -> Report {
    let local = local_host(script);
    let endpoint = Endpoint::new(EndpointConfig {
        local_port: LOCAL_PORT,
        remote_port: REMOTE_PORT,
        isn: 0,
        profile: options.profile.profile(),
        mss: ADVERTISED_MSS,
        window: 65_535,
        delayed_ack_ms: None,
    });
    let mut run = Run {
        script,
        options,
        tolerance_us: script.tolerance_us,
        local,
        endpoint,
        trace: Trace::default(),
        pending: Vec::new(),
        failures: Vec::new(),
        sent: [0, 0],
        linger_zero: false,
        local_isn: None,
        remote_isn: None,
        faults,
        deliveries: Vec::new(),
        line_of: Vec::new(),
        fds: Vec::new(),
        waiting: None,
        last_error: None,
        accepted: false,
        end_of_file: false,
    };
    let (mut now, mut checked, mut skipped) = (0u64, 0, Vec::new());
    // The script's time of the event before (`now` moves to when it happened).
    let mut last_event_at: Option<u64> = None;
    for st in &script.statements {
        let base = now;
        now = match st.time {
            Time::At(us) => us,
            Time::After(us) => now.saturating_add(us),
            Time::Between(a, _, true) => now.saturating_add(a),
            Time::Between(a, _, false) => a,
            Time::Any => now,
        }
        .min(read::MAX_TIME_US);
        let at = match st.time {
            Time::Between(a, b, true) => Time::Between(now, now + (b - a), false),
            other => other,
        };
        run.tolerance_us = script.tolerance(last_event_at.map_or(0, |t| now.saturating_sub(t)));
        last_event_at = Some(now);
        match &st.what {
            What::Outbound(seg) => {
                run.advance(now);
                checked += 1;
                let sent = run.outbound(st.line, at, now, seg);
                // The next `+` time counts from when it was seen, as
                // packetdrill's clock does (its `now` when the next event starts).
                if let Some(sent) = sent {
                    now = if at == Time::Any || options.ignore_timing {
                        now.max(sent)
                    } else {
                        sent
                    };
                }
            }
            other => {
                run.advance(now);
                run.unexpected(st.line, now);
                match other {
                    What::Inbound(seg) => run.inbound(now, st.line, seg),
                    What::Call(call) => {
                        let relative =
                            matches!(st.time, Time::After(_) | Time::Between(_, _, true));
                        let due = calls::due(call, base, now, relative);
                        run.call(st.line, now, due, call)
                    }
                    What::Skip(why) => skipped.push((st.line, why.clone())),
                    What::Sysctl(settings) => run
                        .endpoint
                        .change_profile(|p| settings.iter().for_each(|s| s.apply(p))),
                    What::Outbound(_) => {}
                }
            }
        }
    }
    // What the endpoint sent by the script's last moment, that nothing expects.
    let last = script.statements.last().map_or(0, |s| s.line);
    run.advance(now);
    // Segments the user delayed past the script's end still arrive.
    if let Some(last) = run.deliveries.iter().map(|d| d.0).max() {
        run.advance(last);
        now = now.max(last);
    }
    // A call still blocked: real packetdrill stops with an error when the
    // script ends before the call is due to return ("exiting while a
    // blocking system call is in progress"); one due by then is waited for.
    if let Some(due) = run.waiting.as_ref().map(|w| w.due_us) {
        if options.ignore_timing {
            run.advance_while(read::MAX_TIME_US, |run| run.waiting.is_some());
            now = now.max(run.trace.end_ms * 1000);
        } else if due > now.saturating_add(script.tolerance_us) {
            run.left_blocked(EditorWord::DrillStillBlocking, now);
        } else {
            let until = due.saturating_add(script.tolerance_us);
            run.advance_while(until, |run| run.waiting.is_some());
            now = now.max(until);
        }
    }
    run.unexpected(last, u64::MAX);
    run.left_blocked(EditorWord::DrillNotReturned, now);
    let after_script = (!faults.is_empty()).then(|| run.after_script(now));
    // Numbers as the script writes them: the endpoint's ISN is 0, the
    // script's side starts from its first SYN.
    let peer_isn = run
        .trace
        .segments
        .iter()
        .find(|s| s.from != local && s.header.flags.syn)
        .map_or(0, |s| s.header.seq.0);
    run.trace.script_side = Some(local.peer());
    run.trace.isns = match local {
        Host::Client => (0, peer_isn),
        Host::Server => (peer_isn, 0),
    };
    Report {
        trace: run.trace,
        local,
        failures: run.failures,
        statements: script.statements.len(),
        checked,
        skipped,
        line_of: run.line_of,
        after_script,
    }
}

impl Report {
    /// `FILE:LINE: text` for each failure, then the summary line.
    pub fn lines(&self, file: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .failures
            .iter()
            .map(|f| format!("{file}:{}: {}", f.line, f.said))
            .collect();
        out.extend(
            self.skipped
                .iter()
                .map(|(line, why)| format!("{file}:{line}: skipped: {why}")),
        );
        out.push(format!(
            "drill: {} statements, {} segments checked, {} skipped",
            self.statements,
            self.checked,
            self.skipped.len()
        ));
        out
    }
}

/// A passive open and then `segments` data segments of 10 bytes, each
/// acknowledged at once: the measured script (`benches/core.rs`, 48 → 101
/// statements).
pub fn data_script(segments: u32) -> String {
    let mut src = String::from("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 listen(3, 1) = 0\n+0 < S 0:0(0) win 65535\n+0 > S. 0:0(0) ack 1\n+.01 < . 1:1(0) ack 1 win 65535\n");
    for k in 0..segments {
        let (start, end) = (1 + k * 10, 11 + k * 10);
        src.push_str(&format!(
            "+.01 < P. {start}:{end}(10) ack 1 win 65535\n+0 > . 1:1(0) ack {end}\n"
        ));
    }
    src
}

#[cfg(test)]
mod tests;
