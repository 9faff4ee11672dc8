//! Tells the state how wide the diagram is shown, on load and on resize, so
//! the layout fits it (`diagram::Frame`): a phone sees both hosts.

use crate::ui::state::{Action, AppState};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The width the diagram has, or, before it is drawn, what static/style.css
/// will give it: the page's width less the margins (16 px a side up to
/// 700 px, 34 px a side up to 1100 px) and, wider, the side panel. An
/// estimate that missed laid the first page out twice (a tablet at 768 px
/// estimated 720, then drew 700).
pub fn diagram_width() -> f64 {
    let Some(window) = web_sys::window() else {
        return f64::INFINITY;
    };
    let drawn = window
        .document()
        .and_then(|d| d.query_selector(".diagram-scroll").ok().flatten())
        .map(|el| el.client_width() as f64)
        .filter(|w| *w > 0.0);
    drawn.unwrap_or_else(|| {
        let page = window
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .unwrap_or(1400.0);
        if page > 1100.0 {
            page - 458.0
        } else if page > 700.0 {
            page - 68.0
        } else {
            page - 32.0
        }
    })
}

#[hook]
pub fn use_fit(state: UseReducerHandle<AppState>) {
    use_effect_with((), move |_| {
        let dispatcher = state.dispatcher();
        dispatcher.dispatch(Action::Fit(diagram_width()));
        let listener =
            Closure::<dyn Fn()>::new(move || dispatcher.dispatch(Action::Fit(diagram_width())));
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ = w.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback(
                    "resize",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
