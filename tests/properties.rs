//! Random scenarios: up to 8 drops, delays or duplicates on any segment ids, both profiles.

mod common;
use proptest::prelude::*;
use synack::scenario::{presets, Fault, Host};
use synack::tcp::{ProfileName, State};
use synack::trace::EventKind;

fn fault_strategy() -> impl Strategy<Value = (String, Fault)> {
    let id = (prop_oneof![Just('c'), Just('s')], 1u32..14).prop_map(|(l, n)| format!("{l}{n}"));
    let fault = prop_oneof![
        Just(Fault::Drop),
        (1u64..5_000).prop_map(Fault::Delay),
        (0u64..5_000).prop_map(Fault::Duplicate),
    ];
    (id, fault)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn random_faults_never_break_tcp(
        preset_index in 0..presets::PRESETS.len(),
        linux in any::<bool>(),
        faults in proptest::collection::vec(fault_strategy(), 0..=8),
        latency in 1u64..400,
    ) {
        let p = &presets::PRESETS[preset_index];
        prop_assume!(p.name != "stress");
        let mut s = p.scenario();
        s.profile = if linux { ProfileName::Linux } else { ProfileName::Rfc };
        s.client_to_server_ms = latency;
        for (id, f) in faults {
            s.faults.insert(id, f);
        }
        let t = synack::run(&s);
        prop_assert_eq!(&t, &synack::run(&s), "deterministic");
        prop_assert!(t.cut_short.is_none() || matches!(t.final_state(Host::Client), State::FinWait2)
            || matches!(t.final_state(Host::Server), State::FinWait2), "{:?}", t.cut_short);
        let scripts_close = |h: Host| s.host(h).script.iter().any(|st| matches!(st.call, synack::tcp::Call::Close | synack::tcp::Call::Abort));
        for host in [Host::Client, Host::Server] {
            let end = t.final_state(host);
            let errored = !t.errors(host).is_empty();
            // RFC 9293 lets FIN-WAIT-2 last forever (the rfc profile has no limit);
            // a host whose script never closes may stay open; a host whose peer
            // gave up (every FIN lost) is left half-open, as without keep-alive.
            let peer_gave_up = !t.errors(host.peer()).is_empty();
            let allowed = matches!(end, State::Closed | State::Listen) || errored || peer_gave_up
                || (end == State::FinWait2 && !linux)
                || !scripts_close(host) || !scripts_close(host.peer());
            prop_assert!(allowed, "{} ends {} in {}", host.name(), end, p.name);
        }
        // No ACK acknowledges a sequence number its peer never used.
        for (i, seg) in t.segments.iter().enumerate() {
            if !seg.header.flags.ack || seg.injected || seg.header.flags.rst { continue; }
            let covered = t.segments[..i].iter().any(|o| {
                o.from == seg.from.peer()
                    && o.arrives.is_some_and(|a| a <= seg.sent)
                    && seg.header.ack.le(o.header.seq.add(o.header.seq_len()))
            });
            prop_assert!(covered, "{} acks {} which its peer never sent", seg.id, seg.header.ack.0);
        }
        let in_order = t.events.windows(2).all(|w| w[0].t <= w[1].t);
        prop_assert!(in_order);
        let valid_refs = t.events.iter().all(|e| match e.kind {
            EventKind::Sent { seg } | EventKind::Arrived { seg } => seg < t.segments.len(),
            _ => true,
        });
        prop_assert!(valid_refs);
        // Every copy the link made is its original again, arriving no earlier.
        for seg in &t.segments {
            if let Some(o) = seg.copy_of {
                let orig = &t.segments[o];
                prop_assert_eq!((seg.header, seg.sent, seg.from), (orig.header, orig.sent, orig.from));
                let named = format!("{}'", orig.id);
                prop_assert!(seg.arrives >= orig.arrives && seg.id == named, "{}", seg.id);
            }
        }
    }
}
