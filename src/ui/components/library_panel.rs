//! What the current scenario teaches: its title, what to notice, its question.

use crate::i18n::t;
use crate::library;
use crate::ui::state::AppState;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

#[component]
pub fn LibraryPanel(props: &Props) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let Some(entry) = state.preset.as_deref().and_then(library::entry) else {
        return html! {};
    };
    html! {
        <div class="lesson">
            <h1>{ entry.title(lang) }</h1>
            if let Some(q) = entry.question(lang) {
                <p class="question"><strong>{ format!("{}: ", t(lang, "question")) }</strong>{ q }</p>
            }
            <p class="notice-text"><strong>{ format!("{}: ", t(lang, "notice")) }</strong>{ entry.notice(lang) }</p>
        </div>
    }
}
