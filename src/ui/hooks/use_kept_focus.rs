//! For a part of the page whose markup is set in whole (the diagram's
//! segments, the toolbar): new markup replaces the element that had the
//! focus, so once it is in place the control with the same `key` attribute
//! takes the focus back — without scrolling (a phone may just have been
//! scrolled elsewhere). Only when the focus was lost that way: a focus the
//! user moved elsewhere stays where it is.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Moves the focus to `el` (an HTML or an SVG element); `scroll`: brought
/// into view, as walking with the arrow keys wants.
pub fn focus(el: Option<web_sys::Element>, scroll: bool) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(!scroll);
    match el {
        Some(el) if el.is_instance_of::<web_sys::HtmlElement>() => {
            let _ = el
                .unchecked_into::<web_sys::HtmlElement>()
                .focus_with_options(&options);
        }
        Some(el) if el.is_instance_of::<web_sys::SvgElement>() => {
            let _ = el
                .unchecked_into::<web_sys::SvgElement>()
                .focus_with_options(&options);
        }
        _ => {}
    }
}

/// The closest element carrying `key` from an event's target, and its value.
pub fn keyed(
    target: Option<web_sys::EventTarget>,
    key: &str,
) -> Option<(web_sys::Element, String)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let found = el.closest(&format!("[{key}]")).ok()??;
    let value = found.get_attribute(key)?;
    Some((found, value))
}

/// The container's `onfocusin` and `onfocusout` listeners.
pub struct Listeners {
    pub focusin: Callback<FocusEvent>,
    pub focusout: Callback<FocusEvent>,
}

/// Returns the listeners for the part's container (`node`).
#[hook]
pub fn use_kept_focus(node: NodeRef, key: &'static str) -> Listeners {
    let focused = use_mut_ref(|| None::<(web_sys::Element, String)>);
    {
        let (node, focused) = (node.clone(), focused.clone());
        use_effect(move || {
            let lost = focused.borrow().as_ref().and_then(|(el, value)| {
                let document = web_sys::window()?.document()?;
                let body: Option<web_sys::Element> = document.body().map(Into::into);
                let nothing_focused = document.active_element().is_none_or(|a| Some(a) == body);
                (!el.is_connected() && nothing_focused).then(|| value.clone())
            });
            if let Some(value) = lost {
                let selector = format!("[{key}=\"{value}\"]");
                let again = node
                    .cast::<web_sys::Element>()
                    .and_then(|n| n.query_selector(&selector).ok().flatten());
                *focused.borrow_mut() = again.clone().map(|el| (el, value));
                focus(again, false);
            }
        });
    }
    let focusin = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| *focused.borrow_mut() = keyed(e.target(), key))
    };
    // The focus moved to something outside: this part no longer has it (a
    // removal, which has no element to move to, keeps it).
    let focusout = Callback::from(move |e: FocusEvent| {
        let outside = e
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|to| {
                !node
                    .cast::<web_sys::Node>()
                    .is_some_and(|n| n.contains(Some(&to)))
            });
        if outside {
            *focused.borrow_mut() = None;
        }
    });
    Listeners { focusin, focusout }
}
