//! Says when the page's first frame has been painted: what is not on a
//! phone's first screen (the state diagram, the inspector) waits for it, so
//! the sequence diagram is drawn one task sooner.

use crate::ui::state::{Action, AppState};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Dispatches `Action::Painted` in the task after the first frame: an
/// animation frame runs just before the paint, and a timeout queued from it
/// runs after, once the browser has shown the diagram.
#[hook]
pub fn use_painted(state: UseReducerHandle<AppState>) {
    use_effect_with((), move |_| {
        let dispatcher = state.dispatcher();
        let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
            gloo_timers::callback::Timeout::new(0, move || dispatcher.dispatch(Action::Painted))
                .forget();
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(after_paint.unchecked_ref());
        }
    });
}
