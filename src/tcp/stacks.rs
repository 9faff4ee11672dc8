//! Other stacks' set-up and tear-down defaults, each number where it lives in
//! that stack's source (read there, not copied: `../shared/STACKS.md` lists
//! them). "Derived" marks a time worked out from the code, not seen in a
//! capture or a test. What a stack does that the model has no knob for is
//! left as the RFC's answer and said so.
//!
//! Send times of a lost SYN, as these give them:
//! - FreeBSD: 0, 1.0, 3.2, 7.4, 15.6, 31.8, 64.0 s, then ETIMEDOUT at 75 s
//!   (3.2 is seen in tcp-testsuite's `snd-syn-rtx-keepinit-ipv4.pkt`);
//! - macOS: 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s, ETIMEDOUT at 75 s (derived);
//! - lwIP: 0, 3, 6, 9, 12, 15, 18 s, aborted at 18.5 s (derived);
//! - Windows: 0, 3, 9 s, fails at 21 s (Microsoft's documented defaults).

use super::delack::SimpleDelayedAck;
use super::profile::{Backoff, GiveUp, Profile, ProfileName, RateLimit, TimeWaitSyn};

/// FreeBSD's `tcp_backoff[]` (sys/netinet/tcp_timer.c): the RTO's factor
/// after each expiry, for every state.
const FREEBSD_BACKOFF: &[u32] = &[1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/// XNU's `tcp_syn_backoff[]` (bsd/netinet/tcp_timer.c): five SYNs a second
/// apart, then doubling.
const XNU_SYN_BACKOFF: &[u32] = &[1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64];
/// XNU's `tcp_backoff[]`: doubling, capped at 64.
const XNU_BACKOFF: &[u32] = &[1, 2, 4, 8, 16, 32, 64];

/// lwIP's `tcp_backoff[]` (src/core/tcp.c) holds shifts, 1 to 7: the RTO
/// after each expiry is the measured one shifted left by them.
const LWIP_BACKOFF: &[u32] = &[1, 2, 4, 8, 16, 32, 64, 128];

impl Profile {
    /// FreeBSD 14 (sys/netinet/tcp_timer.h, tcp_timer.c, tcp_syncache.c).
    pub const FREEBSD: Profile = Profile {
        name: ProfileName::FreeBsd,
        // `net.inet.tcp.msl` 30 s; TIME-WAIT is 2 × MSL (tcp_twstart).
        msl_ms: 30_000,
        time_wait_ms: 60_000,
        // TCPTV_RTOBASE (`tcp_rexmit_initial`), TCPTV_MIN (`tcp_rexmit_min`,
        // hz / 33), TCPTV_REXMTMAX.
        rto_initial_ms: 1_000,
        rto_min_ms: 30,
        rto_max_ms: 64_000,
        rto_min_on_variance: false,
        // RFC 6298 5.7 (not checked in FreeBSD's source).
        rto_after_syn_loss_ms: 3_000,
        // tcp_timer_keep drops a connection not established within
        // TCPTV_KEEP_INIT (`net.inet.tcp.keepinit`, 75 s).
        syn_give_up: GiveUp::AfterMs(75_000),
        syn_linear_timeouts: 0,
        // The syncache resends its SYN,ACK SYNCACHE_MAXREXMTS (3) times, the
        // first after `tcp_rexmit_initial`, then TCPT_RANGESET adds the slop:
        // 0, 1.0, 3.2, 7.4 s, the entry dropped at 15.6 s (derived).
        synack_give_up: GiveUp::AfterRetries(3),
        // TCP_MAXRXTSHIFT (12, `net.inet.tcp.retries`).
        data_give_up: GiveUp::AfterRetries(12),
        fin_give_up: GiveUp::AfterRetries(12),
        // An orphaned FIN-WAIT-2 ends after `tcp_maxidle` (keepcnt 8 ×
        // keepintvl 75 s = 600 s) unless `fast_finwait2_recycle` is set.
        fin_wait_2_timeout_ms: Some(600_000),
        // RFC 5961 challenge ACKs: `tcp_ack_war_cnt` 5 per
        // `tcp_ack_war_time_window` 1000 ms (tcp_send_challenge_ack).
        invalid_ratelimit: Some(RateLimit {
            count: 5,
            per_ms: 1_000,
        }),
        // close() flushes unread data and sends a FIN (tcp_disconnect).
        reset_on_close_with_unread: false,
        // tcp_input: "If new data are received on a connection after the
        // user processes are gone, then RST the other end."
        reset_on_data_after_close: true,
        ack_simultaneous_syn_ack: false,
        syn_sent_bad_ack_retry_ms: None,
        delayed_ack: None,
        // DELAY_ACK: in-order data waits for the delayed-ACK callout,
        // TCPTV_DELACK (`net.inet.tcp.delacktime`) 40 ms, unless one is
        // already pending (every second segment at once); a FIN sets TF_ACKNOW.
        simple_delayed_ack: Some(SimpleDelayedAck {
            wait_ms: 40,
            tick_ms: None,
        }),
        // tcp_twcheck drops an RST in TIME-WAIT (RFC 1337).
        time_wait_ignores_rst: true,
        // tcp_twcheck: "If a new connection request is received while in
        // TIME_WAIT, drop the old connection and start over if the sequence
        // numbers are above the previous ones"; a SYN without ACK otherwise
        // dropped. The new ISS is tcp_new_isn's (RFC 6528, keyed): the model
        // takes one from its own ISN clock.
        time_wait_syn: TimeWaitSyn::ReopenOrDrop,
        // A timeout sets snd_nxt back to snd_una and tcp_output sends from
        // there as much as fits: data and a FIN go again together (derived).
        retransmit_collapse: true,
        syn_received_resets_new_syn: false,
        syn_backoff: Backoff::Table(FREEBSD_BACKOFF),
        backoff: Backoff::Table(FREEBSD_BACKOFF),
        // TCPTV_CPU_VAR (`tcp_rexmit_slop`), added by TCPT_RANGESET to every
        // RTO but the first, in the handshake too.
        rto_slop_ms: 200,
        slop_in_handshake: true,
        // `net.inet.tcp.syncookies` 1: the SYN,ACK's ISS is a cookie, and
        // syncache_expand accepts an ACK that carries it back after the
        // entry is gone. A cookie lives 15 to 30 s (SYNCOOKIE_LIFETIME, two
        // secrets in turn); 15 s after the drop lies inside that (derived).
        syncookie_ms: Some(15_000),
        slow_timer_ms: None,
    };

    /// macOS (XNU: bsd/netinet/tcp_timer.h, tcp_timer.c, tcp_input.c). XNU
    /// is BSD's TCP: where not said here, FreeBSD's numbers are its own too
    /// (TCPTV_RTOBASE 1 s, TCPTV_REXMTMAX 64 s, TCPTV_KEEP_INIT 75 s,
    /// TCP_MAXRXTSHIFT 12, an RST in TIME-WAIT ignored, data after close
    /// reset, a FIN acknowledged at once).
    pub const MACOS: Profile = Profile {
        name: ProfileName::MacOs,
        // TCPTV_MSL 15 s; TIME-WAIT 2 × MSL.
        msl_ms: 15_000,
        time_wait_ms: 30_000,
        // `net.inet.tcp.rtt_min` 100 ms.
        rto_min_ms: 100,
        // No syncache: the SYN-RECEIVED socket backs off by `tcp_backoff`
        // (0, 1, 3, 7, 15, 31, 63 s, derived) until TCPTV_KEEP_INIT.
        synack_give_up: GiveUp::AfterMs(75_000),
        // TCPTV_FINWAIT2 60 s.
        fin_wait_2_timeout_ms: Some(60_000),
        // `tcp_do_rfc5961` 1, `tcp_challengeack_limit` 10 per second.
        invalid_ratelimit: Some(RateLimit {
            count: 10,
            per_ms: 1_000,
        }),
        syn_backoff: Backoff::Table(XNU_SYN_BACKOFF),
        backoff: Backoff::Table(XNU_BACKOFF),
        // The slop only from ESTABLISHED on (TCP_ADD_REXMTSLOP).
        slop_in_handshake: false,
        // `tcp_delack` 100 ms, sent by the fast timer that runs every 100 ms:
        // 100 to 200 ms after the data (derived). Not modelled: stretch ACKs
        // (`tcp_delack_enabled` 3) once a connection streams.
        simple_delayed_ack: Some(SimpleDelayedAck {
            wait_ms: 100,
            tick_ms: Some(100),
        }),
        // No syncache, and no cookies for a dropped half-open connection.
        syncookie_ms: None,
        // XNU keeps the whole tcpcb in TIME-WAIT and decides in tcp_input's
        // trimming: a SYN that lies past the window starts over (ISS from
        // tcp_new_isn); one inside it meets RFC 5961's challenge ACK.
        time_wait_syn: TimeWaitSyn::ReopenBeyondWindow,
        ..Profile::FREEBSD
    };

    /// lwIP 2.2 (src/include/lwip/opt.h, src/core/tcp.c, tcp_in.c), its
    /// timers run by `tcp_slowtmr` every 500 ms.
    pub const LWIP: Profile = Profile {
        name: ProfileName::Lwip,
        // TCP_MSL 60 s; TIME-WAIT 2 × TCP_MSL.
        msl_ms: 60_000,
        time_wait_ms: 120_000,
        // LWIP_TCP_RTO_TIME 3000 ms; no floor but the 500 ms tick.
        rto_initial_ms: 3_000,
        rto_min_ms: 500,
        rto_max_ms: 60_000,
        rto_min_on_variance: false,
        rto_after_syn_loss_ms: 3_000,
        // TCP_SYNMAXRTX 6, checked on each 500 ms tick: six SYNs after the
        // first, aborted half a second after the last (derived; the unit
        // test `test_tcp_rto_timeout_syn_sent`).
        syn_give_up: GiveUp::AfterMs(18_500),
        syn_linear_timeouts: 0,
        // TCP_SYN_RCVD_TIMEOUT 20 s, freed without an RST, by tcp_slowtmr on
        // its ticks (`Endpoint::slow_deadline`).
        synack_give_up: GiveUp::AfterMs(20_000),
        // TCP_MAXRTX 12 (opt.h), for a FIN as for data: tcp_slowtmr removes a
        // PCB at `nrtx >= TCP_MAXRTX` whatever its state (lwIP 1.4's
        // TCP_FW1MAXRTX, 8 in FIN-WAIT-1 and CLOSING, is gone from 2.x).
        data_give_up: GiveUp::AfterRetries(12),
        fin_give_up: GiveUp::AfterRetries(12),
        // TCP_FIN_WAIT_TIMEOUT 20 s, on tcp_slowtmr's ticks (`slow_deadline`),
        // only once the application closed (TF_RXCLOSED).
        fin_wait_2_timeout_ms: Some(20_000),
        // No challenge ACK limit: each is answered.
        invalid_ratelimit: None,
        // tcp_close_shutdown: "Not all data received by application, send
        // RST to tell the remote side about this."
        reset_on_close_with_unread: true,
        // Data after the receive side was closed (TF_RXCLOSED): tcp_abort.
        reset_on_data_after_close: true,
        ack_simultaneous_syn_ack: false,
        syn_sent_bad_ack_retry_ms: None,
        delayed_ack: None,
        // tcp_ack: TF_ACK_DELAY, flushed by tcp_fasttmr every
        // TCP_FAST_INTERVAL (250 ms); a second segment (TF_ACK_DELAY already
        // set) and a FIN (tcp_ack_now) at once.
        simple_delayed_ack: Some(SimpleDelayedAck {
            wait_ms: 0,
            tick_ms: Some(250),
        }),
        // tcp_timewait_input ignores an RST (RFC 1337), answers a SYN inside
        // the window with RST ("If the SYN is in the window it is an error")
        // and any other SYN with an ACK.
        time_wait_ignores_rst: true,
        time_wait_syn: TimeWaitSyn::ResetInWindow,
        // tcp_rexmit_rto resends the unacknowledged segments as they were.
        retransmit_collapse: false,
        syn_received_resets_new_syn: false,
        // "Double retransmission time-out unless we are trying to connect to
        // somebody (i.e., we are in SYN_SENT)" (tcp_slowtmr).
        syn_backoff: Backoff::Constant,
        backoff: Backoff::Table(LWIP_BACKOFF),
        rto_slop_ms: 0,
        slop_in_handshake: false,
        syncookie_ms: None,
        // TCP_SLOW_INTERVAL: tcp_receive measures `tcp_ticks - rttest` and
        // tcp_slowtmr retransmits when `rtime >= rto`, both in these ticks.
        slow_timer_ms: Some(500),
    };

    /// Windows: closed source. Microsoft's documented registry defaults
    /// (TCP/IP parameters of Windows 2000 / Server 2003, KB 170359,
    /// KB 813056); newer releases may differ and are not confirmed.
    pub const WINDOWS: Profile = Profile {
        name: ProfileName::Windows,
        // `TcpTimedWaitDelay` 120 s (Server 2003's default).
        msl_ms: 60_000,
        time_wait_ms: 120_000,
        // `TcpInitialRTT` 3 s; `MinRto` 300 ms; no documented maximum (the RFC's).
        rto_initial_ms: 3_000,
        rto_min_ms: 300,
        // `TcpMaxConnectRetransmissions` 2: SYNs at 0, 3, 9 s, fails at 21 s.
        syn_give_up: GiveUp::AfterRetries(2),
        // `TcpMaxConnectResponseRetransmissions` 2, from 3 s, doubling.
        synack_give_up: GiveUp::AfterRetries(2),
        // `TcpMaxDataRetransmissions` 5.
        data_give_up: GiveUp::AfterRetries(5),
        fin_give_up: GiveUp::AfterRetries(5),
        // `TcpFinWait2Delay` (KB 813056).
        fin_wait_2_timeout_ms: Some(300_000),
        // A 200 ms delayed ACK, every second segment at once (KB 328890,
        // `TcpDelAckTicks` 2); a FIN's ACK is not documented: at once.
        simple_delayed_ack: Some(SimpleDelayedAck {
            wait_ms: 200,
            tick_ms: None,
        }),
        // Everything else is not documented: the RFC's answers.
        ..Profile::RFC
    };
}
