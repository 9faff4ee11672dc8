//! Helpers that boot.js defines (scripts/boot_extras.js) for the page to call:
//! what costs the wasm glue is done there in plain JavaScript.

/// `globalThis[name]`, if boot.js defined it as a function.
fn boot_function(name: &str) -> Option<js_sys::Function> {
    let f = js_sys::Reflect::get(&js_sys::global(), &name.into()).ok()?;
    wasm_bindgen::JsCast::dyn_into(f).ok()
}

/// Calls `globalThis[name](arg)` if boot.js defined it (a page built
/// without it, as in the component tests, simply does without).
pub fn call(name: &str, arg: wasm_bindgen::JsValue) {
    if let Some(f) = boot_function(name) {
        let _ = f.call1(&js_sys::global(), &arg);
    }
}

/// The promise `globalThis[name](arg)` returns, or why there is none (a page
/// built without boot.js).
pub fn promise(name: &str, arg: &str) -> Result<js_sys::Promise, String> {
    let f = boot_function(name).ok_or_else(|| format!("boot.js did not define {name}"))?;
    let value = f.call1(&js_sys::global(), &arg.into()).map_err(|e| {
        e.as_string()
            .unwrap_or_else(|| format!("{name}({arg}) failed"))
    })?;
    wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(value)
        .map_err(|_| format!("{name}({arg}) gave no promise"))
}
