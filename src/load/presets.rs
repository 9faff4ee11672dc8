//! The load view's lessons: each a load and the notes' question it answers.
//! Their words are in `i18n`'s editor table, named beside each.

use super::LoadScenario;
use crate::i18n::EditorWord as W;
use crate::scenario::Host;

pub struct LoadPreset {
    pub name: &'static str,
    /// Its title, what to notice, and the question it answers.
    pub words: [W; 3],
    pub build: fn() -> LoadScenario,
}

pub const LOAD_PRESETS: &[LoadPreset] = &[
    LoadPreset {
        name: "http10",
        words: [
            W::LoadHttp10Title,
            W::LoadHttp10Notice,
            W::LoadHttp10Question,
        ],
        build: || LoadScenario {
            rate_per_s: 200,
            duration_s: 80,
            ..LoadScenario::default()
        },
    },
    LoadPreset {
        name: "ports",
        words: [W::LoadPortsTitle, W::LoadPortsNotice, W::LoadPortsQuestion],
        build: || LoadScenario {
            rate_per_s: 1000,
            duration_s: 40,
            closer: Host::Client,
            ..LoadScenario::default()
        },
    },
    LoadPreset {
        name: "linger0",
        words: [
            W::LoadLinger0Title,
            W::LoadLinger0Notice,
            W::LoadLinger0Question,
        ],
        build: || LoadScenario {
            rate_per_s: 1000,
            duration_s: 40,
            closer: Host::Client,
            linger0: true,
            ..LoadScenario::default()
        },
    },
    LoadPreset {
        name: "keepalive",
        words: [
            W::LoadKeepaliveTitle,
            W::LoadKeepaliveNotice,
            W::LoadKeepaliveQuestion,
        ],
        build: || LoadScenario {
            count: Some(1),
            requests_per_connection: 2000,
            closer: Host::Client,
            ..LoadScenario::default()
        },
    },
    LoadPreset {
        name: "tw-reuse",
        words: [
            W::LoadTwReuseTitle,
            W::LoadTwReuseNotice,
            W::LoadTwReuseQuestion,
        ],
        build: || LoadScenario {
            rate_per_s: 1000,
            duration_s: 40,
            closer: Host::Client,
            tw_reuse: true,
            ..LoadScenario::default()
        },
    },
];
