//! A SYN without ACK that arrives in TIME-WAIT: the peer opening the same
//! connection again before 2MSL is over. RFC 9293 answers it as any SYN in a
//! synchronized state; each stack has a rule of its own (`TimeWaitSyn`).

use super::profile::TimeWaitSyn;
use super::*;

/// Linux's ISS for the connection that takes over from TIME-WAIT:
/// `tw_snd_nxt + 65535 + 2` (tcp_timewait_state_process), so it lies past
/// anything the old one sent.
const LINUX_REOPEN_ISS_STEP: u32 = 65_537;

impl Endpoint {
    /// Deals with a SYN in TIME-WAIT as the profile's stack does. false: not
    /// such a SYN, or the stack answers it as the RFC does (the steps go on).
    pub(super) fn time_wait_syn(&mut self, now: u64, seg: &Segment) -> bool {
        if self.state != State::TimeWait || !seg.flags.syn || seg.flags.ack || seg.flags.rst {
            return false;
        }
        let window_end = self.rcv_nxt.add(self.cfg.window as u32);
        let newer = seg.seq.gt(self.rcv_nxt);
        match self.cfg.profile.time_wait_syn {
            TimeWaitSyn::Challenge => false,
            // With no listener Linux falls through to TCP_TW_ACK: the RFC's ACK.
            TimeWaitSyn::Reopen if newer && self.passive => {
                let iss = self.snd_nxt.add(LINUX_REOPEN_ISS_STEP);
                self.reopen(now, seg, Some(iss));
                true
            }
            TimeWaitSyn::Reopen => false,
            TimeWaitSyn::ReopenOrDrop if !newer => true,
            TimeWaitSyn::ReopenOrDrop => {
                self.start_over(now, seg);
                true
            }
            TimeWaitSyn::ReopenBeyondWindow if seg.seq.ge(window_end) => {
                self.start_over(now, seg);
                true
            }
            TimeWaitSyn::ReopenBeyondWindow => false,
            TimeWaitSyn::ResetInWindow => {
                if seg.seq.ge(self.rcv_nxt) && seg.seq.le(window_end) {
                    // tcp_rst(pcb, ackno, seqno + tcplen): RST,ACK, TIME-WAIT goes on.
                    self.reply_to_nobody(seg);
                } else {
                    self.send_pure_ack();
                }
                true
            }
        }
    }

    /// The BSD way: TIME-WAIT is closed and the SYN looked up again; a
    /// listener takes it with a fresh ISS, otherwise it meets a closed port.
    fn start_over(&mut self, now: u64, seg: &Segment) {
        if self.passive {
            self.reopen(now, seg, None);
        } else {
            self.clear_connection();
            self.set_state(State::Closed, Cause::Received);
            self.reply_to_nobody(seg);
        }
    }

    /// TIME-WAIT ends and the listener answers the SYN as a new connection,
    /// from `iss` or, with None, the ISN clock.
    fn reopen(&mut self, now: u64, seg: &Segment, iss: Option<Seq>) {
        self.clear_connection();
        self.set_state(State::Listen, Cause::Received);
        self.reopen_iss = iss;
        self.handle_segment(now, seg);
    }
}
