//! The segment arrows: the bulk of the diagram's elements, written as markup
//! by the core (`diagram::page_svg::segments`) and set in whole. A component
//! of its own with cheap-to-compare props, so a playback frame (which only
//! moves the cursor) never rewrites them. Clicks and keys are listened for
//! once, on the group, and find their segment by its `data-seg`.

use crate::diagram::page_svg::{self, Drawn};
use crate::diagram::Diagram;
use crate::i18n::Lang;
use crate::trace::Trace;
use crate::ui::hooks::use_kept_focus::{focus, keyed, use_kept_focus};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    pub diagram: Rc<Diagram>,
    pub trace: Rc<Trace>,
    pub selected: Option<String>,
    pub lang: Lang,
    /// The words installed (`i18n::pack::epoch`): drawn again when they change.
    pub words: u32,
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
            && self.words == other.words
            && self.drawn.window == other.drawn.window
            && self.drawn.segments == other.drawn.segments
            && self.on_select == other.on_select
            && self.on_drop == other.on_drop
    }
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
    // Clicking a segment selects it and redraws the layer; walking with ↓
    // scrolls a long trace's slice: the segment keeps the focus.
    let kept = use_kept_focus(group.clone(), "data-seg");
    let (onfocusin, onfocusout) = (kept.focusin, kept.focusout);
    let onclick = {
        let select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((_, id)) = keyed(e.target(), "data-seg") {
                select.emit(id);
            }
        })
    };
    let onkeydown = {
        let (select, drop) = (props.on_select.clone(), props.on_drop.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some((seg, id)) = keyed(e.target(), "data-seg") else {
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
        <g ref={group} class="segments" {onclick} {onkeydown} {onfocusin} {onfocusout}>
            { Html::from_html_unchecked(AttrValue::from(markup)) }
        </g>
    }
}
