//! One TCP endpoint as a sans-IO state machine (RFC 9293).
//!
//! It knows nothing of clocks or networks: every input carries the time
//! (`handle_segment(now, ..)`, `handle_timeout(now)`, user calls), and every
//! output is polled (`poll_transmit`, `poll_timeout`, `poll_event`). The
//! simulator in `crate::sim` drives two of these through a virtual link.

pub mod delack;
mod input;
mod output;
pub mod profile;
mod rtt;
pub mod segment;
pub mod seq;
pub mod smol;
mod stacks;
pub mod state;
mod time_wait;

pub use profile::{Backoff, GiveUp, Profile, ProfileName, RateLimit};
pub use rtt::RttEstimator;
pub use segment::{Flags, Segment};
pub use seq::Seq;
pub use state::State;

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Slope of the ISN clock of RFC 9293 3.4.1: one tick every 4 microseconds.
const ISN_TICKS_PER_MS: u64 = 250;

#[derive(Clone, Debug, PartialEq)]
pub struct EndpointConfig {
    pub local_port: u16,
    pub remote_port: u16,
    /// The first initial sequence number; later incarnations follow the ISN clock.
    pub isn: u32,
    pub profile: Profile,
    pub mss: u32,
    pub window: u16,
    /// Delay before a pure ACK is sent, so it can ride on the next data or FIN
    /// (Linux's delayed ACK); None acknowledges at once.
    pub delayed_ack_ms: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerKind {
    Retransmit,
    TimeWait,
    FinWait2,
}

impl TimerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimerKind::Retransmit => "retransmit",
            TimerKind::TimeWait => "time-wait",
            TimerKind::FinWait2 => "fin-wait-2",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerAction {
    Armed,
    Fired,
    Cancelled,
}

impl TimerAction {
    pub fn as_str(self) -> &'static str {
        match self {
            TimerAction::Armed => "armed",
            TimerAction::Fired => "fired",
            TimerAction::Cancelled => "cancelled",
        }
    }
}

/// What the application is told went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// RST in answer to our SYN: nobody listens on that port.
    Refused,
    /// Retransmissions exhausted.
    TimedOut,
    /// The peer reset a synchronized connection.
    Reset,
    /// A call the current state does not allow (RFC 9293 3.10.1-3.10.5).
    ConnectionExists,
    ConnectionClosing,
    ConnectionDoesNotExist,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Refused => "refused",
            ErrorKind::TimedOut => "timed-out",
            ErrorKind::Reset => "reset",
            ErrorKind::ConnectionExists => "connection-exists",
            ErrorKind::ConnectionClosing => "connection-closing",
            ErrorKind::ConnectionDoesNotExist => "connection-does-not-exist",
        }
    }
}

/// The socket calls a script can make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Call {
    Listen,
    Connect,
    Send(u32),
    Close,
    Abort,
    /// shutdown(SHUT_WR): our FIN, and the application still reads (a
    /// half-close). (Last, so packed links made before it keep their numbering.)
    Shutdown,
}

impl Call {
    pub fn name(self) -> &'static str {
        match self {
            Call::Listen => "listen",
            Call::Connect => "connect",
            Call::Send(_) => "send",
            Call::Close => "close",
            Call::Abort => "abort",
            Call::Shutdown => "shutdown",
        }
    }
}

/// Why a state changed. `Received` is resolved to a segment id by the simulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    Call(Call),
    Received,
    TimerExpired(TimerKind),
    RetriesExhausted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndpointEvent {
    StateChanged {
        from: State,
        to: State,
        cause: Cause,
    },
    Timer {
        timer: TimerKind,
        action: TimerAction,
        deadline: Option<u64>,
    },
    Error(ErrorKind),
    /// In-order payload handed to the application.
    Delivered(u32),
    /// The peer's FIN reached the application: `recv()` returns 0.
    EndOfFile,
}

/// What the simulation drives: the model's endpoint, or a real stack
/// (`smol::SmolEndpoint`). Time is the simulation's, in ms.
pub trait Stack {
    fn call(&mut self, now: u64, call: Call);
    fn handle_segment(&mut self, now: u64, seg: &Segment);
    /// When it next wants `handle_timeout`.
    fn poll_timeout(&self) -> Option<u64>;
    fn handle_timeout(&mut self, now: u64);
    fn poll_event(&mut self) -> Option<EndpointEvent>;
    fn poll_transmit(&mut self) -> Option<Transmit>;
    /// The application reads up to `max` bytes.
    fn read(&mut self, max: u64);
}

impl Stack for Endpoint {
    fn call(&mut self, now: u64, call: Call) {
        Endpoint::call(self, now, call)
    }
    fn handle_segment(&mut self, now: u64, seg: &Segment) {
        Endpoint::handle_segment(self, now, seg)
    }
    fn poll_timeout(&self) -> Option<u64> {
        Endpoint::poll_timeout(self)
    }
    fn handle_timeout(&mut self, now: u64) {
        Endpoint::handle_timeout(self, now)
    }
    fn poll_event(&mut self) -> Option<EndpointEvent> {
        Endpoint::poll_event(self)
    }
    fn poll_transmit(&mut self) -> Option<Transmit> {
        Endpoint::poll_transmit(self)
    }
    fn read(&mut self, max: u64) {
        Endpoint::read(self, max);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transmit {
    pub segment: Segment,
    /// Sent again because the first copy was not acknowledged in time.
    pub retransmission: bool,
}

/// A segment we sent that still occupies sequence space until acknowledged.
#[derive(Clone, Debug, PartialEq)]
struct Unacked {
    seq: Seq,
    len: u32,
    syn: bool,
    fin: bool,
    psh: bool,
    first_sent: u64,
    retries: u32,
}

impl Unacked {
    fn end(&self) -> Seq {
        self.seq.add(self.len + self.syn as u32 + self.fin as u32)
    }
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    cfg: EndpointConfig,
    state: State,
    /// Opened with listen(): a reset SYN-RECEIVED returns to LISTEN.
    passive: bool,
    isn_clock_start: Option<u64>,
    iss: Seq,
    /// The ISS a connection taking over from TIME-WAIT starts from (Linux's rule).
    reopen_iss: Option<Seq>,
    snd_una: Seq,
    snd_nxt: Seq,
    snd_wnd: u32,
    irs: Seq,
    rcv_nxt: Seq,
    unsent_bytes: u64,
    close_requested: bool,
    fin_sent: bool,
    rtx_queue: VecDeque<Unacked>,
    rtt: RttEstimator,
    /// Karn's rule: time one never-retransmitted segment at a time (end seq, sent at).
    rtt_probe: Option<(Seq, u64)>,
    handshake_retransmitted: bool,
    /// When a retransmitted SYN was last answered in SYN-RECEIVED (Linux
    /// answers at most one per tcp_invalid_ratelimit, 500 ms).
    last_syn_answer: Option<u64>,
    /// A dropped half-open connection a late ACK may still open: (ISS,
    /// IRS, until when), under a profile with `syncookie_ms`.
    syncookie: Option<(Seq, Seq, u64)>,
    /// Challenge ACKs and out-of-window ACKs: since when they are counted,
    /// and how many were sent since (see `Profile::invalid_ratelimit`).
    oow_acks: Option<(u64, u32)>,
    /// Bytes delivered in order and not yet read by the application.
    unread: u64,
    duplicate_acks: u32,
    /// While recovering from a loss: SND.NXT when the loss was detected.
    recovery_point: Option<Seq>,
    /// Out-of-order arrivals, sorted by offset from IRS: (offset, payload
    /// length, carries FIN). A sorted Vec, not a BTreeMap: the queue holds a
    /// few segments, and each BTreeMap type costs the page ~KBs of wasm.
    reassembly: Vec<(u64, u32, bool)>,
    ack_owed: bool,
    segments_since_ack: u32,
    /// close() was called: nobody reads any more (Linux's orphan, SOCK_DEAD).
    app_gone: bool,
    rto_deadline: Option<u64>,
    time_wait_deadline: Option<u64>,
    fin_wait_2_deadline: Option<u64>,
    delayed_ack_deadline: Option<u64>,
    /// The ACK owed is for a FIN (which the BSDs and lwIP send at once).
    fin_ack_owed: bool,
    /// Quick or delayed ACKs, as Linux decides (used when the profile has `delayed_ack`).
    ack_timing: delack::AckTiming,
    transmits: VecDeque<Transmit>,
    events: VecDeque<EndpointEvent>,
}

impl Endpoint {
    pub fn new(cfg: EndpointConfig) -> Self {
        let rtt = RttEstimator::new(&cfg.profile);
        Endpoint {
            state: State::Closed,
            passive: false,
            isn_clock_start: None,
            iss: Seq(cfg.isn),
            reopen_iss: None,
            snd_una: Seq(cfg.isn),
            snd_nxt: Seq(cfg.isn),
            snd_wnd: 0,
            irs: Seq(0),
            rcv_nxt: Seq(0),
            unsent_bytes: 0,
            close_requested: false,
            fin_sent: false,
            rtx_queue: VecDeque::new(),
            rtt,
            rtt_probe: None,
            handshake_retransmitted: false,
            last_syn_answer: None,
            syncookie: None,
            oow_acks: None,
            unread: 0,
            duplicate_acks: 0,
            recovery_point: None,
            reassembly: Vec::new(),
            ack_owed: false,
            segments_since_ack: 0,
            app_gone: false,
            rto_deadline: None,
            time_wait_deadline: None,
            fin_wait_2_deadline: None,
            delayed_ack_deadline: None,
            fin_ack_owed: false,
            ack_timing: delack::AckTiming::default(),
            transmits: VecDeque::new(),
            events: VecDeque::new(),
            cfg,
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// A sysctl changed: the profile's numbers from now on (the kernel reads
    /// its sysctls when it needs them, so a timer already armed keeps its time).
    pub fn change_profile(&mut self, change: impl FnOnce(&mut Profile)) {
        change(&mut self.cfg.profile);
    }

    /// The peer's MSS option: segments no larger than it (RFC 9293 3.7.1).
    pub fn limit_mss(&mut self, mss: u32) {
        self.cfg.mss = self.cfg.mss.min(mss.max(1));
    }

    /// Turns delayed ACKs on (the delay) or off, whatever the profile.
    pub fn set_delayed_ack(&mut self, ms: Option<u64>) {
        self.cfg.delayed_ack_ms = ms;
    }

    /// TCP_QUICKACK: under a profile that models Linux's delayed ACK it
    /// enters (0) or leaves (1) pingpong mode, and a quick ACK owed leaves
    /// now; otherwise 0 delays every ACK by `delay_ms`.
    pub fn set_quickack(&mut self, quick: bool, delay_ms: u64) {
        if self.cfg.profile.delayed_ack.is_some() {
            self.ack_timing.set_quickack(quick);
            if quick && self.ack_owed {
                self.send_pure_ack();
            }
        } else {
            self.set_delayed_ack((!quick).then_some(delay_ms));
        }
    }

    // ---- user calls (RFC 9293 3.10.1 - 3.10.5) ----

    pub fn listen(&mut self, _now: u64) {
        match self.state {
            State::Closed => {
                self.passive = true;
                self.set_state(State::Listen, Cause::Call(Call::Listen));
            }
            _ => self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionExists)),
        }
    }

    pub fn connect(&mut self, now: u64) {
        match self.state {
            State::Closed | State::Listen => {
                self.passive = false;
                self.start_sequence_space(now);
                self.set_state(State::SynSent, Cause::Call(Call::Connect));
                self.send_new(now, 0, true, false, false);
            }
            _ => self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionExists)),
        }
    }

    pub fn send(&mut self, now: u64, bytes: u32) {
        match self.state {
            State::Closed | State::Listen => self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionDoesNotExist)),
            State::SynSent | State::SynReceived | State::Established | State::CloseWait
                if !self.close_requested =>
            {
                self.unsent_bytes += bytes as u64;
                self.push_data(now);
            }
            _ => self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionClosing)),
        }
    }

    /// The application reads up to `max` of the bytes delivered; returns how many.
    pub fn read(&mut self, max: u64) -> u64 {
        let n = self.unread.min(max);
        self.unread -= n;
        n
    }

    /// Bytes delivered and not yet read.
    pub fn unread(&self) -> u64 {
        self.unread
    }

    /// The application makes `call`.
    pub fn call(&mut self, now: u64, call: Call) {
        match call {
            Call::Listen => self.listen(now),
            Call::Connect => self.connect(now),
            Call::Send(n) => self.send(now, n),
            Call::Close => self.close(now),
            Call::Abort => self.abort(now),
            Call::Shutdown => self.shutdown(now),
        }
    }

    /// close(): the FIN, and the application is gone (the socket is an orphan).
    pub fn close(&mut self, now: u64) {
        if self.close_requested && !self.app_gone {
            // After shutdown(): the FIN is on its way; now nobody reads, and
            // an orphan in FIN-WAIT-2 waits only so long.
            self.app_gone = true;
            if let (State::FinWait2, Some(limit)) =
                (self.state, self.cfg.profile.fin_wait_2_timeout_ms)
            {
                self.arm_timer(TimerKind::FinWait2, self.slow_deadline(now, limit));
            }
            return;
        }
        self.close_with(now, Call::Close);
        if self.state != State::Closed {
            self.app_gone = true;
        }
    }

    /// shutdown(SHUT_WR): the FIN; the application goes on reading.
    pub fn shutdown(&mut self, now: u64) {
        if matches!(self.state, State::Listen | State::SynSent | State::Closed) {
            // Nothing to shut down yet (Linux: ENOTCONN); the state stays.
            return self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionDoesNotExist));
        }
        self.close_with(now, Call::Shutdown);
    }

    fn close_with(&mut self, now: u64, call: Call) {
        let cause = Cause::Call(call);
        let unread_lost = self.unread > 0
            && call == Call::Close
            && self.cfg.profile.reset_on_close_with_unread
            && matches!(self.state, State::Established | State::CloseWait);
        if unread_lost {
            return self.reset(cause);
        }
        match self.state {
            State::Closed => self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionDoesNotExist)),
            State::Listen | State::SynSent => {
                self.clear_connection();
                self.set_state(State::Closed, cause);
            }
            // The FIN waits for the handshake to finish; see `enter_established`.
            State::SynReceived => self.close_requested = true,
            State::Established => {
                self.close_requested = true;
                self.set_state(State::FinWait1, cause);
                self.push_data(now);
            }
            State::CloseWait => {
                self.close_requested = true;
                self.set_state(State::LastAck, cause);
                self.push_data(now);
            }
            _ => self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionClosing)),
        }
    }

    pub fn abort(&mut self, _now: u64) {
        let cause = Cause::Call(Call::Abort);
        match self.state {
            State::Closed => self
                .events
                .push_back(EndpointEvent::Error(ErrorKind::ConnectionDoesNotExist)),
            // RFC 9293 3.10.5 sends <SEQ=SND.NXT><CTL=RST>; Linux's
            // tcp_send_active_reset also sets ACK, and captures show RST,ACK.
            State::SynReceived
            | State::Established
            | State::FinWait1
            | State::FinWait2
            | State::CloseWait => self.reset(cause),
            _ => {
                self.clear_connection();
                self.set_state(State::Closed, cause);
            }
        }
    }

    /// Sends RST,ACK at SND.NXT and forgets the connection.
    fn reset(&mut self, cause: Cause) {
        let rst = self.header(self.snd_nxt, Flags::RST_ACK, 0);
        self.transmits.push_back(Transmit {
            segment: rst,
            retransmission: false,
        });
        self.clear_connection();
        self.set_state(State::Closed, cause);
    }

    // ---- polled outputs ----

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    pub fn poll_event(&mut self) -> Option<EndpointEvent> {
        self.events.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<u64> {
        [
            self.rto_deadline,
            self.time_wait_deadline,
            self.fin_wait_2_deadline,
            self.delayed_ack_deadline,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    // ---- shared machinery ----

    /// The only place the state changes, so no transition escapes the trace.
    fn set_state(&mut self, to: State, cause: Cause) {
        if to == self.state {
            return;
        }
        let from = self.state;
        self.state = to;
        self.events
            .push_back(EndpointEvent::StateChanged { from, to, cause });
    }

    fn start_sequence_space(&mut self, now: u64) {
        let start = *self.isn_clock_start.get_or_insert(now);
        let ticks = now.saturating_sub(start).wrapping_mul(ISN_TICKS_PER_MS);
        self.iss = self
            .reopen_iss
            .take()
            .unwrap_or(Seq(self.cfg.isn.wrapping_add(ticks as u32)));
        self.snd_una = self.iss;
        self.snd_nxt = self.iss;
        self.rtt = RttEstimator::new(&self.cfg.profile);
        self.handshake_retransmitted = false;
    }

    /// Forget everything about the current connection (the TCB is deleted).
    fn clear_connection(&mut self) {
        self.rtx_queue.clear();
        self.reassembly.clear();
        self.unsent_bytes = 0;
        self.close_requested = false;
        self.app_gone = false;
        self.fin_sent = false;
        self.rtt_probe = None;
        self.duplicate_acks = 0;
        self.recovery_point = None;
        self.ack_owed = false;
        self.segments_since_ack = 0;
        self.oow_acks = None;
        self.unread = 0;
        self.delayed_ack_deadline = None;
        self.fin_ack_owed = false;
        self.ack_timing = delack::AckTiming::default();
        for timer in [
            TimerKind::Retransmit,
            TimerKind::TimeWait,
            TimerKind::FinWait2,
        ] {
            self.cancel_timer(timer);
        }
    }

    fn header(&self, seq: Seq, flags: Flags, len: u32) -> Segment {
        Segment {
            src_port: self.cfg.local_port,
            dst_port: self.cfg.remote_port,
            seq,
            ack: if flags.ack { self.rcv_nxt } else { Seq(0) },
            flags,
            window: self.cfg.window,
            len,
        }
    }

    fn timer_slot(&mut self, timer: TimerKind) -> &mut Option<u64> {
        match timer {
            TimerKind::Retransmit => &mut self.rto_deadline,
            TimerKind::TimeWait => &mut self.time_wait_deadline,
            TimerKind::FinWait2 => &mut self.fin_wait_2_deadline,
        }
    }

    fn arm_timer(&mut self, timer: TimerKind, deadline: u64) {
        *self.timer_slot(timer) = Some(deadline);
        self.events.push_back(EndpointEvent::Timer {
            timer,
            action: TimerAction::Armed,
            deadline: Some(deadline),
        });
    }

    fn cancel_timer(&mut self, timer: TimerKind) {
        if self.timer_slot(timer).take().is_some() {
            self.events.push_back(EndpointEvent::Timer {
                timer,
                action: TimerAction::Cancelled,
                deadline: None,
            });
        }
    }
}

#[cfg(test)]
mod tests;
