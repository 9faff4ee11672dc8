//! The segment arrows: the bulk of the diagram's elements, written as markup
//! by the core (`diagram::page_svg::segments`) and set in whole. A component
//! of its own with cheap-to-compare props, so a playback frame (which only
//! moves the cursor) never rewrites them. Clicks and keys are listened for
//! once, on the group, and find their segment by its `data-seg`.

use crate::diagram::page_svg::{self, Drawn};
use crate::diagram::Diagram;
use crate::i18n::Lang;
use crate::trace::Trace;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    pub diagram: Rc<Diagram>,
    pub trace: Rc<Trace>,
    pub selected: Option<String>,
    pub lang: Lang,
    /// The visible slice and how many segments a waiting question leaves.
    pub drawn: Drawn,
    pub on_select: Callback<String>,
    pub on_drop: Callback<String>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.diagram, &other.diagram)
            && Rc::ptr_eq(&self.trace, &other.trace)
            && self.selected == other.selected
            && self.lang == other.lang
            && self.drawn.window == other.drawn.window
            && self.drawn.segments == other.drawn.segments
            && self.on_select == other.on_select
            && self.on_drop == other.on_drop
    }
}

/// The segment (its `<g data-seg>`) an event happened in, and its name.
fn segment_of(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, String)> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let seg = el.closest("[data-seg]").ok()??;
    let id = seg.get_attribute("data-seg")?;
    Some((seg, id))
}

/// Enter or Space on a segment opens the choice: Drop in the inspector takes
/// the focus once it has rendered (the inspector does it if its module loads
/// later).
fn focus_drop_when_drawn() {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(body) = document.as_ref().and_then(|d| d.body()) {
        let _ = body.set_attribute(super::inspector::FOCUS_DROP, "");
    }
    let focus_drop = wasm_bindgen::closure::Closure::once_into_js(move || {
        let button = document
            .as_ref()
            .and_then(|d| {
                d.query_selector(".inspector [data-action=\"drop\"]")
                    .ok()
                    .flatten()
            })
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
            if let Some(body) = document.as_ref().and_then(|d| d.body()) {
                let _ = body.remove_attribute(super::inspector::FOCUS_DROP);
            }
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(focus_drop.unchecked_ref());
    }
}

/// Moves the focus to a segment; `scroll`: brought into view, as walking
/// with the arrow keys wants. Giving a redrawn segment its focus back must
/// not scroll (a phone has just been scrolled to the inspector under it).
fn focus(el: Option<web_sys::Element>, scroll: bool) {
    if let Some(svg) = el.and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(!scroll);
        let _ = svg.focus_with_options(&options);
    }
}

#[component]
pub fn SegmentsLayer(props: &Props) -> Html {
    let markup = page_svg::segments(
        &props.diagram,
        &props.trace,
        props.lang,
        props.drawn,
        props.selected.as_deref(),
    );
    let group = use_node_ref();
    // The segment that had the focus: new markup replaces its element, so
    // once it is in place the same segment takes the focus back (clicking
    // one selects it and redraws the layer; walking with ↓ scrolls a long
    // trace's slice).
    let focused = use_mut_ref(|| None::<(web_sys::Element, String)>);
    {
        let (group, focused) = (group.clone(), focused.clone());
        use_effect(move || {
            let lost = focused.borrow().as_ref().and_then(|(el, id)| {
                let document = web_sys::window()?.document()?;
                let body: Option<web_sys::Element> = document.body().map(Into::into);
                let nothing_focused = document.active_element().is_none_or(|a| Some(a) == body);
                (!el.is_connected() && nothing_focused).then(|| id.clone())
            });
            if let Some(id) = lost {
                let selector = format!("[data-seg=\"{id}\"]");
                let again = group
                    .cast::<web_sys::Element>()
                    .and_then(|g| g.query_selector(&selector).ok().flatten());
                *focused.borrow_mut() = again.clone().map(|el| (el, id));
                focus(again, false);
            }
        });
    }
    let onfocusin = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| *focused.borrow_mut() = segment_of(e.target()))
    };
    let onclick = {
        let select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((_, id)) = segment_of(e.target()) {
                select.emit(id);
            }
        })
    };
    let onkeydown = {
        let (select, drop) = (props.on_select.clone(), props.on_drop.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some((seg, id)) = segment_of(e.target()) else {
                return;
            };
            match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    e.stop_propagation();
                    select.emit(id);
                    focus_drop_when_drawn();
                }
                "d" => {
                    e.stop_propagation();
                    drop.emit(id);
                }
                // ↓ / ↑ walk the segments in time order.
                "ArrowDown" => {
                    e.prevent_default();
                    e.stop_propagation();
                    focus(seg.next_element_sibling(), true);
                }
                "ArrowUp" => {
                    e.prevent_default();
                    e.stop_propagation();
                    focus(seg.previous_element_sibling(), true);
                }
                _ => {}
            }
        })
    };
    html! {
        <g ref={group} class="segments" {onclick} {onkeydown} {onfocusin}>
            { Html::from_html_unchecked(AttrValue::from(markup)) }
        </g>
    }
}
