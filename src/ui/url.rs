//! The only module that touches `window.location` and `history`.

use crate::i18n::Lang;
use crate::link::{self, Link};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn browser_lang() -> Lang {
    window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// The browser's language asks for Traditional characters (zh-TW, zh-HK…).
pub fn browser_wants_traditional() -> bool {
    window()
        .and_then(|w| w.navigator().language())
        .is_some_and(|tag| crate::i18n::hant::is_traditional(&tag))
}

/// The language a page opened with `link` is drawn in: the link's, else the browser's.
pub fn initial_lang(link: &Link) -> Lang {
    link.lang.unwrap_or_else(browser_lang)
}

/// The link the page was opened with, or the default with a message saying what was wrong.
pub fn initial_link() -> (Link, Option<link::LinkError>) {
    let location = window().map(|w| w.location());
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let embed_query = search
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "embed" || p.starts_with("embed="));
    let autoplay_query = search
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "autoplay");
    let (mut link, problem) = if hash.trim_start_matches('#').is_empty() {
        (Link::default_link(), None)
    } else {
        match link::decode_current(&hash) {
            Ok(l) => (l, None),
            Err(e) => {
                let mut fallback = Link::default_link();
                fallback.lang = link::lang_of(&hash);
                (fallback, Some(e))
            }
        }
    };
    link.showing.embed |= embed_query;
    link.autoplay |= autoplay_query;
    (link, problem)
}

/// The address's fragment, `#` included.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Keep the address bar in step with the scenario, without reloads or history entries.
pub fn replace_fragment(link: &Link) {
    let Some(w) = window() else { return };
    let fragment = format!("#{}", link::encode(link));
    if w.location().hash().ok().as_deref() == Some(fragment.as_str()) {
        return;
    }
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
    }
}

/// The page's address without query or fragment.
fn base_url() -> String {
    let Some(w) = window() else {
        return String::new();
    };
    let l = w.location();
    format!(
        "{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

pub fn share_url(link: &Link) -> String {
    let mut full = link.clone();
    full.showing.embed = false;
    format!("{}#{}", base_url(), link::encode(&full))
}

/// The code a teacher pastes: the frame, at `height` px to start with (what
/// this scenario needs), and embed.js, which then sizes it to its content.
pub fn embed_snippet(link: &Link, title: &str, height: u32) -> String {
    let mut embedded = link.clone();
    embedded.showing.embed = true;
    let src = format!("{}?embed#{}", base_url(), link::encode(&embedded));
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    // embed.js sits beside the page, whatever the page's own file name.
    let base = base_url();
    let folder = base.rfind('/').map_or(base.as_str(), |i| &base[..=i]);
    let script = format!("{folder}embed.js");
    format!(
        r#"<iframe class="synack" src="{src}" title="synack: {title}" width="100%" height="{height}" style="border:0;max-width:960px" loading="lazy"></iframe>
<!-- embed.js sizes the frame to its content; without it the frame keeps the height above -->
<script src="{script}" async></script>"#
    )
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}
