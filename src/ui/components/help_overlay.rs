//! Keyboard shortcuts, opened with `?`: drawn by the module loaded on first
//! use (rarely opened, so not part of the first load). Close, Escape (the
//! page's key) or a click on the shade around it closes it.

use crate::editor_bridge::EditorMsg;
use crate::i18n::Word;
use crate::i18n::{t, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub on_message: Callback<EditorMsg>,
}

#[component]
pub fn HelpOverlay(props: &Props) -> Html {
    let lang = props.lang;
    let close_button = use_node_ref();
    // The dialog takes the focus, on Close, so Enter or Space closes it.
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let close = props
        .on_message
        .reform(|_: MouseEvent| EditorMsg::CloseHelp);
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
        ("p", Word::HelpPresent),
    ];
    // A click on the shade around the dialog closes it, as Escape does.
    let outside = {
        let send = props.on_message.clone();
        Callback::from(move |e: MouseEvent| {
            let on_shade = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| el.class_name() == "overlay");
            if on_shade {
                send.emit(EditorMsg::CloseHelp)
            }
        })
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" onclick={outside}>
            <div class="panel help">
                <h2 id="help-title">{ t(lang, Word::Help) }</h2>
                <dl class="keys">{ for rows.iter().map(|(k, key)| html! { <div><dt><kbd>{ *k }</kbd></dt><dd>{ t(lang, *key) }</dd></div> }) }</dl>
                <button class="btn" data-action="close-help" onclick={close} ref={close_button}>{ t(lang, Word::HelpClose) }</button>
            </div>
        </div>
    }
}
