//! The editor module, imported on first use: `synack-editor.js` and its
//! wasm are not part of the first load (see index.html and BENCHMARKS.md).

use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{Lang, Word};

/// The language the page shows, as `<html lang>` says (the App sets it):
/// what goes wrong with the module is said in it, by the page and by the
/// module alike.
pub fn page_lang() -> Lang {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    match lang.as_deref() {
        Some(l) if l.starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// `word` in the page's language.
pub fn said(word: Word) -> String {
    crate::i18n::t(page_lang(), word).to_string()
}

const EDITOR_MODULE: &str = "./synack-editor.js";
const EDITOR_STYLES: &str = "./editor.css";

/// Loads a stylesheet beside the module, in parallel with it.
fn add_stylesheet(href: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", href);
        let _ = head.append_child(&link);
    }
}

thread_local! {
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The editor module's namespace, initialised; imported once.
pub async fn editor_module() -> Result<JsValue, String> {
    if let Some(module) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(module);
    }
    let failed = |_| said(Word::ModuleUnavailable);
    add_stylesheet(EDITOR_STYLES);
    let import = crate::ui::boot::promise("synackImport", EDITOR_MODULE)
        .map_err(|_| said(Word::ModuleUnavailable))?;
    let module = JsFuture::from(import).await.map_err(failed)?;
    let init: Function = Reflect::get(&module, &"default".into())
        .map_err(failed)?
        .unchecked_into();
    let started = init.call0(&JsValue::NULL).map_err(failed)?;
    JsFuture::from(Promise::resolve(&started))
        .await
        .map_err(failed)?;
    // The module's words come from the page's packs, whole (its panels
    // show words the first pack leaves out).
    for (lang, _) in crate::i18n::pack::installed() {
        crate::ui::words::load(lang).await?;
    }
    for (lang, text) in crate::i18n::pack::installed() {
        crate::ui::words::give_module(&module, lang, text);
    }
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// The module, if it has been imported already.
pub fn loaded_module() -> Result<JsValue, String> {
    MODULE
        .with(|m| m.borrow().clone())
        .ok_or_else(|| said(Word::ModuleUnavailable))
}

/// Calls the module's exported function `name` with `args`.
pub fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = Reflect::get(module, &name.into())
        // A module without this export is another build's (a cached one).
        .map_err(|_| said(Word::ModuleMismatch))?
        .unchecked_into();
    let array: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::NULL, &array)
        .map_err(|e| e.as_string().unwrap_or_else(|| said(Word::ModuleFailed)))
}
