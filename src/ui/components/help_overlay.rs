//! Keyboard shortcuts, opened with `?`.

use crate::i18n::t;
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
        ("Space", "help.space"),
        ("← / →", "help.arrows"),
        ("↓ / ↑", "help.updown"),
        ("Home / End", "help.home_end"),
        ("Enter", "help.enter"),
        ("d", "help.d"),
        ("r", "help.r"),
        ("e", "help.e"),
        ("Ctrl+Z / Ctrl+Shift+Z", "help.undo"),
        ("?", "help"),
    ];
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <div class="panel help">
                <h2 id="help-title">{ t(lang, "help") }</h2>
                <dl class="keys">{ for rows.iter().map(|(k, key)| html! { <div><dt><kbd>{ *k }</kbd></dt><dd>{ t(lang, key) }</dd></div> }) }</dl>
                <button class="btn" ref={close_ref} onclick={close}>{ t(lang, "help.close") }</button>
            </div>
        </div>
    }
}
