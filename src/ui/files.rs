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
