//! Keyboard shortcuts for the whole page (listed in the help overlay).

use crate::scenario::Fault;
use crate::ui::state::{Action, AppState};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn focused_segment() -> Option<String> {
    let active = web_sys::window()?.document()?.active_element()?;
    active.get_attribute("data-seg")
}

fn typing_in_a_field() -> bool {
    let Some(active) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    matches!(
        active.tag_name().to_ascii_lowercase().as_str(),
        "input" | "select" | "textarea"
    )
}

#[hook]
pub fn use_keyboard(state: UseReducerHandle<AppState>) {
    use_effect_with((), move |_| {
        let dispatcher = state.dispatcher();
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() || typing_in_a_field() {
                return;
            }
            let action = match e.key().as_str() {
                " " if focused_segment().is_none() => Some(Action::TogglePlay),
                "ArrowRight" => Some(Action::StepForward),
                "ArrowLeft" => Some(Action::StepBack),
                "Home" => Some(Action::Home),
                "End" => Some(Action::End),
                "?" => Some(Action::ToggleHelp),
                "Escape" => Some(Action::Select(None)),
                "r" => Some(Action::ResetFaults),
                "d" => focused_segment().map(|id| Action::SetFault {
                    id,
                    fault: Some(Fault::Drop),
                }),
                _ => None,
            };
            if let Some(action) = action {
                e.prevent_default();
                dispatcher.dispatch(action);
            }
        });
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(d) = &document {
            let _ =
                d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = document {
                let _ = d.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
