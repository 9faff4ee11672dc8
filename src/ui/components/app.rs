//! The whole page: toolbar, diagram, state diagram, inspector, playback.

use super::editor_host::{
    capture_host, compare_host, editor_host, help_host, inspector_host, load_host, quiz_host,
    script_host,
};
use super::library_panel::library_panel;
use super::playback_bar::playback_bar;
use super::sequence_diagram::SequenceDiagram;
use super::state_diagram::state_diagram;
use super::toolbar::toolbar;
use crate::i18n::label;
use crate::i18n::t;
use crate::i18n::Word;
use crate::link::{self, Theme};
use crate::ui::hooks::{use_keyboard::use_keyboard, use_playback::use_playback};
use crate::ui::state::{Action, AppState, Notice};
use crate::ui::url;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let (link, notice) = opened_link();
        let frame = crate::diagram::Frame::fit(crate::ui::hooks::use_fit::diagram_width());
        let browser_hant = link.lang.is_none() && url::browser_wants_traditional();
        let mut state = AppState::from_link(link, notice, url::browser_lang(), frame);
        state.hant |= browser_hant && state.lang == crate::i18n::Lang::Zh;
        state
    });
    let copied = use_state(|| None::<&'static str>);
    // The toolbar's markup is replaced whole when it changes: its focus is kept.
    let bar = use_node_ref();
    let bar_focus = crate::ui::hooks::use_kept_focus::use_kept_focus(bar.clone(), "data-action");
    // A fragment changed by hand or by a course page is opened like a new load.
    // (The page's own updates use history.replaceState, which fires no hashchange.)
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            open_older_link(state.dispatcher());
            let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let (link, notice) = opened_link();
                let lang = link.lang.unwrap_or(state.lang);
                crate::ui::words::dispatch_in(
                    lang,
                    state.dispatcher(),
                    Action::OpenLink { link, notice },
                );
                open_older_link(state.dispatcher());
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    crate::ui::hooks::use_painted::use_painted(state.clone());
    use_playback(state.clone());
    use_keyboard(state.clone());
    crate::ui::hooks::use_fit::use_fit(state.clone());

    // The address bar follows the scenario. history.replaceState
    // costs milliseconds, so it waits until changes settle instead of delaying a repaint.
    // (A replay's differences from its capture follow every change too.)
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            super::editor_host::compare_replay(&state, &state.dispatcher());
            let pending = gloo_timers::callback::Timeout::new(200, move || {
                url::replace_fragment(&state.link());
            });
            move || drop(pending)
        });
    }
    // Page-level attributes: language and theme live on <html>.
    {
        let (lang, theme, embed) = (state.lang, state.showing.theme, state.showing.embed);
        let (present, hant) = (
            state.showing.present,
            state.hant && state.lang == crate::i18n::Lang::Zh,
        );
        use_effect_with((lang, theme, embed, present, hant), move |_| {
            crate::ui::hant::set(hant);
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute(
                    "lang",
                    match (lang, hant) {
                        (crate::i18n::Lang::Zh, true) => "zh-Hant",
                        (crate::i18n::Lang::Zh, false) => "zh-CN",
                        _ => "en",
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
                // The keyboard hook reads it: a clicker's keys step the presentation.
                let _ = html.set_attribute("data-present", if present { "1" } else { "0" });
            }
        });
    }
    // Inside an iframe, tell the course page how tall the content is (shrinking
    // as well as growing): after every render, and when the frame's width
    // changes the diagram's height.
    // (After every render, too: a word the first pack left out was drawn
    // empty, so the whole pack is fetched and everything drawn again.)
    {
        let embed = state.showing.embed;
        let (lang, dispatcher) = (state.lang, state.dispatcher());
        use_effect(move || {
            if embed {
                post_content_height();
            }
            if crate::i18n::pack::take_missed() {
                crate::ui::words::dispatch_in(lang, dispatcher, Action::WordsArrived);
            }
        });
        use_effect_with(embed, move |&embed| {
            let listener = embed.then(|| {
                let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(post_content_height);
                if let Some(w) = web_sys::window() {
                    let _ = w.add_event_listener_with_callback(
                        "resize",
                        closure.as_ref().unchecked_ref(),
                    );
                }
                closure
            });
            move || {
                if let (Some(closure), Some(w)) = (listener, web_sys::window()) {
                    let _ = w.remove_event_listener_with_callback(
                        "resize",
                        closure.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    let lang = state.lang;
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let notice = state.notice_text().map(|text| {
        let onclick = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
        html! {
            <div class="notice" role="alert">
                <span>{ text }</span>
                <button class="notice-close" {onclick} aria-label={t(lang, Word::HelpClose)}>{ "×" }</button>
            </div>
        }
    });
    let cut_short = state.trace.cut_short.clone().map(|why| {
        html! {
            <div class="notice" role="status">{ format!("{}{why}", label(lang, Word::CutShort)) }</div>
        }
    });

    if state.showing.embed {
        let full = url::share_url(&state.link());
        return html! {
            <div class="embed">
                { notice }
                <SequenceDiagram state={state.clone()} />
                { quiz_host(&state) }
                // An embedded script still needs its panel: it runs the script.
                if state.script.is_some() {
                    <div hidden={true}>{ script_host(&state) }</div>
                }
                <div class="embed-bar">
                    { playback_bar(&state) }
                    <a class="open-full" href={full} target="_blank" rel="noopener">{ t(lang, Word::OpenFull) }</a>
                </div>
                <div class="sr-only" aria-live="polite">{ narration(&state) }</div>
            </div>
        };
    }

    if state.showing.present {
        return html! {
            <>
                { notice }
                { super::presenter::presenter_host(&state, narration(&state)) }
            </>
        };
    }

    // A scenario file dropped anywhere on the page opens like "Open scenario".
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let state = state.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                open_any_file(file, &state);
            }
        })
    };
    let editing = state.editor_open;
    // The load view or the Compare view has the main area (and no playback).
    let own_view = state.load_open || state.compare.is_some();
    html! {
        <div class={classes!("page", editing.then_some("editing"))} {ondragover} {ondrop}>
            <div class="scroller">
                { toolbar(&state, &copied, bar, bar_focus) }
                { notice }
                { cut_short }
                if own_view {
                    // A view of its own in the main area, drawn by the module.
                    <main class="layout load-layout">
                        { if state.load_open { load_host(&state) } else { compare_host(&state) } }
                    </main>
                } else {
                <main class="layout">
                    <section class="diagram-panel">
                        if state.awaiting_connection() {
                            <p class="awaiting" data-awaiting-connection="">{ t(lang, Word::ChooseConnection) }</p>
                        } else {
                            { library_panel(&state) }
                            <SequenceDiagram state={state.clone()} />
                        }
                    </section>
                    // The side panels follow the first paint (the column keeps its
                    // width meanwhile, so the diagram is laid out once).
                    <aside class="side">
                        if !state.painted {
                        } else if editing {
                            { inspector_host(&state) }
                            { editor_host(&state) }
                        } else {
                            { capture_host(&state) }
                            { script_host(&state) }
                            if !state.awaiting_connection() { { state_diagram(&state) } }
                            { inspector_host(&state) }
                        }
                    </aside>
                </main>
                }
            </div>
            // The question sits just above the playback bar, in view at any
            // width, with the diagram scrolling above it.
            if !own_view {
                { quiz_host(&state) }
            }
            // The load view has its own time slider; playback is for one
            // connection, so none is offered until one is chosen.
            if !own_view && !state.awaiting_connection() {
                <footer class="controls">
                    { playback_bar(&state) }
                    <p class="narration" aria-live="polite">{ narration(&state) }</p>
                </footer>
            }
            if state.help_open {
                { help_host(&state) }
            }
        </div>
    }
}

/// The link in the address bar, or the default with a message saying what was wrong.
fn opened_link() -> (link::Link, Option<Notice>) {
    let (link, problem) = url::initial_link();
    // An older packed link is read by the module loaded on first use
    // (`open_older_link`); until then the default scenario shows, unflagged.
    let notice = problem
        .filter(|p| p.0.word != link::OLDER_FORMAT)
        .map(|p| Notice::Link(p.0));
    (link, notice)
}

/// A link packed by an earlier release: the module rewrites it in today's
/// form, then it opens as any link does.
fn open_older_link(dispatcher: UseReducerDispatcher<AppState>) {
    let hash = url::fragment();
    if link::decode_current(&hash).err().map(|e| e.0.word) != Some(link::OLDER_FORMAT) {
        return;
    }
    yew::platform::spawn_local(async move {
        let lang = url::browser_lang();
        let upgraded = match crate::ui::lazy::editor_module().await {
            Ok(module) => {
                crate::ui::lazy::call(&module, "upgrade_link", &[hash.into(), lang.code().into()])
                    .map(|v| v.as_string().unwrap_or_default())
            }
            Err(why) => Err(why),
        };
        match upgraded.and_then(|text| link::decode_current(&text).map_err(|e| e.0.text(lang))) {
            Ok(link) => {
                let lang = link.lang.unwrap_or(lang);
                let open = Action::OpenLink { link, notice: None };
                crate::ui::words::dispatch_in(lang, dispatcher, open);
            }
            Err(why) => dispatcher.dispatch(Action::Notice(Notice::link_text(lang, &why))),
        }
    });
}

/// A file dropped on the page or opened with the installed app: a scenario
/// file as "Open scenario" opens it, a capture or a script as the toolbar's
/// "Open capture or script".
fn open_any_file(file: web_sys::File, state: &UseReducerHandle<AppState>) {
    if super::editor_host::is_scenario_file(&file.name()) {
        super::editor_host::open_dropped_file(file, state.clone());
    } else {
        let dispatch = state.dispatcher();
        crate::ui::files::open_capture_file(file, Callback::from(move |a| dispatch.dispatch(a)));
    }
}

/// The embedded app's own height, not the frame's: the document is at least
/// as tall as the frame, so measuring it could never let a frame shrink.
fn post_content_height() {
    let height = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".embed").ok().flatten())
        .map(|e| e.get_bounding_client_rect().height().ceil())
        .unwrap_or(0.0);
    if height > 0.0 {
        crate::ui::frame_height::post_height(height);
    }
}

/// The latest step at or before the cursor (a segment sent or a state
/// changed), told in words: what the live region reads during playback.
fn narration(state: &AppState) -> String {
    use crate::trace::EventKind;
    let trace = &state.trace;
    let latest = trace.events.iter().enumerate().rev().find(|(i, e)| {
        state.shown(*i) && matches!(e.kind, EventKind::State { .. } | EventKind::Sent { .. })
    });
    match latest.map(|(i, e)| (i, e.t, &e.kind)) {
        Some((_, at, EventKind::Sent { seg })) => {
            let numbers = crate::trace::Numbers::of(trace, state.showing.numbering);
            let first = crate::explain::why(trace, *seg, state.lang, &numbers);
            format!(
                "{}{}{} {first}",
                trace.clock.text(at),
                t(state.lang, Word::Colon),
                trace.segments[*seg].id
            )
        }
        Some((i, _, _)) => crate::explain::state_change(trace, i, state.lang).unwrap_or_default(),
        None => String::new(),
    }
}
