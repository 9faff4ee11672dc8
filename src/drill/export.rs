//! A simulated run written as a packetdrill script (`synack pkt`): one host
//! becomes the system under test (its socket calls, with the returns the
//! model gave, and its segments as `>` lines at the times it sent them), the
//! other host becomes the script (its segments as `<` lines at the times
//! they reached the host under test). What the link did is already in the
//! trace: a dropped segment of the host under test is still sent and never
//! answered, a dropped segment of the other host is never injected, a
//! delayed or duplicated one is injected when (and as often as) it arrived.
//! Run on the real kernel, the script asks: does Linux do what the model did?

use super::written;
use crate::i18n::{EditorWord, Said};
use crate::scenario::Host;
use crate::tcp::{Call, ErrorKind, Segment, Seq, State};
use crate::trace::{EventKind, Trace};

/// The size every `read()` asks for: more than any one arrival brings.
const READ_SIZE: u32 = 65_536;

/// Why a run cannot be written as a script.
pub type Refusal = Said<EditorWord>;

/// The script for `trace` with `side` as the host under test.
pub fn export(trace: &Trace, side: Host, mss: u32, title: &str) -> Result<String, Refusal> {
    if trace.captured.is_some() || trace.script_side.is_some() {
        return Err(Said::just(EditorWord::PktNotSimulated));
    }
    let opened = trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::State { host, from: State::Closed | State::Listen, to: State::SynSent | State::SynReceived, .. } if host == side))
        .count();
    if opened > 1 {
        return Err(Said::just(EditorWord::PktOneConnection));
    }
    // Numbers count from each side's first SYN, as packetdrill's do: the
    // host under test's first SYN sent (lost or not), and the script's first
    // SYN injected (one lost on the way is never in the script). A host
    // that has none (a closed port's RST) writes them as they are.
    let first_syn = |wanted: &dyn Fn(&crate::trace::SegmentRecord) -> bool| {
        trace
            .segments
            .iter()
            .find(|s| s.header.flags.syn && wanted(s))
            .map_or(0, |s| s.header.seq.0)
    };
    let mine = first_syn(&|s| s.from == side && !s.injected);
    let theirs = first_syn(&|s| s.to() == side && s.arrives.is_some());
    let mut w = Writer {
        out: format!(
            "// {title}: the {} under test, written by `synack pkt` from the model's run\n\
             // (the other host's segments are injected as they reached it).\n",
            side.name()
        ),
        fd: 3,
        readable: Reassembly::default(),
        unread: 0,
        deferred: None,
        last_ms: 0,
        started: false,
        mine,
        theirs,
        mss,
    };
    w.line(0, "socket(..., SOCK_STREAM, IPPROTO_TCP) = 3");
    let connects = trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Call { host, call: Call::Connect } if host == side));
    let listens = trace
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Call { host, call: Call::Listen } if host == side));
    // A server that never listens: packetdrill learns its port from a
    // listener, so one is opened and closed at once; a SYN finds nobody.
    if side == Host::Server && !connects && !listens {
        w.out.push_str(
            "// (a listener opened and closed, so packetdrill knows the port nobody listens on)\n",
        );
        w.line(0, "bind(3, ..., ...) = 0");
        w.line(0, "listen(3, 1) = 0");
        w.line(0, "close(3) = 0");
    }
    let mut connected = false;
    // After close() the application reads nothing more.
    let mut closed = false;
    // A blocking connect() runs until then: packetdrill plays one blocking
    // call at a time, so no other call of the host may come before.
    let (mut blocked_from, mut blocked_until) = (0, 0);
    for event in &trace.events {
        let t = event.t;
        match &event.kind {
            EventKind::Call { host, .. } if *host == side && t < blocked_until => {
                return Err(Said::just(EditorWord::PktCallWhileConnecting));
            }
            EventKind::Call { host, call } if *host == side => {
                match call {
                    Call::Listen => {
                        w.line(t, "bind(3, ..., ...) = 0");
                        w.line(t, "listen(3, 1) = 0");
                    }
                    Call::Connect => {
                        let (ends, returns) = connect_result(trace, side, t)?;
                        (blocked_from, blocked_until) = (t, ends);
                        w.line_until(t, ends, &format!("connect(3, ..., ...) = {returns}"));
                    }
                    Call::Send(n) => {
                        if !connected {
                            return Err(Said::just(EditorWord::PktWriteBeforeConnected));
                        }
                        w.line(t, &format!("write({}, ..., {n}) = {n}", w.fd));
                    }
                    Call::Close => {
                        closed = true;
                        w.line(t, &format!("close({}) = 0", w.fd))
                    }
                    Call::Shutdown => w.line(t, &format!("shutdown({}, SHUT_WR) = 0", w.fd)),
                    Call::Abort => {
                        closed = true;
                        let fd = w.fd;
                        w.line(t, &format!("setsockopt({fd}, SOL_SOCKET, SO_LINGER, {{onoff=1, linger=0}}, 8) = 0"));
                        w.line(t, &format!("close({fd}) = 0"));
                    }
                }
            }
            EventKind::State {
                host,
                to: State::Established,
                ..
            } if *host == side && !connected => {
                connected = true;
                if listens {
                    w.defer(t, "accept(3, ..., ...) = 4".into());
                    w.fd = 4;
                }
                // What arrived before (data on the handshake's last ACK) is
                // read once the connection is the application's.
                if w.unread > 0 {
                    let n = std::mem::take(&mut w.unread);
                    w.defer(t, format!("read({}, ..., {READ_SIZE}) = {n}", w.fd));
                }
            }
            EventKind::Sent { seg } => {
                let s = &trace.segments[*seg];
                // Linux resets a new SYN in SYN-RECEIVED at absolute seq 0:
                // packetdrill would read it relative to the kernel's ISN.
                let reset_of_syn = s.header.flags.rst && s.header.seq.0 == 0 && mine != 0;
                if s.from == side && reset_of_syn {
                    return Err(Said::just(EditorWord::PktResetOfSyn));
                }
                if s.from == side && s.copy_of.is_none() && !s.injected {
                    let text = w.outbound(&s.header);
                    w.sent(s.sent, &text);
                }
            }
            EventKind::Arrived { seg } => {
                let s = &trace.segments[*seg];
                if s.to() == side {
                    let text = w.inbound(&s.header);
                    w.line(t, &text);
                    let fresh = w.readable.arrived(&s.header, w.theirs);
                    if fresh > 0 && !closed {
                        if connected {
                            w.defer(t, format!("read({}, ..., {READ_SIZE}) = {fresh}", w.fd));
                        } else {
                            w.unread += fresh;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    w.flush_deferred();
    if blocked_until > w.last_ms {
        // packetdrill stops with an error if the script ends while a call
        // blocks: one more statement once connect() has returned.
        w.out
            .push_str("// (closed once connect() has returned, so the script ends after it)\n");
        // After packetdrill's tolerance for the return (12.5 % of how long it
        // blocked): the kernel's long timers fire late on its timer wheel.
        let slack = (blocked_until.saturating_sub(blocked_from) / 8).max(100);
        w.line(blocked_until + slack, "close(3) = 0");
    }
    Ok(w.out)
}

/// When a blocking connect() returns, and what.
fn connect_result(trace: &Trace, side: Host, from: u64) -> Result<(u64, &'static str), Refusal> {
    for e in trace.events.iter().filter(|e| e.t >= from) {
        match e.kind {
            EventKind::State {
                host,
                to: State::Established,
                ..
            } if host == side => return Ok((e.t, "0")),
            EventKind::Error { host, error } if host == side => {
                return Ok(match error {
                    ErrorKind::Refused => (e.t, "-1 ECONNREFUSED (Connection refused)"),
                    ErrorKind::TimedOut => (e.t, "-1 ETIMEDOUT (Connection timed out)"),
                    _ => (e.t, "-1 ECONNRESET (Connection reset by peer)"),
                })
            }
            _ => {}
        }
    }
    Err(Said::just(EditorWord::PktConnectNeverReturns))
}

struct Writer {
    out: String,
    /// The descriptor the calls after accept() use.
    fd: u32,
    readable: Reassembly,
    /// Bytes that arrived before the connection was the application's.
    unread: u32,
    /// The calls the application makes when an arrival wakes it (accept()
    /// returning, read() of what arrived), at that time: written after the
    /// segments the host sends at once in answer, as the kernel sends them
    /// before the application runs.
    deferred: Option<(u64, Vec<String>)>,
    /// The ISN of the host under test, and of the script's side.
    mine: u32,
    theirs: u32,
    /// What the script's SYN offers.
    mss: u32,
    /// The time of the last line written, and whether there is one.
    last_ms: u64,
    started: bool,
}

impl Writer {
    fn line(&mut self, ms: u64, text: &str) {
        self.flush_deferred();
        let time = self.relative_time(ms);
        self.out.push_str(&format!("{time:<9} {text}\n"));
    }

    /// A blocking call: its start, and its end in the same clock.
    fn line_until(&mut self, ms: u64, ends: u64, text: &str) {
        self.flush_deferred();
        let start = ms.saturating_sub(self.last_ms);
        let time = self.relative_time(ms);
        let until = format!("{time}...{}", at(start + ends.saturating_sub(ms)));
        self.out.push_str(&format!("{until:<9} {text}\n"));
    }

    /// `+x` after the line before, as people write them: a `+` time counts
    /// from when the event before happened on the kernel, so one of its
    /// timers firing a few ms late does not make every later line late.
    fn relative_time(&mut self, ms: u64) -> String {
        let time = if self.started {
            format!("+{}", at(ms.saturating_sub(self.last_ms)))
        } else {
            at(ms)
        };
        (self.started, self.last_ms) = (true, ms);
        time
    }

    /// A segment of the host under test: one sent at once in answer to an
    /// arrival comes before the calls that arrival wakes.
    fn sent(&mut self, ms: u64, text: &str) {
        match self.deferred {
            Some((t, _)) if t == ms => {
                let time = self.relative_time(ms);
                self.out.push_str(&format!("{time:<9} {text}\n"));
            }
            _ => self.line(ms, text),
        }
    }

    fn defer(&mut self, ms: u64, text: String) {
        match &mut self.deferred {
            Some((t, calls)) if *t == ms => calls.push(text),
            _ => {
                self.flush_deferred();
                self.deferred = Some((ms, vec![text]));
            }
        }
    }

    fn flush_deferred(&mut self) {
        if let Some((t, calls)) = self.deferred.take() {
            for text in calls {
                let time = self.relative_time(t);
                self.out.push_str(&format!("{time:<9} {text}\n"));
            }
        }
    }

    /// In the script's numbers: its own sequence space from 0, ours from 0.
    fn relative(&self, seg: &Segment, sender_isn: u32, receiver_isn: u32) -> Segment {
        Segment {
            seq: Seq(seg.seq.0.wrapping_sub(sender_isn)),
            ack: Seq(seg.ack.0.wrapping_sub(receiver_isn)),
            ..*seg
        }
    }

    fn outbound(&self, seg: &Segment) -> String {
        let rel = self.relative(seg, self.mine, self.theirs);
        // The kernel's SYN and SYN,ACK carry the options it chooses.
        let options = if seg.flags.syn { " <...>" } else { "" };
        format!("> {}{options}", written(&rel))
    }

    fn inbound(&self, seg: &Segment) -> String {
        let rel = self.relative(seg, self.theirs, self.mine);
        // Only the MSS: no timestamps, SACK or window scaling are agreed, so
        // the kernel's later segments carry no options.
        let options = if seg.flags.syn {
            format!(" <mss {}>", self.mss)
        } else {
            String::new()
        };
        format!("< {} win {}{options}", written(&rel), seg.window)
    }
}

/// Seconds as a packetdrill time: `0.150`.
fn at(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// The other side's bytes that have arrived in order, so the application's
/// read() after each arrival returns what it would (the model's application
/// reads at once).
#[derive(Default)]
struct Reassembly {
    /// Offset from the other side's ISN + 1 of the next byte not yet in order.
    next: Option<u64>,
    held: Vec<(u64, u64)>,
}

impl Reassembly {
    /// Bytes this arrival makes readable.
    fn arrived(&mut self, seg: &Segment, isn: u32) -> u32 {
        if seg.flags.syn {
            self.next = Some(0);
            return 0;
        }
        let Some(next) = self.next else { return 0 };
        if seg.len == 0 {
            return 0;
        }
        let start = u64::from(seg.seq.0.wrapping_sub(isn).wrapping_sub(1));
        self.held.push((start, start + u64::from(seg.len)));
        self.held.sort_unstable();
        let mut reach = next;
        self.held.retain(|&(s, e)| {
            if s <= reach {
                reach = reach.max(e);
                false
            } else {
                true
            }
        });
        self.next = Some(reach);
        (reach - next) as u32
    }
}
