//! Helpers that boot.js defines (scripts/boot_extras.js) for the page to call:
//! what costs the wasm glue is done there in plain JavaScript.

/// Calls `globalThis[name](arg)` if boot.js defined it (a page built
/// without it, as in the component tests, simply does without).
pub fn call(name: &str, arg: wasm_bindgen::JsValue) {
    let global = js_sys::global();
    if let Ok(f) = js_sys::Reflect::get(&global, &name.into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call1(&global, &arg);
        }
    }
}

/// The promise `globalThis[name](arg)` returns, or why there is none (a page
/// built without boot.js).
pub fn promise(name: &str, arg: &str) -> Result<js_sys::Promise, String> {
    let global = js_sys::global();
    let f = js_sys::Reflect::get(&global, &name.into()).unwrap_or_default();
    let f = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f)
        .ok_or_else(|| format!("boot.js did not define {name}"))?;
    let value = f.call1(&global, &arg.into()).map_err(|e| {
        e.as_string()
            .unwrap_or_else(|| format!("{name}({arg}) failed"))
    })?;
    wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(value)
        .map_err(|_| format!("{name}({arg}) gave no promise"))
}
