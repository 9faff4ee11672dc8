//! The editor module: a second wasm module with its own small Yew app, which
//! the page imports the first time the editor is opened (`ui::lazy`). It also
//! reads capture files: their parsers are too large for the first load. Its
//! exports are called from the page; they speak `editor_bridge`.

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::rc::Rc;
    use synack::editor_bridge::{Crossing, EditorMsg, EditorView};
    use synack::i18n::{EditorWord, Word};
    use synack::ui::components::capture_panel::{CapturePanel, Props as CaptureProps};
    use synack::ui::components::compare_view::{CompareView, Props as CompareProps};
    use synack::ui::components::editor::{Editor, Props};
    use synack::ui::components::help_overlay::{HelpOverlay, Props as HelpProps};
    use synack::ui::components::inspector::{Inspector, Props as InspectorProps};
    use synack::ui::components::load_view::{LoadView, Props as LoadProps};
    use synack::ui::components::present_view::{PresentStage, Props as PresentProps};
    use synack::ui::components::quiz_panel::{Props as QuizProps, QuizPanel};
    use synack::ui::components::script_view::{Props as ScriptProps, ScriptView};
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
        _shown: String,
        on_message: js_sys::Function,
    ) -> Result<EditorHandle, String> {
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("synack editor panicked: {info}").into());
            synack::ui::show_fatal(&info.to_string());
        }));
        number_past_the_page();
        let send = sender(on_message);
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
        pub fn update(&mut self, view_text: String, _shown: String) {
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

    /// A `Shown` text and what was read from it.
    type ShownRead = (Rc<str>, Rc<synack::Trace>, Vec<usize>);

    /// The trace the page shows, from its `Shown` text; read once per trace,
    /// however many panels and updates use it.
    fn shown(text: &str) -> Result<(Rc<synack::Trace>, Vec<usize>), String> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<ShownRead>> = const { std::cell::RefCell::new(None) };
        }
        if let Some((_, trace, failed)) =
            LAST.with(|l| l.borrow().clone()).filter(|l| &*l.0 == text)
        {
            return Ok((trace, failed));
        }
        let mut shown = synack::editor_bridge::Shown::read(text)
            .map_err(|_| synack::ui::lazy::said(synack::i18n::Word::ModuleMismatch))?;
        if shown.captured {
            shown.trace.captured = SHOWN.with(|s| s.borrow().clone()).map(Rc::new);
        }
        let trace = Rc::new(shown.trace);
        LAST.with(|l| *l.borrow_mut() = Some((text.into(), trace.clone(), shown.failed.clone())));
        Ok((trace, shown.failed))
    }

    /// Sends each message to the page, encoded.
    fn sender(on_message: js_sys::Function) -> Callback<EditorMsg> {
        Callback::from(move |m: EditorMsg| {
            let _ = on_message.call1(&JsValue::NULL, &JsValue::from_str(&m.encode()));
        })
    }

    /// A panel drawn from the page's trace: `$mount(root, view, on_message)`
    /// renders `$component` into `root` and returns a handle whose
    /// `update(view)` redraws it and `destroy()` removes it.
    macro_rules! trace_panel {
        ($handle:ident, $mount:ident, $component:ty, $props:ident, $view:ty) => {
            #[wasm_bindgen]
            pub struct $handle {
                app: yew::AppHandle<$component>,
                send: Callback<EditorMsg>,
            }

            impl $handle {
                fn props(
                    view_text: &str,
                    shown_text: &str,
                    send: &Callback<EditorMsg>,
                ) -> Result<$props, String> {
                    // A view this module cannot read comes from another build.
                    let view = <$view>::decode(view_text).ok_or_else(|| {
                        synack::ui::lazy::said(synack::i18n::Word::ModuleMismatch)
                    })?;
                    let (trace, _) = shown(shown_text)?;
                    Ok($props {
                        view: Rc::new(view),
                        trace,
                        on_message: send.clone(),
                    })
                }
            }

            #[wasm_bindgen]
            pub fn $mount(
                root: web_sys::Element,
                view_text: String,
                shown_text: String,
                on_message: js_sys::Function,
            ) -> Result<$handle, String> {
                number_past_the_page();
                let send = sender(on_message);
                let props = $handle::props(&view_text, &shown_text, &send)?;
                let app = yew::Renderer::<$component>::with_root_and_props(root, props).render();
                Ok($handle { app, send })
            }

            #[wasm_bindgen]
            impl $handle {
                /// What is on screen changed (a new trace starts a quiz again).
                pub fn update(&mut self, view_text: String, shown_text: String) {
                    if let Ok(props) = $handle::props(&view_text, &shown_text, &self.send) {
                        self.app.update(props);
                    }
                }

                pub fn destroy(self) {
                    self.app.destroy();
                }
            }
        };
    }

    trace_panel!(
        InspectorHandle,
        mount_inspector,
        Inspector,
        InspectorProps,
        synack::editor_bridge::InspectorView
    );
    trace_panel!(
        QuizHandle,
        mount_quiz,
        QuizPanel,
        QuizProps,
        synack::editor_bridge::QuizView
    );
    trace_panel!(
        PresentHandle,
        mount_present,
        PresentStage,
        PresentProps,
        synack::editor_bridge::PresentView
    );

    /// A packetdrill script chosen or dropped like a capture: if it can be
    /// read, the page is told to show it (and mounts the script's panel),
    /// else a Notice says which line is wrong.
    fn open_script(file: web_sys::File, lang: synack::i18n::Lang, send: Callback<EditorMsg>) {
        yew::platform::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let read = match text {
                Some(t) if t.len() <= 1_000_000 => synack::drill::read(&t)
                    .map(|_| t)
                    .map_err(|e| format!("{}:{}: {}", file.name(), e.line, e.why.text(lang))),
                _ => Err(format!(
                    "{}: {}",
                    file.name(),
                    synack::i18n::t(lang, EditorWord::ScriptUnreadable)
                )),
            };
            match read {
                Ok(text) => send.emit(EditorMsg::ScriptShown {
                    name: file.name(),
                    text,
                }),
                Err(why) => {
                    send.emit(EditorMsg::Notice(why));
                    send.emit(EditorMsg::CloseCapture);
                }
            }
        });
    }

    #[wasm_bindgen]
    pub struct ScriptHandle {
        app: yew::AppHandle<ScriptView>,
        send: Callback<EditorMsg>,
        /// The script read from the last text, so a new fault does not read it again.
        read: ReadScript,
    }

    /// A script's text, the stack its `#ifdef` lines were decided for, and
    /// what was read from them.
    type ReadScript = (
        String,
        synack::tcp::ProfileName,
        Rc<Result<synack::drill::Script, synack::drill::ReadError>>,
    );

    fn script_props(
        view_text: &str,
        send: &Callback<EditorMsg>,
        read: &mut ReadScript,
    ) -> Result<ScriptProps, String> {
        let view = synack::editor_bridge::ScriptPanelView::decode(view_text)
            .ok_or_else(|| synack::ui::lazy::said(synack::i18n::Word::ModuleMismatch))?;
        if read.0 != view.text || read.0.is_empty() || read.1 != view.profile {
            // `#ifdef Linux` and the like are decided for the stack chosen in
            // the toolbar, as `synack drill --profile` decides them.
            let defines = synack::drill::Defines::new().for_stack(view.profile);
            let script = synack::drill::read_with(&view.text, &defines);
            *read = (view.text.clone(), view.profile, Rc::new(script));
        }
        Ok(ScriptProps {
            view: Rc::new(view),
            script: read.2.clone(),
            on_message: send.clone(),
        })
    }

    /// Renders a script's panel into `root`: it runs the script with the
    /// faults in the view and sends each run to the page.
    #[wasm_bindgen]
    pub fn mount_script(
        root: web_sys::Element,
        view_text: String,
        _shown: String,
        on_message: js_sys::Function,
    ) -> Result<ScriptHandle, String> {
        number_past_the_page();
        let send = sender(on_message);
        // Nothing read yet: the empty text makes `script_props` read the view's.
        let nothing = synack::drill::ReadError {
            line: 0,
            why: synack::i18n::Said::just(EditorWord::ScriptUnreadable),
        };
        let mut read: ReadScript = (String::new(), Default::default(), Rc::new(Err(nothing)));
        let props = script_props(&view_text, &send, &mut read)?;
        let app = yew::Renderer::<ScriptView>::with_root_and_props(root, props).render();
        Ok(ScriptHandle { app, send, read })
    }

    #[wasm_bindgen]
    impl ScriptHandle {
        /// The user changed the faults (or the language): run it again.
        pub fn update(&mut self, view_text: String, _shown: String) {
            if let Ok(props) = script_props(&view_text, &self.send, &mut self.read) {
                self.app.update(props);
            }
        }

        pub fn destroy(self) {
            self.app.destroy();
        }
    }

    thread_local! {
        static CAPTURE: std::cell::RefCell<Option<yew::AppHandle<CapturePanel>>> = const { std::cell::RefCell::new(None) };
        /// The connection last sent to the page: a `Shown` capture's own.
        static SHOWN: std::cell::RefCell<Option<synack::capture::Connection>> = const { std::cell::RefCell::new(None) };
    }

    /// Exports the diagram on screen as SVG or PNG, from the page's `Shown`
    /// trace (a script's ✗ marks included).
    #[wasm_bindgen]
    pub fn export_diagram(
        png: bool,
        shown_text: String,
        lang: String,
        numbering: String,
        file_name: String,
    ) -> Result<(), String> {
        let lang = synack::i18n::Lang::parse(&lang).unwrap_or_default();
        let (trace, failed) = shown(&shown_text)?;
        let mut diagram = synack::diagram::layout(
            &trace,
            &synack::diagram::View {
                numbering: synack::trace::Numbering::parse(&numbering).unwrap_or_default(),
                // Exports are the desktop's diagram, whatever the screen.
                ..Default::default()
            },
        );
        synack::diagram::mark_failed(&mut diagram, &failed);
        if png {
            synack::ui::export::export_png(&diagram, &trace, lang, &file_name);
        } else {
            synack::ui::export::export_svg(&diagram, &trace, lang, trace.ports(), &file_name);
        }
        Ok(())
    }

    /// The trace on screen written as a pcapng capture and offered as a
    /// download (`capture::write`: rarely used, so it lives in this module).
    #[wasm_bindgen]
    pub fn export_capture(shown_text: String, mss: u32, file_name: String) -> Result<(), String> {
        let (trace, _) = shown(&shown_text)?;
        let lang = synack::ui::lazy::page_lang();
        let bytes = synack::explain::pcapng(&trace, mss).map_err(|e| match e {
            synack::capture::write::WriteError::TooLong(n) => {
                format!(
                    "{}{}{n}",
                    synack::i18n::t(lang, EditorWord::CaptureTooLong),
                    synack::i18n::t(lang, synack::i18n::Word::Colon)
                )
            }
        })?;
        synack::ui::export::save_bytes(&bytes, synack::ui::export::PCAPNG_MIME, &file_name);
        Ok(())
    }

    /// How the page's run of a replay (`model`) differs from the capture it
    /// replays, one difference a line, in `lang`: the comparison lives only
    /// in this module, which read the capture in the first place.
    #[wasm_bindgen]
    pub fn compare_replay(captured: String, model: String, lang: String) -> Result<String, String> {
        let lang = synack::i18n::Lang::parse(&lang).unwrap_or_default();
        let read = |text: &str| {
            synack::editor_bridge::Shown::read(text)
                .map(|s| s.trace)
                .map_err(|_| synack::ui::lazy::said(synack::i18n::Word::ModuleMismatch))
        };
        let lines = synack::capture::replay::compare_in(&read(&captured)?, &read(&model)?, lang);
        Ok(lines.join("\n"))
    }

    #[wasm_bindgen]
    pub struct HelpHandle {
        app: yew::AppHandle<HelpOverlay>,
        send: Callback<EditorMsg>,
    }

    fn help_props(view: &str, send: &Callback<EditorMsg>) -> HelpProps {
        HelpProps {
            lang: synack::i18n::Lang::parse(view).unwrap_or_default(),
            on_message: send.clone(),
        }
    }

    /// The keyboard shortcuts: `view` is the page's language.
    #[wasm_bindgen]
    pub fn mount_help(
        root: web_sys::Element,
        view: String,
        _shown: String,
        on_message: js_sys::Function,
    ) -> HelpHandle {
        number_past_the_page();
        let send = sender(on_message);
        let props = help_props(&view, &send);
        let app = yew::Renderer::<HelpOverlay>::with_root_and_props(root, props).render();
        HelpHandle { app, send }
    }

    #[wasm_bindgen]
    impl HelpHandle {
        pub fn update(&mut self, view: String, _shown: String) {
            self.app.update(help_props(&view, &self.send));
        }

        pub fn destroy(self) {
            self.app.destroy();
        }
    }

    /// A panel the page opens afresh for each file and language (so it has
    /// nothing to update), and closes by destroying it.
    #[wasm_bindgen]
    pub struct OpenedHandle {
        close: fn(),
    }

    #[wasm_bindgen]
    impl OpenedHandle {
        pub fn update(&mut self, _view: String, _shown: String) {}

        pub fn destroy(self) {
            (self.close)()
        }
    }

    /// The capture file's panel, mounted by the page like the others:
    /// `view` is the page's language, `file` the file the user chose.
    #[wasm_bindgen]
    pub fn mount_capture(
        root: web_sys::Element,
        view: String,
        _shown: String,
        on_message: js_sys::Function,
        file: web_sys::File,
    ) -> OpenedHandle {
        open_capture(root, file, view, on_message);
        OpenedHandle {
            close: close_capture,
        }
    }

    /// The load view, mounted by the page like the others: `view` is the
    /// page's language.
    #[wasm_bindgen]
    pub fn mount_load(
        root: web_sys::Element,
        view: String,
        _shown: String,
        on_message: js_sys::Function,
    ) -> OpenedHandle {
        open_load(root, view, on_message);
        OpenedHandle { close: close_load }
    }

    #[wasm_bindgen]
    pub struct CompareHandle {
        app: yew::AppHandle<CompareView>,
        send: Callback<EditorMsg>,
    }

    /// The Compare view's props from its view text: the page's link, which
    /// holds the scenario, the stacks and the language.
    fn compare_props(view: &str, send: &Callback<EditorMsg>) -> Result<CompareProps, String> {
        let link = synack::link::decode(view).map_err(|e| e.0.text(Default::default()))?;
        Ok(CompareProps {
            scenario: Rc::new(link.scenario),
            stacks: link.compare.unwrap_or(synack::compare::Stacks::USUAL),
            lang: link.lang.unwrap_or_default(),
            on_message: send.clone(),
        })
    }

    /// The Compare view, mounted by the page like the others.
    #[wasm_bindgen]
    pub fn mount_compare(
        root: web_sys::Element,
        view: String,
        _shown: String,
        on_message: js_sys::Function,
    ) -> Result<CompareHandle, String> {
        number_past_the_page();
        let send = sender(on_message);
        let props = compare_props(&view, &send)?;
        let app = yew::Renderer::<CompareView>::with_root_and_props(root, props).render();
        Ok(CompareHandle { app, send })
    }

    #[wasm_bindgen]
    impl CompareHandle {
        /// The page's link changed: another scenario, stacks or language.
        pub fn update(&mut self, view: String, _shown: String) {
            if let Ok(props) = compare_props(&view, &self.send) {
                self.app.update(props);
            }
        }

        pub fn destroy(self) {
            self.app.destroy();
        }
    }

    /// Reads a capture file (the parsers live only in this module) and shows
    /// its connections in `root`; each one chosen is sent to the page as
    /// `EditorMsg::ShowConnection`. A file that cannot be read is a Notice
    /// then CloseCapture, in the page's language.
    fn open_capture(
        root: web_sys::Element,
        file: web_sys::File,
        lang: String,
        on_message: js_sys::Function,
    ) {
        number_past_the_page();
        close_capture();
        let lang = synack::i18n::Lang::parse(&lang).unwrap_or_default();
        let to_page = sender(on_message);
        let send = Callback::from(move |m: EditorMsg| {
            if let EditorMsg::ShowConnection { trace, .. } = &m {
                SHOWN.with(|s| *s.borrow_mut() = trace.captured.as_deref().cloned());
            }
            to_page.emit(m);
        });
        if file.name().to_ascii_lowercase().ends_with(".pkt") {
            return open_script(file, lang, send);
        }
        yew::platform::spawn_local(async move {
            let read = read_capture(&file, lang).await;
            match read {
                Ok(capture) => {
                    let props = CaptureProps {
                        capture: Rc::new(capture),
                        file_name: file.name().into(),
                        lang,
                        on_message: send,
                    };
                    let app =
                        yew::Renderer::<CapturePanel>::with_root_and_props(root, props).render();
                    CAPTURE.with(|c| *c.borrow_mut() = Some(app));
                }
                Err(why) => {
                    let error = synack::i18n::label(lang, Word::CaptureError);
                    send.emit(EditorMsg::Notice(format!("{error}{why}")));
                    send.emit(EditorMsg::CloseCapture);
                }
            }
        });
    }

    async fn read_capture(
        file: &web_sys::File,
        lang: synack::i18n::Lang,
    ) -> Result<synack::capture::Capture, String> {
        use synack::capture::{CaptureError, MAX_FILE_BYTES};
        if file.size() > MAX_FILE_BYTES as f64 {
            return Err(CaptureError::TooLarge(file.size() as usize).message(lang));
        }
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| synack::i18n::t(lang, Word::CaptureError).to_string())?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        synack::capture::open(&bytes).map_err(|e| e.message(lang))
    }

    /// One of the page's language packs: the module's page words come from it.
    #[wasm_bindgen]
    pub fn install_words(lang: String, text: String) -> Result<(), String> {
        let lang = synack::i18n::Lang::parse(&lang).ok_or("no such language")?;
        synack::i18n::pack::install(lang, &text).map_err(|e| e.why().to_string())
    }

    /// A link packed by an earlier release, rewritten in today's form (the
    /// deflate decoder lives only in this module), or why it cannot be read.
    #[wasm_bindgen]
    /// `text` in today's form, or why it cannot be read, in `lang`.
    pub fn upgrade_link(text: String, lang: String) -> Result<String, String> {
        let lang = synack::i18n::Lang::parse(&lang).unwrap_or_default();
        synack::link::decode(&text)
            .map(|l| format!("#{}", synack::link::encode(&l)))
            .map_err(|e| e.0.text(lang))
    }

    thread_local! {
        static LOAD: std::cell::RefCell<Option<yew::AppHandle<LoadView>>> = const { std::cell::RefCell::new(None) };
    }

    /// Draws the load view in `root`; its messages go to `on_message`.
    fn open_load(root: web_sys::Element, lang: String, on_message: js_sys::Function) {
        number_past_the_page();
        close_load();
        let lang = synack::i18n::Lang::parse(&lang).unwrap_or_default();
        let on_message = sender(on_message);
        let app =
            yew::Renderer::<LoadView>::with_root_and_props(root, LoadProps { lang, on_message })
                .render();
        LOAD.with(|l| *l.borrow_mut() = Some(app));
    }

    fn close_load() {
        if let Some(app) = LOAD.with(|l| l.borrow_mut().take()) {
            app.destroy();
        }
    }

    fn close_capture() {
        if let Some(app) = CAPTURE.with(|c| c.borrow_mut().take()) {
            app.destroy();
        }
    }

    /// A scenario file (chosen or dropped on the page) → the scenario packed
    /// as in a link, or what is wrong with it.
    #[wasm_bindgen]
    pub fn read_scenario_file(file: web_sys::File, lang: String) -> js_sys::Promise {
        let lang = synack::i18n::Lang::parse(&lang).unwrap_or_default();
        js_sys::Promise::new(&mut |resolve, reject| {
            synack::ui::files::read_file(file.clone(), move |text| {
                let read = text.and_then(|t| {
                    synack::scenario::file::from_json(&t)
                        .map(|s| synack::link::pack(&s))
                        .map_err(|e| e.0.text(lang))
                });
                let _ = match read {
                    Ok(packed) => resolve.call1(&JsValue::NULL, &packed.into()),
                    Err(why) => reject.call1(&JsValue::NULL, &why.into()),
                };
            });
        })
    }
}

// No talc here, unlike the first load (app_main.rs): this module runs the
// load view's 40,000 connections, whose many small frees left talc walking
// long free lists in malloc (4.7 of 6.5 s in the "ports" lesson); Rust's
// default dlmalloc runs it in a fraction of that (BENCHMARKS.md, 2026-12-04).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("synack-editor is a browser module of synack-app; build it with `trunk build`.");
    std::process::exit(2);
}
