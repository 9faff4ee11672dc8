//! The editor module: a second wasm module with its own small Yew app, which
//! the page imports the first time the editor is opened (`ui::lazy`). Its
//! exports are called from the page; they speak `editor_bridge`.

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::rc::Rc;
    use synack::editor_bridge::{EditorMsg, EditorView};
    use synack::ui::components::editor::{Editor, Props};
    use wasm_bindgen::prelude::*;
    use yew::Callback;

    #[wasm_bindgen]
    pub struct EditorHandle {
        app: yew::AppHandle<Editor>,
        send: Callback<EditorMsg>,
    }

    #[yew::component]
    fn Nothing() -> yew::Html {
        yew::Html::default()
    }

    /// Two Yew apps in two wasm modules each number their event subtrees from
    /// 1, and Yew routes an event to the subtree whose number brands the
    /// nearest root: with both numbered 1, the page's app would take the
    /// editor's clicks for its own. Rendering (and dropping) a few empty apps
    /// first gives the editor's root a number the page's app never uses.
    fn number_past_the_page() {
        thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
        if DONE.with(|d| d.replace(true)) {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        for _ in 0..16 {
            if let Ok(detached) = document.create_element("div") {
                yew::Renderer::<Nothing>::with_root(detached)
                    .render()
                    .destroy();
            }
        }
    }

    fn view(text: &str) -> Result<Rc<EditorView>, String> {
        EditorView::decode(text)
            .map(Rc::new)
            .ok_or_else(|| "the editor was given a scenario it cannot read".to_string())
    }

    /// Renders the editor into `root`; `on_message` gets each `EditorMsg`, encoded.
    #[wasm_bindgen]
    pub fn mount(
        root: web_sys::Element,
        view_text: String,
        on_message: js_sys::Function,
    ) -> Result<EditorHandle, String> {
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("synack editor panicked: {info}").into());
            synack::ui::show_fatal(&info.to_string());
        }));
        number_past_the_page();
        let send = Callback::from(move |m: EditorMsg| {
            let _ = on_message.call1(&JsValue::NULL, &JsValue::from_str(&m.encode()));
        });
        let props = Props {
            view: view(&view_text)?,
            on_message: send.clone(),
        };
        let app = yew::Renderer::<Editor>::with_root_and_props(root, props).render();
        Ok(EditorHandle { app, send })
    }

    #[wasm_bindgen]
    impl EditorHandle {
        /// The page's scenario changed (an edit came back, undo, a preset).
        pub fn update(&mut self, view_text: String) {
            if let Ok(view) = view(&view_text) {
                self.app.update(Props {
                    view,
                    on_message: self.send.clone(),
                });
            }
        }

        pub fn destroy(self) {
            self.app.destroy();
        }
    }

    /// A scenario file (chosen or dropped on the page) → the scenario packed
    /// as in a link, or what is wrong with it.
    #[wasm_bindgen]
    pub fn read_scenario_file(file: web_sys::File) -> js_sys::Promise {
        js_sys::Promise::new(&mut |resolve, reject| {
            synack::ui::files::read_file(file.clone(), move |text| {
                let read = text.and_then(|t| {
                    synack::scenario::file::from_json(&t)
                        .map(|s| synack::link::pack(&s))
                        .map_err(|e| e.0)
                });
                let _ = match read {
                    Ok(packed) => resolve.call1(&JsValue::NULL, &packed.into()),
                    Err(why) => reject.call1(&JsValue::NULL, &why.into()),
                };
            });
        })
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("synack-editor is a browser module of synack-app; build it with `trunk build`.");
    std::process::exit(2);
}
