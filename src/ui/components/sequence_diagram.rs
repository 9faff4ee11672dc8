//! The sequence diagram: the layout's shapes as SVG, plus the playback cursor.

use super::segments_layer::SegmentsLayer;
use crate::diagram::px;
use crate::diagram::TOP;
use crate::i18n::t;
use crate::i18n::Word;
use crate::scenario::{Fault, Host};
use crate::ui::state::{Action, AppState};
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
    let on_screen = |a: f64, b: f64| a.max(b) >= view_top && a.min(b) <= view_bottom;
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
    // States inferred from a capture are hatched, never passed off as simulated.
    // While a quiz question waits, what its step would show is left out.
    let shown = |event: Option<usize>| event.is_none_or(|i| state.shown(i));
    let bands = d.bands.iter().filter(|b| shown(b.event)).map(|b| {
        let (x, y, h) = (px(d.lane(b.host) - 6.0), px(b.y1), px((b.y2 - b.y1).max(0.0)));
        html! { <>
            <rect class={classes!("band", format!("st-{}", b.state.name()))} x={x.clone()} y={y.clone()} width="12" height={h.clone()} />
            if d.inferred { <rect class="band-hatch" data-inferred="true" {x} {y} width="12" height={h} /> }
        </> }
    });
    let state_labels = d.state_labels.iter().filter(|l| on_screen(l.y, l.y) && shown(l.event)).map(|l| {
        let anchor = if l.host == Host::Client { "end" } else { "start" };
        html! { <text class="state-label" data-host={l.host.name()} data-state={l.state.name()} x={px(l.x)} y={px(l.y)} text-anchor={anchor}>{ l.state.name() }</text> }
    });
    let calls = d.calls.iter().filter(|c| on_screen(c.y, c.y) && shown(Some(c.event))).map(|c| {
        let anchor = if c.host == Host::Client {
            "end"
        } else {
            "start"
        };
        if d.frame.phone {
            // Under the state label: the call, and what it returned under it.
            let (call, said) = c.what.lines(lang);
            return html! { <text class="call" x={px(c.x)} y={px(c.y)} text-anchor={anchor}>{ call }<tspan x={px(c.x)} dy="14">{ said }</tspan></text> };
        }
        html! { <text class="call" x={px(c.x)} y={px(c.y)} text-anchor={anchor}>{ c.what.text(lang) }</text> }
    });
    // Timer brackets sit just inside each lifeline (towards the other host),
    // clear of the state labels outside it.
    let timers = d.timers.iter().filter(|b| on_screen(b.y1, b.y2)).map(|b| {
        let inward = if b.host == Host::Client { 1.0 } else { -1.0 };
        let tick = b.tick_x();
        let path = format!(
            "M{t} {y1} H{x} V{y2} H{t}",
            t = px(tick),
            y1 = px(b.y1),
            x = px(b.x),
            y2 = px(b.y2)
        );
        let label = b.label(lang);
        let lx = b.x + inward * 6.0;
        let ly = b.label_y;
        let anchor = if b.host == Host::Client {
            "start"
        } else {
            "end"
        };
        let class = classes!("timer", format!("timer-{}", b.timer.as_str()));
        html! {
            <g class={class}>
                <path d={path} />
                <text x={px(lx)} y={px(ly)} text-anchor={anchor}>{ label }</text>
            </g>
        }
    });
    // A break is marked by a zigzag across each lifeline and says how much time it hides.
    let breaks = d.breaks.iter().map(|b| {
        let mid = (b.y1 + b.y2) / 2.0;
        let zigzag = |centre: f64| crate::diagram::boxes::zigzag_path(centre, mid);
        let x = px((d.lane(Host::Client) + d.lane(Host::Server)) / 2.0);
        let (first, second) = b.label_baselines(d.frame.phone);
        let (time, word) = b.label_rows(lang);
        html! {
            <g class="time-break">
                <path d={zigzag(d.lane(Host::Client))} />
                <path d={zigzag(d.lane(Host::Server))} />
                if d.frame.phone {
                    <text x={x.clone()} y={px(first)} text-anchor="middle">{ time }<tspan x={x} dy={px(second - first)}>{ word }</tspan></text>
                } else {
                    <text {x} y={px(first)} text-anchor="middle">{ b.label(lang) }</text>
                }
            </g>
        }
    });
    // A phone has no time column: the clock under the diagram says the time.
    let ticks = d.ticks.iter().filter(|tk| !d.frame.phone && on_screen(tk.y, tk.y)).map(|tk| {
        html! {
            <text class="tick" x={px(crate::diagram::boxes::TICK_X)} y={px(tk.y + 4.0)} text-anchor="end">{ d.clock.text(tk.t) }</text>
        }
    });

    // Segments on the wire at the cursor, drawn where they are.
    let shown = state.segments_shown();
    let in_flight = d.segments.iter().take(shown).filter_map(|s| {
        // A dropped segment vanishes where its arrow stops (the layout says when).
        let end = s.ends_ms;
        (s.sent_ms <= state.cursor && state.cursor < end).then(|| {
            let f = (state.cursor - s.sent_ms) as f64 / (end - s.sent_ms).max(1) as f64;
            let (x, y) = (s.x1 + (s.x2 - s.x1) * f, s.y1 + (s.y2 - s.y1) * f);
            html! { <circle class="in-flight" cx={px(x)} cy={px(y)} r="5" /> }
        })
    });

    // A replay: the capture's segments drawn faintly under the model's (the layout places them).
    let underlay = d.underlay.iter().map(|l| {
        html! { <line class="underlay" data-underlay={l.id.clone()} x1={px(l.x1)} y1={px(l.y1)} x2={px(l.x2)} y2={px(l.y2)} /> }
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
    html! {
        <div class="diagram-scroll">
        <svg ref={svg_ref} class={classes!("sequence", state.hide_from.map(|_| "quiz-hidden"), (d.frame.width < crate::diagram::frame::WIDE).then_some("fitted"), d.frame.phone.then_some("phone"))} viewBox={format!("0 0 {} {}", px(d.width), px(view_height))} role="group"
             aria-labelledby="seq-title seq-desc" data-trace-len={d.trace_len.to_string()}>
            <title id="seq-title">{ t(lang, Word::DiagramTitle) }</title>
            <desc id="seq-desc">{ t(lang, Word::DiagramDesc) }</desc>
            <defs>
                <marker id="arrow" class="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" /></marker>
                <marker id="arrow-retx" class="arrowhead retx" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" /></marker>
                <marker id="arrow-delayed" class="arrowhead delayed" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" /></marker>
                <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-stripe" width="3" height="6" /></pattern>
            </defs>
            <text class="host-title" x={px(d.lane(Host::Client))} y="26" text-anchor="middle">{ t(lang, Word::HostClient) }</text>
            <text class="host-port" x={px(d.lane(Host::Client))} y="44" text-anchor="middle">{ ports(Host::Client) }</text>
            <text class="host-title" x={px(d.lane(Host::Server))} y="26" text-anchor="middle">{ t(lang, Word::HostServer) }</text>
            <text class="host-port" x={px(d.lane(Host::Server))} y="44" text-anchor="middle">{ ports(Host::Server) }</text>
            <line class="lifeline" x1={px(d.lane(Host::Client))} y1={px(TOP)} x2={px(d.lane(Host::Client))} y2={px(end_y)} />
            <line class="lifeline" x1={px(d.lane(Host::Server))} y1={px(TOP)} x2={px(d.lane(Host::Server))} y2={px(end_y)} />
            { for ticks }
            { for underlay }
            { for bands }
            { for breaks }
            { for timers }
            { for state_labels }
            { for calls }
            <SegmentsLayer diagram={std::rc::Rc::clone(d)} trace={std::rc::Rc::clone(trace)} selected={state.selected.clone()} {lang}
                numbering={state.showing.numbering} {shown} window={(view_top.max(-1e12) as i64, view_bottom.min(1e12) as i64)} {on_select} {on_drop} />
            <rect class="future-mask" x="0" y={px(mask_y)} width={px(d.width)} height={px((d.height - mask_y).max(0.0))} />
            // Between the lifelines only: across the columns beside them it
            // would strike through their words (CLOSED and connect() at 0 ms).
            <line class="cursor" x1={px(d.lane(Host::Client) - crate::diagram::boxes::BAND_HALF)} x2={px(d.lane(Host::Server) + crate::diagram::boxes::BAND_HALF)} y1={px(cursor_y)} y2={px(cursor_y)} />
            { for in_flight }
        </svg>
        </div>
    }
}
