//! The sequence diagram: the layout's shapes as SVG, plus the playback cursor.

use super::segments_layer::SegmentsLayer;
use crate::diagram::page_svg::{self, Drawn};
use crate::diagram::px;
use crate::diagram::{present, Diagram};
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

/// What the diagram prints under `host`'s name: its port (or address), its
/// stack, and whether the script plays it.
pub fn ports(state: &AppState, host: Host) -> String {
    let lang = state.lang;
    let port = state.scenario.host(host).port;
    let text = crate::diagram::endpoint_text(&state.trace, host, port, lang);
    if state.trace.script_side == Some(host) {
        format!("{text} · {}", t(lang, Word::ScriptSide))
    } else {
        text
    }
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
    let moment = state.moment();
    let cursor_y = present::cursor_y(d, trace, &moment);
    let view_height = present::view_height(d, &moment, cursor_y);
    let (cursor_x1, cursor_x2) = present::cursor_span(d);
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
    let in_flight = present::in_flight(d, &moment).into_iter().map(|(x, y)| {
        html! { <circle class="in-flight" cx={px(x)} cy={px(y)} r="5" /> }
    });
    let ports = [Host::Client, Host::Server].map(|h| ports(state, h));
    let head = Html::from_html_unchecked(AttrValue::from(present::head(d, lang, &ports)));
    let words = crate::i18n::pack::epoch();
    // (The classes of `present::svg_classes`, through Yew's `classes!`: 285 B
    // less of the first load than building that String here.)
    html! {
        <div class="diagram-scroll">
        <svg ref={svg_ref} class={classes!("sequence", state.hide_from.map(|_| "quiz-hidden"), (d.frame.width < crate::diagram::frame::WIDE).then_some("fitted"), d.frame.phone.then_some("phone"))} viewBox={format!("0 0 {} {}", px(d.width), px(view_height))} role="group"
             aria-labelledby="seq-title seq-desc" data-trace-len={d.trace_len.to_string()}>
            { head }
            <Marks diagram={Rc::clone(d)} {lang} {words} {drawn} />
            <SegmentsLayer diagram={Rc::clone(d)} trace={Rc::clone(trace)} selected={state.selected.clone()} {lang} {words} {drawn} {on_select} {on_drop} />
            <rect class="future-mask" x="0" y={px(cursor_y)} width={px(d.width)} height={px((d.height - cursor_y).max(0.0))} />
            <line class="cursor" x1={px(cursor_x1)} x2={px(cursor_x2)} y1={px(cursor_y)} y2={px(cursor_y)} />
            { for in_flight }
        </svg>
        </div>
    }
}
