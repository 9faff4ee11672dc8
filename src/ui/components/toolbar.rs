//! The top bar: scenario picker, timer profile, numbers, language, theme, share.

use crate::i18n::{t, Lang, Word};
use crate::library;
use crate::link::Theme;
use crate::page::{self, toolbar::Chrome};
use crate::tcp::ProfileName;
use crate::ui::hooks::use_kept_focus::{keyed, Listeners};
use crate::ui::state::{Action, AppState};
use crate::ui::url;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Which copy button last copied (its label says so until the next render
/// that changes it): the App's state, so the toolbar can be a plain function.
pub type Copied = UseStateHandle<Option<&'static str>>;

/// (A plain function, not a component: it redraws with the page's state
/// anyway, and each component type costs the first load its own share of Yew.)
/// The bar's contents are the core's markup (`page::toolbar`); a click or a
/// change anywhere in it is read here, by the control's `data-action`.
pub fn toolbar(
    state: &UseReducerHandle<AppState>,
    copied: &Copied,
    bar: NodeRef,
    focus: Listeners,
) -> Html {
    let chrome = Chrome {
        copied: **copied,
        dark: dark_now(state.showing.theme),
        // On a phone the folded menu's contents (hidden there by CSS) wait
        // for the first paint: some forty elements fewer before the diagram.
        folded: !state.painted && !state.menu_open && folded_by_css(),
    };
    let markup = page::toolbar::markup(state, chrome);
    let raw = |m: String| Html::from_html_unchecked(AttrValue::from(m));
    let lang = state.lang;
    // Read in the browser: the file is never sent anywhere (said in its title).
    let open_file = || {
        let local = t(lang, Word::CaptureLocal);
        html! {
            <label class="btn file-pick" title={local}>{ format!("⇪ {}", t(lang, Word::CaptureOpenButton)) }
                <input type="file" accept=".pcap,.pcapng,.cap,.pkt,application/vnd.tcpdump.pcap" class="sr-only" data-action="open-capture" />
                <span class="sr-only">{ format!(" ({local})") }</span>
            </label>
        }
    };
    let actions = markup.actions.map(|(before, after)| {
        html! { <div class="actions">{ raw(before) }{ open_file() }{ raw(after) }</div> }
    });
    let onclick = {
        let (state, copied) = (state.clone(), copied.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((_, action)) = keyed(e.target(), "data-action") {
                clicked(&state, &copied, chrome.dark, &action);
            }
        })
    };
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| changed(&state, e))
    };
    html! {
        <header ref={bar} class={classes!("toolbar", state.menu_open.then_some("menu-open"))} {onclick} {onchange} onfocusin={focus.focusin} onfocusout={focus.focusout}>
            { raw(markup.head) }{ for actions }
        </header>
    }
}

/// Whether the page is dark now: the link's theme, else the system's.
fn dark_now(theme: Theme) -> bool {
    match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches()),
    }
}

/// A button of the bar was pressed.
fn clicked(state: &UseReducerHandle<AppState>, copied: &Copied, dark: bool, action: &str) {
    let lang = state.lang;
    match action {
        "menu" => state.dispatch(Action::ToggleMenu),
        "compare" => state.dispatch(Action::ToggleCompare),
        "editor" => state.dispatch(Action::ToggleEditor),
        "quiz" => state.dispatch(Action::ToggleQuiz),
        "load" => state.dispatch(Action::ToggleLoad),
        "numbers" => state.dispatch(Action::SetNumbering(state.showing.numbering.next())),
        "reset" => state.dispatch(Action::ResetFaults),
        "help" => state.dispatch(Action::ToggleHelp),
        "theme" => state.dispatch(Action::SetTheme(if dark {
            Theme::Light
        } else {
            Theme::Dark
        })),
        // English → 简体中文 → 繁體中文 → English.
        "lang" => match (lang, state.hant) {
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
        },
        "share" => {
            url::copy_to_clipboard(&url::share_url(&state.shared_link()));
            copied.set(Some("share"));
        }
        "embed" => {
            let title = state
                .preset
                .as_deref()
                .and_then(library::entry)
                .map(|e| e.title(lang))
                .unwrap_or("TCP");
            // The diagram's own height, plus the lesson and the playback bar.
            let height = (state.diagram.height + 220.0).clamp(320.0, 1600.0) as u32;
            url::copy_to_clipboard(&url::embed_snippet(&state.shared_link(), title, height));
            copied.set(Some("embed"));
        }
        // Exports are drawn by the module loaded on first use (they are
        // rarely used), from the trace on screen, laid out whole, not just
        // the rows on screen.
        "export-svg" | "export-png" => {
            let png = action == "export-png";
            let name = format!(
                "synack-{}.{}",
                file_stem(state),
                if png { "png" } else { "svg" }
            );
            let args = vec![
                png.into(),
                JsValue::from_str(&state.shown_text()),
                lang.code().into(),
                state.showing.numbering.name().into(),
                name.into(),
            ];
            in_module(state, "export_diagram", args);
        }
        // The run on screen as a capture Wireshark opens, written by the module.
        "export-pcapng" => {
            let name = format!("synack-{}.pcapng", file_stem(state));
            let args = vec![
                JsValue::from_str(&state.shown_text()),
                state.scenario.mss.into(),
                name.into(),
            ];
            in_module(state, "export_capture", args);
        }
        _ => {}
    }
}

/// A choice of the bar was made: a preset, a stack, or a file to open.
fn changed(state: &UseReducerHandle<AppState>, e: Event) {
    let Some((el, action)) = keyed(e.target(), "data-action") else {
        return;
    };
    match action.as_str() {
        "preset" => {
            let name = el.unchecked_into::<web_sys::HtmlSelectElement>().value();
            // Drawn once its lesson's words are here (the first pack has
            // only the first preset's).
            let lang = state.lang;
            crate::ui::words::dispatch_in(lang, state.dispatcher(), Action::LoadPreset(name));
        }
        "profile" => {
            let value = el.unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(p) = ProfileName::parse(&value) {
                state.dispatch(Action::SetProfile(p));
            }
        }
        // Read in the browser: the file is never sent anywhere.
        "open-capture" => {
            let input: web_sys::HtmlInputElement = el.unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let dispatch = state.dispatcher();
                crate::ui::files::open_capture_file(
                    file,
                    Callback::from(move |a| dispatch.dispatch(a)),
                );
            }
            input.set_value("");
        }
        _ => {}
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
