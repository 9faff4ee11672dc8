//! Share links: round trips over random scenarios, and a fuzz run over
//! random and mutated links that must never panic or hang.

use proptest::prelude::*;
use synack::i18n::Lang;
use synack::link::{decode, encode, Link, Theme};
use synack::scenario::{presets, Fault, Step};
use synack::tcp::{Call, ProfileName};

fn random_link() -> impl Strategy<Value = Link> {
    let faults = proptest::collection::vec(
        (
            (prop_oneof![Just('c'), Just('s')], 1u32..10),
            prop_oneof![Just(Fault::Drop), (0u64..3000).prop_map(Fault::Delay)],
        ),
        0..6,
    );
    (
        0..presets::PRESETS.len(),
        any::<bool>(),
        (1u64..500, 1u64..500),
        faults,
        proptest::option::of(0u64..300_000),
        (0..3usize, any::<bool>(), 0..3u8, any::<bool>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of((0u64..1000, 0u64..1000)),
        proptest::option::of((1u64..5000, 1u32..5000)),
    )
        .prop_map(
            |(
                p,
                linux,
                (c2s, s2c),
                faults,
                cursor,
                (rel, zh, theme, embed),
                seed,
                range,
                custom,
            )| {
                let name = presets::PRESETS[p].name;
                let mut l = Link::for_preset(name).unwrap();
                let s = &mut l.scenario;
                s.profile = if linux {
                    ProfileName::Linux
                } else {
                    ProfileName::Rfc
                };
                s.client_to_server_ms = c2s;
                s.server_to_client_ms = s2c;
                s.isn_seed = seed;
                for ((letter, n), f) in faults {
                    s.faults.insert(format!("{letter}{n}"), f);
                }
                if let Some((delay, bytes)) = custom {
                    // Something no compact link can say: it must travel packed.
                    s.client
                        .script
                        .push(Step::when_established(delay, Call::Send(bytes)));
                }
                // Random ids, named as the page names what the user clicks.
                synack::scenario::naming::name_faults(s);
                l.cursor = cursor;
                l.showing.numbering = synack::trace::Numbering::ALL[rel];
                l.lang = Some(if zh { Lang::Zh } else { Lang::En });
                l.showing.theme = [Theme::System, Theme::Light, Theme::Dark][theme as usize];
                l.showing.embed = embed;
                l.showing.range = range.map(|(a, b)| (a.min(b), a.max(b)));
                l
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn every_link_round_trips(l in random_link()) {
        let text = encode(&l);
        prop_assert!(text.starts_with("v2/"));
        let back = decode(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(back, l);
    }
}

fn mutate(seed: &str, edits: &[(usize, u8, u8)]) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for &(at, kind, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let i = at % bytes.len();
        match kind % 4 {
            0 => bytes[i] = byte,
            1 => {
                bytes.remove(i);
            }
            2 => bytes.insert(i, byte),
            _ => bytes.truncate(i),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

const SEEDS: &[&str] = &[
    "#v1/p=lost-syn&drop=c1,s2&delay=c3:300&t=1200",
    "#v1/p=client-close&prof=linux&lat=20,50&seed=7&rel=1&lang=zh&theme=dark&embed=1&from=0&to=500&autoplay=1",
    "#v1/p=old-duplicate-syn&drop=o1&isn=4294967290,5",
];

fn fuzz_cases() -> u32 {
    std::env::var("SYNACK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]
    /// Random and mutated links: decode returns Ok or a message, never panics,
    /// and a packed link's scenario is bounded before anything runs.
    #[test]
    fn no_link_panics(
        seed in 0..SEEDS.len() + 2,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 32u8..127), 0..6),
        junk in "[ -~]{0,80}",
    ) {
        let input = match seed {
            s if s < SEEDS.len() => mutate(SEEDS[s], &edits),
            s if s == SEEDS.len() => format!("#v1/{junk}"),
            _ => {
                let mut l = Link::for_preset("handshake").unwrap();
                l.scenario.server.script.push(Step::at(3, Call::Send(7)));
                mutate(&format!("#{}", encode(&l)), &edits)
            }
        };
        match decode(&input) {
            Ok(link) => prop_assert!(link.scenario.validate().is_ok()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
