//! Presenter mode (`present=1`, the toolbar's ⤢): for a projector at the
//! front of a lecture hall. The diagram fills the screen with its labels
//! large enough to read from the back (at least 24 px at 1920 px wide), the
//! toolbar is gone, the step now shown is said as a caption under it, and a
//! presentation clicker drives it: PageDown / PageUp (and the arrow keys)
//! step, B blacks the screen, F goes full screen, Escape leaves. The keys
//! themselves are read by `use_keyboard`.

use super::sequence_diagram::SequenceDiagram;
use crate::i18n::{t, Word};
use crate::ui::state::{Action, AppState};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Full screen for the whole page, if the browser lets it (it needs a
/// click or a key press just before).
pub fn enter_full_screen() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.request_fullscreen();
    }
}

fn leave_full_screen() {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.fullscreen_element().is_some() {
            d.exit_fullscreen();
        }
    }
}

/// Presenter mode's effects, called by the page whether it presents or not
/// (a hook, not a component of its own: each component type costs the first
/// load its own share of Yew).
#[hook]
pub fn use_presenter(state: &UseReducerHandle<AppState>) {
    let present = state.showing.present;
    // Leaving full screen (Escape, which the browser keeps for itself there)
    // leaves presenter mode too; leaving presenter mode leaves full screen.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(present, move |&present| {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .filter(|_| present);
            let on_change = Closure::<dyn Fn()>::new(move || {
                let full = web_sys::window()
                    .and_then(|w| w.document())
                    .is_some_and(|d| d.fullscreen_element().is_some());
                if !full {
                    dispatcher.dispatch(Action::Present(false));
                }
            });
            if let Some(d) = &document {
                let _ = d.add_event_listener_with_callback(
                    "fullscreenchange",
                    on_change.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(d) = &document {
                    let _ = d.remove_event_listener_with_callback(
                        "fullscreenchange",
                        on_change.as_ref().unchecked_ref(),
                    );
                    leave_full_screen();
                }
            }
        });
    }
    // Keep the step being explained on screen: the cursor line in the middle.
    use_effect_with((present, state.cursor), move |&(present, _)| {
        let line = web_sys::window()
            .and_then(|w| w.document())
            .filter(|_| present)
            .and_then(|d| {
                d.query_selector(".present svg.sequence .cursor")
                    .ok()
                    .flatten()
            });
        if let Some(line) = line {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            line.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

/// The presenter's screen: the diagram, the caption, the hint, black.
pub fn presenter(state: &UseReducerHandle<AppState>, caption: String) -> Html {
    let lang = state.lang;
    let leave = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Present(false)))
    };
    html! {
        <div class="present" data-present="">
            <div class="present-stage">
                <SequenceDiagram state={state.clone()} />
            </div>
            <p class="present-caption" data-caption="" aria-live="polite">{ caption }</p>
            <p class="present-hint">{ t(lang, Word::PresentHint) }</p>
            <button class="btn present-leave" data-action="leave-present" aria-label={t(lang, Word::PresentLeave)} title={t(lang, Word::PresentLeave)} onclick={leave}>{ "×" }</button>
            if state.black {
                <div class="present-black" data-black="" aria-hidden="true"></div>
            }
        </div>
    }
}
