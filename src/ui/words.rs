//! The page's words arrive as a language pack (`i18n::pack`): the one shown
//! before the first draw, another when the user switches. The build names
//! each pack by its content and boot.js tells the page where they are
//! (`globalThis.synackWords = { en: "./words-en-….txt", … }`).

use crate::i18n::{pack, Lang, Word};
use crate::ui::state::{Action, AppState};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::UseReducerDispatcher;

/// Where the build put `lang`'s pack.
fn pack_path(lang: Lang) -> Option<String> {
    let paths = Reflect::get(&js_sys::global(), &"synackWords".into()).ok()?;
    Reflect::get(&paths, &lang.code().into()).ok()?.as_string()
}

/// Installs `lang`'s pack in the page, and in the module if it is loaded.
pub async fn load(lang: Lang) -> Result<(), String> {
    if pack::is_installed(lang) {
        return Ok(());
    }
    let path = pack_path(lang).ok_or_else(|| format!("no words for '{}'", lang.code()))?;
    // boot.js fetches it, or has started to already.
    let text = JsFuture::from(crate::ui::boot::promise("synackFetchText", &path)?)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| path.clone()))?
        .as_string()
        .unwrap_or_default();
    pack::install(lang, &text).map_err(|e| format!("{path}: {}", e.why()))?;
    if let Ok(module) = crate::ui::lazy::loaded_module() {
        give_module(&module, lang, &text);
    }
    Ok(())
}

/// The module reads the page's words from the same packs.
pub fn give_module(module: &JsValue, lang: Lang, text: &str) {
    let _ = crate::ui::lazy::call(module, "install_words", &[lang.code().into(), text.into()]);
}

/// Dispatches `action` once `lang`'s words are here, so whatever it draws
/// is in that language; if they cannot be loaded, it is dispatched anyway
/// (drawn in the language already shown) with a notice saying why.
pub fn dispatch_in(lang: Lang, dispatcher: UseReducerDispatcher<AppState>, action: Action) {
    if pack::is_installed(lang) {
        return dispatcher.dispatch(action);
    }
    yew::platform::spawn_local(async move {
        let loaded = load(lang).await;
        dispatcher.dispatch(action);
        if let Err(why) = loaded {
            // (In the language already shown: `t` falls back to a pack it has.)
            let words = crate::i18n::t(lang, Word::WordsUnavailable);
            dispatcher.dispatch(Action::Notice(format!("{words}: {why}")));
        }
    });
}
