//! Segment arrival, following RFC 9293 3.10.7 step by step.

use super::*;

/// Linux answers retransmitted SYNs in SYN-RECEIVED at most this often
/// (net.ipv4.tcp_invalid_ratelimit, tcp_oow_rate_limited).
const SYN_ANSWER_INTERVAL_MS: u64 = 500;

impl Endpoint {
    pub fn handle_segment(&mut self, now: u64, seg: &Segment) {
        match self.state {
            State::Closed => self.reply_to_nobody(seg),
            State::Listen => self.on_listen(now, seg),
            State::SynSent => self.on_syn_sent(now, seg),
            _ => self.on_synchronizing_or_synchronized(now, seg),
        }
    }

    /// 3.10.7.1: no connection: answer with a reset that the sender will accept.
    pub(super) fn reply_to_nobody(&mut self, seg: &Segment) {
        if seg.flags.rst {
            return;
        }
        if seg.flags.ack {
            self.send_reset(seg.ack);
            return;
        }
        let rst = Segment {
            ack: seg.seq.add(seg.seq_len()),
            window: 0,
            ..self.header(Seq(0), Flags::RST_ACK, 0)
        };
        self.transmits.push_back(Transmit {
            segment: rst,
            retransmission: false,
        });
    }

    /// <SEQ=SEG.ACK><CTL=RST>: the reset a sender of an unacceptable ACK accepts
    /// (with a zero window, as Linux's tcp_v4_send_reset sends it).
    fn send_reset(&mut self, seq: Seq) {
        let rst = Segment {
            ack: Seq(0),
            window: 0,
            ..self.header(seq, Flags::RST, 0)
        };
        self.transmits.push_back(Transmit {
            segment: rst,
            retransmission: false,
        });
    }

    /// 3.10.7.2
    fn on_listen(&mut self, now: u64, seg: &Segment) {
        if seg.flags.rst {
            return;
        }
        if seg.flags.ack && !seg.flags.syn && self.cookie_opens(now, seg) {
            return;
        }
        if seg.flags.ack {
            self.reply_to_nobody(seg);
            return;
        }
        if !seg.flags.syn {
            return;
        }
        self.irs = seg.seq;
        self.rcv_nxt = seg.seq.add(1);
        self.snd_wnd = seg.window as u32;
        self.start_sequence_space(now);
        self.set_state(State::SynReceived, Cause::Received);
        self.send_new(now, 0, true, false, false);
    }

    /// FreeBSD's syncookies: an ACK of the SYN,ACK of a half-open
    /// connection already dropped, in time, opens it as the handshake's
    /// ACK would have (syncache_expand → syncookie_lookup); its data is taken.
    fn cookie_opens(&mut self, now: u64, seg: &Segment) -> bool {
        let Some((iss, irs, until)) = self.syncookie else {
            return false;
        };
        if now > until || seg.ack != iss.add(1) || seg.seq != irs.add(1) {
            return false;
        }
        self.syncookie = None;
        self.irs = irs;
        self.rcv_nxt = irs.add(1);
        self.iss = iss;
        self.snd_una = iss.add(1);
        self.snd_nxt = iss.add(1);
        self.snd_wnd = seg.window as u32;
        self.set_state(State::SynReceived, Cause::Received);
        self.enter_established(now, Cause::Received);
        // The rest of it (data, a FIN) as in ESTABLISHED.
        self.on_synchronizing_or_synchronized(now, seg);
        true
    }

    /// 3.10.7.3
    fn on_syn_sent(&mut self, now: u64, seg: &Segment) {
        if seg.flags.ack && (seg.ack.le(self.iss) || seg.ack.gt(self.snd_nxt)) {
            if !seg.flags.rst {
                self.send_reset(seg.ack);
            }
            let first_syn = self
                .rtx_queue
                .front()
                .is_some_and(|s| s.syn && s.retries == 0);
            if let (true, Some(ms)) = (first_syn, self.cfg.profile.syn_sent_bad_ack_retry_ms) {
                self.arm_timer(TimerKind::Retransmit, now + ms);
            }
            return;
        }
        if seg.flags.rst {
            if seg.flags.ack {
                self.clear_connection();
                self.events
                    .push_back(EndpointEvent::Error(ErrorKind::Refused));
                self.set_state(State::Closed, Cause::Received);
            }
            return;
        }
        if !seg.flags.syn {
            return;
        }
        self.irs = seg.seq;
        self.rcv_nxt = seg.seq.add(1);
        self.snd_wnd = seg.window as u32;
        if seg.flags.ack {
            self.acknowledge_up_to(now, seg.ack);
            self.enter_established(now, Cause::Received);
            self.ack_owed = true;
            self.send_owed_ack_unless_carried();
        } else {
            // Simultaneous open: answer with our SYN again, now carrying ACK.
            self.set_state(State::SynReceived, Cause::Received);
            self.rtt_probe = None;
            if let Some(syn) = self.rtx_queue.front().cloned() {
                let segment = self.unacked_segment(&syn);
                self.transmits.push_back(Transmit {
                    segment,
                    retransmission: false,
                });
            }
        }
    }

    fn send_owed_ack_unless_carried(&mut self) {
        if self.ack_owed {
            self.send_pure_ack();
        }
    }

    fn acceptable(&self, seg: &Segment) -> bool {
        let wnd = self.cfg.window as u32;
        let len = seg.seq_len();
        let window_end = self.rcv_nxt.add(wnd);
        match (len, wnd) {
            (0, 0) => seg.seq == self.rcv_nxt,
            (0, _) => seg.seq.in_range(self.rcv_nxt, window_end),
            (_, 0) => false,
            (_, _) => {
                seg.seq.in_range(self.rcv_nxt, window_end)
                    || seg.seq.add(len - 1).in_range(self.rcv_nxt, window_end)
            }
        }
    }

    /// 3.10.7.4: SYN-RECEIVED and the synchronized states.
    fn on_synchronizing_or_synchronized(&mut self, now: u64, seg: &Segment) {
        // Linux answers a retransmitted SYN in SYN-RECEIVED with the SYN,ACK again
        // (tcp_check_req), which is what gets a client whose SYN,ACK was lost going.
        if self.state == State::SynReceived
            && seg.flags.syn
            && !seg.flags.ack
            && seg.seq == self.irs
        {
            let limited = self
                .last_syn_answer
                .is_some_and(|t| now < t + SYN_ANSWER_INTERVAL_MS);
            if let Some(syn) = self
                .rtx_queue
                .front()
                .cloned()
                .filter(|e| e.syn && !limited)
            {
                let segment = self.unacked_segment(&syn);
                self.transmits.push_back(Transmit {
                    segment,
                    retransmission: true,
                });
                self.last_syn_answer = Some(now);
                // tcp_check_req restarts the request's timer from now, with
                // its backed-off timeout: the answer stands in for the next one.
                self.arm_retransmit(now);
            }
            return;
        }
        // Simultaneous open: the peer's SYN,ACK repeats a SYN we already hold
        // but acknowledges ours (Linux's tcp_validate_incoming lets it through).
        let simultaneous_syn_ack = self.state == State::SynReceived
            && seg.flags.syn
            && seg.flags.ack
            && seg.seq.add(1) == self.rcv_nxt
            && seg.ack == self.snd_nxt;
        if simultaneous_syn_ack {
            self.snd_wnd = seg.window as u32;
            self.acknowledge_up_to(now, seg.ack);
            self.enter_established(now, Cause::Received);
            if self.cfg.profile.ack_simultaneous_syn_ack {
                self.quick_ack_of_a_repeat();
            }
            return;
        }
        if self.time_wait_syn(now, seg) {
            return;
        }
        // TIME-WAIT: a retransmitted FIN means our last ACK was lost. Acknowledge
        // it again and restart the 2MSL wait (RFC 9293 3.10.7.4, eighth step).
        if self.state == State::TimeWait
            && seg.flags.fin
            && !seg.flags.rst
            && seg.seq.add(seg.seq_len()) == self.rcv_nxt
        {
            self.send_pure_ack();
            self.arm_timer(TimerKind::TimeWait, self.time_wait_deadline(now));
            return;
        }

        // First: sequence number.
        if !self.acceptable(seg) {
            // (A stale SYN gets a challenge ACK instead, with no change of mode.)
            if !seg.flags.rst && !seg.flags.syn && seg.seq_len() > 0 && seg.seq.lt(self.rcv_nxt) {
                self.enter_quickack_mode();
            }
            if !seg.flags.rst {
                // Only what takes no sequence space (a pure ACK) or a SYN
                // can be part of an ACK loop, so only those are limited.
                let limited = seg.len == 0 && !seg.flags.fin;
                self.answer_invalid(now, limited || seg.flags.syn);
            }
            return;
        }
        // Second: RST. Only an exact match resets (RFC 5961 3.2); an in-window
        // guess gets a challenge ACK.
        if seg.flags.rst {
            if seg.seq != self.rcv_nxt {
                self.answer_invalid(now, true);
                return;
            }
            // RFC 1337's fix for TIME-WAIT assassination: the RST is ignored.
            if self.state == State::TimeWait && self.cfg.profile.time_wait_ignores_rst {
                return;
            }
            self.on_valid_reset();
            return;
        }
        // Fourth: SYN inside the window.
        if seg.flags.syn {
            if self.state == State::SynReceived && self.passive {
                if self.cfg.profile.syn_received_resets_new_syn {
                    self.reply_to_nobody(seg);
                }
                self.clear_connection();
                self.set_state(State::Listen, Cause::Received);
            } else {
                self.answer_invalid(now, true);
            }
            return;
        }
        // Fifth: ACK.
        if !seg.flags.ack {
            return;
        }
        if self.state == State::SynReceived {
            if seg.ack.gt(self.snd_una) && seg.ack.le(self.snd_nxt) {
                self.snd_wnd = seg.window as u32;
                self.acknowledge_up_to(now, seg.ack);
                self.enter_established(now, Cause::Received);
            } else {
                self.send_reset(seg.ack);
                return;
            }
        }
        if seg.ack.gt(self.snd_nxt) {
            self.send_pure_ack();
            return;
        }
        let duplicate = seg.ack == self.snd_una
            && seg.len == 0
            && !seg.flags.fin
            && seg.window as u32 == self.snd_wnd
            && !self.rtx_queue.is_empty();
        if seg.ack.ge(self.snd_una) {
            self.snd_wnd = seg.window as u32;
        }
        if duplicate {
            self.on_duplicate_ack(now);
        }
        self.acknowledge_up_to(now, seg.ack);
        let our_fin_acked = self.fin_sent && self.snd_una == self.snd_nxt;
        // A FIN,ACK that acknowledges our FIN takes FIN-WAIT-1 straight to
        // TIME-WAIT (in `on_fin`), without passing through FIN-WAIT-2.
        let their_fin_is_next =
            seg.flags.fin && seg.seq.le(self.rcv_nxt) && seg.seq.add(seg.len).ge(self.rcv_nxt);
        match self.state {
            State::FinWait1 if our_fin_acked && !their_fin_is_next => {
                self.enter_fin_wait_2(now, Cause::Received)
            }
            State::Closing if our_fin_acked => self.enter_time_wait(now, Cause::Received),
            State::LastAck if our_fin_acked => {
                self.clear_connection();
                self.set_state(State::Closed, Cause::Received);
                return;
            }
            _ => {}
        }
        // Seventh and eighth: payload and FIN.
        self.receive_payload(now, seg);
        self.settle_owed_ack(now);
        self.push_data(now);
    }

    /// Linux's answer to a segment it already holds: quick-ACK mode.
    fn enter_quickack_mode(&mut self) {
        if let Some(model) = self.cfg.profile.delayed_ack {
            self.ack_timing.enter_quickack(&model);
        }
    }

    /// A SYN,ACK that repeats a SYN we hold: acknowledged at once.
    fn quick_ack_of_a_repeat(&mut self) {
        self.enter_quickack_mode();
        self.send_pure_ack();
    }

    /// An ACK for a segment that is not acceptable or is a challenge (RFC
    /// 5961): at most as many as `invalid_ratelimit` allows when `limited`.
    fn answer_invalid(&mut self, now: u64, limited: bool) {
        if let (true, Some(limit)) = (limited, self.cfg.profile.invalid_ratelimit) {
            match &mut self.oow_acks {
                Some((since, sent)) if now < *since + limit.per_ms => {
                    if *sent >= limit.count {
                        return;
                    }
                    *sent += 1;
                }
                window => *window = Some((now, 1)),
            }
        }
        self.send_pure_ack();
    }

    fn on_valid_reset(&mut self) {
        let state = self.state;
        self.clear_connection();
        match state {
            State::SynReceived if self.passive => self.set_state(State::Listen, Cause::Received),
            State::SynReceived => {
                self.events
                    .push_back(EndpointEvent::Error(ErrorKind::Refused));
                self.set_state(State::Closed, Cause::Received);
            }
            State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                self.events
                    .push_back(EndpointEvent::Error(ErrorKind::Reset));
                self.set_state(State::Closed, Cause::Received);
            }
            _ => self.set_state(State::Closed, Cause::Received),
        }
    }

    /// Drop what `ack` covers from the retransmission queue, take an RTT sample
    /// (Karn's rule) and restart or stop the retransmission timer (RFC 6298 5.2-5.3).
    fn acknowledge_up_to(&mut self, now: u64, ack: Seq) {
        if !ack.gt(self.snd_una) {
            return;
        }
        self.snd_una = ack;
        self.duplicate_acks = 0;
        while self.rtx_queue.front().is_some_and(|e| e.end().le(ack)) {
            self.rtx_queue.pop_front();
        }
        // NewReno (RFC 6582): during loss recovery a partial ACK means the next
        // segment was lost too; resend it now instead of waiting for the timer.
        if let Some(point) = self.recovery_point {
            if ack.lt(point) {
                self.resend_head(now);
            } else {
                self.recovery_point = None;
            }
        }
        if let Some((end, sent_at)) = self.rtt_probe {
            if end.le(ack) {
                self.rtt.sample_between(sent_at, now);
                self.rtt_probe = None;
            }
        }
        if self.rtx_queue.is_empty() {
            self.cancel_timer(TimerKind::Retransmit);
        } else {
            self.arm_retransmit(now);
        }
    }

    /// RFC 5681 3.2: the third duplicate ACK triggers a fast retransmit.
    fn on_duplicate_ack(&mut self, now: u64) {
        self.duplicate_acks += 1;
        if self.duplicate_acks == 3 && self.recovery_point.is_none() {
            self.recovery_point = Some(self.snd_nxt);
            self.resend_head(now);
        }
    }

    fn receive_payload(&mut self, now: u64, seg: &Segment) {
        let reading = matches!(
            self.state,
            State::Established | State::FinWait1 | State::FinWait2
        );
        if !reading {
            return;
        }
        let irs = self.irs;
        let offset = |s: Seq| s.since(irs) as u64;
        let new_data = seg.len > 0 && seg.seq.add(seg.len).gt(self.rcv_nxt);
        if new_data && self.app_gone && self.cfg.profile.reset_on_data_after_close {
            self.send_reset(seg.ack);
            self.clear_connection();
            self.set_state(State::Closed, Cause::Received);
            return;
        }
        let held = !self.reassembly.is_empty();
        let takes_space = seg.len > 0 || seg.flags.fin;
        if takes_space {
            self.ack_owed = true;
            self.segments_since_ack += 1;
            let start = offset(seg.seq);
            let next = offset(self.rcv_nxt);
            if start > next {
                // A hole before it: keep it and send a duplicate ACK at once.
                self.hold_out_of_order(start, seg.len, seg.flags.fin);
                self.send_pure_ack();
                return;
            }
            self.take_in_order(now, start, seg.len, seg.flags.fin);
        }
        while let Some(&(start, len, fin)) = self.reassembly.first() {
            if start > offset(self.rcv_nxt) {
                break;
            }
            self.reassembly.remove(0);
            self.take_in_order(now, start, len, fin);
        }
        // A segment that fills a gap is acknowledged at once (RFC 5681
        // 4.2; Linux's tcp_data_queue sets ICSK_ACK_NOW), even in
        // pingpong mode: seen on Linux 6.18 when a lost segment's
        // retransmission reaches a FIN that came ahead of it.
        if held && takes_space && self.ack_owed {
            self.send_pure_ack();
        }
    }

    /// Keeps a segment that arrived beyond a hole, in order of offset; a
    /// second copy at the same offset replaces the first (as a map would).
    fn hold_out_of_order(&mut self, start: u64, len: u32, fin: bool) {
        match self.reassembly.binary_search_by_key(&start, |held| held.0) {
            Ok(at) => self.reassembly[at] = (start, len, fin),
            Err(at) => self.reassembly.insert(at, (start, len, fin)),
        }
    }

    fn take_in_order(&mut self, now: u64, start: u64, len: u32, fin: bool) {
        let next = self.rcv_nxt.since(self.irs) as u64;
        let end = start + len as u64;
        if end > next {
            let fresh = (end - next) as u32;
            self.rcv_nxt = self.rcv_nxt.add(fresh);
            self.unread += u64::from(fresh);
            if let Some(model) = self.cfg.profile.delayed_ack {
                self.ack_timing
                    .data_received(now, &model, self.rtt.rto_ms());
            }
            self.events.push_back(EndpointEvent::Delivered(fresh));
            // The FIN-WAIT-2 limit is for a peer that went silent, not one still sending.
            if self.fin_wait_2_deadline.is_some() {
                if let Some(limit) = self.cfg.profile.fin_wait_2_timeout_ms {
                    self.arm_timer(TimerKind::FinWait2, self.slow_deadline(now, limit));
                }
            }
        }
        if fin && end >= next && self.rcv_nxt.since(self.irs) as u64 == end {
            self.on_fin(now);
        }
    }

    fn on_fin(&mut self, now: u64) {
        if !matches!(
            self.state,
            State::Established | State::FinWait1 | State::FinWait2
        ) {
            return;
        }
        self.rcv_nxt = self.rcv_nxt.add(1);
        self.reassembly.clear();
        self.ack_owed = true;
        self.fin_ack_owed = true;
        match self.state {
            State::Established => {
                self.ack_timing.fin_received();
                self.set_state(State::CloseWait, Cause::Received)
            }
            State::FinWait1 if self.fin_sent && self.snd_una == self.snd_nxt => {
                self.send_pure_ack();
                self.enter_time_wait(now, Cause::Received);
            }
            State::FinWait1 => {
                // Our FIN is not acknowledged yet: both sides closed at once.
                self.send_pure_ack();
                self.set_state(State::Closing, Cause::Received);
            }
            State::FinWait2 => {
                self.send_pure_ack();
                self.enter_time_wait(now, Cause::Received);
            }
            _ => {}
        }
        self.events.push_back(EndpointEvent::EndOfFile);
    }
}
