//! The sequence diagram: the layout's shapes as SVG, plus the playback cursor.

use super::segments_layer::SegmentsLayer;
use crate::diagram::page_svg::{self, Drawn};
use crate::diagram::px;
use crate::diagram::Diagram;
use crate::diagram::TOP;
use crate::i18n::t;
use crate::i18n::Lang;
use crate::i18n::Word;
use crate::scenario::{Fault, Host};
use crate::ui::state::{Action, AppState};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

pub use crate::diagram::seconds;

/// How far above the next event's row the presenter's grey begins: clear of
/// the tallest words set on a row (a state, a call, a time).
const PRESENT_ROW_CLEARANCE: f64 = 12.0;

/// Where the presenter's grey begins: just above the next event's row (or
/// above the words of a segment still to come that reach higher), never
/// above the words of a segment already sent, and never through any words:
/// where it would cut a label it moves below it.
fn presenter_mask_y(state: &AppState, cursor_y: f64) -> f64 {
    use crate::diagram::boxes;
    let (d, trace, lang) = (&state.diagram, &state.trace, state.lang);
    let next = trace.events.iter().position(|e| e.t > state.cursor);
    let mut y = next
        .and_then(|k| d.timeline.event_y.get(k))
        .map_or(cursor_y, |&next_y| next_y - PRESENT_ROW_CLEARANCE);
    // Every word's rows, and whether it is a segment's already sent. (The
    // presenter sets labels at 14 units, larger than the layout measures
    // them, and a glyph box reaches above the letters: 6 units of room.)
    let pad = |(top, bottom): (f64, f64)| (top - 6.0, bottom + 6.0);
    let mut words: Vec<(bool, (f64, f64))> = d
        .segments
        .iter()
        .take(state.segments_shown())
        .filter(|s| s.lines > 0)
        .map(|s| {
            let text = crate::diagram::drawn_label(s, &trace.segments[s.index], lang);
            let rows = boxes::segment_quad(s, &text, &d.frame).y_range();
            (s.sent_ms <= state.cursor, pad(rows))
        })
        .collect();
    let others = boxes::lifeline_labels(d, lang)
        .into_iter()
        .map(|(_, q)| q)
        .chain((0..d.timers.len()).map(|i| boxes::timer_quad(d, i, d.timers[i].label_y, lang)))
        .chain((0..d.breaks.len()).map(|i| boxes::break_quad(d, i, lang)));
    words.extend(others.map(|q| (false, pad(q.y_range()))));
    for &(_, (top, bottom)) in words.iter().filter(|(sent, _)| !sent) {
        if top < y && y < bottom {
            y = top;
        }
    }
    for &(_, (_, bottom)) in words.iter().filter(|(sent, _)| *sent) {
        y = y.max(bottom);
    }
    y = y.max(cursor_y);
    // Below whatever it still cuts, until it cuts nothing.
    while let Some(&(_, (_, bottom))) = words
        .iter()
        .find(|(_, (top, bottom))| *top < y && y < *bottom)
    {
        y = bottom;
    }
    y
}

#[derive(Properties)]
struct MarksProps {
    diagram: Rc<Diagram>,
    lang: Lang,
    /// The words installed (`i18n::pack::epoch`).
    words: u32,
    drawn: Drawn,
}

impl PartialEq for MarksProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.diagram, &other.diagram)
            && self.lang == other.lang
            && self.words == other.words
            && self.drawn.window == other.drawn.window
            && self.drawn.events == other.drawn.events
    }
}

/// The lifelines' bands, states, calls, timers and breaks, and the time
/// column: written by the core, redrawn only when the diagram changes, the
/// view scrolls a long trace, or the cursor passes an event.
#[component]
fn Marks(props: &MarksProps) -> Html {
    let markup = page_svg::marks(&props.diagram, props.lang, props.drawn);
    Html::from_html_unchecked(AttrValue::from(markup))
}

#[component]
pub fn SequenceDiagram(props: &Props) -> Html {
    let state = &props.state;
    let d = &state.diagram;
    let trace = &state.trace;
    let lang = state.lang;
    let svg_ref = use_node_ref();
    let (view_top, view_bottom) = crate::ui::hooks::use_visible_rows::use_visible_rows(
        svg_ref.clone(),
        d.height,
        d.segments.len(),
    );
    // At the very end the cursor sits below everything rather than on the last label.
    let cursor_y = if let Some(h) = state.hide_from {
        // A question waits on event h: the view ends just under where it
        // would be drawn, below the labels of what came just before.
        d.timeline
            .event_y
            .get(h)
            .map_or(d.timeline.end_y, |y| y + 18.0)
    } else if state.cursor >= trace.end_ms {
        d.timeline.end_y
    } else {
        d.timeline.y_at(state.cursor)
    };

    // A presenter steps from event to event: the grey of what is to come
    // starts just above the next event's row, so the step the caption
    // explains is drawn whole (the arrow it sent, its label) and no row of
    // words is cut through by the grey's edge.
    let mask_y = match (state.showing.present, state.hide_from) {
        (true, None) => presenter_mask_y(state, cursor_y),
        _ => cursor_y,
    };
    // While a question waits, the drawing ends a little below it: nothing
    // further is shown, and an embedded frame is only as tall as the story so far.
    let view_height = match state.hide_from {
        Some(_) => (cursor_y + 24.0).min(d.height),
        None => d.height,
    };
    let on_select = {
        let state = state.clone();
        use_callback((), move |id: String, _| {
            state.dispatch(Action::Select(Some(id)))
        })
    };
    let on_drop = {
        let state = state.clone();
        use_callback((), move |id: String, _| {
            state.dispatch(Action::SetFault {
                id,
                fault: Some(Fault::Drop),
            })
        })
    };
    // While a quiz question waits, what its step would show is left out.
    let drawn = Drawn {
        window: (view_top, view_bottom),
        events: state.events_shown(),
        segments: state.segments_shown(),
    };

    // Segments on the wire at the cursor, drawn where they are.
    let in_flight = d.segments.iter().take(drawn.segments).filter_map(|s| {
        // A dropped segment vanishes where its arrow stops (the layout says when).
        let end = s.ends_ms;
        (s.sent_ms <= state.cursor && state.cursor < end).then(|| {
            let f = (state.cursor - s.sent_ms) as f64 / (end - s.sent_ms).max(1) as f64;
            let (x, y) = (s.x1 + (s.x2 - s.x1) * f, s.y1 + (s.y2 - s.y1) * f);
            html! { <circle class="in-flight" cx={px(x)} cy={px(y)} r="5" /> }
        })
    });

    let ports = |h: Host| {
        let text = crate::diagram::endpoint_text(trace, h, state.scenario.host(h).port, state.lang);
        if trace.script_side == Some(h) {
            format!("{text} · {}", t(state.lang, Word::ScriptSide))
        } else {
            text
        }
    };
    let end_y = d.timeline.end_y;
    let words = crate::i18n::pack::epoch();
    html! {
        <div class="diagram-scroll">
        <svg ref={svg_ref} class={classes!("sequence", state.hide_from.map(|_| "quiz-hidden"), (d.frame.width < crate::diagram::frame::WIDE).then_some("fitted"), d.frame.phone.then_some("phone"))} viewBox={format!("0 0 {} {}", px(d.width), px(view_height))} role="group"
             aria-labelledby="seq-title seq-desc" data-trace-len={d.trace_len.to_string()}>
            <title id="seq-title">{ t(lang, Word::DiagramTitle) }</title>
            <desc id="seq-desc">{ t(lang, Word::DiagramDesc) }</desc>
            { Html::from_html_unchecked(AttrValue::Static(page_svg::DEFS)) }
            <text class="host-title" x={px(d.lane(Host::Client))} y="26" text-anchor="middle">{ t(lang, Word::HostClient) }</text>
            <text class="host-port" x={px(d.lane(Host::Client))} y="44" text-anchor="middle">{ ports(Host::Client) }</text>
            <text class="host-title" x={px(d.lane(Host::Server))} y="26" text-anchor="middle">{ t(lang, Word::HostServer) }</text>
            <text class="host-port" x={px(d.lane(Host::Server))} y="44" text-anchor="middle">{ ports(Host::Server) }</text>
            <line class="lifeline" x1={px(d.lane(Host::Client))} y1={px(TOP)} x2={px(d.lane(Host::Client))} y2={px(end_y)} />
            <line class="lifeline" x1={px(d.lane(Host::Server))} y1={px(TOP)} x2={px(d.lane(Host::Server))} y2={px(end_y)} />
            <Marks diagram={Rc::clone(d)} {lang} {words} {drawn} />
            <SegmentsLayer diagram={Rc::clone(d)} trace={Rc::clone(trace)} selected={state.selected.clone()} {lang} {words} {drawn} {on_select} {on_drop} />
            <rect class="future-mask" x="0" y={px(mask_y)} width={px(d.width)} height={px((d.height - mask_y).max(0.0))} />
            // Between the lifelines only: across the columns beside them it
            // would strike through their words (CLOSED and connect() at 0 ms).
            <line class="cursor" x1={px(d.lane(Host::Client) - crate::diagram::boxes::BAND_HALF)} x2={px(d.lane(Host::Server) + crate::diagram::boxes::BAND_HALF)} y1={px(cursor_y)} y2={px(cursor_y)} />
            { for in_flight }
        </svg>
        </div>
    }
}
