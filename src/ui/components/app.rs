//! The whole page: toolbar, diagram, state diagram, inspector, playback.

use super::help_overlay::HelpOverlay;
use super::inspector::Inspector;
use super::library_panel::LibraryPanel;
use super::playback_bar::PlaybackBar;
use super::sequence_diagram::SequenceDiagram;
use super::state_diagram::StateDiagram;
use super::toolbar::Toolbar;
use crate::i18n::t;
use crate::link::{self, Theme};
use crate::ui::hooks::{use_keyboard::use_keyboard, use_playback::use_playback};
use crate::ui::state::{Action, AppState};
use crate::ui::url;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let (link, problem) = url::initial_link();
        let lang = link.lang.unwrap_or_else(url::browser_lang);
        let notice = problem.map(|p| {
            format!(
                "{}: {p} — {}",
                t(lang, "error.link"),
                t(lang, "error.loaded_default")
            )
        });
        AppState::from_link(link, notice, url::browser_lang())
    });
    use_playback(state.clone());
    use_keyboard(state.clone());

    // The address bar follows the scenario (stale faults pruned). history.replaceState
    // costs milliseconds, so it waits until changes settle instead of delaying a repaint.
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            let pending = gloo_timers::callback::Timeout::new(200, move || {
                let mut l = state.link();
                link::prune_stale_faults(&mut l.scenario, &state.trace);
                url::replace_fragment(&l);
            });
            move || drop(pending)
        });
    }
    // Page-level attributes: language and theme live on <html>.
    {
        let (lang, theme, embed) = (state.lang, state.theme, state.embed);
        use_effect_with((lang, theme, embed), move |_| {
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute(
                    "lang",
                    if lang == crate::i18n::Lang::Zh {
                        "zh-CN"
                    } else {
                        "en"
                    },
                );
                match theme {
                    Theme::System => {
                        let _ = html.remove_attribute("data-theme");
                    }
                    Theme::Light => {
                        let _ = html.set_attribute("data-theme", "light");
                    }
                    Theme::Dark => {
                        let _ = html.set_attribute("data-theme", "dark");
                    }
                }
                let _ = html.set_attribute("data-embed", if embed { "1" } else { "0" });
            }
        });
    }
    // Inside an iframe, tell the course page how tall we are.
    {
        let embed = state.embed;
        use_effect(move || {
            if embed {
                let height = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    .map(|e| e.scroll_height() as f64)
                    .unwrap_or(0.0);
                url::post_height(height);
            }
        });
    }

    let lang = state.lang;
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let notice = state.notice.clone().map(|text| {
        let onclick = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
        html! {
            <div class="notice" role="alert">
                <span>{ text }</span>
                <button class="notice-close" {onclick} aria-label={t(lang, "help.close")}>{ "×" }</button>
            </div>
        }
    });
    let cut_short = state.trace.cut_short.clone().map(|why| {
        html! {
            <div class="notice" role="status">{ format!("{}: {why}", t(lang, "cut_short")) }</div>
        }
    });

    if state.embed {
        let full = url::share_url(&state.link());
        return html! {
            <div class="embed">
                { notice }
                <SequenceDiagram state={state.clone()} />
                <div class="embed-bar">
                    <PlaybackBar state={state.clone()} />
                    <a class="open-full" href={full} target="_blank" rel="noopener">{ t(lang, "open_full") }</a>
                </div>
                <div class="sr-only" aria-live="polite">{ narration(&state) }</div>
            </div>
        };
    }

    html! {
        <div class="page">
            <Toolbar state={state.clone()} />
            { notice }
            { cut_short }
            <main class="layout">
                <section class="diagram-panel">
                    <LibraryPanel state={state.clone()} />
                    <SequenceDiagram state={state.clone()} />
                </section>
                <aside class="side">
                    <StateDiagram state={state.clone()} />
                    <Inspector state={state.clone()} />
                </aside>
            </main>
            <footer class="controls">
                <PlaybackBar state={state.clone()} />
                <p class="narration" aria-live="polite">{ narration(&state) }</p>
            </footer>
            if state.help_open {
                <HelpOverlay state={state.clone()} />
            }
        </div>
    }
}

/// The latest step at or before the cursor (a segment sent or a state
/// changed), told in words: what the live region reads during playback.
fn narration(state: &AppState) -> String {
    use crate::trace::EventKind;
    let trace = &state.trace;
    let latest = trace.events.iter().enumerate().rev().find(|(_, e)| {
        e.t <= state.cursor && matches!(e.kind, EventKind::State { .. } | EventKind::Sent { .. })
    });
    match latest.map(|(i, e)| (i, e.t, &e.kind)) {
        Some((_, t, EventKind::Sent { seg })) => {
            let why = crate::explain::segment(trace, *seg, state.lang, state.relative);
            let first = why.into_iter().next().unwrap_or_default();
            format!(
                "{}: {} {first}",
                crate::diagram::seconds(t),
                trace.segments[*seg].id
            )
        }
        Some((i, _, _)) => crate::explain::state_change(trace, i, state.lang).unwrap_or_default(),
        None => String::new(),
    }
}
