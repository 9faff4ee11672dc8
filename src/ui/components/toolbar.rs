//! The top bar: scenario picker, timer profile, numbers, language, theme, share.

use crate::i18n::{t, Lang};
use crate::library::{self, group_key};
use crate::link::Theme;
use crate::scenario::presets::{Group, PRESETS};
use crate::tcp::ProfileName;
use crate::trace::Numbering;
use crate::ui::state::{Action, AppState};
use crate::ui::url;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

#[component]
pub fn Toolbar(props: &Props) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let copied = use_state(|| None::<&'static str>);

    let on_preset = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            state.dispatch(Action::LoadPreset(select.value()));
        })
    };
    let groups = [
        Group::Opening,
        Group::Closing,
        Group::LossAndDelay,
        Group::Errors,
    ]
    .map(|g| {
        let options = PRESETS.iter().filter(|p| p.group == g).map(|p| {
            let title = library::entry(p.name)
                .map(|e| e.title(lang))
                .unwrap_or(p.name);
            let selected = state.preset.as_deref() == Some(p.name);
            html! { <option value={p.name} {selected}>{ title }</option> }
        });
        html! { <optgroup label={t(lang, group_key(g))}>{ for options }</optgroup> }
    });
    let custom = state
        .preset
        .is_none()
        .then(|| html! { <option value="" selected=true disabled=true>{ "—" }</option> });

    let profile_button = |p: ProfileName, key: &'static str| {
        let state = state.clone();
        let pressed = state.profile() == p;
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::SetProfile(p)));
        html! { <button class={classes!("seg-btn", pressed.then_some("on"))} aria-pressed={pressed.to_string()} {onclick}>{ t(lang, key) }</button> }
    };
    let numbers = {
        let state = state.clone();
        let now = state.numbering;
        let onclick =
            Callback::from(move |_: MouseEvent| state.dispatch(Action::SetNumbering(now.next())));
        html! {
            <button class="btn" data-action="numbers" data-numbers={now.name()} aria-pressed={(now != Numbering::Absolute).to_string()} {onclick}>
                { t(lang, &format!("numbers.{}", now.name())) }
            </button>
        }
    };
    let lang_button = {
        let state = state.clone();
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::SetLang(other)));
        html! { <button class="btn" lang={if other == Lang::Zh { "zh-CN" } else { "en" }} {onclick}>{ t(lang, "lang.switch") }</button> }
    };
    let theme_button = {
        let state = state.clone();
        let dark_now = match state.theme {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::System => web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches()),
        };
        let next = if dark_now { Theme::Light } else { Theme::Dark };
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTheme(next)));
        let label = if dark_now {
            t(lang, "theme.light")
        } else {
            t(lang, "theme.dark")
        };
        html! { <button class="btn" {onclick}>{ label }</button> }
    };
    let share = {
        let label = if *copied == Some("share") {
            t(lang, "copied")
        } else {
            t(lang, "share")
        };
        let (state, copied) = (state.clone(), copied.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            url::copy_to_clipboard(&url::share_url(&state.link()));
            copied.set(Some("share"));
        });
        html! { <button class="btn primary" data-action="share" {onclick}>{ label }</button> }
    };
    let embed = {
        let label = if *copied == Some("embed") {
            t(lang, "copied")
        } else {
            t(lang, "embed")
        };
        let (state, copied) = (state.clone(), copied.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let title = state
                .preset
                .as_deref()
                .and_then(library::entry)
                .map(|e| e.title(state.lang))
                .unwrap_or("TCP");
            url::copy_to_clipboard(&url::embed_snippet(&state.link(), title));
            copied.set(Some("embed"));
        });
        html! { <button class="btn" data-action="embed" {onclick}>{ label }</button> }
    };
    let reset = {
        let disabled = state.faults().is_empty();
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ResetFaults));
        html! { <button class="btn" {disabled} {onclick}>{ t(lang, "reset") }</button> }
    };
    let export = |png: bool| {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let name = format!(
                "synack-{}.{}",
                match (&state.capture, &state.script) {
                    (Some(_), _) => "capture",
                    (None, Some(_)) => "script",
                    (None, None) => state.preset.as_deref().unwrap_or("scenario"),
                },
                if png { "png" } else { "svg" }
            );
            // Exports are drawn by the module loaded on first use (they are
            // rarely used): it re-runs the scenario, or redraws the captured
            // connection it last sent, laid out whole, not just the rows on screen.
            let source = state.source();
            let (lang, numbering) = (state.lang, state.numbering.name());
            let dispatcher = state.dispatcher();
            yew::platform::spawn_local(async move {
                let done = match crate::ui::lazy::editor_module().await {
                    Ok(module) => crate::ui::lazy::call(
                        &module,
                        "export_diagram",
                        &[
                            png.into(),
                            source.into(),
                            lang.code().into(),
                            numbering.into(),
                            name.into(),
                        ],
                    )
                    .map(|_| ()),
                    Err(why) => Err(why),
                };
                if let Err(why) = done {
                    dispatcher.dispatch(Action::Notice(why));
                }
            });
        });
        let (key, action) = if png {
            ("export.png", "export-png")
        } else {
            ("export.svg", "export-svg")
        };
        html! { <button class="btn" data-action={action} {onclick}>{ t(lang, key) }</button> }
    };
    let editor = {
        let state = state.clone();
        let open = state.editor_open;
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleEditor));
        html! { <button class="btn" data-action="editor" aria-pressed={open.to_string()} aria-keyshortcuts="e" {onclick}>{ format!("✎ {}", t(lang, "editor")) }</button> }
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
            <label class="btn file-pick" title={t(lang, "capture.local")}>{ format!("⇪ {}", t(lang, "capture.open_button")) }
                <input type="file" accept=".pcap,.pcapng,.cap,.pkt,application/vnd.tcpdump.pcap" class="sr-only" data-action="open-capture" {onchange} />
                <span class="sr-only">{ format!(" ({})", t(lang, "capture.local")) }</span>
            </label>
        }
    };
    let quiz = {
        let state = state.clone();
        let on = state.quiz.is_some();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleQuiz));
        html! { <button class="btn" data-action="quiz" aria-pressed={on.to_string()} {onclick}>{ format!("? {}", t(lang, "quiz.button")) }</button> }
    };
    let load = {
        let state = state.clone();
        let open = state.load_open;
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleLoad));
        html! { <button class="btn" data-action="load" aria-pressed={open.to_string()} {onclick}>{ t(lang, "load.button") }</button> }
    };
    let help = {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::ToggleHelp));
        html! { <button class="btn icon" aria-label={t(lang, "help")} title={t(lang, "help")} {onclick}>{ "?" }</button> }
    };
    let p = state.profile().profile();
    let give_up = |g: crate::tcp::GiveUp| match g {
        crate::tcp::GiveUp::AfterMs(ms) => super::sequence_diagram::seconds(ms),
        crate::tcp::GiveUp::AfterRetries(n) => format!("{n} {}", t(lang, "params.retries")),
    };
    let secs = super::sequence_diagram::seconds;
    let params = html! {
        <dl class="params" aria-label={t(lang, "params")}>
            <div><dt>{ t(lang, "params.rto") }</dt><dd>{ format!("{} / {} / {}", secs(p.rto_initial_ms), secs(p.rto_min_ms), secs(p.rto_max_ms)) }</dd></div>
            <div><dt>{ t(lang, "params.syn_retries") }</dt><dd>{ match (p.syn_give_up, p.syn_linear_timeouts) {
                (crate::tcp::GiveUp::AfterRetries(n), linear) if linear > 0 => format!("{} {} ({linear} {})", n + linear, t(lang, "params.retries"), t(lang, "params.linear")),
                (g, _) => give_up(g),
            } }</dd></div>
            <div><dt>{ t(lang, "params.synack_retries") }</dt><dd>{ give_up(p.synack_give_up) }</dd></div>
            <div><dt>{ t(lang, "params.msl") }</dt><dd>{ format!("{} / {}", secs(p.msl_ms), secs(p.time_wait_ms)) }</dd></div>
            <div><dt>{ t(lang, "params.fw2") }</dt><dd>{ p.fin_wait_2_timeout_ms.map(secs).unwrap_or_else(|| t(lang, "params.none").to_string()) }</dd></div>
        </dl>
    };

    html! {
        <header class="toolbar">
            <div class="brand"><span class="logo">{ "synack" }</span><span class="tagline">{ t(lang, "app.tagline") }</span></div>
            <label class="picker">
                <span class="sr-only">{ t(lang, "picker.label") }</span>
                <select onchange={on_preset} aria-label={t(lang, "picker.label")}>{ for custom }{ for groups }</select>
            </label>
            <div class="profile" role="group" aria-label={t(lang, "profile.label")}>
                <span class="group-label">{ t(lang, "profile.label") }</span>
                { profile_button(ProfileName::Rfc, "profile.rfc") }
                { profile_button(ProfileName::Linux, "profile.linux") }
                { profile_button(ProfileName::Linux5, "profile.linux5") }
                { params }
            </div>
            <div class="actions">
                if !state.locked { { editor } }{ quiz }{ open_capture }{ load }{ numbers }{ reset }{ share }{ embed }{ export(false) }{ export(true) }{ lang_button }{ theme_button }{ help }
            </div>
        </header>
    }
}
