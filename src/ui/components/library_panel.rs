//! What the current scenario teaches: its title, what to notice, its question.

use crate::i18n::label;
use crate::i18n::t;
use crate::i18n::Word;
use crate::library;
use crate::ui::state::AppState;
use yew::prelude::*;

/// (A plain function, not a component: it redraws with the page's state
/// anyway, and each component type costs the first load its own share of Yew.)
pub fn library_panel(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    // A capture on screen: what it is, and its measured handshake round trip.
    if let Some((shown, c)) = state
        .capture
        .as_ref()
        .and_then(|s| Some((s, s.trace.capture_names.as_ref()?)))
    {
        let rtt = state.trace.events.iter().find_map(|e| match e.kind {
            crate::trace::EventKind::Mark {
                mark: m @ crate::capture::Mark::HandshakeRtt { .. },
                ..
            } => Some(crate::capture::words::mark_text(m, &state.trace, lang)),
            _ => None,
        });
        return html! {
            <div class="lesson" data-lesson="capture">
                <h1>{ format!("{} · {} → {}", shown.file_name, c[0], c[1]) }</h1>
                <p class="notice-text">{ t(lang, Word::CaptureReadonly) }{ rtt.map(|r| format!(" · {r}")).unwrap_or_default() }</p>
            </div>
        };
    }
    // A packetdrill script: which lifeline is the model's endpoint.
    if let (Some(script), Some(side)) = (&state.script, state.trace.script_side) {
        let tested = label(lang, side.peer().word());
        return html! {
            <div class="lesson" data-lesson="script">
                <h1>{ script.name.clone() }</h1>
                <p class="notice-text">{ format!("{tested}{}", t(lang, Word::ScriptLesson)) }</p>
            </div>
        };
    }
    // A teacher's own title and note take the place of the preset's lesson.
    let s = &state.scenario;
    // A replay: how the model's run differs from the capture, as it is now
    // (worked out by the module, `editor_host::compare_replay`).
    let replaying = state.replayed.is_some();
    if s.title.is_some() || s.note.is_some() {
        return html! {
            <div class="lesson" data-lesson="custom">
                if let Some(title) = &s.title { <h1>{ title.clone() }</h1> }
                if let Some((list, fresh)) = state.differences() {
                    <p class="notice-text" data-differences={list.len().to_string()} data-stale={(!fresh).then_some("")}><strong>{ label(lang, Word::ReplayDifferences) }</strong>
                        { if list.is_empty() { t(lang, Word::ReplayNone).to_string() } else { list.join(" · ") } }</p>
                } else if let (false, Some(note)) = (replaying, &s.note) {
                    <p class="notice-text"><strong>{ label(lang, Word::Notice) }</strong>{ note.clone() }</p>
                }
            </div>
        };
    }
    let Some(entry) = state.preset.as_deref().and_then(library::entry) else {
        return html! {};
    };
    // The lesson's numbers are its own stack's: say so when the diagram runs another.
    let own = state
        .preset
        .as_deref()
        .and_then(crate::scenario::presets::by_name)
        .map(|p| p.profile);
    let [client, server] =
        [crate::scenario::Host::Client, crate::scenario::Host::Server].map(|h| s.profile_of(h));
    let other_stack = own.filter(|&p| (client, server) != (p, p)).map(|p| {
        let runs = if client == server {
            t(lang, client.word()).to_string()
        } else {
            format!("{} ⇄ {}", t(lang, client.word()), t(lang, server.word()))
        };
        crate::i18n::fill(
            t(lang, Word::LessonOtherStack),
            &[t(lang, p.word()).into(), runs],
        )
    });
    html! {
        <div class="lesson">
            <h1>{ entry.title(lang) }</h1>
            if let Some(q) = entry.question(lang) {
                <p class="question"><strong>{ label(lang, Word::Question) }</strong>{ q }</p>
            }
            <p class="notice-text"><strong>{ label(lang, Word::Notice) }</strong>{ entry.notice(lang) }</p>
            if let Some(text) = other_stack { <p class="lesson-stack" data-lesson-stack="">{ text }</p> }
        </div>
    }
}
