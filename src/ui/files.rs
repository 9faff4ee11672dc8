//! Reading a file the user chose or dropped.

/// The text of `file`, if it is not too large to be a scenario.
pub fn read_file(file: web_sys::File, reply: impl FnOnce(Result<String, String>) + 'static) {
    let limit = crate::scenario::file::MAX_FILE_BYTES as f64;
    if file.size() > limit {
        reply(Err(format!(
            "the file is {} KB, over the limit of {} KB for a scenario",
            (file.size() / 1024.0).ceil(),
            limit / 1024.0
        )));
        return;
    }
    yew::platform::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        reply(
            text.ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| "the file could not be read".to_string()),
        );
    });
}

/// Reads a capture or script file the user chose or dropped, then hands its
/// bytes to the page's reducer (the state holds bytes and a name, never a
/// browser `File`, so it is tested natively). Too large a file is refused
/// before it is read, in the page's language.
pub fn open_capture_file(
    file: web_sys::File,
    lang: crate::i18n::Lang,
    dispatch: yew::Callback<crate::page::Action>,
) {
    use crate::capture::{CaptureError, MAX_FILE_BYTES};
    use crate::page::{Action, OpenedFile};
    if file.size() > MAX_FILE_BYTES as f64 {
        let why = CaptureError::TooLarge(file.size() as usize).message(lang);
        let error = crate::i18n::t(lang, "capture.error");
        dispatch.emit(Action::Notice(format!("{}: {error}: {why}", file.name())));
        return;
    }
    yew::platform::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => dispatch.emit(Action::OpenCaptureFile(OpenedFile {
                name: file.name(),
                bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
            })),
            Err(_) => {
                let error = crate::i18n::t(lang, "capture.error");
                dispatch.emit(Action::Notice(format!("{}: {error}", file.name())));
            }
        }
    });
}
