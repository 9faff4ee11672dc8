//! Drives playback: while playing, a gloo-timers interval dispatches ticks.
//! The interval handle lives in the effect and is dropped to cancel it.

use crate::ui::state::{Action, AppState};
use gloo_timers::callback::Interval;
use yew::prelude::*;

const FRAME_MS: u32 = 33;
const STEP_MS: u32 = 900;

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

#[hook]
pub fn use_playback(state: UseReducerHandle<AppState>) {
    let playing = state.playing;
    use_effect_with(playing, move |playing| {
        let interval = playing.then(|| {
            let dispatcher = state.dispatcher();
            if prefers_reduced_motion() {
                // No motion: go from one moment to the next in discrete steps.
                Interval::new(STEP_MS, move || dispatcher.dispatch(Action::StepPlaying))
            } else {
                Interval::new(FRAME_MS, move || {
                    dispatcher.dispatch(Action::Tick(FRAME_MS as f64))
                })
            }
        });
        move || drop(interval)
    });
}
