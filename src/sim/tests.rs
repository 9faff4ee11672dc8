use super::*;
use crate::scenario::{presets, Fault, Step};

#[test]
fn same_scenario_same_trace() {
    for p in presets::PRESETS {
        let s = p.scenario();
        assert_eq!(run(&s), run(&s), "{}", p.name);
    }
}

#[test]
fn a_run_that_would_go_on_forever_is_cut_at_the_horizon() {
    // RFC profile: FIN-WAIT-2 has no limit, and this server never closes.
    let mut s = presets::by_name("handshake").unwrap();
    s.client.script.push(Step::when_established(0, Call::Close));
    s.client.script.push(Step::at(3_500_000, Call::Send(1)));
    s.server.script.push(Step::at(3_700_000, Call::Close));
    let t = run(&s);
    assert_eq!(t.final_state(Host::Client), State::FinWait2);
    assert!(t.cut_short.as_deref().unwrap().contains("horizon"));
}

#[test]
fn injected_segments_are_named_o_and_can_be_dropped() {
    let mut s = presets::by_name("old-duplicate-syn").unwrap();
    s.faults.insert("o1".into(), Fault::Drop);
    let t = run(&s);
    assert_eq!(t.segment("o1").unwrap().fate, Fate::Dropped);
    assert_eq!(
        t.states(Host::Server)[..4],
        [
            State::Closed,
            State::Listen,
            State::SynReceived,
            State::Established
        ]
    );
}
