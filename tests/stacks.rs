//! The other stacks' profiles (`tcp::stacks`): each schedule and timer as
//! the stack's source gives it (`../shared/STACKS.md` lists where each
//! number lives), run through the same scenarios as Linux.

mod common;
use common::*;
use synack::scenario::{Fault, Host, Scenario};
use synack::tcp::{ProfileName, State};
use synack::trace::{EventKind, Trace};

fn under(mut s: Scenario, profile: ProfileName) -> Trace {
    s.profile = profile;
    run(&s)
}

/// When `host` sent its segments, in ms.
fn sends(t: &Trace, host: Host) -> Vec<u64> {
    t.segments
        .iter()
        .filter(|s| s.from == host)
        .map(|s| s.sent)
        .collect()
}

/// When `host` entered `to` (the first time).
fn entered(t: &Trace, host: Host, to: State) -> Option<u64> {
    t.events.iter().find_map(|e| match e.kind {
        EventKind::State { host: h, to: s, .. } if h == host && s == to => Some(e.t),
        _ => None,
    })
}

/// A run whose SYNs (or handshake ACKs) are all lost, however many there are.
fn all_lost(preset_name: &str, name: &str) -> Scenario {
    let mut s = preset(preset_name);
    s.faults = Default::default();
    for n in 1..=16 {
        let key = if n == 1 {
            name.to_string()
        } else {
            format!("{name}.{n}")
        };
        s.faults.insert(key, Fault::Drop);
    }
    s
}

#[test]
fn a_lost_syn_is_retried_on_each_stacks_schedule_until_connect_fails() {
    let syn_lost = all_lost("syn-timeout", "c.syn");
    // (profile, SYN send times, when connect() fails)
    let expected: [(ProfileName, &[u64], u64); 5] = [
        // 1 s × tcp_backoff[n] + the 200 ms slop; TCPTV_KEEP_INIT 75 s.
        (
            ProfileName::FreeBsd,
            &[0, 1_000, 3_200, 7_400, 15_600, 31_800, 64_000],
            75_000,
        ),
        // tcp_syn_backoff {1,1,1,1,1,2,4,…}, no slop before ESTABLISHED.
        (
            ProfileName::MacOs,
            &[
                0, 1_000, 2_000, 3_000, 4_000, 5_000, 7_000, 11_000, 19_000, 35_000, 67_000,
            ],
            75_000,
        ),
        // 3 s, not doubled in SYN_SENT; TCP_SYNMAXRTX 6, checked on the next tick.
        (
            ProfileName::Lwip,
            &[0, 3_000, 6_000, 9_000, 12_000, 15_000, 18_000],
            18_500,
        ),
        // TcpInitialRTT 3 s, TcpMaxConnectRetransmissions 2: the 21 s connect.
        (ProfileName::Windows, &[0, 3_000, 9_000], 21_000),
        // Linux 6.5+ for comparison: the same first eleven as macOS, failing later.
        (
            ProfileName::Linux,
            &[
                0, 1_000, 2_000, 3_000, 4_000, 5_000, 7_000, 11_000, 19_000, 35_000, 67_000,
            ],
            131_000,
        ),
    ];
    for (profile, syns, fails) in expected {
        let t = under(syn_lost.clone(), profile);
        assert_eq!(sends(&t, Host::Client), syns, "{profile:?}");
        assert_eq!(
            t.events.iter().rev().find_map(|e| match e.kind {
                EventKind::State {
                    host: Host::Client,
                    from: State::SynSent,
                    to: State::Closed,
                    ..
                } => Some(e.t),
                _ => None,
            }),
            Some(fails),
            "{profile:?}"
        );
    }
}

#[test]
fn a_syn_ack_never_acknowledged_is_retried_until_the_half_open_connection_is_dropped() {
    let acks_lost = all_lost("syn-received-timeout", "c.ack1");
    // (profile, SYN,ACK send times after the SYN arrived at 50 ms, back to LISTEN)
    let expected: [(ProfileName, &[u64], u64); 4] = [
        // The syncache: 0, 1.0, 3.2, 7.4 s, dropped at 15.6 s (SYNCACHE_MAXREXMTS 3).
        (ProfileName::FreeBsd, &[0, 1_000, 3_200, 7_400], 15_600),
        // A SYN-RECEIVED socket doubling from 1 s until TCPTV_KEEP_INIT.
        (
            ProfileName::MacOs,
            &[0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000],
            75_000,
        ),
        // 3 s, then doubled (SYN_RCVD is not SYN_SENT), on tcp_slowtmr's
        // ticks (every 500 ms from the start of the run): the SYN,ACK sent at
        // 50 ms is resent on the sixth tick, at 3.0 s. Freed by tcp_slowtmr
        // on the first tick when `tcp_ticks - pcb->tmr > TCP_SYN_RCVD_TIMEOUT
        // / TCP_SLOW_INTERVAL`: the SYN came in tick 0, so at tick 41, 20.5 s.
        (ProfileName::Lwip, &[0, 2_950, 8_950], 20_450),
        (ProfileName::Windows, &[0, 3_000, 9_000], 21_000),
    ];
    for (profile, synacks, dropped) in expected {
        let t = under(acks_lost.clone(), profile);
        let at: Vec<u64> = sends(&t, Host::Server).iter().map(|ms| ms - 50).collect();
        assert_eq!(at, synacks, "{profile:?}");
        let back = t.events.iter().rev().find_map(|e| match e.kind {
            EventKind::State {
                host: Host::Server,
                from: State::SynReceived,
                to: State::Listen,
                ..
            } => Some(e.t - 50),
            _ => None,
        });
        assert_eq!(back, Some(dropped), "{profile:?}");
    }
}

#[test]
fn time_wait_lasts_twice_each_stacks_msl() {
    for (profile, ms) in [
        (ProfileName::FreeBsd, 60_000),
        (ProfileName::MacOs, 30_000),
        // 2 × TCP_MSL, ended on the slow timer's tick after it: TIME-WAIT
        // began at 400 ms, in the tick that started at 0 (tcp_slowtmr).
        (ProfileName::Lwip, 120_100),
        (ProfileName::Windows, 120_000),
        (ProfileName::Linux, 60_000),
    ] {
        let t = under(preset("client-close"), profile);
        let start = entered(&t, Host::Client, State::TimeWait).unwrap();
        let end = t.events.iter().rev().find_map(|e| match e.kind {
            EventKind::State {
                host: Host::Client,
                from: State::TimeWait,
                to: State::Closed,
                ..
            } => Some(e.t),
            _ => None,
        });
        assert_eq!(end, Some(start + ms), "{profile:?}");
        assert_eq!(states(&t, Host::Client), ACTIVE_CLOSE, "{profile:?}");
    }
}

#[test]
fn an_rst_in_time_wait_ends_it_on_linux_and_is_ignored_by_the_bsds_and_lwip() {
    // The server's FIN duplicated: TIME-WAIT acknowledges it again and the
    // server, CLOSED by then, answers that ACK with RST at 550 ms.
    let s = with(preset("client-close"), &[("s3", Fault::Duplicate(100))]);
    for (profile, closed_by_rst) in [
        (ProfileName::Linux, true),
        (ProfileName::Windows, true),
        (ProfileName::FreeBsd, false),
        (ProfileName::MacOs, false),
        (ProfileName::Lwip, false),
    ] {
        let t = under(s.clone(), profile);
        let rst = t
            .segments
            .iter()
            .find(|r| r.header.flags.rst)
            .unwrap_or_else(|| panic!("{profile:?}: no RST"));
        let after = rst.arrives.unwrap() + 1;
        let state = t.state_at(Host::Client, after);
        assert_eq!(
            state == State::Closed,
            closed_by_rst,
            "{profile:?}: {state:?} after the RST"
        );
    }
}

#[test]
fn every_profile_has_a_name_that_reads_back() {
    for p in ProfileName::ALL {
        assert_eq!(ProfileName::parse(p.as_str()), Some(p));
        assert_eq!(p.profile().name, p);
    }
    assert_eq!(ProfileName::parse("solaris"), None);
}

/// A Windows client against a Linux server (the common case): each host
/// runs its own stack, the diagram says which, and the editor's edit and
/// the command line's options set it.
#[test]
fn each_host_runs_its_own_stack() {
    use synack::scenario::edit::{apply, Edit};
    let s = all_lost("syn-timeout", "c.syn");
    let s = apply(
        &s,
        &Edit::HostProfile {
            host: Host::Client,
            profile: Some(ProfileName::Windows),
        },
    )
    .unwrap();
    // The preset's own stack (RFC) stays the server's.
    assert_eq!(
        (s.profile_of(Host::Client), s.profile_of(Host::Server)),
        (ProfileName::Windows, ProfileName::Rfc)
    );
    let t = run(&s);
    assert_eq!(sends(&t, Host::Client), [0, 3_000, 9_000]);
    assert_eq!(t.stacks, Some([ProfileName::Windows, ProfileName::Rfc]));
    let lang = synack::i18n::Lang::En;
    assert_eq!(
        synack::diagram::endpoint_text(&t, Host::Client, 52528, lang),
        ":52528 · Windows"
    );
    // The server's SYN,ACKs follow FreeBSD's syncache when it runs FreeBSD.
    let mut acks_lost = all_lost("syn-received-timeout", "c.ack1");
    acks_lost.server_profile = Some(ProfileName::FreeBsd);
    let t = run(&acks_lost);
    let at: Vec<u64> = sends(&t, Host::Server).iter().map(|ms| ms - 50).collect();
    assert_eq!(at, [0, 1_000, 3_200, 7_400]);
    // Back to the scenario's stack: nothing is named under the hosts.
    let same = apply(
        &s,
        &Edit::HostProfile {
            host: Host::Client,
            profile: None,
        },
    )
    .unwrap();
    assert_eq!(run(&same).stacks, None);
    let (code, out, _) = cli(&[
        "trace",
        "--preset",
        "syn-timeout",
        "--client-profile",
        "windows",
        "--server-profile",
        "linux",
        "--json",
    ]);
    assert_eq!(code, 0);
    let syns: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(r#""from":"client""#) && l.contains(r#""SYN""#))
        .collect();
    assert_eq!(syns.len(), 3, "{out}");
}

/// FreeBSD's syncookies: the syncache dropped the half-open connection at
/// 15.6 s, but the client's data at 30 s carries the ACK of the SYN,ACK,
/// and the cookie in it opens the connection. lwIP and Windows, which have
/// dropped theirs too, answer it with RST; so does FreeBSD once the cookie
/// is too old. (Linux still holds its half-open connection then: 63 s.)
#[test]
fn a_late_ack_still_opens_a_dropped_half_open_connection_on_freebsd() {
    use synack::scenario::Step;
    use synack::tcp::Call;
    let late = |after_ms: u64| {
        let mut s = all_lost("syn-received-timeout", "c.ack1");
        s.client
            .script
            .push(Step::when_established(after_ms, Call::Send(100)));
        s
    };
    let freebsd = under(late(30_000), ProfileName::FreeBsd);
    // 50 ms of latency: the SYN,ACK at 50 ms completes the client at 100 ms;
    // its four ACKs are lost, its data leaves at 30.1 s.
    let data = freebsd.segments.iter().find(|r| r.header.len > 0).unwrap();
    assert_eq!(
        (data.id.as_str(), data.sent, data.header.len),
        ("c6", 30_100, 100)
    );
    assert_eq!(
        freebsd.state_changes(Host::Server)[1..],
        [
            (50, State::SynReceived),
            (15_650, State::Listen),
            (30_150, State::SynReceived),
            (30_150, State::Established),
        ]
    );
    // The server acknowledges the data: seq and ack as the lost handshake left them.
    let last = |t: &Trace| {
        t.segments
            .iter()
            .rfind(|r| r.from == Host::Server)
            .cloned()
            .unwrap()
    };
    let ack = last(&freebsd);
    assert_eq!(
        (
            ack.header.flags.to_string(),
            ack.header.seq.0,
            ack.header.ack.0
        ),
        ("ACK".into(), 5001, 1101)
    );
    for (profile, after_ms) in [
        (ProfileName::Lwip, 30_000),
        (ProfileName::Windows, 30_000),
        // 15 s after the drop the cookie is too old.
        (ProfileName::FreeBsd, 40_000),
    ] {
        let t = under(late(after_ms), profile);
        let answer = last(&t);
        assert!(
            answer.header.flags.rst,
            "{profile:?}: {}",
            answer.header.flags
        );
        assert_eq!(
            t.state_changes(Host::Server).last().map(|&(_, st)| st),
            Some(State::Listen),
            "{profile:?}"
        );
    }
}

/// The real smoltcp (the crate itself, 0.14, driven through its interface):
/// the four-way close as it does it, its SYN backoff (RTTE_INITIAL_RTO 1 s,
/// doubling to RTTE_MAX_RTO 60 s, never giving up by default) and its 10 s
/// TIME-WAIT (CLOSE_DELAY), against the model's endpoint or itself.
#[test]
fn the_real_smoltcp_runs_as_one_more_stack() {
    use synack::sim::run_smoltcp;
    let t = run_smoltcp(&preset("client-close"), [true, true]);
    let flags: Vec<String> = t
        .segments
        .iter()
        .map(|r| format!("{} {}", r.id, r.header.flags))
        .collect();
    assert_eq!(
        flags,
        [
            "c1 SYN",
            "s1 SYN,ACK",
            "c2 ACK",
            "c3 FIN,ACK",
            "s2 ACK",
            "s3 FIN,ACK",
            "c4 ACK"
        ]
    );
    assert_eq!(states(&t, Host::Client), ACTIVE_CLOSE);
    assert_eq!(states(&t, Host::Server), PASSIVE_CLOSE);
    // Relative numbers count from smoltcp's own ISNs.
    let (c, s) = t.isns;
    assert_eq!(t.segments[0].header.seq.0, c);
    assert_eq!(t.segments[1].header.seq.0, s);
    assert_eq!(t.segments[1].header.ack.0, c.wrapping_add(1));
    let tw = entered(&t, Host::Client, State::TimeWait).unwrap();
    assert_eq!(
        t.state_changes(Host::Client).last(),
        Some(&(tw + 10_000, State::Closed))
    );
    // Every SYN lost: 1 s, doubling, up to 60 s between them, and no end.
    let lost = all_lost("syn-timeout", "c.syn");
    let t = run_smoltcp(&lost, [true, false]);
    assert_eq!(
        sends(&t, Host::Client)[..11],
        [0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000, 123_000, 183_000, 243_000, 303_000]
    );
    // It never gives up: the seventeenth SYN (the first not lost) opens it.
    let gave_up = t.events.iter().any(|e| {
        matches!(
            e.kind,
            EventKind::State {
                host: Host::Client,
                from: State::SynSent,
                to: State::Closed,
                ..
            }
        )
    });
    assert!(!gave_up);
    assert_eq!(t.state_changes(Host::Client)[1].1, State::Established);
    // A smoltcp client against the model's Linux server.
    let mixed = run_smoltcp(&preset("client-close"), [true, false]);
    assert_eq!(states(&mixed, Host::Server), PASSIVE_CLOSE);
    let (code, _, err) = cli(&["link", "--preset", "handshake", "--profile", "smoltcp"]);
    assert_eq!(
        (code, err.trim()),
        (2, "synack: smoltcp runs on the command line and in the Compare view; a link cannot hold it yet")
    );
}

/// Every preset runs through the real smoltcp, each host in turn and both:
/// nothing panics, every segment it sends is one the model can read, and a
/// handshake it takes part in completes unless the preset loses it.
#[test]
fn every_preset_runs_through_the_real_smoltcp() {
    for p in synack::scenario::presets::PRESETS {
        for hosts in [[true, false], [false, true], [true, true]] {
            let t = synack::sim::run_smoltcp(&p.scenario(), hosts);
            assert!(!t.segments.is_empty(), "{} {hosts:?}", p.name);
            assert!(
                t.cut_short.is_none() || p.name == "stress",
                "{} {hosts:?}: {:?}",
                p.name,
                t.cut_short
            );
        }
    }
    // Where it differs from RFC 9293, said here: TIME-WAIT is 10 s
    // (CLOSE_DELAY), not 2 MSL; a SYN is never given up on by default.
    let t = synack::sim::run_smoltcp(&preset("client-close"), [true, true]);
    let tw = entered(&t, Host::Client, State::TimeWait).unwrap();
    assert_eq!(t.end_ms, tw + 10_000);
}

/// (sent ms, flags, seq, ack) of every segment `host` sent, in order.
fn segments_of(t: &Trace, host: Host) -> Vec<(u64, String, u32, u32)> {
    t.segments
        .iter()
        .filter(|s| s.from == host)
        .map(|s| {
            (
                s.sent,
                s.header.flags.to_string(),
                s.header.seq.0,
                s.header.ack.0,
            )
        })
        .collect()
}

fn left(t: &Trace, host: Host, from: State) -> Option<u64> {
    t.events.iter().find_map(|e| match e.kind {
        EventKind::State {
            host: h, from: f, ..
        } if h == host && f == from => Some(e.t),
        _ => None,
    })
}

/// The handshake measures 100 ms on each side (50 ms each way), so each
/// stack's first RTO after it is its estimator's answer to one 100 ms sample.
#[test]
fn a_lost_fin_comes_again_after_each_stacks_first_measured_rto() {
    for (profile, again, closed) in [
        // RFC 6298: 100 + 4 × 50 = 300 ms, raised to the 1 s floor.
        (ProfileName::Rfc, 1_200, 241_400),
        // Linux: 100 + max(4 × 50, 200) = 300 ms (kernel-checked: lost-fin.pkt).
        (ProfileName::Linux, 500, 60_700),
        // FreeBSD: 300 ms + 200 ms of tcp_rexmit_slop.
        (ProfileName::FreeBsd, 700, 60_900),
        // XNU: the same slop once ESTABLISHED; TIME-WAIT 30 s.
        (ProfileName::MacOs, 700, 30_900),
        // lwIP: the 100 ms sample is 0 ticks, so sv 6 - 1 = 5 ticks = 2.5 s,
        // counted from the tick the FIN was sent in; TIME-WAIT ends on the
        // tick after 2MSL (tcp_slowtmr), 120 s after the tick of 2.7 s.
        (ProfileName::Lwip, 2_500, 123_000),
        // Windows (documented): MinRto 300 ms; TcpTimedWaitDelay 120 s.
        (ProfileName::Windows, 500, 120_700),
    ] {
        let t = under(preset("lost-fin"), profile);
        let fins: Vec<_> = segments_of(&t, Host::Client)
            .into_iter()
            .filter(|s| s.1 == "FIN,ACK")
            .collect();
        assert_eq!(
            fins,
            [
                (200, "FIN,ACK".to_string(), 1001, 5001),
                (again, "FIN,ACK".to_string(), 1001, 5001)
            ],
            "{profile:?}"
        );
        assert_eq!(
            left(&t, Host::Client, State::TimeWait),
            Some(closed),
            "{profile:?}"
        );
    }
}

#[test]
fn a_lost_last_ack_brings_the_fin_again_and_time_wait_starts_over() {
    for (profile, fin_again, tw_closed) in [
        (ProfileName::Rfc, 1_350, 241_400),
        (ProfileName::Linux, 650, 60_700),
        (ProfileName::FreeBsd, 850, 60_900),
        (ProfileName::MacOs, 850, 30_900),
        // The server's FIN sent at 350 ms (tick 0) comes again on the fifth
        // tick; TIME-WAIT restarts in the tick of 2.55 s: 241 ticks later.
        (ProfileName::Lwip, 2_500, 123_000),
        (ProfileName::Windows, 650, 120_700),
    ] {
        let t = under(preset("lost-last-ack"), profile);
        let server = segments_of(&t, Host::Server);
        assert_eq!(
            &server[server.len() - 2..],
            [
                (350, "FIN,ACK".to_string(), 5001, 1002),
                (fin_again, "FIN,ACK".to_string(), 5001, 1002)
            ],
            "{profile:?}"
        );
        // TIME-WAIT acknowledges it again the moment it arrives (50 ms later).
        let client = segments_of(&t, Host::Client);
        assert_eq!(
            &client[client.len() - 2..],
            [
                (400, "ACK".to_string(), 1002, 5002),
                (fin_again + 50, "ACK".to_string(), 1002, 5002)
            ],
            "{profile:?}"
        );
        assert_eq!(
            left(&t, Host::Server, State::LastAck),
            Some(fin_again + 100),
            "{profile:?}"
        );
        assert_eq!(
            left(&t, Host::Client, State::TimeWait),
            Some(tw_closed),
            "{profile:?}"
        );
    }
}

#[test]
fn a_simultaneous_close_goes_through_closing_on_every_stack() {
    for (profile, closed) in [
        (ProfileName::Rfc, 240_300),
        (ProfileName::Linux, 60_300),
        (ProfileName::FreeBsd, 60_300),
        (ProfileName::MacOs, 30_300),
        (ProfileName::Lwip, 120_500),
        (ProfileName::Windows, 120_300),
    ] {
        let t = under(preset("simultaneous-close"), profile);
        for (host, fin, ack) in [
            (
                Host::Client,
                (200, "FIN,ACK".to_string(), 1001, 5001),
                (250, "ACK".to_string(), 1002, 5002),
            ),
            (
                Host::Server,
                (200, "FIN,ACK".to_string(), 5001, 1001),
                (250, "ACK".to_string(), 5002, 1002),
            ),
        ] {
            let sent = segments_of(&t, host);
            assert_eq!(&sent[sent.len() - 2..], [fin, ack], "{profile:?} {host:?}");
            assert_eq!(
                entered(&t, host, State::Closing),
                Some(250),
                "{profile:?} {host:?}"
            );
            assert_eq!(
                entered(&t, host, State::TimeWait),
                Some(300),
                "{profile:?} {host:?}"
            );
            assert_eq!(
                left(&t, host, State::TimeWait),
                Some(closed),
                "{profile:?} {host:?}"
            );
        }
    }
}

/// The course's socket example: the server's 5-byte greeting reaches the
/// client at 200 ms and its 6-byte reply leaves at 250 ms; the reply
/// reaches the server at 300 ms and the client's FIN at 350 ms.
#[test]
fn each_stack_delays_the_ack_of_data_its_own_way_and_a_fin_s_never() {
    // (profile, the client's pure ACKs, the server's pure ACKs), as (ms, ack).
    let ack = |ms: u64, n: u32| (ms, "ACK".to_string(), n);
    for (profile, client, server) in [
        // Linux: quick ACKs until a reply or a FIN makes it interactive.
        (
            ProfileName::Linux,
            vec![ack(100, 5001), ack(200, 5006), ack(450, 5007)],
            vec![ack(300, 1007), ack(390, 1008)],
        ),
        // FreeBSD: the greeting's ACK goes alone after TCPTV_DELACK (40 ms),
        // as does the reply's; the FIN's at once.
        (
            ProfileName::FreeBsd,
            vec![ack(100, 5001), ack(240, 5006), ack(450, 5007)],
            vec![ack(340, 1007), ack(350, 1008)],
        ),
        // macOS, lwIP, Windows wait longer than the 50 ms to the reply, which
        // carries the ACK; the FIN's ACK also covers the reply.
        (
            ProfileName::MacOs,
            vec![ack(100, 5001), ack(450, 5007)],
            vec![ack(350, 1008)],
        ),
        (
            ProfileName::Lwip,
            vec![ack(100, 5001), ack(450, 5007)],
            vec![ack(350, 1008)],
        ),
        (
            ProfileName::Windows,
            vec![ack(100, 5001), ack(450, 5007)],
            vec![ack(350, 1008)],
        ),
    ] {
        let t = under(preset("socket-example"), profile);
        let pure = |host: Host| -> Vec<(u64, String, u32)> {
            t.segments
                .iter()
                .filter(|s| {
                    s.from == host && s.header.len == 0 && s.header.flags.to_string() == "ACK"
                })
                .map(|s| (s.sent, s.header.flags.to_string(), s.header.ack.0))
                .collect()
        };
        assert_eq!(pure(Host::Client), client, "{profile:?} client");
        assert_eq!(pure(Host::Server), server, "{profile:?} server");
    }
}

/// The client closes; the server's application never does, so the client's
/// orphaned FIN-WAIT-2 waits only as long as its stack allows.
#[test]
fn an_orphaned_fin_wait_2_ends_on_each_stacks_timer() {
    let mut s = preset("client-close");
    s.server
        .script
        .retain(|step| step.call != synack::tcp::Call::Close);
    // (profile, from FIN-WAIT-2 to CLOSED, in ms after the ACK of the FIN arrived)
    for (profile, lasts) in [
        // tcp_fin_timeout, 60 s.
        (ProfileName::Linux, Some(60_000)),
        // TCP_FIN_WAIT_TIMEOUT 20 s, freed by tcp_slowtmr on the first tick
        // when `tcp_ticks - pcb->tmr > 40`: the ACK came in at 300 ms, in
        // tick 0, so at tick 41 (20.5 s), 20.2 s later.
        (ProfileName::Lwip, Some(20_200)),
        // RFC 9293 sets no limit.
        (ProfileName::Rfc, None),
    ] {
        let t = under(s.clone(), profile);
        let fin_wait_2 = entered(&t, Host::Client, State::FinWait2).expect("FIN-WAIT-2");
        let closed = t.events.iter().find_map(|e| match e.kind {
            EventKind::State {
                host: Host::Client,
                from: State::FinWait2,
                to: State::Closed,
                ..
            } => Some(e.t - fin_wait_2),
            _ => None,
        });
        assert_eq!(closed, lasts, "{profile:?} (FIN-WAIT-2 at {fin_wait_2} ms)");
    }
}

/// lwIP 2.x gives up on a FIN as on data: tcp_slowtmr removes the PCB once
/// `nrtx >= TCP_MAXRTX` (12), in FIN-WAIT-1 too (1.4's TCP_FW1MAXRTX is gone).
#[test]
fn lwip_resends_a_lost_fin_twelve_times_then_gives_up() {
    let t = under(all_lost("lost-fin", "c.fin1"), ProfileName::Lwip);
    let fins = t
        .segments
        .iter()
        .filter(|s| s.from == Host::Client && s.header.flags.fin)
        .count();
    assert_eq!(fins, 13, "the FIN and 12 retransmissions");
    let last = t.events.iter().rev().find_map(|e| match e.kind {
        EventKind::State {
            host: Host::Client,
            from,
            to: State::Closed,
            ..
        } => Some(from),
        _ => None,
    });
    assert_eq!(last, Some(State::FinWait1), "given up in FIN-WAIT-1");
}
