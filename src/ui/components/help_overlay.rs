//! Keyboard shortcuts, opened with `?`.

use crate::i18n::t;
use crate::i18n::Word;
use crate::ui::state::{Action, AppState};
use yew::prelude::*;

/// (A plain function, not a component: each component type costs the first
/// load its own share of Yew. The App moves the focus to Close when it opens.)
pub fn help_overlay(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleHelp))
    };
    let rows = [
        ("Space", Word::HelpSpace),
        ("← / →", Word::HelpArrows),
        ("↓ / ↑", Word::HelpUpdown),
        ("Home / End", Word::HelpHomeEnd),
        ("Enter", Word::HelpEnter),
        ("d", Word::HelpD),
        ("r", Word::HelpR),
        ("e", Word::HelpE),
        ("Ctrl+Z / Ctrl+Shift+Z", Word::HelpUndo),
        ("?", Word::Help),
    ];
    // A click on the shade around the dialog closes it, as Escape does.
    let outside = {
        let state = state.clone();
        // (Yew delegates events to the app's root, so the shade is known by its class.)
        Callback::from(move |e: MouseEvent| {
            let on_shade = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| el.class_name() == "overlay");
            if on_shade {
                state.dispatch(Action::ToggleHelp)
            }
        })
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" onclick={outside}>
            <div class="panel help">
                <h2 id="help-title">{ t(lang, Word::Help) }</h2>
                <dl class="keys">{ for rows.iter().map(|(k, key)| html! { <div><dt><kbd>{ *k }</kbd></dt><dd>{ t(lang, *key) }</dd></div> }) }</dl>
                <button class="btn" data-action="close-help" onclick={close}>{ t(lang, Word::HelpClose) }</button>
            </div>
        </div>
    }
}
