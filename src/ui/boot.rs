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
