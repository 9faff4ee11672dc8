//! A run written as a capture and read back: the states synack infers from
//! the file are the states the model went through, except where no capture
//! can know them, and each such place is named by what makes it unknowable.
//! Then the whole round trip (segments and states) over random scenarios
//! and faults under every profile.

mod common;
use common::*;
use proptest::prelude::*;
use synack::capture;
use synack::scenario::{presets, Fault, Host};
use synack::tcp::{ProfileName, State};
use synack::trace::{EventKind, Fate, Trace, TraceCause};

/// Why a host's inferred states may differ from the model's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Unknowable {
    /// A segment to this host was lost after the capture point: the file
    /// has it (written where it was sent), the host never saw it.
    LostOnTheWay,
    /// The peer's segment was still on its way when this host sent: the
    /// file, stamped where each was sent, cannot say which came first.
    Crossing,
    /// A delayed or duplicated segment, either way, changed the order in
    /// which things reached this host from the order the file has them in
    /// (its own late segment draws a late answer).
    Reordered,
    /// An RST reached this host in TIME-WAIT: whether that ends TIME-WAIT is
    /// the stack's choice (RFC 1337), which a capture does not show.
    RstInTimeWait,
}

/// The host whose packet comes first in the file: a capture's client.
fn opener(trace: &Trace) -> Host {
    trace
        .segments
        .iter()
        .min_by_key(|s| s.sent)
        .map_or(Host::Client, |s| s.from)
}

/// `host`'s states as the model had them, less what no packet shows: a
/// host that sent nothing has no states on the wire, and the changes its
/// timers make after its last packet (TIME-WAIT's end, giving up) are not
/// on the wire either.
fn on_the_wire(trace: &Trace, host: Host) -> Vec<State> {
    // (A copy the link made, or an old duplicate it delivered, is not the host's.)
    let own = |seg: usize| {
        let s = &trace.segments[seg];
        s.from == host && s.copy_of.is_none() && !s.injected
    };
    let last_sent = trace
        .events
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Sent { seg } if own(seg)));
    let Some(last_sent) = last_sent else {
        return Vec::new();
    };
    trace
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match &e.kind {
            EventKind::State {
                host: h, to, cause, ..
            } if *h == host => {
                let by_timer = matches!(cause, TraceCause::Timer(_) | TraceCause::RetriesExhausted);
                (!(by_timer && i > last_sent)).then_some(*to)
            }
            _ => None,
        })
        .collect()
}

fn inferred(trace: &Trace, host: Host) -> Vec<State> {
    trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::State { host: h, to, .. } if *h == host => Some(*to),
            _ => None,
        })
        .collect()
}

/// What in the run makes `host`'s states unknowable to a capture.
fn unknowable(trace: &Trace, host: Host) -> Vec<Unknowable> {
    let mut why = Vec::new();
    let to_host = trace.segments.iter().filter(|s| s.from != host);
    for s in to_host {
        if s.fate == Fate::Dropped {
            why.push(Unknowable::LostOnTheWay);
        }

        let arrives = s.arrives.unwrap_or(u64::MAX);
        let sent_meanwhile = trace
            .segments
            .iter()
            .any(|mine| mine.from == host && mine.sent >= s.sent && mine.sent < arrives);
        if sent_meanwhile {
            why.push(Unknowable::Crossing);
        }
    }
    if trace
        .segments
        .iter()
        .any(|s| s.extra_delay_ms > 0 || s.copy_of.is_some())
    {
        why.push(Unknowable::Reordered);
    }
    let rst_ends_time_wait = trace.events.iter().any(|e| {
        matches!(e.kind, EventKind::State { host: h, from: State::TimeWait, cause: TraceCause::Segment(i), .. }
            if h == host && trace.segments[i].header.flags.rst)
    });
    if rst_ends_time_wait {
        why.push(Unknowable::RstInTimeWait);
    }
    why.sort();
    why.dedup();
    why
}

/// Writes the run, reads it back, and compares each host's states: equal,
/// or different for a named reason. Returns the differences found.
fn states_round_trip(what: &str, trace: &Trace, mss: u32) -> Vec<(Host, Vec<Unknowable>)> {
    let bytes = synack::explain::pcapng(trace, mss).unwrap();
    let read = capture::open(&bytes).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    if trace.segments.is_empty() {
        assert!(read.connections.is_empty(), "{what}");
        return Vec::new();
    }
    assert_eq!(read.connections.len(), 1, "{what}: one connection");
    let from_file = capture::infer(&read.connections[0]);
    let first = opener(trace);
    let mut differ = Vec::new();
    for host in [Host::Client, Host::Server] {
        // The capture's client is whoever sent first.
        let as_captured = if first == Host::Client {
            host
        } else {
            host.peer()
        };
        let (model, file) = (on_the_wire(trace, host), inferred(&from_file, as_captured));
        if model != file {
            let why = unknowable(trace, host);
            assert!(
                !why.is_empty(),
                "{what}: {host:?}'s states differ with nothing to explain it\n  model {model:?}\n  file  {file:?}"
            );
            differ.push((host, why));
        }
    }
    differ
}

#[test]
fn every_preset_reads_back_with_its_states_or_says_why_not() {
    // "preset host [reasons]" and the profiles under which it happens.
    let mut explained: Vec<(String, Vec<&str>)> = Vec::new();
    for name in presets::PRESETS.iter().map(|p| p.name) {
        for profile in ProfileName::ALL {
            let mut s = preset(name);
            s.profile = profile;
            let trace = run(&s);
            for (host, why) in states_round_trip(&format!("{name} {profile:?}"), &trace, s.mss) {
                let line = format!("{name} {host:?} {why:?}");
                match explained.iter_mut().find(|(l, _)| *l == line) {
                    Some((_, profiles)) => profiles.push(profile.as_str()),
                    None => explained.push((line, vec![profile.as_str()])),
                }
            }
        }
    }
    let found: Vec<String> = explained
        .into_iter()
        .map(|(line, profiles)| match profiles.len() {
            n if n == ProfileName::ALL.len() => format!("{line}: every stack"),
            _ => format!("{line}: {}", profiles.join(",")),
        })
        .collect();
    // Without faults: only where the preset itself crosses, loses or
    // reorders segments, or an RST meets TIME-WAIT.
    assert_eq!(
        found,
        [
            // The two SYN,ACKs are stamped at one instant (see below).
            "simultaneous-open Server [Crossing]: every stack",
            // The client's ACK of the server's FIN and the server's ACK of
            // the client's FIN are stamped at one instant: CLOSING or FIN-WAIT-2.
            "simultaneous-close Client [Crossing]: every stack",
            // The old segment draws an RST that ends TIME-WAIT where the
            // stack lets it (not FreeBSD's, macOS's or lwIP's): the file cannot say.
            "old-segment-in-time-wait Client [Crossing, Reordered, RstInTimeWait]: rfc,linux,linux-5,windows",
            "half-close Client [Crossing, RstInTimeWait]: windows",
            // The stack retries the SYN,ACK; the lost ACK is in the file.
            "syn-received-timeout Server [LostOnTheWay, Crossing]: linux,linux-5,freebsd,windows,lwip",
            "lost-fin-ack Client [LostOnTheWay, Crossing]: lwip",
            // The old SYN and the new one reach the server in another order.
            "old-duplicate-syn Server [Crossing, Reordered]: every stack",
        ]
        .map(String::from)
        .to_vec(),
        "the presets whose states a capture cannot know, and why"
    );
}

#[test]
fn a_simultaneous_open_is_read_as_two_hosts_opening() {
    let s = preset("simultaneous-open");
    let trace = run(&s);
    let read = capture::open(&synack::explain::pcapng(&trace, s.mss).unwrap()).unwrap();
    let from_file = capture::infer(&read.connections[0]);
    use State::*;
    // The first SYN in the file is the model's server's: it is the capture's client.
    assert_eq!(opener(&trace), Host::Server);
    // Neither is read as listening. The capture's server passes through
    // SYN-RECEIVED as the model's client did; the capture's client's SYN,ACK
    // and the other's are stamped at the same instant, so the file cannot
    // say it sent its own before the other's arrived (it reads as
    // ESTABLISHED at once: a crossing, named by the round trip).
    assert_eq!(
        inferred(&from_file, Host::Client),
        [SynSent, Established, CloseWait, LastAck, Closed]
    );
    assert_eq!(
        inferred(&from_file, Host::Server),
        [
            SynSent,
            SynReceived,
            Established,
            FinWait1,
            FinWait2,
            TimeWait
        ]
    );
    assert_eq!(
        states_round_trip("simultaneous-open", &trace, s.mss),
        [(Host::Server, vec![Unknowable::Crossing])]
    );
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        Just(Fault::Drop),
        (1u64..2_000).prop_map(Fault::Delay),
        (1u64..2_000).prop_map(Fault::Duplicate),
    ]
}

fn segment_name() -> impl Strategy<Value = String> {
    (prop_oneof![Just('c'), Just('s')], 1u32..8).prop_map(|(side, n)| format!("{side}{n}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any preset, any profile, up to three faults on any segments: the
    /// file reads back as the same segments (who sent each, flags, seq, ack,
    /// length, time) and the same states, or states that differ for a
    /// named reason.
    #[test]
    fn a_random_run_survives_the_round_trip(
        which in 0..presets::PRESETS.len(),
        profile in 0..ProfileName::ALL.len(),
        faults in proptest::collection::vec((segment_name(), fault()), 0..4),
    ) {
        let name = presets::PRESETS[which].name;
        let mut s = preset(name);
        s.profile = ProfileName::ALL[profile];
        for (id, f) in &faults {
            s.faults.insert(id.clone(), *f);
        }
        let trace = run(&s);
        let what = format!("{name} {:?} {faults:?}", s.profile);
        let bytes = synack::explain::pcapng(&trace, s.mss).unwrap();
        let read = capture::open(&bytes).unwrap();
        let first = opener(&trace);
        let mut sent: Vec<_> = trace.segments.iter().collect();
        sent.sort_by_key(|x| x.sent);
        let t0 = sent.first().map_or(0, |x| x.sent);
        let expected: Vec<_> = sent
            .iter()
            .map(|x| ((x.sent - t0) * 1000, x.from == first, x.header.flags.to_string(), x.header.seq.0,
                      if x.header.flags.ack { x.header.ack.0 } else { 0 }, x.header.len))
            .collect();
        let mut got: Vec<_> = read
            .connections
            .iter()
            .flat_map(|c| c.segments.iter())
            .map(|x| (x.time_us, x.from_client, x.flags.to_string(), x.seq, x.ack, x.len))
            .collect();
        got.sort_by_key(|g| g.0);
        prop_assert_eq!(got, expected, "{}", what);
        states_round_trip(&what, &trace, s.mss);
    }
}
