//! Timer profiles: the numbers that decide when TCP retransmits, gives up
//! and leaves TIME-WAIT. `rfc` follows RFC 9293 / RFC 6298; `linux` follows
//! the kernel's documented defaults (ip-sysctl.rst, include/net/tcp.h) of
//! Linux 6.5 and later; `linux-5` the kernels before `tcp_syn_linear_timeouts`.

use super::delack::{DelayedAck, SimpleDelayedAck};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProfileName {
    #[default]
    Rfc,
    Linux,
    /// Linux before 6.5: SYN retransmissions back off from the first.
    /// (Last, so packed links made before it keep their numbering.)
    #[serde(rename = "linux-5")]
    Linux5,
    // Other stacks (`super::stacks`), after these for the same reason.
    #[serde(rename = "freebsd")]
    FreeBsd,
    #[serde(rename = "macos")]
    MacOs,
    #[serde(rename = "lwip")]
    Lwip,
    #[serde(rename = "windows")]
    Windows,
}

impl ProfileName {
    /// Every profile, in the order they are offered.
    pub const ALL: [ProfileName; 7] = [
        ProfileName::Rfc,
        ProfileName::Linux,
        ProfileName::Linux5,
        ProfileName::FreeBsd,
        ProfileName::MacOs,
        ProfileName::Windows,
        ProfileName::Lwip,
    ];

    /// Its name on screen (`RFC`, `Linux`, `Linux 5`), as the toolbar says it.
    pub fn word(self) -> crate::i18n::Word {
        use crate::i18n::Word;
        match self {
            ProfileName::Rfc => Word::ProfileRfc,
            ProfileName::Linux => Word::ProfileLinux,
            ProfileName::Linux5 => Word::ProfileLinux5,
            ProfileName::FreeBsd => Word::ProfileFreeBsd,
            ProfileName::MacOs => Word::ProfileMacOs,
            ProfileName::Lwip => Word::ProfileLwip,
            ProfileName::Windows => Word::ProfileWindows,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileName::Rfc => "rfc",
            ProfileName::Linux => "linux",
            ProfileName::Linux5 => "linux-5",
            ProfileName::FreeBsd => "freebsd",
            ProfileName::MacOs => "macos",
            ProfileName::Lwip => "lwip",
            ProfileName::Windows => "windows",
        }
    }

    pub fn parse(s: &str) -> Option<ProfileName> {
        ProfileName::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn profile(self) -> Profile {
        match self {
            ProfileName::Rfc => Profile::RFC,
            ProfileName::Linux => Profile::LINUX,
            ProfileName::Linux5 => Profile::LINUX_5,
            ProfileName::FreeBsd => Profile::FREEBSD,
            ProfileName::MacOs => Profile::MACOS,
            ProfileName::Lwip => Profile::LWIP,
            ProfileName::Windows => Profile::WINDOWS,
        }
    }
}

/// How the retransmission timeout grows with each expiry: the RTO times a
/// factor of how many times it has expired (`shift`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backoff {
    /// RFC 6298 5.5: doubled each time.
    Doubling,
    /// BSD's tables (`tcp_backoff[t_rxtshift]`), the last entry repeated.
    Table(&'static [u32]),
    /// Not grown at all (lwIP in SYN-SENT).
    Constant,
}

impl Backoff {
    pub fn factor(self, shift: u32) -> u64 {
        match self {
            Backoff::Doubling => 1u64 << shift.min(32),
            Backoff::Table(t) => t
                .get(shift as usize)
                .or(t.last())
                .map_or(1, |&f| u64::from(f)),
            Backoff::Constant => 1,
        }
    }
}

/// At most `count` in any `per_ms` starting with the first one counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub count: u32,
    pub per_ms: u64,
}

/// When a host stops retransmitting one segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GiveUp {
    /// After this much time since the segment was first sent (RFC 9293 R2).
    AfterMs(u64),
    /// After this many retransmissions (Linux's tcp_*_retries sysctls).
    AfterRetries(u32),
}

/// What a SYN without ACK does to a connection in TIME-WAIT: the peer
/// opening the same connection again before 2MSL has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeWaitSyn {
    /// RFC 9293 3.10.7.4, as for any SYN in a synchronized state: a challenge
    /// ACK inside the window (RFC 5961 4.2), an ACK outside it.
    Challenge,
    /// Linux's tcp_timewait_state_process: a SYN whose seq is after RCV.NXT
    /// ends TIME-WAIT (TCP_TW_SYN) and a listener answers it with ISS =
    /// SND.NXT + 65537 (`tw_snd_nxt + 65535 + 2`); with no listener, or an
    /// older seq, the old ACK (TCP_TW_ACK). Seen on Linux 6.18.
    Reopen,
    /// FreeBSD's tcp_twcheck: a SYN with seq > RCV.NXT ends TIME-WAIT and goes
    /// to the listener (none: the RST of a closed port); an older one carries
    /// no ACK bit and is dropped without an answer.
    ReopenOrDrop,
    /// XNU's tcp_input: only a SYN beyond the whole window (seq ≥ RCV.NXT +
    /// RCV.WND) ends TIME-WAIT ("start over if the sequence numbers are above
    /// the previous ones", while trimming what ends after the window); one
    /// inside the window gets a challenge ACK (`tcp_do_rfc5961`).
    ReopenBeyondWindow,
    /// lwIP's tcp_timewait_input: a SYN inside the window is answered with
    /// RST and TIME-WAIT goes on; one outside it with an ACK. No reuse.
    ResetInWindow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: ProfileName,
    pub msl_ms: u64,
    pub time_wait_ms: u64,
    pub rto_initial_ms: u64,
    pub rto_min_ms: u64,
    pub rto_max_ms: u64,
    /// Linux applies its minimum to the variance term (RTO = SRTT + max(4·RTTVAR,
    /// rto_min), tcp_set_rto), RFC 6298 2.4 to the whole RTO.
    pub rto_min_on_variance: bool,
    /// RFC 6298 5.7: RTO used once data flows if the handshake needed a retransmission.
    pub rto_after_syn_loss_ms: u64,
    pub syn_give_up: GiveUp,
    /// The first this many SYN retransmissions wait the initial RTO again
    /// instead of doubling it, and the SYN's retry limit grows by as many
    /// (`net.ipv4.tcp_syn_linear_timeouts`, Linux 6.5, default 4): a client
    /// whose SYN,ACKs are all lost sends SYNs at 0, 1, 2, 3, 4, 5, 7, 11,
    /// 19, 35 and 69 s and gives up at 133 s.
    pub syn_linear_timeouts: u32,
    pub synack_give_up: GiveUp,
    pub data_give_up: GiveUp,
    /// FIN retransmissions once the application has closed (Linux's orphan retries).
    pub fin_give_up: GiveUp,
    /// FIN-WAIT-2 after close(): None waits forever, as RFC 9293 allows.
    pub fin_wait_2_timeout_ms: Option<u64>,
    /// At most `count` challenge ACKs (RFC 5961: an RST or a SYN in the
    /// window) or ACKs to an out-of-window pure ACK or SYN per `per_ms`, per
    /// connection (Linux: one per `tcp_invalid_ratelimit`, 500 ms, checked
    /// in `__tcp_oow_rate_limited` against `tp->last_oow_ack_time`). Data
    /// and FINs out of the window are always answered. None: the RFC
    /// answers each.
    pub invalid_ratelimit: Option<RateLimit>,
    /// close() while received data is still unread resets the connection
    /// (RST,ACK, then CLOSED, no FIN) instead of closing it: RFC 1122
    /// 4.2.2.13 and RFC 2525 2.17 ("data was lost"), Linux's tcp_close
    /// (`data_was_unread`). RFC 9293's CLOSE sends a FIN.
    pub reset_on_close_with_unread: bool,
    /// New data arriving after close() (FIN-WAIT-1 or -2, the application
    /// gone) is answered with RST and the connection is CLOSED: the other
    /// half of RFC 1122 4.2.2.13, Linux's tcp_rcv_state_process ("RFC 1122
    /// says we MUST send a reset"). RFC 9293 keeps receiving in FIN-WAIT.
    pub reset_on_data_after_close: bool,
    /// Simultaneous open: the peer's SYN,ACK, which completes the
    /// connection in SYN-RECEIVED, is also answered with an ACK. Its SYN
    /// ends at RCV.NXT, so Linux's tcp_data_queue takes it for a
    /// retransmission and acknowledges it at once (seen on Linux 6.18);
    /// RFC 9293's figure 8 shows no ACK.
    pub ack_simultaneous_syn_ack: bool,
    /// SYN-SENT: a segment whose ACK is not for our SYN is answered with
    /// RST (RFC 9293 3.10.7.3), and Linux also sets the SYN's timer to this
    /// many ms if the SYN has not been retransmitted yet, in case the peer
    /// ignores our RST (tcp_rcv_synsent_state_process: TCP_TIMEOUT_MIN, two
    /// ticks, 8 ms at the HZ=250 of Debian's kernels, which the timer wheel
    /// rounds up: 9.8 to 15.9 ms measured on Linux 6.18; 12, the middle,
    /// is inside packetdrill's tolerance of both). None: the RFC's RTO.
    pub syn_sent_bad_ack_retry_ms: Option<u64>,
    /// When an owed ACK may wait for something to ride on (Linux's pingpong
    /// mode, `super::delack`). None: the RFC's answer, an ACK at once (a
    /// scenario's own delayed ACK still applies under every profile).
    pub delayed_ack: Option<DelayedAck>,
    /// Another stack's delayed ACK (when `delayed_ack`, Linux's, is None).
    /// None with both: every ACK at once.
    pub simple_delayed_ack: Option<SimpleDelayedAck>,
    /// An RST that arrives in TIME-WAIT is ignored (RFC 1337's remedy for
    /// "TIME-WAIT assassination"; Linux with `tcp_rfc1337 = 1`, default 0,
    /// in tcp_timewait_state_process). false: the RST ends TIME-WAIT, as
    /// RFC 9293 3.10.7.4 allows.
    pub time_wait_ignores_rst: bool,
    pub time_wait_syn: TimeWaitSyn,
    /// A segment sent again takes in the unacknowledged ones after it while
    /// they fit in one MSS, so data and a FIN sent apart come again as one
    /// FIN,PSH,ACK (Linux's tcp_retrans_try_collapse, `tcp_retrans_collapse`
    /// = 1; seen on Linux 6.18). RFC 9293 leaves repacketization to the
    /// sender (3.10.7.4 "may"); `rfc` sends each again as it was.
    pub retransmit_collapse: bool,
    /// SYN-RECEIVED (a passive open), a new SYN inside the window: RFC 9293
    /// 3.10.7.4 returns to LISTEN silently; Linux's tcp_check_req also
    /// answers it with the reset of a segment to nobody, RST,ACK seq 0 ack
    /// SEG.SEQ+1 (`embryonic_reset`; seen on Linux 6.18, absolute seq 0).
    pub syn_received_resets_new_syn: bool,
    /// How the RTO grows in SYN-SENT, and everywhere else.
    pub syn_backoff: Backoff,
    pub backoff: Backoff,
    /// Added to every RTO but the first (BSD's `tcp_rexmit_slop`, 200 ms:
    /// `TCPT_RANGESET` adds it to the backed-off and the measured RTO).
    pub rto_slop_ms: u64,
    /// XNU adds the slop only from ESTABLISHED on (`TCP_ADD_REXMTSLOP`).
    pub slop_in_handshake: bool,
    /// After a half-open connection is dropped, an ACK of its SYN,ACK that
    /// arrives within this many ms still opens it (FreeBSD's syncookies).
    /// None: a listener answers it with RST (RFC 9293 3.10.7.2).
    pub syncookie_ms: Option<u64>,
    /// The retransmission timer runs on ticks of this many ms (lwIP's
    /// `tcp_slowtmr`, TCP_SLOW_INTERVAL 500 ms): round trips are measured in
    /// whole ticks, the RTO is Jacobson's in ticks, and it expires on a tick.
    /// None: a millisecond clock.
    pub slow_timer_ms: Option<u64>,
}

impl Profile {
    pub const RFC: Profile = Profile {
        name: ProfileName::Rfc,
        msl_ms: 120_000,
        time_wait_ms: 240_000,
        rto_initial_ms: 1_000,
        rto_min_ms: 1_000,
        rto_max_ms: 60_000,
        rto_min_on_variance: false,
        rto_after_syn_loss_ms: 3_000,
        syn_give_up: GiveUp::AfterMs(180_000),
        syn_linear_timeouts: 0,
        synack_give_up: GiveUp::AfterMs(180_000),
        data_give_up: GiveUp::AfterMs(100_000),
        fin_give_up: GiveUp::AfterMs(100_000),
        fin_wait_2_timeout_ms: None,
        invalid_ratelimit: None,
        reset_on_close_with_unread: false,
        reset_on_data_after_close: false,
        ack_simultaneous_syn_ack: false,
        syn_sent_bad_ack_retry_ms: None,
        delayed_ack: None,
        simple_delayed_ack: None,
        time_wait_ignores_rst: false,
        time_wait_syn: TimeWaitSyn::Challenge,
        retransmit_collapse: false,
        syn_received_resets_new_syn: false,
        syn_backoff: Backoff::Doubling,
        backoff: Backoff::Doubling,
        rto_slop_ms: 0,
        slop_in_handshake: false,
        syncookie_ms: None,
        slow_timer_ms: None,
    };

    pub const LINUX: Profile = Profile {
        name: ProfileName::Linux,
        // Linux has no MSL knob; TCP_TIMEWAIT_LEN is 60 s, i.e. an MSL of 30 s.
        msl_ms: 30_000,
        time_wait_ms: 60_000,
        rto_initial_ms: 1_000,
        rto_min_ms: 200,
        rto_max_ms: 120_000,
        rto_min_on_variance: true,
        rto_after_syn_loss_ms: 3_000,
        syn_give_up: GiveUp::AfterRetries(6),
        syn_linear_timeouts: 4,
        synack_give_up: GiveUp::AfterRetries(5),
        data_give_up: GiveUp::AfterRetries(15),
        fin_give_up: GiveUp::AfterRetries(8),
        fin_wait_2_timeout_ms: Some(60_000),
        invalid_ratelimit: Some(RateLimit {
            count: 1,
            per_ms: 500,
        }),
        reset_on_close_with_unread: true,
        reset_on_data_after_close: true,
        ack_simultaneous_syn_ack: true,
        syn_sent_bad_ack_retry_ms: Some(12),
        delayed_ack: Some(DelayedAck::LINUX),
        simple_delayed_ack: None,
        time_wait_ignores_rst: false,
        time_wait_syn: TimeWaitSyn::Reopen,
        retransmit_collapse: true,
        syn_received_resets_new_syn: true,
        syn_backoff: Backoff::Doubling,
        backoff: Backoff::Doubling,
        rto_slop_ms: 0,
        slop_in_handshake: false,
        syncookie_ms: None,
        slow_timer_ms: None,
    };

    /// Linux 5.x and 6.0-6.4: the same, but every SYN retransmission doubles.
    pub const LINUX_5: Profile = Profile {
        name: ProfileName::Linux5,
        syn_linear_timeouts: 0,
        ..Profile::LINUX
    };
}
