//! "Download for your LMS": the lesson on screen and the page's own files
//! (the build's `files.txt`, written by scripts/offline.py) as a SCORM
//! package (`crate::scorm`), made in the browser by the module loaded on
//! first use, the same zip `synack scorm` writes.

use crate::i18n::Lang;
use crate::link::{self, Link};
use crate::scorm::{self, Edition};
use wasm_bindgen_futures::JsFuture;

async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(crate::ui::boot::promise("synackFetchBytes", path)?)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| path.to_string()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The link the package launches: the page's own (its address bar follows
/// what is on screen), embedded, with its quiz on unless the teacher chose
/// kinds, never the editor.
fn package_link(lang: Lang) -> Link {
    let mut link =
        link::decode_current(&crate::ui::url::fragment()).unwrap_or_else(|_| Link::default_link());
    link.editor = false;
    link.showing.embed = true;
    if link.showing.quiz.is_none() {
        link.showing.quiz = Some(crate::quiz::Kinds::ALL);
    }
    link.lang.get_or_insert(lang);
    link
}

pub async fn download(edition: Edition, lang: Lang) -> Result<(), String> {
    let link = package_link(lang);
    let list = String::from_utf8_lossy(&fetch_bytes("files.txt").await?).into_owned();
    let mut files = Vec::new();
    for path in list.lines().filter(|p| !p.is_empty()) {
        files.push((path.to_string(), fetch_bytes(path).await?));
    }
    let name = link.preset.clone().unwrap_or_else(|| "lesson".into());
    let title = scorm::title(link.preset.as_deref(), link.scenario.title.as_deref(), lang);
    let fragment = format!("#{}", link::encode(&link));
    let zip = scorm::package(edition, &name, &title, &fragment, files).map_err(|e| e.message())?;
    crate::ui::export::save_bytes(
        &zip,
        "application/zip",
        &format!("synack-{name}-scorm-{}.zip", edition.as_str()),
    );
    Ok(())
}
