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
    // A teacher's own title and note take the place of the preset's lesson.
    let s = &state.scenario;
    if s.title.is_some() || s.note.is_some() {
        return html! {
            <div class="lesson" data-lesson="custom">
                if let Some(title) = &s.title { <h1>{ title.clone() }</h1> }
                if let Some(note) = &s.note {
                    <p class="notice-text"><strong>{ format!("{}: ", t(lang, "notice")) }</strong>{ note.clone() }</p>
                }
            </div>
        };
    }
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
