//! Keyboard shortcuts, opened with `?`.

use crate::i18n::t;
use crate::i18n::Word;
use crate::ui::state::{Action, AppState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

#[component]
pub fn HelpOverlay(props: &Props) -> Html {
    let lang = props.state.lang;
    let close = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleHelp))
    };
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
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
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <div class="panel help">
                <h2 id="help-title">{ t(lang, Word::Help) }</h2>
                <dl class="keys">{ for rows.iter().map(|(k, key)| html! { <div><dt><kbd>{ *k }</kbd></dt><dd>{ t(lang, *key) }</dd></div> }) }</dl>
                <button class="btn" ref={close_ref} onclick={close}>{ t(lang, Word::HelpClose) }</button>
            </div>
        </div>
    }
}
