//! Where the editor appears in the page. The editor itself is a second wasm
//! module (`synack-editor`), imported the first time it is opened; this
//! component mounts it, sends it the current scenario after every change,
//! and turns its messages into the page's actions.

use crate::editor_bridge::{EditorMsg, EditorView};
use crate::i18n::t;
use crate::ui::lazy;
use crate::ui::state::{Action, AppState};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

/// The mounted editor: its handle in the module, and the callback it calls.
struct Mounted {
    handle: JsValue,
    _on_message: Closure<dyn Fn(String)>,
}

fn action_for(message: EditorMsg) -> Action {
    match message {
        EditorMsg::Changed { scenario, field } => Action::EditorChanged { scenario, field },
        EditorMsg::Replace(scenario) => Action::ReplaceScenario(scenario),
        EditorMsg::Undo => Action::Undo,
        EditorMsg::Redo => Action::Redo,
        EditorMsg::Close => Action::ToggleEditor,
        EditorMsg::Notice(text) => Action::Notice(text),
    }
}

fn method(handle: &JsValue, name: &str, arg: Option<&JsValue>) {
    if let Ok(f) = js_sys::Reflect::get(handle, &name.into()) {
        let f: js_sys::Function = wasm_bindgen::JsCast::unchecked_into(f);
        let _ = match arg {
            Some(a) => f.call1(handle, a),
            None => f.call0(handle),
        };
    }
}

/// Opens a scenario file dropped on the page: the editor module reads it.
pub fn open_dropped_file(file: web_sys::File, state: UseReducerHandle<AppState>) {
    let lang = state.lang;
    yew::platform::spawn_local(async move {
        let result = match lazy::editor_module().await {
            Ok(module) => match lazy::call(&module, "read_scenario_file", &[file.into()]) {
                Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
                    .await
                    .map_err(|e| e.as_string().unwrap_or_default())
                    .and_then(|packed| {
                        crate::link::unpack(&packed.as_string().unwrap_or_default())
                            .map_err(|e| e.0)
                    }),
                Err(why) => Err(why),
            },
            Err(why) => Err(why),
        };
        state.dispatch(match result {
            Ok(scenario) => Action::ReplaceScenario(scenario),
            Err(why) => Action::Notice(format!("{}: {why}", t(lang, "file.error"))),
        });
    });
}

#[component]
pub fn EditorHost(props: &Props) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let root = use_node_ref();
    let mounted = use_mut_ref(|| None::<Mounted>);
    let failed = use_state(|| None::<String>);
    let ready = use_state(|| false);
    let view = EditorView {
        lang,
        can_undo: state.history.can_undo(),
        can_redo: state.history.can_redo(),
        scenario: state.scenario.clone(),
    }
    .encode();
    // What the editor should show once it has loaded, whatever changed meanwhile.
    let latest = use_mut_ref(String::new);
    *latest.borrow_mut() = view.clone();
    {
        let (root, mounted, failed, latest, ready) = (
            root.clone(),
            mounted.clone(),
            failed.clone(),
            latest.clone(),
            ready.clone(),
        );
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let slot = mounted.clone();
            yew::platform::spawn_local(async move {
                let module = match lazy::editor_module().await {
                    Ok(m) => m,
                    Err(why) => return failed.set(Some(why)),
                };
                let Some(element) = root.get() else { return };
                let on_message = Closure::<dyn Fn(String)>::new(move |text: String| {
                    if let Some(message) = EditorMsg::decode(&text) {
                        // After the editor's own event has finished: the page's
                        // render may remove the editor (Close).
                        let dispatcher = dispatcher.clone();
                        yew::platform::spawn_local(async move {
                            dispatcher.dispatch(action_for(message))
                        });
                    }
                });
                let view = latest.borrow().clone();
                let args = [
                    JsValue::from(element),
                    view.into(),
                    on_message.as_ref().clone(),
                ];
                match lazy::call(&module, "mount", &args) {
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
                    method(&m.handle, "destroy", None);
                }
            }
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(view, move |view| {
            if let Some(m) = mounted.borrow().as_ref() {
                method(&m.handle, "update", Some(&JsValue::from_str(view)));
            }
        });
    }
    html! {
        <div class="editor-host" data-panel="editor-host">
            if let Some(why) = &*failed {
                <p class="panel field-error" role="alert">{ why.clone() }</p>
            } else if !*ready {
                <p class="panel hint loading-editor">{ format!("{}…", t(lang, "editor.title")) }</p>
            }
            <div ref={root} class="editor-root"></div>
        </div>
    }
}
