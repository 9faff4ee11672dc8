//! The browser app (wasm32 only): a Yew view over the pure core.

pub mod boot;
pub mod components;
pub mod export;
pub mod files;
pub mod frame_height;
pub mod hant;
pub mod hooks;
pub mod lazy;
pub mod scorm;
pub mod state;
pub mod url;
pub mod words;

use crate::i18n::Word;
use wasm_bindgen::JsCast;

/// Mount the app. A panic anywhere shows a visible message instead of a blank page.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("synack panicked: {info}").into());
        show_fatal(&info.to_string());
    }));
    let document = web_sys::window().and_then(|w| w.document());
    add_state_colours(document.as_ref());
    let Some(root) = document.as_ref().and_then(|d| d.get_element_by_id("app")) else {
        return show_fatal("the page has no #app element");
    };
    // The first draw waits for the words of the language it is drawn in:
    // the first pack, or the whole one when the link cannot be opened (what
    // it says is not in the first).
    let (link, problem) = url::initial_link();
    let lang = url::initial_lang(&link);
    yew::platform::spawn_local(async move {
        let loaded = words::load(lang).await;
        if loaded.is_ok() && problem.is_some() {
            // (Without it the message still shows, once the page fetches it.)
            let _ = words::load(lang).await;
        }
        match loaded {
            Ok(()) => {
                root.set_inner_html("");
                yew::Renderer::<components::app::App>::with_root(root).render();
            }
            Err(why) => show_fatal(&why),
        }
    });
}

/// The state colours as stylesheet variables on the root element, from the
/// one table the exports read too (`diagram::colours`). Set through the CSSOM:
/// the page's CSP (`style-src 'self'`) refuses an inline `<style>`.
fn add_state_colours(document: Option<&web_sys::Document>) {
    let Some(root) = document
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    for (name, value) in crate::diagram::colours::VARIABLES {
        let _ = style.set_property(name, value);
    }
}

/// Shows the visible error box (used by the panic hook; public for the browser tests).
pub fn show_fatal(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = document.get_element_by_id("fatal") {
        let lang = url::browser_lang();
        // Before any words have loaded, it still says something in both.
        let said = Some(crate::i18n::t(lang, Word::ErrorPanic)).filter(|s| !s.is_empty());
        let said = said.unwrap_or("synack stopped. Reload the page · synack 已停止，请刷新页面");
        let text = format!("{said} ({detail})");
        el.set_text_content(Some(&text));
        let _ = el.remove_attribute("hidden");
        if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = html.focus();
        }
    }
}
