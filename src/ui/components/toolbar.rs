//! The top bar: scenario picker, timer profile, numbers, language, theme, share.

use crate::i18n::Word;
use crate::i18n::{t, Lang};
use crate::library::{self, group_key};
use crate::link::Theme;
use crate::page::OnScreen;
use crate::scenario::presets::{Group, PRESETS};
use crate::scenario::Host;
use crate::tcp::ProfileName;
use crate::trace::Numbering;
use crate::ui::state::{Action, AppState};
use crate::ui::url;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Which copy button last copied (its label says so until the next render
/// that changes it): the App's state, so the toolbar can be a plain function.
pub type Copied = UseStateHandle<Option<&'static str>>;

/// (A plain function, not a component: it redraws with the page's state
/// anyway, and each component type costs the first load its own share of Yew.)
pub fn toolbar(state: &UseReducerHandle<AppState>, copied: &Copied) -> Html {
    let lang = state.lang;

    let on_preset = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            state.dispatch(Action::LoadPreset(select.value()));
        })
    };
    // The picker names what is on screen, even when that is not a preset.
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let on_screen = state.on_screen();
    // A capture has no timers (it is what crossed the wire); the load view has its own.
    let timers = !matches!(on_screen, OnScreen::Capture(_) | OnScreen::Load);
    let shown = match on_screen {
        OnScreen::Preset(_) => None,
        OnScreen::Own(title) => Some(title.unwrap_or_else(|| t(lang, Word::ShownOwn).to_string())),
        OnScreen::Capture(file) => Some(format!("{}{colon}{file}", t(lang, Word::ShownCapture))),
        OnScreen::Script(name) => Some(format!("{}{colon}{name}", t(lang, Word::ShownScript))),
        OnScreen::Load => Some(t(lang, Word::LoadButton).to_string()),
    };
    let on_a_preset = shown.is_none();
    let custom = shown.map(|text| html! { <option value="" selected=true disabled=true data-on-screen="">{ text }</option> });
    let groups = [
        Group::Opening,
        Group::Closing,
        Group::LossAndDelay,
        Group::Errors,
    ]
    .map(|g| {
        // Before the first paint only the chosen one: the list is seen only
        // when opened, and thirty options cost a phone's first draw.
        let options = PRESETS
            .iter()
            .filter(|p| p.group == g)
            .filter(|p| state.painted || (on_a_preset && state.preset.as_deref() == Some(p.name)))
            .map(|p| {
                let title = library::entry(p.name)
                    .map(|e| e.title(lang))
                    .unwrap_or(p.name);
                let selected = on_a_preset && state.preset.as_deref() == Some(p.name);
                html! { <option value={p.name} {selected}>{ title }</option> }
            });
        html! { <optgroup label={t(lang, group_key(g))}>{ for options }</optgroup> }
    });

    // Seven stacks: one choice, not seven buttons (the toolbar keeps to one row).
    let profile_select = {
        let now = state.profile();
        let onchange = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                if let Some(p) = ProfileName::parse(&select.value()) {
                    state.dispatch(Action::SetProfile(p));
                }
            })
        };
        // A stack per host (set in the editor) is shown as it is, until one is chosen here for both.
        let mixed = state.script.is_none() && state.scenario.mixed_stacks();
        let per_host = mixed.then(|| {
            let [c, s] = [Host::Client, Host::Server].map(|h| t(lang, state.scenario.profile_of(h).word()));
            html! { <option value="" selected=true disabled=true data-per-host="">{ format!("{c} ⇄ {s}") }</option> }
        });
        let options = ProfileName::ALL.map(|p| {
            html! { <option value={p.as_str()} selected={!mixed && p == now}>{ t(lang, p.word()) }</option> }
        });
        html! { <select class="profile-select" data-action="profile" aria-label={t(lang, Word::ProfileLabel)} {onchange}>{ for per_host }{ for options }</select> }
    };
    let numbers = {
        let state = state.clone();
        let now = state.showing.numbering;
        let onclick =
            Callback::from(move |_: MouseEvent| state.dispatch(Action::SetNumbering(now.next())));
        html! {
            <button class="btn" data-action="numbers" data-numbers={now.name()} aria-pressed={(now != Numbering::Absolute).to_string()} {onclick}>
                { t(lang, now.word()) }
            </button>
        }
    };
    // English → 简体中文 → 繁體中文 → English; each named in its own words.
    let lang_button = {
        let state = state.clone();
        let hant = state.hant && lang == Lang::Zh;
        let (label, tag) = match (lang, hant) {
            (Lang::En, _) => ("简体中文", "zh-CN"),
            (Lang::Zh, false) => ("繁體中文", "zh-Hant"),
            (Lang::Zh, true) => ("English", "en"),
        };
        let onclick = Callback::from(move |_: MouseEvent| match (lang, hant) {
            (Lang::En, _) => crate::ui::words::dispatch_in(
                Lang::Zh,
                state.dispatcher(),
                Action::SetLang(Lang::Zh),
            ),
            (Lang::Zh, false) => state.dispatch(Action::SetTraditional(true)),
            (Lang::Zh, true) => crate::ui::words::dispatch_in(
                Lang::En,
                state.dispatcher(),
                Action::SetLang(Lang::En),
            ),
        });
        html! { <button class="btn" data-action="lang" lang={tag} {onclick}>{ label }</button> }
    };
    let theme_button = {
        let state = state.clone();
        let dark_now = match state.showing.theme {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::System => web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches()),
        };
        let next = if dark_now { Theme::Light } else { Theme::Dark };
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTheme(next)));
        let label = if dark_now {
            t(lang, Word::ThemeLight)
        } else {
            t(lang, Word::ThemeDark)
        };
        html! { <button class="btn" {onclick}>{ label }</button> }
    };
    let share = {
        let label = if **copied == Some("share") {
            t(lang, Word::Copied)
        } else {
            t(lang, Word::ShareLink)
        };
        let (state, copied) = (state.clone(), copied.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            url::copy_to_clipboard(&url::share_url(&state.shared_link()));
            copied.set(Some("share"));
        });
        html! { <button class="btn primary" data-action="share" aria-label={t(lang, Word::Share)} {onclick}>{ label }</button> }
    };
    let embed = {
        let label = if **copied == Some("embed") {
            t(lang, Word::Copied)
        } else {
            t(lang, Word::EmbedCode)
        };
        let (state, copied) = (state.clone(), copied.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let title = state
                .preset
                .as_deref()
                .and_then(library::entry)
                .map(|e| e.title(state.lang))
                .unwrap_or("TCP");
            // The diagram's own height, plus the lesson and the playback bar.
            let height = (state.diagram.height + 220.0).clamp(320.0, 1600.0) as u32;
            url::copy_to_clipboard(&url::embed_snippet(&state.shared_link(), title, height));
            copied.set(Some("embed"));
        });
        html! { <button class="btn" data-action="embed" aria-label={t(lang, Word::Embed)} {onclick}>{ label }</button> }
    };
    let reset = {
        let disabled = state.faults().is_empty();
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ResetFaults));
        html! { <button class="btn" {disabled} {onclick}>{ t(lang, Word::Reset) }</button> }
    };
    let export = |png: bool| {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let name = format!(
                "synack-{}.{}",
                file_stem(&state),
                if png { "png" } else { "svg" }
            );
            // Exports are drawn by the module loaded on first use (they are
            // rarely used), from the trace on screen, laid out whole, not
            // just the rows on screen.
            let (lang, numbering) = (state.lang, state.showing.numbering.name());
            in_module(
                &state,
                "export_diagram",
                vec![
                    png.into(),
                    JsValue::from_str(&state.shown_text()),
                    lang.code().into(),
                    numbering.into(),
                    name.into(),
                ],
            );
        });
        // Shown as "Export: SVG PNG" (the toolbar fits one row at desktop
        // widths); each button's name still says what it does.
        let (key, action, format) = if png {
            (Word::ExportPng, "export-png", "PNG")
        } else {
            (Word::ExportSvg, "export-svg", "SVG")
        };
        html! { <button class="btn" data-action={action} aria-label={t(lang, key)} title={t(lang, key)} {onclick}>{ format }</button> }
    };
    // The run on screen as a capture Wireshark opens, written by the module.
    let capture_file = {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let name = format!("synack-{}.pcapng", file_stem(&state));
            let args = vec![
                JsValue::from_str(&state.shown_text()),
                state.scenario.mss.into(),
                name.into(),
            ];
            in_module(&state, "export_capture", args);
        });
        let key = Word::ExportPcapng;
        html! { <button class="btn" data-action="export-pcapng" aria-label={t(lang, key)} title={t(lang, key)} {onclick}>{ "pcapng" }</button> }
    };
    let editor = {
        let state = state.clone();
        let open = state.editor_open;
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleEditor));
        html! { <button class="btn" data-action="editor" aria-pressed={open.to_string()} aria-keyshortcuts="e" {onclick}>{ format!("✎ {}", t(lang, Word::Editor)) }</button> }
    };
    // Read in the browser: the file is never sent anywhere (said in its title).
    let open_capture = {
        let state = state.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let dispatch = state.dispatcher();
                crate::ui::files::open_capture_file(
                    file,
                    Callback::from(move |a| dispatch.dispatch(a)),
                );
            }
            input.set_value("");
        });
        html! {
            <label class="btn file-pick" title={t(lang, Word::CaptureLocal)}>{ format!("⇪ {}", t(lang, Word::CaptureOpenButton)) }
                <input type="file" accept=".pcap,.pcapng,.cap,.pkt,application/vnd.tcpdump.pcap" class="sr-only" data-action="open-capture" {onchange} />
                <span class="sr-only">{ format!(" ({})", t(lang, Word::CaptureLocal)) }</span>
            </label>
        }
    };
    let quiz = {
        let state = state.clone();
        let on = state.showing.quiz.is_some();
        // A locked quiz stays open: its button says so and does nothing.
        let held = on && state.showing.locked;
        let title = held.then(|| t(lang, Word::QuizLockedOpen));
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleQuiz));
        html! { <button class="btn" data-action="quiz" aria-pressed={on.to_string()} disabled={held} {title} {onclick}>{ format!("? {}", t(lang, Word::QuizButton)) }</button> }
    };
    let load = {
        let state = state.clone();
        let open = state.load_open;
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleLoad));
        html! { <button class="btn" data-action="load" aria-pressed={open.to_string()} {onclick}>{ t(lang, Word::LoadButton) }</button> }
    };
    let compare = {
        let state = state.clone();
        let open = state.compare.is_some();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleCompare));
        // Beside the timers it compares (and so not in the actions' row, which must fit one line).
        html! { <button class="btn compare-btn" data-action="compare" aria-pressed={open.to_string()} {onclick}>{ t(lang, Word::CompareButton) }</button> }
    };
    let help = {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleHelp));
        html! { <button class="btn icon" aria-label={t(lang, Word::Help)} title={t(lang, Word::Help)} {onclick}>{ "?" }</button> }
    };
    let p = state.profile().profile();
    let give_up = |g: crate::tcp::GiveUp| match g {
        crate::tcp::GiveUp::AfterMs(ms) => super::sequence_diagram::seconds(ms),
        crate::tcp::GiveUp::AfterRetries(n) => format!("{n} {}", t(lang, Word::ParamsRetries)),
    };
    let secs = super::sequence_diagram::seconds;
    let params = html! {
        <dl class="params" aria-label={t(lang, Word::Params)}>
            <div><dt>{ t(lang, Word::ParamsRto) }</dt><dd>{ format!("{} / {} / {}", secs(p.rto_initial_ms), secs(p.rto_min_ms), secs(p.rto_max_ms)) }</dd></div>
            <div><dt>{ t(lang, Word::ParamsSynRetries) }</dt><dd>{ match (p.syn_give_up, p.syn_linear_timeouts) {
                (crate::tcp::GiveUp::AfterRetries(n), linear) if linear > 0 => format!("{} {} ({linear} {})", n + linear, t(lang, Word::ParamsRetries), t(lang, Word::ParamsLinear)),
                (g, _) => give_up(g),
            } }</dd></div>
            <div><dt>{ t(lang, Word::ParamsSynackRetries) }</dt><dd>{ give_up(p.synack_give_up) }</dd></div>
            <div><dt>{ t(lang, Word::ParamsMsl) }</dt><dd>{ format!("{} / {}", secs(p.msl_ms), secs(p.time_wait_ms)) }</dd></div>
            <div><dt>{ t(lang, Word::ParamsFw2) }</dt><dd>{ p.fin_wait_2_timeout_ms.map(secs).unwrap_or_else(|| t(lang, Word::ParamsNone).to_string()) }</dd></div>
            if p.name == ProfileName::Windows {
                <div class="params-note" data-documented-only=""><dd>{ t(lang, Word::ParamsWindowsNote) }</dd></div>
            }
        </dl>
    };

    // On a phone (CSS) the timers and actions fold under this button, so the
    // diagram starts on the first screen.
    let menu = {
        let s = state.clone();
        let onclick = Callback::from(move |_| s.dispatch(Action::ToggleMenu));
        html! { <button class="btn menu-button" data-action="menu" aria-expanded={state.menu_open.to_string()} {onclick}>{ format!("☰ {}", t(lang, Word::Menu)) }</button> }
    };
    // On a phone the folded menu's contents (hidden there by CSS) wait for
    // the first paint: some forty elements fewer before the diagram is drawn.
    let folded = !state.painted && !state.menu_open && folded_by_css();
    html! {
        <header class={classes!("toolbar", state.menu_open.then_some("menu-open"))}>
            <div class="brand"><span class="logo">{ "synack" }</span><span class="tagline">{ t(lang, Word::AppTagline) }</span>{ menu }</div>
            <label class="picker">
                <span class="sr-only">{ t(lang, Word::PickerLabel) }</span>
                <select onchange={on_preset} aria-label={t(lang, Word::PickerLabel)}>{ for custom }{ for groups }</select>
            </label>
            if timers && !folded {
                <div class="profile" role="group" aria-label={t(lang, Word::ProfileLabel)}>
                    <span class="group-label">{ t(lang, Word::ProfileLabel) }</span>
                    { profile_select }{ compare }
                    if state.script.is_some() || !state.scenario.mixed_stacks() { { params } }
                </div>
            }
            if !folded {
            <div class="actions">
                if !state.showing.locked { { editor } }{ quiz }{ open_capture }{ load }{ numbers }{ reset }
                <span class="btn-group" role="group" aria-label={t(lang, Word::Copy)}>
                    <span class="group-label" aria-hidden="true">{ t(lang, Word::Copy) }</span>{ share }{ embed }
                </span>
                <span class="btn-group" role="group" aria-label={t(lang, Word::Export)}>
                    <span class="group-label" aria-hidden="true">{ t(lang, Word::Export) }</span>{ export(false) }{ export(true) }{ capture_file }
                </span>{ lang_button }{ theme_button }{ help }
            </div>
            }
        </header>
    }
}

/// What an exported file is named after: the preset, or what is on screen.
fn file_stem(state: &AppState) -> &str {
    match (&state.capture, &state.script) {
        (Some(_), _) => "capture",
        (None, Some(_)) => "script",
        (None, None) => state.preset.as_deref().unwrap_or("scenario"),
    }
}

/// Whether static/style.css folds the toolbar under the menu button.
fn folded_by_css() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 700px)").ok().flatten())
        .is_some_and(|q| q.matches())
}

/// Calls `name` in the module loaded on first use; what goes wrong (the
/// module, or the call's own refusal in the page's language) is a notice.
fn in_module(state: &UseReducerHandle<AppState>, name: &'static str, args: Vec<JsValue>) {
    let dispatcher = state.dispatcher();
    yew::platform::spawn_local(async move {
        let done = match crate::ui::lazy::editor_module().await {
            Ok(module) => crate::ui::lazy::call(&module, name, &args).map(|_| ()),
            Err(why) => Err(why),
        };
        if let Err(why) = done {
            dispatcher.dispatch(Action::Notice(why));
        }
    });
}
