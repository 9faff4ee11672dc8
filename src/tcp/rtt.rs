//! The round-trip estimator behind each profile's RTO: RFC 6298's in
//! milliseconds, with each stack's floor, slop and back-off table, or lwIP's
//! in the 500 ms ticks of its slow timer.

use super::profile::{Backoff, Profile};

/// RFC 6298 round-trip estimator with Karn's rule left to the caller
/// (it only feeds samples from segments that were never retransmitted).
#[derive(Clone, Debug, PartialEq)]
pub struct RttEstimator {
    srtt_ms: Option<f64>,
    rttvar_ms: f64,
    /// The RTO before any back-off: the initial one, or the measured one.
    rto_ms: u64,
    /// Expiries since it was last measured or set, and the table they grow by.
    shift: u32,
    backoff: Backoff,
    /// Whether the RTO is measured or backed off (the slop is added then).
    moved: bool,
    established: bool,
    min_ms: u64,
    max_ms: u64,
    min_on_variance: bool,
    slop_ms: u64,
    slop_in_handshake: bool,
    /// lwIP: the tick, and Van Jacobson's scaled mean (×8) and deviation
    /// (×4) in ticks, as tcp_receive keeps them in `pcb->sa` and `pcb->sv`.
    tick_ms: Option<u64>,
    sa: i32,
    sv: i32,
}

/// Clock granularity G of RFC 6298 (2.2/2.3): one millisecond here.
const CLOCK_GRANULARITY_MS: f64 = 1.0;

impl RttEstimator {
    pub fn new(profile: &Profile) -> Self {
        RttEstimator {
            srtt_ms: None,
            rttvar_ms: 0.0,
            rto_ms: profile.rto_initial_ms.min(profile.rto_max_ms),
            shift: 0,
            backoff: Backoff::Doubling,
            moved: false,
            established: false,
            min_ms: profile.rto_min_ms,
            max_ms: profile.rto_max_ms,
            min_on_variance: profile.rto_min_on_variance,
            slop_ms: profile.rto_slop_ms,
            slop_in_handshake: profile.slop_in_handshake,
            tick_ms: profile.slow_timer_ms,
            // tcp_alloc: sa 0, sv = rto = LWIP_TCP_RTO_TIME / TCP_SLOW_INTERVAL.
            sa: 0,
            sv: profile
                .slow_timer_ms
                .map_or(0, |t| (profile.rto_initial_ms / t.max(1)) as i32),
        }
    }

    /// The tick the timer counts from, for a timer started at `now`.
    pub fn tick_start(&self, now: u64) -> u64 {
        self.tick_ms.map_or(now, |t| now - now % t.max(1))
    }

    /// A round trip from a segment sent at `sent_at` acknowledged at `now`:
    /// in milliseconds, or in whole ticks where the stack counts ticks.
    pub fn sample_between(&mut self, sent_at: u64, now: u64) {
        let Some(tick) = self.tick_ms.filter(|&t| t > 0) else {
            return self.sample(now.saturating_sub(sent_at));
        };
        // tcp_receive, "taken directly from VJs original code in his paper".
        let mut m = (now / tick).saturating_sub(sent_at / tick) as i32;
        m -= self.sa >> 3;
        self.sa += m;
        m = m.abs() - (self.sv >> 2);
        self.sv += m;
        let ticks = ((self.sa >> 3) + self.sv).max(0) as u64;
        self.srtt_ms = Some(((self.sa >> 3).max(0) as u64 * tick) as f64);
        (self.shift, self.moved) = (0, true);
        self.rto_ms = (ticks * tick).clamp(self.min_ms, self.max_ms);
    }

    pub fn srtt_ms(&self) -> Option<f64> {
        self.srtt_ms
    }

    /// The timeout now: the RTO grown by its back-off, plus the slop once
    /// it is measured or backed off, within the profile's bounds.
    pub fn rto_ms(&self) -> u64 {
        let grown = self.rto_ms.saturating_mul(self.backoff.factor(self.shift));
        let slop = if self.moved && (self.established || self.slop_in_handshake) {
            self.slop_ms
        } else {
            0
        };
        grown.saturating_add(slop).clamp(self.min_ms, self.max_ms)
    }

    /// The connection is ESTABLISHED (XNU's slop starts here).
    pub fn established(&mut self) {
        self.established = true;
    }

    pub fn has_sample(&self) -> bool {
        self.srtt_ms.is_some()
    }

    pub fn sample(&mut self, rtt_ms: u64) {
        let r = rtt_ms as f64;
        match self.srtt_ms {
            None => {
                self.srtt_ms = Some(r);
                self.rttvar_ms = r / 2.0;
            }
            Some(srtt) => {
                self.rttvar_ms = 0.75 * self.rttvar_ms + 0.25 * (srtt - r).abs();
                self.srtt_ms = Some(0.875 * srtt + 0.125 * r);
            }
        }
        let srtt = self.srtt_ms.unwrap_or(r);
        let variance = (4.0 * self.rttvar_ms).max(CLOCK_GRANULARITY_MS);
        (self.shift, self.moved) = (0, true);
        self.rto_ms = if self.min_on_variance {
            ((srtt + variance.max(self.min_ms as f64)).ceil() as u64).min(self.max_ms)
        } else {
            ((srtt + variance).ceil() as u64).clamp(self.min_ms, self.max_ms)
        };
    }

    /// RFC 6298 5.5: one more expiry, grown by `backoff` (doubling, or a
    /// stack's table), up to the maximum.
    pub fn back_off(&mut self, backoff: Backoff) {
        self.backoff = backoff;
        self.shift += 1;
        self.moved = true;
    }

    pub fn set_rto(&mut self, rto_ms: u64) {
        self.rto_ms = rto_ms.clamp(self.min_ms, self.max_ms);
        self.shift = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lwip_measures_whole_ticks_and_starts_from_a_deviation_of_six() {
        let mut lwip = RttEstimator::new(&Profile::LWIP);
        assert_eq!(lwip.rto_ms(), 3_000, "LWIP_TCP_RTO_TIME");
        // A 100 ms handshake inside one tick is 0 ticks: sa 0, sv 6 - 1 = 5.
        lwip.sample_between(0, 100);
        assert_eq!(lwip.rto_ms(), 2_500);
        // The same 100 ms across a tick boundary is 1 tick.
        let mut across = RttEstimator::new(&Profile::LWIP);
        across.sample_between(450, 550);
        // m = 1; sa = 0 + 1 = 1; |m| - (6 >> 2) = 0: sv 6; rto = (1 >> 3) + 6 = 6 ticks.
        assert_eq!(across.rto_ms(), 3_000);
        // On a fast link it settles at 3 ticks: sv loses a quarter each time.
        let mut settled = RttEstimator::new(&Profile::LWIP);
        let rtos: Vec<u64> = (0..6)
            .map(|k| {
                settled.sample_between(k * 1_000, k * 1_000 + 100);
                settled.rto_ms()
            })
            .collect();
        assert_eq!(rtos, [2_500, 2_000, 1_500, 1_500, 1_500, 1_500]);
        assert_eq!(settled.tick_start(1_234), 1_000);
        assert_eq!(RttEstimator::new(&Profile::LINUX).tick_start(1_234), 1_234);
    }

    #[test]
    fn first_sample_gives_srtt_plus_four_rttvar_clamped_to_the_minimum() {
        let mut rfc = RttEstimator::new(&Profile::RFC);
        rfc.sample(100);
        assert_eq!(
            rfc.rto_ms(),
            1_000,
            "100 + 4*50 = 300 ms, raised to RFC's 1 s floor"
        );
        let mut linux = RttEstimator::new(&Profile::LINUX);
        linux.sample(100);
        assert_eq!(linux.rto_ms(), 300);
    }

    #[test]
    fn linux_puts_its_200_ms_floor_under_the_variance_not_the_total() {
        // 20 ms RTT: RFC 6298 gives max(20 + 40, 200) = 200 ms; Linux 20 + max(40, 200) = 220 ms.
        let mut linux = RttEstimator::new(&Profile::LINUX);
        linux.sample(20);
        assert_eq!(linux.rto_ms(), 220);
        let mut rfc_like = RttEstimator::new(&Profile {
            rto_min_ms: 200,
            ..Profile::RFC
        });
        rfc_like.sample(20);
        assert_eq!(rfc_like.rto_ms(), 200);
    }

    #[test]
    fn backoff_doubles_and_stops_at_the_maximum() {
        let mut est = RttEstimator::new(&Profile::RFC);
        let mut seen = vec![est.rto_ms()];
        for _ in 0..8 {
            est.back_off(Backoff::Doubling);
            seen.push(est.rto_ms());
        }
        assert_eq!(
            seen,
            vec![1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]
        );
    }

    #[test]
    fn later_samples_smooth_per_rfc_6298() {
        let mut est = RttEstimator::new(&Profile {
            rto_min_ms: 200,
            ..Profile::RFC
        });
        est.sample(100);
        est.sample(200);
        // rttvar = 0.75*50 + 0.25*100 = 62.5; srtt = 0.875*100 + 0.125*200 = 112.5
        assert_eq!(est.rto_ms(), 363);
    }
}
