//! Which vertical slice of the diagram is on screen, in diagram units, so the
//! view creates SVG elements only for what can be seen (a 1,000-segment trace
//! is 20,000 units tall; a screen shows about 1,000).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Re-render only when the view moved by more than this many diagram units.
const STEP: f64 = 150.0;

#[hook]
pub fn use_visible_rows(svg: NodeRef, diagram_height: f64) -> (f64, f64) {
    let range = use_state(|| (0.0, f64::MAX));
    {
        let range = range.clone();
        let svg = svg.clone();
        use_effect_with(diagram_height, move |_| {
            let measure = {
                let range = range.clone();
                move || {
                    let (Some(window), Some(el)) =
                        (web_sys::window(), svg.cast::<web_sys::Element>())
                    else {
                        return;
                    };
                    let rect = el.get_bounding_client_rect();
                    let viewport = window
                        .inner_height()
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(1000.0);
                    if rect.height() <= 0.0 {
                        return;
                    }
                    let scale = rect.height() / diagram_height;
                    // Half a screen of margin above and below, so scrolling never shows a gap.
                    let top = (-rect.top() - viewport / 2.0) / scale;
                    let bottom = (viewport * 1.5 - rect.top()) / scale;
                    let (old_top, old_bottom) = *range;
                    if (top - old_top).abs() > STEP || (bottom - old_bottom).abs() > STEP {
                        range.set((top, bottom));
                    }
                }
            };
            // Measuring forces a layout; after a render it waits until the browser
            // has laid the page out anyway, so a repaint never pays for it twice.
            let settle = gloo_timers::callback::Timeout::new(60, measure.clone());
            let listener = Closure::<dyn Fn()>::new(measure);
            let window = web_sys::window();
            if let Some(w) = &window {
                // Capturing, so the page's inner scroller (which does not bubble
                // its scroll events) is heard as well as the window.
                let _ = w.add_event_listener_with_callback_and_bool(
                    "scroll",
                    listener.as_ref().unchecked_ref(),
                    true,
                );
                let _ =
                    w.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
            }
            move || {
                drop(settle);
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback_and_bool(
                        "scroll",
                        listener.as_ref().unchecked_ref(),
                        true,
                    );
                    let _ = w.remove_event_listener_with_callback(
                        "resize",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    *range
}
