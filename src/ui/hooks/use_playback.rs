//! Drives playback: while playing, a gloo-timers interval dispatches ticks.
//! The interval handle lives in the effect and is dropped to cancel it.

use crate::ui::state::{Action, AppState};
use gloo_timers::callback::Interval;
use yew::prelude::*;

const FRAME_MS: u32 = 33;

#[hook]
pub fn use_playback(state: UseReducerHandle<AppState>) {
    let playing = state.playing;
    use_effect_with(playing, move |playing| {
        let interval = playing.then(|| {
            let dispatcher = state.dispatcher();
            Interval::new(FRAME_MS, move || dispatcher.dispatch(Action::Tick(FRAME_MS as f64)))
        });
        move || drop(interval)
    });
}
