//! Where the editor appears in the page. The editor itself is a second wasm
//! module (`synack-editor`), imported the first time it is opened; this
//! component mounts it, sends it the current scenario after every change,
//! and turns its messages into the page's actions.

use crate::editor_bridge::{
    Crossing, EditorMsg, EditorView, InspectorView, QuizView, ScriptPanelView,
};
use crate::i18n::label;
use crate::i18n::t;
use crate::i18n::Word;
use crate::ui::lazy;
use crate::ui::state::{Action, AppState};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// A mounted panel: its handle in the module, and the callback it calls.
struct Mounted {
    handle: JsValue,
    _on_message: Closure<dyn Fn(String)>,
}

/// What the module calls with each message: the page's action, dispatched
/// after the module's own event has finished (the page's render may remove
/// the element the module drew into).
fn message_callback(dispatcher: UseReducerDispatcher<AppState>) -> Closure<dyn Fn(String)> {
    Closure::<dyn Fn(String)>::new(move |text: String| {
        // A message that cannot be read is never dropped in silence.
        let action = match EditorMsg::read(&text) {
            Ok(message) => Action::from(message),
            Err(_) => Action::ModuleMismatch,
        };
        let dispatcher = dispatcher.clone();
        yew::platform::spawn_local(async move { dispatcher.dispatch(action) });
    })
}

/// Asks the module how the run on screen differs from the capture it
/// replays (a replay exists only once the module has read a capture, so it
/// is loaded): the answer is `Action::ReplayCompared` for that run.
pub fn compare_replay(state: &AppState, dispatcher: &UseReducerDispatcher<AppState>) {
    let Some(replayed) = &state.replayed else {
        return;
    };
    let args = [
        crate::editor_bridge::Shown::encode(replayed, &[], false).into(),
        state.shown_text().as_ref().into(),
        state.lang.code().into(),
    ];
    let answer = lazy::loaded_module().and_then(|m| lazy::call(&m, "compare_replay", &args));
    dispatcher.dispatch(match answer {
        Ok(text) => Action::ReplayCompared {
            of: state.trace.0.clone(),
            lines: text
                .as_string()
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect(),
        },
        Err(why) => Action::Notice(why),
    });
}

/// The capture file's panel (the module reads the file the user chose and
/// lists its connections), opened afresh for each file and each language.
pub fn capture_host(state: &UseReducerHandle<AppState>) -> Html {
    let Some(file) = state.capture_file.as_ref() else {
        return Html::default();
    };
    let Some(chosen) = crate::ui::files::chosen_file() else {
        return Html::default();
    };
    let lang = state.lang.code();
    let key = format!("mount_capture {lang} {:p}", std::rc::Rc::as_ptr(&file.0));
    let loading = format!("{}…", file.name);
    html! { <ModuleView {key} state={state.clone()} export="mount_capture" view={lang} extra={JsValue::from(chosen)} class="capture-host" {loading} /> }
}

/// The keyboard shortcuts (drawn by the module: rarely opened).
pub fn help_host(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang.code();
    let loading = format!("{}…", t(state.lang, Word::Help));
    html! { <ModuleView key={"mount_help"} state={state.clone()} export="mount_help" view={lang} class="help-host" {loading} /> }
}

/// The load view (many connections: the module runs the loads), opened
/// afresh in each language.
pub fn load_host(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang.code();
    let loading = format!("{}…", t(state.lang, Word::LoadButton));
    html! { <ModuleView key={format!("mount_load {lang}")} state={state.clone()} export="mount_load" view={lang} class="load-host" {loading} /> }
}

/// The Compare view (drawn by the module): its view is the page's link,
/// which holds the scenario, the stacks and the language.
pub fn compare_host(state: &UseReducerHandle<AppState>) -> Html {
    let view = crate::link::encode(&state.link());
    let loading = format!("{}…", t(state.lang, Word::CompareButton));
    html! { <ModuleView key="mount_compare" state={state.clone()} export="mount_compare" {view} class="compare-host" {loading} /> }
}

fn method(handle: &JsValue, name: &str) -> Option<js_sys::Function> {
    let f = js_sys::Reflect::get(handle, &name.into()).ok()?;
    Some(wasm_bindgen::JsCast::unchecked_into(f))
}

fn destroy(handle: &JsValue) {
    if let Some(f) = method(handle, "destroy") {
        let _ = f.call0(handle);
    }
}

fn update(handle: &JsValue, view: &str, shown: &str) {
    if let Some(f) = method(handle, "update") {
        let _ = f.call2(handle, &JsValue::from_str(view), &JsValue::from_str(shown));
    }
}

/// A file dropped on the page or chosen: a scenario if it is JSON, else a capture.
pub fn is_scenario_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

/// Opens a scenario file dropped on the page: the editor module reads it.
pub fn open_dropped_file(file: web_sys::File, state: UseReducerHandle<AppState>) {
    let lang = state.lang;
    yew::platform::spawn_local(async move {
        let result = match lazy::editor_module().await {
            Ok(module) => match lazy::call(
                &module,
                "read_scenario_file",
                &[file.into(), lang.code().into()],
            ) {
                Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
                    .await
                    .map_err(|e| e.as_string().unwrap_or_default())
                    .and_then(|packed| {
                        crate::link::unpack(&packed.as_string().unwrap_or_default())
                            .map_err(|e| e.0.text(lang))
                    }),
                Err(why) => Err(why),
            },
            Err(why) => Err(why),
        };
        state.dispatch(match result {
            Ok(scenario) => Action::ReplaceScenario(scenario),
            Err(why) => Action::Notice(format!("{}{why}", label(lang, Word::FileError))),
        });
    });
}

#[derive(Properties, PartialEq)]
pub struct ModuleViewProps {
    pub state: UseReducerHandle<AppState>,
    /// The module's export `NAME(root, view, shown, on_message)`, returning a
    /// handle with `update(view, shown)` and `destroy()`.
    pub export: &'static str,
    /// What the panel shows, as text; sent again whenever it changes.
    pub view: String,
    /// The trace on screen (`Shown`), for the panels about it; empty for the others.
    #[prop_or_default]
    pub shown: Option<Rc<str>>,
    pub class: &'static str,
    pub loading: AttrValue,
    /// One more argument for the export, after `on_message` (a chosen file).
    #[prop_or_default]
    pub extra: Option<JsValue>,
}

/// A panel the module draws and keeps up to date: the editor, the quiz.
/// Each is keyed by its export: the panel mounts once, so without a key a
/// panel opened before another would take over the other's instance (the
/// editor opened beside the inspector drew a second inspector).
#[component]
pub fn ModuleView(props: &ModuleViewProps) -> Html {
    let state = &props.state;
    let root = use_node_ref();
    let mounted = use_mut_ref(|| None::<Mounted>);
    let failed = use_state(|| None::<String>);
    let ready = use_state(|| false);
    // What the panel should show once it has loaded, whatever changed meanwhile.
    let latest = use_mut_ref(|| (String::new(), None::<Rc<str>>));
    *latest.borrow_mut() = (props.view.clone(), props.shown.clone());
    {
        let (root, mounted, failed, latest, ready) = (
            root.clone(),
            mounted.clone(),
            failed.clone(),
            latest.clone(),
            ready.clone(),
        );
        let (dispatcher, export, extra) = (state.dispatcher(), props.export, props.extra.clone());
        use_effect_with((), move |_| {
            let slot = mounted.clone();
            yew::platform::spawn_local(async move {
                let module = match lazy::editor_module().await {
                    Ok(m) => m,
                    Err(why) => return failed.set(Some(why)),
                };
                let Some(element) = root.get() else { return };
                let on_message = message_callback(dispatcher);
                let (view, shown) = latest.borrow().clone();
                let args = [
                    JsValue::from(element),
                    view.into(),
                    JsValue::from_str(shown.as_deref().unwrap_or_default()),
                    on_message.as_ref().clone(),
                    extra.unwrap_or_default(),
                ];
                match lazy::call(&module, export, &args) {
                    Ok(handle) => {
                        *slot.borrow_mut() = Some(Mounted {
                            handle,
                            _on_message: on_message,
                        });
                        ready.set(true);
                    }
                    Err(why) => failed.set(Some(why)),
                }
            });
            move || {
                if let Some(m) = mounted.borrow_mut().take() {
                    destroy(&m.handle);
                }
            }
        });
    }
    {
        let mounted = mounted.clone();
        // (The trace is compared by pointer: the page writes it once per trace.)
        let shown = props.shown.clone().map(crate::page::Same);
        use_effect_with((props.view.clone(), shown), move |(view, shown)| {
            if let Some(m) = mounted.borrow().as_ref() {
                let shown = shown.as_ref().map_or("", |s| &s.0);
                update(&m.handle, view, shown);
            }
        });
    }
    html! {
        <div class={props.class} data-panel={props.class}>
            if let Some(why) = &*failed {
                <p class="panel field-error" role="alert">{ why.clone() }</p>
            } else if !*ready {
                <p class="panel hint loading-editor">{ props.loading.clone() }</p>
            }
            <div ref={root} class="module-root"></div>
        </div>
    }
}

/// The editor (a plain function rather than a component of its own: each
/// component type costs the first load its own share of Yew's machinery).
pub fn editor_host(state: &UseReducerHandle<AppState>) -> Html {
    let view = EditorView {
        lang: state.lang,
        can_undo: state.history.can_undo(),
        can_redo: state.history.can_redo(),
        showing: state.showing,
        scenario: state.scenario.clone(),
    }
    .encode();
    let loading = format!("{}…", t(state.lang, Word::EditorTitle));
    html! { <ModuleView key={"mount"} state={state.clone()} export="mount" {view} class="editor-host" loading={loading} /> }
}

/// The quiz (drawn by the module): it asks about the trace on screen, and
/// starts again whenever the scenario, the numbering or the language changes.
pub fn quiz_host(state: &UseReducerHandle<AppState>) -> Html {
    let Some(kinds) = state.showing.quiz else {
        return Html::default();
    };
    // A script's quiz waits for its first run (the module asks about that run).
    if state.script.as_ref().is_some_and(|s| s.run.is_none()) {
        return Html::default();
    }
    let view = QuizView {
        lang: state.lang,
        numbering: state.showing.numbering,
        kinds,
        locked: state.showing.locked,
    }
    .encode();
    let loading = format!("{}…", t(state.lang, Word::QuizTitle));
    let shown = Some(state.shown_text());
    html! { <ModuleView key={"mount_quiz"} state={state.clone()} export="mount_quiz" {view} {shown} class="quiz-host" loading={loading} /> }
}

/// A packetdrill script's panel (drawn by the module, which reads and runs
/// scripts): its summary and failed lines; it runs the script again with
/// the user's faults and sends each run to the page to draw.
pub fn script_host(state: &UseReducerHandle<AppState>) -> Html {
    let Some(script) = &state.script else {
        return Html::default();
    };
    let view = ScriptPanelView {
        lang: state.lang,
        name: script.name.clone(),
        text: script.text.clone(),
        faults: script.faults.clone(),
        profile: script.profile,
    }
    .encode();
    let loading = format!("{}…", script.name);
    html! { <ModuleView key={"mount_script"} state={state.clone()} export="mount_script" {view} class="script-host" loading={loading} /> }
}

/// The selected segment's inspector (drawn by the module, which holds the
/// explanations): with nothing selected, the page's own hint, so the first
/// draw never waits for the module.
pub fn inspector_host(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let selected = state
        .selected
        .clone()
        .filter(|id| state.trace.segment_index(id).is_some());
    let Some(selected) = selected else {
        return html! {
            <section class="panel inspector" aria-label={t(lang, Word::Inspector)}>
                <h2>{ t(lang, Word::Inspector) }</h2>
                <p class="hint">{ t(lang, Word::InspectorEmpty) }</p>
            </section>
        };
    };
    let view = InspectorView {
        lang,
        numbering: state.showing.numbering,
        locked: state.showing.locked,
        fault: state.fault_on(&selected),
        selected,
    }
    .encode();
    let loading = format!("{}…", t(lang, Word::Inspector));
    let shown = Some(state.shown_text());
    html! { <ModuleView key={"mount_inspector"} state={state.clone()} export="mount_inspector" {view} {shown} class="inspector-host" {loading} /> }
}
