//! The segment arrows: the bulk of the diagram's elements. A component of its
//! own with cheap-to-compare props, so a playback frame (which only moves the
//! cursor) never rebuilds them, and only the rows on screen are created.

use crate::diagram::{px, Arrowhead, Diagram, SegmentShape};
use crate::i18n::{t, Lang};
use crate::scenario::Host;
use crate::trace::Clock;
use crate::trace::Trace;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub use crate::diagram::seconds;

#[derive(Properties)]
pub struct Props {
    pub diagram: Rc<Diagram>,
    pub trace: Rc<Trace>,
    pub selected: Option<String>,
    pub lang: Lang,
    pub numbering: crate::trace::Numbering,
    /// The visible slice (top, bottom) in whole diagram units.
    pub window: (i64, i64),
    /// Segments from this index on are not drawn (a quiz question waits on one).
    pub shown: usize,
    pub on_select: Callback<String>,
    pub on_drop: Callback<String>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.diagram, &other.diagram)
            && Rc::ptr_eq(&self.trace, &other.trace)
            && self.selected == other.selected
            && self.lang == other.lang
            && self.numbering == other.numbering
            && self.window == other.window
            && self.shown == other.shown
            && self.on_select == other.on_select
            && self.on_drop == other.on_drop
    }
}

fn host_word(lang: Lang, host: Host) -> &'static str {
    t(lang, host.word())
}

/// What a screen reader says: the visible label first (so speech matches
/// what is seen), then direction, fate and times, e.g.
/// "c1 SYN seq=1000: client to server, dropped, sent at 0 ms".
fn accessible_name(lang: Lang, clock: Clock, s: &SegmentShape, visible: &str) -> String {
    let seconds = |t: u64| clock.text(t);
    let fate = t(lang, s.fate.word_key());
    let sent = seconds(s.sent_ms);
    match (lang, s.arrives_ms) {
        (Lang::En, Some(at)) => format!(
            "{visible}: {} to {}, {fate}, sent at {sent}, arrives at {}",
            s.from.name(),
            s.from.peer().name(),
            seconds(at)
        ),
        (Lang::En, None) => format!(
            "{visible}: {} to {}, {fate}, sent at {sent}",
            s.from.name(),
            s.from.peer().name()
        ),
        (Lang::Zh, Some(at)) => format!(
            "{visible}：{}到{}，{fate}，{sent} 发送，{} 到达",
            host_word(lang, s.from),
            host_word(lang, s.from.peer()),
            seconds(at)
        ),
        (Lang::Zh, None) => format!(
            "{visible}：{}到{}，{fate}，{sent} 发送",
            host_word(lang, s.from),
            host_word(lang, s.from.peer())
        ),
    }
}

#[component]
pub fn SegmentsLayer(props: &Props) -> Html {
    let (d, trace, lang) = (&props.diagram, &props.trace, props.lang);
    let (top, bottom) = (props.window.0 as f64, props.window.1 as f64);
    let on_screen = |a: f64, b: f64| a.max(b) >= top && a.min(b) <= bottom;
    let (select, drop) = (props.on_select.clone(), props.on_drop.clone());
    let segments = d.segments.iter().take(props.shown).filter(|s| on_screen(s.y1, s.y2)).map(|s| {
        let rec = &trace.segments[s.index];
        let fate = s.fate.as_str();
        let class = classes!(
            "seg",
            format!("seg-{fate}"),
            s.traits(true).collect::<Vec<_>>(),
            (props.selected.as_deref() == Some(s.id.as_str())).then_some("selected"),
        );
        let onclick = {
            let (select, id) = (select.clone(), s.id.clone());
            Callback::from(move |_: MouseEvent| select.emit(id.clone()))
        };
        let onkeydown = {
            let (select, drop, id) = (select.clone(), drop.clone(), s.id.clone());
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    e.stop_propagation();
                    select.emit(id.clone());
                    // Open the choice: focus Drop in the inspector once it has
                    // rendered (the inspector does it if its module loads later).
                    let document = web_sys::window().and_then(|w| w.document());
                    if let Some(body) = document.as_ref().and_then(|d| d.body()) {
                        let _ = body.set_attribute(super::inspector::FOCUS_DROP, "");
                    }
                    let focus_drop = wasm_bindgen::closure::Closure::once_into_js(move || {
                        let button = document.as_ref()
                            .and_then(|d| d.query_selector(".inspector [data-action=\"drop\"]").ok().flatten())
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
                "d" => {
                    e.stop_propagation();
                    drop.emit(id.clone());
                }
                // ↓ / ↑ walk the segments in time order.
                "ArrowDown" | "ArrowUp" => {
                    e.prevent_default();
                    e.stop_propagation();
                    let here = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                    let next = here.and_then(|el| {
                        if e.key() == "ArrowDown" { el.next_element_sibling() } else { el.previous_element_sibling() }
                    });
                    if let Some(svg) = next.and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok()) {
                        let _ = svg.focus();
                    }
                }
                _ => {}
            })
        };
        let marker = match s.arrowhead() {
            Arrowhead::None => None,
            Arrowhead::Retransmitted => Some("url(#arrow-retx)"),
            Arrowhead::Late => Some("url(#arrow-delayed)"),
            Arrowhead::Plain => Some("url(#arrow)"),
        };
        let label = crate::diagram::drawn_label(s, rec, lang);
        let name = accessible_name(lang, d.clock, s, &label);
        let hit_box = (s.lines > 0).then(|| {
            let q = crate::diagram::boxes::segment_quad(s, &label, &d.frame);
            q.corners.iter().map(|&(x, y)| format!("{},{}", px(x), px(y))).collect::<Vec<_>>().join(" ")
        });
        let rows: Vec<Html> = crate::diagram::label_rows(&label, s.lines).into_iter().enumerate().map(|(k, row)| {
            if k == 0 {
                html! { { row.to_string() } }
            } else {
                let dy = crate::diagram::row_dy(k) - crate::diagram::row_dy(k - 1);
                html! { <tspan x={px(s.label_x)} dy={px(dy)}>{ row.to_string() }</tspan> }
            }
        }).collect();
        let rotate = format!("rotate({} {} {})", px(s.angle), px(s.label_x), px(s.label_y));
        html! {
            <g key={s.id.clone()} class={class} data-seg={s.id.clone()} data-fate={fate} tabindex="0" role="button" aria-label={name} {onclick} {onkeydown}>
                <line class="seg-hit" x1={px(s.x1)} y1={px(s.y1)} x2={px(s.x2)} y2={px(s.y2)} />
                <line class="seg-line" x1={px(s.x1)} y1={px(s.y1)} x2={px(s.x2)} y2={px(s.y2)} marker-end={marker} />
                // The label's whole box takes a tap, not only its glyphs: the
                // rows of a phone's label have gaps between them.
                if let Some(points) = hit_box.clone() {
                    <polygon class="seg-label-hit" {points} />
                }
                // On more than one row: what the segment is above the arrow, its numbers below.
                if !rows.is_empty() {
                    <text class="seg-label" x={px(s.label_x)} y={px(s.label_y)} text-anchor="middle" transform={rotate}>
                        { for rows }
                    </text>
                }
                if let Some((x, y)) = s.vanish_point() {
                    <text class="seg-x" x={px(x)} y={px(y)} text-anchor="middle">{ "✕" }</text>
                }
            </g>
        }
    });

    html! { <g class="segments">{ for segments }</g> }
}
