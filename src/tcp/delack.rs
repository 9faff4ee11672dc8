//! When Linux sends the ACK it owes: at once in "quick-ACK" mode, after the
//! ACK timeout in "pingpong" (interactive) mode. The kernel keeps this per
//! socket in `icsk_ack` (`pingpong`, `ato`, `lrcvtime`); the model keeps
//! the same three facts and changes them where the kernel does. Checked on
//! the real kernel (Linux 6.18, HZ = 250) by tests/drill/fin-ack-*.pkt:
//!
//! - A FIN received in ESTABLISHED puts the socket in pingpong mode
//!   (`tcp_fin` → `inet_csk_enter_pingpong_mode`), so its ACK waits. An
//!   application that closes before it leaves sends one FIN,ACK: the
//!   three-segment close real Linux servers show.
//! - The wait is the ACK timeout `ato`: 0 until the first data arrives
//!   (the timer then fires on the next tick, 1.7 ms measured), TCP_ATO_MIN
//!   (40 ms) from then on (`tcp_event_data_recv`); 41.8 ms measured.
//! - Sending data within `ato` of the last data received is a reply, and
//!   also enters pingpong mode (`tcp_event_data_sent`, with
//!   `tcp_pingpong_thresh` = 1): the next data's ACK waits too.
//! - When the delayed-ACK timer fires, pingpong mode ends
//!   (`tcp_delack_timer_handler`). TCP_QUICKACK 1 ends it, 0 enters it.
//!
//! Not modelled: the quick-ACK credit running out after about 16 ACKs
//! (`tcp_incr_quickack`); the "more than one full segment" rule is the
//! endpoint's two-segments rule.

/// Linux's numbers (include/net/tcp.h), in milliseconds at HZ = 250.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DelayedAck {
    /// TCP_ATO_MIN = TCP_DELACK_MIN = HZ / 25: the ACK timeout once data has arrived.
    pub ato_min_ms: u64,
    /// TCP_DELACK_MAX = HZ / 5: the longest wait in pingpong mode.
    pub delack_max_ms: u64,
    /// An ACK timeout of 0 fires on the next timer tick: 1.7 ms measured on
    /// Linux 6.18 (anywhere up to one 4 ms tick, by the tick's phase).
    pub next_tick_ms: u64,
}

impl DelayedAck {
    pub const LINUX: DelayedAck = DelayedAck {
        ato_min_ms: 40,
        delack_max_ms: 200,
        next_tick_ms: 2,
    };
}

/// The other stacks' delayed ACK, simpler than Linux's: the ACK of in-order
/// data waits `wait_ms` (on a timer that ticks every `tick_ms`, until the
/// first tick at least that far away); a second segment, or a FIN, is
/// acknowledged at once (BSD's DELAY_ACK and TF_ACKNOW, lwIP's tcp_ack).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimpleDelayedAck {
    pub wait_ms: u64,
    pub tick_ms: Option<u64>,
}

impl SimpleDelayedAck {
    /// When an ACK owed from `now` goes out, if nothing carries it first.
    pub fn deadline(&self, now: u64) -> u64 {
        let earliest = now + self.wait_ms;
        match self.tick_ms.filter(|&t| t > 0) {
            None => earliest,
            // The first tick at or past `earliest`, and strictly after now.
            Some(t) => (earliest.max(now + 1)).div_ceil(t) * t,
        }
    }
}

/// One connection's ACK timing, as the kernel's `icsk_ack` holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AckTiming {
    pingpong: bool,
    ato_ms: u64,
    /// When data last arrived (`lrcvtime`).
    last_data_at: Option<u64>,
}

impl AckTiming {
    /// New in-order data arrived (`tcp_event_data_recv`): the first data
    /// sets the ACK timeout; later data adapts it to the gap between arrivals.
    pub fn data_received(&mut self, now: u64, model: &DelayedAck, rto_ms: u64) {
        match self.last_data_at {
            _ if self.ato_ms == 0 => self.ato_ms = model.ato_min_ms,
            Some(last) => {
                let gap = now.saturating_sub(last);
                if gap <= model.ato_min_ms / 2 {
                    self.ato_ms = self.ato_ms / 2 + model.ato_min_ms / 2;
                } else if gap < self.ato_ms {
                    self.ato_ms = (self.ato_ms / 2 + gap).min(rto_ms);
                }
            }
            None => {}
        }
        self.last_data_at = Some(now);
    }

    /// Data left within the ACK timeout of the last data received: a reply.
    pub fn data_sent(&mut self, now: u64) {
        if self
            .last_data_at
            .is_some_and(|last| now.saturating_sub(last) < self.ato_ms)
        {
            self.pingpong = true;
        }
    }

    /// The peer's FIN arrived in ESTABLISHED.
    pub fn fin_received(&mut self) {
        self.pingpong = true;
    }

    /// A repeated segment (one whose sequence space we already hold) is
    /// acknowledged at once, and the ACK timeout becomes TCP_ATO_MIN
    /// (`tcp_enter_quickack_mode`, from tcp_data_queue and tcp_send_dupack).
    pub fn enter_quickack(&mut self, model: &DelayedAck) {
        self.pingpong = false;
        self.ato_ms = model.ato_min_ms;
    }

    /// TCP_QUICKACK: 1 leaves pingpong mode, 0 enters it.
    pub fn set_quickack(&mut self, quick: bool) {
        self.pingpong = !quick;
    }

    /// The delayed-ACK timer fired with an ACK owed.
    pub fn timer_fired(&mut self, model: &DelayedAck, rto_ms: u64) {
        if self.pingpong {
            self.pingpong = false;
            self.ato_ms = model.ato_min_ms;
        } else {
            self.ato_ms = (self.ato_ms * 2).min(rto_ms);
        }
    }

    /// How long the owed ACK waits (`tcp_send_delayed_ack`), or None: at once.
    pub fn delay(&self, model: &DelayedAck, srtt_ms: Option<f64>) -> Option<u64> {
        if !self.pingpong {
            return None;
        }
        let mut ato = self.ato_ms;
        if ato > model.ato_min_ms {
            // A known round trip bounds the wait, never below TCP_DELACK_MIN.
            let rtt = srtt_ms.map_or(u64::MAX, |s| (s.round() as u64).max(model.ato_min_ms));
            ato = ato.min(model.delack_max_ms.min(rtt));
        }
        Some(ato.max(model.next_tick_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: DelayedAck = DelayedAck::LINUX;

    #[test]
    fn the_other_stacks_wait_a_fixed_time_or_for_a_timer_tick() {
        let freebsd = SimpleDelayedAck {
            wait_ms: 40,
            tick_ms: None,
        };
        assert_eq!(freebsd.deadline(1_234), 1_274);
        // lwIP's fast timer every 250 ms: the next tick, however near.
        let lwip = SimpleDelayedAck {
            wait_ms: 0,
            tick_ms: Some(250),
        };
        assert_eq!(
            [
                lwip.deadline(1_000),
                lwip.deadline(1_001),
                lwip.deadline(1_249)
            ],
            [1_250; 3]
        );
        // XNU: 100 ms on a 100 ms timer, so 100 to 199 ms.
        let xnu = SimpleDelayedAck {
            wait_ms: 100,
            tick_ms: Some(100),
        };
        assert_eq!(
            [
                xnu.deadline(1_000),
                xnu.deadline(1_001),
                xnu.deadline(1_099)
            ],
            [1_100, 1_200, 1_200]
        );
    }

    #[test]
    fn quick_until_a_fin_then_the_next_tick_before_any_data() {
        let mut t = AckTiming::default();
        assert_eq!(t.delay(&M, None), None);
        t.fin_received();
        assert_eq!(t.delay(&M, None), Some(2));
    }

    #[test]
    fn forty_ms_once_data_has_arrived() {
        let mut t = AckTiming::default();
        t.data_received(100, &M, 1000);
        assert_eq!(t.delay(&M, None), None, "data alone: quick ACK");
        t.fin_received();
        assert_eq!(t.delay(&M, Some(100.0)), Some(40));
    }

    #[test]
    fn a_reply_within_the_timeout_enters_pingpong_and_the_timer_leaves_it() {
        let mut t = AckTiming::default();
        t.data_received(100, &M, 1000);
        t.data_sent(150);
        assert_eq!(t.delay(&M, None), None, "50 ms later is not a reply");
        t.data_sent(139);
        assert_eq!(t.delay(&M, None), Some(40));
        t.timer_fired(&M, 1000);
        assert_eq!(t.delay(&M, None), None);
        t.set_quickack(false);
        assert_eq!(t.delay(&M, None), Some(40));
        t.set_quickack(true);
        assert_eq!(t.delay(&M, None), None);
    }

    #[test]
    fn a_repeated_segment_makes_the_timeout_forty_ms_even_before_data() {
        let mut t = AckTiming::default();
        t.enter_quickack(&M);
        assert_eq!(t.delay(&M, None), None);
        t.fin_received();
        assert_eq!(t.delay(&M, None), Some(40));
    }

    #[test]
    fn arrivals_30_ms_apart_stretch_the_timeout_bounded_by_the_round_trip() {
        let mut t = AckTiming::default();
        t.data_received(0, &M, 1000);
        t.data_received(30, &M, 1000);
        t.fin_received();
        // ato = 40/2 + 30 = 50, above TCP_DELACK_MIN: bounded by max(srtt, 40).
        assert_eq!(t.delay(&M, None), Some(50));
        assert_eq!(t.delay(&M, Some(45.0)), Some(45));
        assert_eq!(t.delay(&M, Some(10.0)), Some(40));
        // Arrivals 20 ms or less apart pull it back towards 40.
        t.data_received(40, &M, 1000);
        assert_eq!(t.delay(&M, None), Some(45));
    }
}
