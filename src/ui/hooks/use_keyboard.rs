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

/// In a title or note, where Ctrl+Z belongs to the text itself.
fn writing_text() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| {
            let tag = a.tag_name().to_ascii_lowercase();
            tag == "textarea"
                || (tag == "input"
                    && a.get_attribute("inputmode").is_none()
                    && a.get_attribute("type").as_deref() == Some("text"))
        })
}

/// Presenter mode is on (the page marks `<html data-present="1">`).
fn presenting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|h| h.get_attribute("data-present").as_deref() == Some("1"))
}

#[hook]
pub fn use_keyboard(state: UseReducerHandle<AppState>) {
    use_effect_with((), move |_| {
        let dispatcher = state.dispatcher();
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            // Ctrl+Z / Ctrl+Shift+Z (Cmd on macOS) undo and redo scenario changes,
            // except while writing a title or note, where the text field's own undo is meant.
            if (e.ctrl_key() || e.meta_key()) && !e.alt_key() && !writing_text() {
                let action = match e.key().to_ascii_lowercase().as_str() {
                    "z" if e.shift_key() => Some(Action::Redo),
                    "z" => Some(Action::Undo),
                    "y" if e.ctrl_key() => Some(Action::Redo),
                    _ => None,
                };
                if let Some(action) = action {
                    e.prevent_default();
                    dispatcher.dispatch(action);
                }
                return;
            }
            if e.ctrl_key() || e.meta_key() || e.alt_key() || typing_in_a_field() {
                return;
            }
            if presenting() {
                // A presentation clicker sends PageDown / PageUp (some the
                // arrows, B or "." to black the screen).
                let action = match e.key().as_str() {
                    "PageDown" | "ArrowRight" | "ArrowDown" | " " | "Enter" => {
                        Some(Action::StepForward)
                    }
                    "PageUp" | "ArrowLeft" | "ArrowUp" | "Backspace" => Some(Action::StepBack),
                    "Home" => Some(Action::Home),
                    "End" => Some(Action::End),
                    "b" | "B" | "." => Some(Action::ToggleBlack),
                    "Escape" | "p" => Some(Action::Present(false)),
                    "f" | "F" => {
                        crate::ui::components::presenter::enter_full_screen();
                        None
                    }
                    _ => None,
                };
                if let Some(action) = action {
                    e.prevent_default();
                    dispatcher.dispatch(action);
                }
                return;
            }
            let action = match e.key().as_str() {
                " " if focused_segment().is_none() => Some(Action::TogglePlay),
                "ArrowRight" => Some(Action::StepForward),
                "ArrowLeft" => Some(Action::StepBack),
                "Home" => Some(Action::Home),
                "End" => Some(Action::End),
                "?" => Some(Action::ToggleHelp),
                "Escape" => Some(Action::Escape),
                "r" => Some(Action::ResetFaults),
                "e" => Some(Action::ToggleEditor),
                "p" => {
                    crate::ui::components::presenter::enter_full_screen();
                    Some(Action::Present(true))
                }
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
