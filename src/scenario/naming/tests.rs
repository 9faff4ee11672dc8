use super::*;
use crate::scenario::presets::{self, PRESETS};
use crate::tcp::Flags;
use crate::trace::{Fate, Trace};

fn run(s: &Scenario) -> Trace {
    crate::sim::run(s)
}

/// What a name promises about its segment: sender, flags, and the number
/// relative to the ISNs that says what it is (a pure ACK's acknowledgment
/// number, any other's sequence number).
fn what(trace: &Trace, i: usize) -> (Host, Flags, u32) {
    let s = &trace.segments[i];
    let isn = |h: Host| {
        if h == Host::Client {
            trace.isns.0
        } else {
            trace.isns.1
        }
    };
    let f = s.header.flags;
    // A SYN's or a reset's number is not in its name (a listener picks a
    // new ISN for each SYN it answers).
    let number = if f.syn || f.rst {
        0
    } else if f.ack && !f.fin && s.header.len == 0 {
        s.header.ack.0.wrapping_sub(isn(s.from.peer()))
    } else {
        s.header.seq.0.wrapping_sub(isn(s.from))
    };
    (s.from, f, number)
}

#[test]
fn names_say_what_each_segment_is() {
    let trace = run(&presets::by_name("lost-last-ack").unwrap());
    let names: Vec<String> = trace.names().into_iter().flatten().collect();
    assert_eq!(
        names,
        [
            "c.syn", "s.synack", "c.ack1", "c.fin1", "s.ack2", "s.fin1", "c.ack2", "s.fin1.2",
            "c.ack2.2"
        ]
    );
    for name in &names {
        assert!(is_name(name), "{name}");
    }
}

#[test]
fn only_well_formed_names_are_names() {
    for good in [
        "c.syn",
        "s.synack",
        "c.rst",
        "c.fin101",
        "s.data1",
        "c.ack0",
        "c.syn.2",
        "s.ack4294967295.12",
    ] {
        assert!(is_name(good), "{good}");
    }
    for bad in [
        "c4",
        "c.",
        "x.syn",
        "c.syn.1",
        "c.syn.0",
        "c.syn.",
        "c.fin",
        "c.fin01",
        "c.ack4294967296",
        "c.push1",
        "c.syn.2.3",
        "C.syn",
        "c.syn2",
        "c.data1.02",
    ] {
        assert!(!is_name(bad), "{bad}");
    }
    assert!(is_fault_key("o1") && !is_fault_key("c1"));
}

/// The case: in "Lost last ACK", dropping the SYN,ACK adds a
/// handshake ACK before the lesson's lost one; the lesson's drop stays on
/// the ACK of the server's FIN, so that FIN is still sent again.
#[test]
fn the_lost_last_ack_stays_lost_when_the_syn_ack_is_dropped() {
    let mut s = presets::by_name("lost-last-ack").unwrap();
    assert_eq!(s.faults.keys().collect::<Vec<_>>(), ["c.ack2"]);
    let before = run(&s);
    let id = before.segments[1].id.clone();
    assert_eq!(
        (id.as_str(), before.segments[1].header.flags),
        ("s1", Flags::SYN_ACK)
    );
    add_faults(&mut s, &[(id, Fault::Drop)]).unwrap();
    let after = run(&s);
    let lost = after
        .segment_for_key("c.ack2")
        .expect("the last ACK is still sent");
    let seg = &after.segments[lost];
    assert_eq!(seg.fate, Fate::Dropped);
    assert_eq!((seg.header.flags, seg.header.len), (Flags::ACK, 0));
    assert_eq!(
        seg.header.ack.0.wrapping_sub(after.isns.1),
        2,
        "it acknowledges the server's FIN"
    );
    // The server's FIN goes again because that ACK was lost.
    let fins: Vec<_> = after
        .segments
        .iter()
        .filter(|r| r.from == Host::Server && r.header.flags.fin)
        .collect();
    assert_eq!(fins.len(), 2);
    assert!(fins[1].retransmission_of.is_some());
}

/// For every preset and every pair of segments A, B in its run: a fault on
/// A stays on A when a fault on B is added, and B's on B — the same name on
/// the same kind of segment — whenever that segment is still sent; and the
/// preset's own faults stay where they were.
#[test]
fn a_fault_stays_on_its_segment_when_another_is_added_or_removed() {
    let (mut pairs, mut checked) = (0, 0);
    for preset in PRESETS.iter().filter(|p| p.name != "stress") {
        let base = preset.scenario();
        let t0 = run(&base);
        let names = t0.names();
        let keys: Vec<(usize, String)> = names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.clone().map(|n| (i, n)))
            .filter(|(_, n)| !base.faults.contains_key(n))
            .collect();
        for (ia, a) in &keys {
            let mut with_a = base.clone();
            with_a.faults.insert(a.clone(), Fault::Drop);
            let ta = run(&with_a);
            let hit = ta
                .segment_for_key(a)
                .expect("A is sent when only A is dropped");
            assert_eq!(what(&ta, hit), what(&t0, *ia), "{}: {a}", preset.name);
            assert_eq!(ta.segments[hit].fate, Fate::Dropped, "{}: {a}", preset.name);
            for (ib, b) in &keys {
                if a == b {
                    continue;
                }
                let mut with_b = base.clone();
                with_b.faults.insert(b.clone(), Fault::Delay(250));
                let mut both = with_b.clone();
                both.faults.insert(a.clone(), Fault::Drop);
                let tab = run(&both);
                pairs += 1;
                for (key, i0, fate) in [(a, ia, Fate::Dropped), (b, ib, Fate::Delayed)] {
                    if let Some(i) = tab.segment_for_key(key) {
                        checked += 1;
                        assert_eq!(
                            what(&tab, i),
                            what(&t0, *i0),
                            "{}: {key} with {a}, {b}",
                            preset.name
                        );
                        assert_eq!(
                            tab.segments[i].fate, fate,
                            "{}: {key} with {a}, {b}",
                            preset.name
                        );
                    }
                }
                // The preset's own faults are untouched by A and B.
                for (key, fault) in &base.faults {
                    if let (Some(i), Some(i0)) = (tab.segment_for_key(key), t0.segment_for_key(key))
                    {
                        assert_eq!(what(&tab, i), what(&t0, i0), "{}: {key}", preset.name);
                        let want = match fault {
                            Fault::Drop => Fate::Dropped,
                            Fault::Delay(_) => Fate::Delayed,
                            Fault::Duplicate(_) => Fate::Duplicated,
                        };
                        assert_eq!(
                            tab.segments[i].fate, want,
                            "{}: {key} with {a}, {b}",
                            preset.name
                        );
                    }
                }
            }
        }
    }
    // Most pairs leave both segments sent: the check is not vacuous.
    assert!(pairs > 1000, "{pairs} pairs");
    assert!(
        checked * 10 > pairs * 2 * 8,
        "{checked} of {} checks",
        pairs * 2
    );
}

/// Links and files written before names hold ordinals counted in the run
/// with all their faults; naming them gives the very same run.
#[test]
fn naming_ordinal_faults_keeps_the_run() {
    for preset in PRESETS.iter().filter(|p| p.name != "stress") {
        let base = preset.scenario();
        let t0 = run(&base);
        for seg in t0
            .segments
            .iter()
            .filter(|s| !s.injected && s.copy_of.is_none())
        {
            let mut old = base.clone();
            old.faults.insert(seg.id.clone(), Fault::Drop);
            let by_ordinal = run(&old);
            let missing = name_faults(&mut old);
            assert!(missing.is_empty(), "{}: {missing:?}", preset.name);
            assert!(
                old.faults.keys().all(|k| is_fault_key(k)),
                "{:?}",
                old.faults
            );
            assert_eq!(run(&old), by_ordinal, "{}: {}", preset.name, seg.id);
        }
    }
    let mut s = presets::by_name("handshake").unwrap();
    s.faults.insert("c9".into(), Fault::Drop);
    assert_eq!(name_faults(&mut s), ["c9"]);
    assert!(s.faults.is_empty());
}

#[test]
fn faults_typed_as_ids_are_read_on_the_run_before_them() {
    let mut s = presets::by_name("handshake").unwrap();
    // c1 is the SYN; once it is dropped, c2 is its retransmission.
    add_faults(
        &mut s,
        &[("c1".into(), Fault::Drop), ("c2".into(), Fault::Drop)],
    )
    .unwrap();
    assert_eq!(s.faults.keys().collect::<Vec<_>>(), ["c.syn", "c.syn.2"]);
    let err = add_faults(&mut s, &[("s9".into(), Fault::Drop)]).unwrap_err();
    assert!(
        err.starts_with("no segment s9 in this trace (it has c1 c2 c3 s1"),
        "{err}"
    );
    assert!(add_faults(&mut s, &[("c.fin999".into(), Fault::Drop)]).is_err());
}
