//! An embedded page telling the page around it how tall it is. The words
//! each course platform understands (synack's `synack:height`, Canvas's
//! `lti.frameResize`, H5P's resizer protocol) are spoken by static/frame.js,
//! which boot.js loads only inside a frame (`synackFrameHeight`): it costs
//! the page's wasm nothing, and a page not in a frame does not load it.

/// Tell the page around the frame how tall the embedded app is.
pub fn post_height(height: f64) {
    crate::ui::boot::call("synackFrameHeight", height.into());
}
