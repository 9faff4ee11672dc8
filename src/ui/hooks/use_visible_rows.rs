//! Which vertical slice of the diagram is on screen, in diagram units, so the
//! view creates SVG elements only for what can be seen (a 1,000-segment trace
//! is 20,000 units tall; a screen shows about 1,000).
//!
//! Only a big diagram is sliced. A lesson's few dozen segments are all drawn,
//! so printing, find-in-page and walking the arrows with ↓ / ↑ see every one,
//! and what is drawn never depends on how tall the window is.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Re-render only when the view moved by more than this many diagram units.
const STEP: f64 = 150.0;

/// From how many segments the diagram is sliced: below it, creating every
/// arrow costs less than a frame (see BENCHMARKS.md, "drop → repaint").
pub const SLICE_FROM_SEGMENTS: usize = 200;

/// Everything: what an unsliced diagram shows.
pub const ALL_ROWS: (f64, f64) = (f64::MIN, f64::MAX);

/// Whether a diagram of this many segments is drawn only where it is on screen.
pub fn sliced(segments: usize) -> bool {
    segments >= SLICE_FROM_SEGMENTS
}

#[hook]
pub fn use_visible_rows(svg: NodeRef, diagram_height: f64, segments: usize) -> (f64, f64) {
    let range = use_state(|| ALL_ROWS);
    {
        let range = range.clone();
        use_effect_with(
            (diagram_height, sliced(segments)),
            move |&(diagram_height, slice)| {
                let watch = if slice {
                    Some(ScrollWatch::start(svg, diagram_height, range))
                } else {
                    if *range != ALL_ROWS {
                        range.set(ALL_ROWS);
                    }
                    None
                };
                move || drop(watch)
            },
        );
    }
    *range
}

/// Listens to scrolling and resizing while a big diagram is shown; stops on drop.
struct ScrollWatch {
    window: Option<web_sys::Window>,
    listener: Closure<dyn Fn()>,
    _settle: gloo_timers::callback::Timeout,
}

impl ScrollWatch {
    fn start(svg: NodeRef, diagram_height: f64, range: UseStateHandle<(f64, f64)>) -> Self {
        let measure = move || {
            let (Some(window), Some(el)) = (web_sys::window(), svg.cast::<web_sys::Element>())
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
            let _ = w.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
        }
        ScrollWatch {
            window,
            listener,
            _settle: settle,
        }
    }
}

impl Drop for ScrollWatch {
    fn drop(&mut self) {
        if let Some(w) = &self.window {
            let f = self.listener.as_ref().unchecked_ref();
            let _ = w.remove_event_listener_with_callback_and_bool("scroll", f, true);
            let _ = w.remove_event_listener_with_callback("resize", f);
        }
    }
}
