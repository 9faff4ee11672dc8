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

thread_local! {
    /// The capture or script file the user chose last. The page's state holds
    /// only its name (`page::OpenedFile`); the file itself is an effect's
    /// business: the module loaded on first use reads it, so the first load
    /// carries no code to read or copy it (up to 64 MB) for nothing.
    static CHOSEN: std::cell::RefCell<Option<web_sys::File>> = const { std::cell::RefCell::new(None) };
}

/// A capture or script file chosen or dropped: kept for its panel, and
/// named to the page's reducer.
pub fn open_capture_file(file: web_sys::File, dispatch: yew::Callback<crate::page::Action>) {
    let name = file.name();
    CHOSEN.with(|c| *c.borrow_mut() = Some(file));
    dispatch.emit(crate::page::Action::OpenCaptureFile(
        crate::page::OpenedFile { name },
    ));
}

/// The file last chosen, for the module to read.
pub fn chosen_file() -> Option<web_sys::File> {
    CHOSEN.with(|c| c.borrow().clone())
}
