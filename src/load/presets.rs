//! The load view's lessons: each a load and the notes' question it answers.
//! Their words are in `i18n::EDITOR_TEXTS` (`load.<name>.title|notice|question`).

use super::LoadScenario;
use crate::scenario::Host;

pub struct LoadPreset {
    pub name: &'static str,
    pub build: fn() -> LoadScenario,
}

pub const LOAD_PRESETS: &[LoadPreset] = &[
    LoadPreset {
        name: "http10",
        build: || LoadScenario {
            rate_per_s: 200,
            duration_s: 80,
            ..LoadScenario::default()
        },
    },
    LoadPreset {
        name: "ports",
        build: || LoadScenario {
            rate_per_s: 1000,
            duration_s: 40,
            closer: Host::Client,
            ..LoadScenario::default()
        },
    },
    LoadPreset {
        name: "linger0",
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
        build: || LoadScenario {
            count: Some(1),
            requests_per_connection: 2000,
            closer: Host::Client,
            ..LoadScenario::default()
        },
    },
    LoadPreset {
        name: "tw-reuse",
        build: || LoadScenario {
            rate_per_s: 1000,
            duration_s: 40,
            closer: Host::Client,
            tw_reuse: true,
            ..LoadScenario::default()
        },
    },
];
