//! Traditional Chinese in the page: the converter module (hant-*.js, written
//! by scripts/hant_js.py) turns the Simplified text the page draws into
//! Traditional while it runs. boot.js loads and starts it (before the first
//! draw when the link or the browser asks for Traditional); the page says
//! when the language changes, through boot.js's `synackSetHant`.

/// Traditional characters on (loading the converter the first time) or off
/// (the page's Simplified text given back).
pub fn set(on: bool) {
    crate::ui::boot::call("synackSetHant", on.into());
}
