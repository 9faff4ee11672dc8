//! What an endpoint sends on its own: new data and FINs, ACKs it owes,
//! and everything its timers make it do.

use super::*;

impl Endpoint {
    /// Transmit a new segment that occupies sequence space and keep it for retransmission.
    pub(super) fn send_new(&mut self, now: u64, len: u32, syn: bool, fin: bool, psh: bool) {
        let entry = Unacked {
            seq: self.snd_nxt,
            len,
            syn,
            fin,
            psh,
            first_sent: now,
            retries: 0,
        };
        self.snd_nxt = entry.end();
        if self.rtt_probe.is_none() {
            self.rtt_probe = Some((entry.end(), now));
        }
        let segment = self.unacked_segment(&entry);
        if len > 0 {
            self.ack_timing.data_sent(now);
        }
        self.rtx_queue.push_back(entry);
        self.transmits.push_back(Transmit {
            segment,
            retransmission: false,
        });
        self.after_ack_carried();
        if self.rto_deadline.is_none() {
            self.arm_retransmit(now);
        }
    }

    pub(super) fn unacked_segment(&self, entry: &Unacked) -> Segment {
        // Every segment after the first SYN carries ACK (RFC 9293 3.10.7.3):
        // once the peer's SYN is known there is something to acknowledge.
        let knows_peer = !matches!(self.state, State::SynSent | State::Closed | State::Listen);
        let flags = Flags {
            syn: entry.syn,
            fin: entry.fin,
            psh: entry.psh,
            ack: knows_peer,
            rst: false,
        };
        self.header(entry.seq, flags, entry.len)
    }

    /// Send queued data and the FIN as far as the state and the peer's window allow.
    pub(super) fn push_data(&mut self, now: u64) {
        let can_send = matches!(
            self.state,
            State::Established | State::CloseWait | State::FinWait1 | State::LastAck
        );
        if !can_send {
            return;
        }
        while self.unsent_bytes > 0 {
            let in_flight = self.snd_nxt.since(self.snd_una);
            let room = self.snd_wnd.saturating_sub(in_flight);
            let len = (self.unsent_bytes.min(self.cfg.mss as u64) as u32).min(room);
            if len == 0 {
                break;
            }
            self.unsent_bytes -= len as u64;
            // Like Linux, PSH marks the segment that empties the send queue.
            self.send_new(now, len, false, false, self.unsent_bytes == 0);
        }
        if self.close_requested && !self.fin_sent && self.unsent_bytes == 0 {
            self.fin_sent = true;
            self.send_new(now, 0, false, true, false);
        }
    }

    /// Any segment we send carries the current ACK, so nothing more is owed.
    pub(super) fn after_ack_carried(&mut self) {
        self.ack_owed = false;
        self.fin_ack_owed = false;
        self.segments_since_ack = 0;
        self.delayed_ack_deadline = None;
    }

    pub(super) fn send_pure_ack(&mut self) {
        let ack = self.header(self.snd_nxt, Flags::ACK, 0);
        self.transmits.push_back(Transmit {
            segment: ack,
            retransmission: false,
        });
        self.after_ack_carried();
    }

    /// Send the ACK owed for received data or FIN: now, or after the delayed-ACK
    /// timeout unless a second segment arrives or our own data carries it first.
    pub(super) fn settle_owed_ack(&mut self, now: u64) {
        if !self.ack_owed {
            return;
        }
        match self.ack_deadline(now) {
            Some(deadline) if self.segments_since_ack < 2 => {
                if self.delayed_ack_deadline.is_none() {
                    self.delayed_ack_deadline = Some(deadline);
                }
            }
            _ => self.send_pure_ack(),
        }
    }

    /// Until when an owed ACK may wait: the scenario's own delayed ACK, else
    /// the profile's model of Linux's (pingpong mode), else the stack's
    /// simpler one (never for a FIN), else not at all.
    fn ack_deadline(&self, now: u64) -> Option<u64> {
        if let Some(ms) = self.cfg.delayed_ack_ms {
            return Some(now + ms);
        }
        if let Some(model) = self.cfg.profile.delayed_ack {
            return self
                .ack_timing
                .delay(&model, self.rtt.srtt_ms())
                .map(|ms| now + ms);
        }
        let simple = self.cfg.profile.simple_delayed_ack?;
        (!self.fin_ack_owed).then(|| simple.deadline(now))
    }

    pub fn handle_timeout(&mut self, now: u64) {
        if self.delayed_ack_deadline.is_some_and(|d| d <= now) {
            self.delayed_ack_deadline = None;
            if self.ack_owed {
                if let Some(model) = self.cfg.profile.delayed_ack {
                    self.ack_timing.timer_fired(&model, self.rtt.rto_ms());
                }
                self.send_pure_ack();
            }
        }
        if self.time_wait_deadline.is_some_and(|d| d <= now) {
            self.fire(TimerKind::TimeWait);
            self.clear_connection();
            self.set_state(State::Closed, Cause::TimerExpired(TimerKind::TimeWait));
        }
        if self.fin_wait_2_deadline.is_some_and(|d| d <= now) {
            self.fire(TimerKind::FinWait2);
            self.clear_connection();
            self.set_state(State::Closed, Cause::TimerExpired(TimerKind::FinWait2));
        }
        if self.rto_deadline.is_some_and(|d| d <= now) {
            self.fire(TimerKind::Retransmit);
            self.retransmit_head(now);
        }
    }

    fn fire(&mut self, timer: TimerKind) {
        *self.timer_slot(timer) = None;
        self.events.push_back(EndpointEvent::Timer {
            timer,
            action: TimerAction::Fired,
            deadline: None,
        });
    }

    /// Restart the retransmission timer with the current RTO, but never past
    /// the moment a time-based limit (RFC 9293's R2) says to give up, so the
    /// connection is abandoned at R2 itself rather than at the next expiry.
    pub(super) fn arm_retransmit(&mut self, now: u64) {
        // A ticking timer (lwIP's) counts its first tick however soon it comes.
        let mut deadline = self.rtt.tick_start(now) + self.rtt.rto_ms();
        if let Some(head) = self.rtx_queue.front() {
            if let GiveUp::AfterMs(limit) = self.give_up_rule(head) {
                deadline = deadline.min(self.give_up_at(head, limit)).max(now + 1);
            }
        }
        self.arm_timer(TimerKind::Retransmit, deadline);
    }

    /// When a time-based give-up falls due. A half-open connection the
    /// listener made is a state that lasts so long (lwIP's SYN-RCVD timeout
    /// is tcp_slowtmr's, on its ticks: `slow_deadline`); the others count
    /// from the first send.
    fn give_up_at(&self, head: &Unacked, limit: u64) -> u64 {
        if head.syn && self.state == State::SynReceived && self.passive {
            self.slow_deadline(head.first_sent, limit)
        } else {
            head.first_sent + limit
        }
    }

    fn give_up_rule(&self, head: &Unacked) -> GiveUp {
        let p = &self.cfg.profile;
        if head.syn {
            if self.state == State::SynReceived && self.passive {
                p.synack_give_up
            } else {
                p.syn_give_up
            }
        } else if self.close_requested {
            p.fin_give_up
        } else {
            p.data_give_up
        }
    }

    /// RFC 6298 5.4-5.6: resend the earliest unacknowledged segment, back off, restart.
    fn retransmit_head(&mut self, now: u64) {
        let Some(head) = self.rtx_queue.front().cloned() else {
            return;
        };
        // Linux 6.5+: an active open's first SYN retransmissions are linear,
        // and its retry limit counts them on top (tcp_write_timeout).
        let active_syn = head.syn && !(self.state == State::SynReceived && self.passive);
        let linear = if active_syn {
            self.cfg.profile.syn_linear_timeouts
        } else {
            0
        };
        let exhausted = match self.give_up_rule(&head) {
            GiveUp::AfterMs(limit) => now >= self.give_up_at(&head, limit),
            GiveUp::AfterRetries(limit) => head.retries >= limit + linear,
        };
        if exhausted {
            self.give_up(now);
            return;
        }
        if head.retries >= linear {
            let p = &self.cfg.profile;
            let in_syn_sent = head.syn && self.state == State::SynSent;
            self.rtt.back_off(if in_syn_sent {
                p.syn_backoff
            } else {
                p.backoff
            });
        }
        if head.syn {
            self.handshake_retransmitted = true;
        }
        if let Some(entry) = self.rtx_queue.front_mut() {
            entry.retries += 1;
        }
        // Everything sent before the timeout may be lost: recover up to here.
        self.recovery_point = Some(self.snd_nxt);
        self.resend_head(now);
        self.arm_retransmit(now);
    }

    /// Send the earliest unacknowledged segment again.
    pub(super) fn resend_head(&mut self, now: u64) {
        if self.cfg.profile.retransmit_collapse {
            self.collapse_head();
        }
        let Some(head) = self.rtx_queue.front().cloned() else {
            return;
        };
        if head.len > 0 {
            self.ack_timing.data_sent(now);
        }
        // Karn's rule: an ACK can no longer tell which copy it answers.
        self.rtt_probe = None;
        let segment = self.unacked_segment(&head);
        self.transmits.push_back(Transmit {
            segment,
            retransmission: true,
        });
        if segment.flags.ack {
            self.after_ack_carried();
        }
    }

    /// Merges into the head of the retransmission queue the segments right
    /// after it while together they fit in one MSS (`retransmit_collapse`).
    fn collapse_head(&mut self) {
        while let [head, next, ..] = self.rtx_queue.make_contiguous() {
            let fits = head.len + next.len <= self.cfg.mss;
            if head.syn || next.syn || head.fin || next.seq != head.seq.add(head.len) || !fits {
                return;
            }
            (head.len, head.fin, head.psh) = (head.len + next.len, next.fin, head.psh || next.psh);
            self.rtx_queue.remove(1);
        }
    }

    fn give_up(&mut self, now: u64) {
        let passive_handshake = self.state == State::SynReceived && self.passive;
        self.clear_connection();
        if passive_handshake {
            self.syncookie = self
                .cfg
                .profile
                .syncookie_ms
                .map(|life| (self.iss, self.irs, now + life));
            // Linux drops the half-open request; the listener carries on.
            self.set_state(State::Listen, Cause::RetriesExhausted);
        } else {
            self.events
                .push_back(EndpointEvent::Error(ErrorKind::TimedOut));
            self.set_state(State::Closed, Cause::RetriesExhausted);
        }
    }

    pub(super) fn enter_time_wait(&mut self, now: u64, cause: Cause) {
        self.cancel_timer(TimerKind::Retransmit);
        self.cancel_timer(TimerKind::FinWait2);
        self.set_state(State::TimeWait, cause);
        self.arm_timer(TimerKind::TimeWait, self.time_wait_deadline(now));
    }

    /// When TIME-WAIT started (or restarted) at `now` ends.
    pub(super) fn time_wait_deadline(&self, now: u64) -> u64 {
        self.slow_deadline(now, self.cfg.profile.time_wait_ms)
    }

    /// When a state that may last `wait` from `since` ends. lwIP notes the
    /// tick of the last segment received (`pcb->tmr = tcp_ticks`) and
    /// tcp_slowtmr (src/core/tcp.c), which first counts the tick
    /// (`++tcp_ticks`), frees the PCB on the first tick when `tcp_ticks -
    /// pcb->tmr` exceeds `wait / TCP_SLOW_INTERVAL`: one tick past `wait`,
    /// counted from the tick it began in. So TIME-WAIT (2 × TCP_MSL), an
    /// orphan's FIN-WAIT-2 (TCP_FIN_WAIT_TIMEOUT) and SYN-RCVD
    /// (TCP_SYN_RCVD_TIMEOUT). Other stacks end it at `since + wait`.
    pub(super) fn slow_deadline(&self, since: u64, wait: u64) -> u64 {
        match self.cfg.profile.slow_timer_ms.filter(|&t| t > 0) {
            Some(tick) => (since / tick + wait / tick + 1) * tick,
            None => since + wait,
        }
    }

    pub(super) fn enter_fin_wait_2(&mut self, now: u64, cause: Cause) {
        self.set_state(State::FinWait2, cause);
        // Only an orphan times out: after shutdown() the application may
        // still read, and FIN-WAIT-2 waits for the peer's FIN as long as it takes.
        if let (true, Some(limit)) = (self.app_gone, self.cfg.profile.fin_wait_2_timeout_ms) {
            self.arm_timer(TimerKind::FinWait2, self.slow_deadline(now, limit));
        }
    }

    pub(super) fn enter_established(&mut self, now: u64, cause: Cause) {
        self.set_state(State::Established, cause);
        self.rtt.established();
        // RFC 6298 5.7: a lost SYN or SYN,ACK leaves no RTT sample; start data at 3 s.
        if self.handshake_retransmitted && !self.rtt.has_sample() {
            self.rtt.set_rto(self.cfg.profile.rto_after_syn_loss_ms);
        }
        if self.close_requested {
            self.set_state(State::FinWait1, Cause::Call(Call::Close));
        }
        self.push_data(now);
    }
}
