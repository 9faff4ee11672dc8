//! What moves on the sequence diagram (the cursor line, the grey of what is
//! to come, the dots in flight) and the hosts above it, for the page's own
//! diagram and for presenter mode's stage (`present=1`), which the module
//! loaded on first use draws whole: presenter mode is for a lecture hall,
//! and the grey's placement alone cost every first load 1.2 KB gzipped.

use super::units::{Escaped, Px};
use super::{boxes, drawn_label, page_svg, Diagram, TOP};
use crate::i18n::{t, Lang, Word};
use crate::scenario::Host;
use crate::trace::Trace;
use std::fmt::Write;

/// How far the story has got: the cursor, a question that waits on an event,
/// and the events and segments shown (`page::AppState` works these out; the
/// page hands it to presenter mode's stage as it is).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moment {
    pub cursor: u64,
    pub hide_from: Option<usize>,
    pub events: usize,
    pub segments: usize,
}

/// Where the cursor line is drawn. At the very end it sits below everything
/// rather than on the last label; while a question waits on event h, just
/// under where h would be drawn, below the labels of what came before.
pub fn cursor_y(d: &Diagram, trace: &Trace, m: &Moment) -> f64 {
    match m.hide_from {
        Some(h) => d
            .timeline
            .event_y
            .get(h)
            .map_or(d.timeline.end_y, |y| y + 18.0),
        None if m.cursor >= trace.end_ms => d.timeline.end_y,
        None => d.timeline.y_at(m.cursor),
    }
}

/// How tall the drawing is: while a question waits, it ends a little below
/// the cursor, so nothing further shows and an embedded frame is only as
/// tall as the story so far.
pub fn view_height(d: &Diagram, m: &Moment, cursor_y: f64) -> f64 {
    match m.hide_from {
        Some(_) => (cursor_y + 24.0).min(d.height),
        None => d.height,
    }
}

/// The `<svg>`'s classes: a waiting question, a frame narrower than the
/// wide one, a phone's. (The page's own diagram sets the same ones with
/// Yew's `classes!`, which costs its first load less.)
pub fn svg_classes(d: &Diagram, m: &Moment) -> String {
    let mut classes = String::from("sequence");
    if m.hide_from.is_some() {
        classes.push_str(" quiz-hidden");
    }
    if d.frame.width < super::frame::WIDE {
        classes.push_str(" fitted");
    }
    if d.frame.phone {
        classes.push_str(" phone");
    }
    classes
}

/// Where the cursor line runs: between the lifelines only, since across the
/// columns beside them it would strike through their words (CLOSED and
/// connect() at 0 ms).
pub fn cursor_span(d: &Diagram) -> (f64, f64) {
    (
        d.lane(Host::Client) - boxes::BAND_HALF,
        d.lane(Host::Server) + boxes::BAND_HALF,
    )
}

/// The segments on the wire at the cursor, where they are: a dropped one
/// vanishes where its arrow stops (the layout says when).
pub fn in_flight(d: &Diagram, m: &Moment) -> Vec<(f64, f64)> {
    d.segments
        .iter()
        .take(m.segments)
        .filter(|s| s.sent_ms <= m.cursor && m.cursor < s.ends_ms)
        .map(|s| {
            let f = (m.cursor - s.sent_ms) as f64 / (s.ends_ms - s.sent_ms).max(1) as f64;
            (s.x1 + (s.x2 - s.x1) * f, s.y1 + (s.y2 - s.y1) * f)
        })
        .collect()
}

/// The diagram's name for a screen reader, its arrowheads, each host's name
/// and port (`ports`, client first), and the two lifelines.
pub fn head(d: &Diagram, lang: Lang, ports: &[String; 2]) -> String {
    let mut o = format!(
        r#"<title id="seq-title">{}</title><desc id="seq-desc">{}</desc>{}"#,
        Escaped(t(lang, Word::DiagramTitle)),
        Escaped(t(lang, Word::DiagramDesc)),
        page_svg::DEFS
    );
    for (host, word) in [
        (Host::Client, Word::HostClient),
        (Host::Server, Word::HostServer),
    ] {
        let x = Px(d.lane(host));
        let _ = write!(
            o,
            r#"<text class="host-title" x="{x}" y="26" text-anchor="middle">{}</text><text class="host-port" x="{x}" y="44" text-anchor="middle">{}</text>"#,
            Escaped(t(lang, word)),
            Escaped(&ports[host as usize])
        );
    }
    for host in [Host::Client, Host::Server] {
        let x = Px(d.lane(host));
        let _ = write!(
            o,
            r#"<line class="lifeline" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
            Px(TOP),
            Px(d.timeline.end_y)
        );
    }
    o
}

/// How far above the next event's row the presenter's grey begins: clear of
/// the tallest words set on a row (a state, a call, a time).
const PRESENT_ROW_CLEARANCE: f64 = 12.0;

/// Where the presenter's grey begins: just above the next event's row (or
/// above the words of a segment still to come that reach higher), never
/// above the words of a segment already sent, and never through any words:
/// where it would cut a label it moves below it.
pub fn mask_y(d: &Diagram, trace: &Trace, lang: Lang, m: &Moment, cursor_y: f64) -> f64 {
    let next = trace.events.iter().position(|e| e.t > m.cursor);
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
        .take(m.segments)
        .filter(|s| s.lines > 0)
        .map(|s| {
            let text = drawn_label(s, &trace.segments[s.index], lang);
            let rows = boxes::segment_quad(s, &text, &d.frame).y_range();
            (s.sent_ms <= m.cursor, pad(rows))
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

/// Presenter mode's diagram, whole, as one `<svg>`: the presenter steps
/// from event to event, so the grey of what is to come starts just above
/// the next event's row, the step the caption explains is drawn whole (the
/// arrow it sent, its label), and no row of words is cut by the grey's edge.
pub fn stage(d: &Diagram, trace: &Trace, lang: Lang, m: &Moment, ports: &[String; 2]) -> String {
    let cursor_y = cursor_y(d, trace, m);
    let mask_y = match m.hide_from {
        None => mask_y(d, trace, lang, m, cursor_y),
        Some(_) => cursor_y,
    };
    let height = view_height(d, m, cursor_y);
    let drawn = page_svg::Drawn {
        window: (f64::MIN, f64::MAX),
        events: m.events,
        segments: m.segments,
    };
    let mut o = format!(
        r#"<svg class="{}" viewBox="0 0 {} {}" role="group" aria-labelledby="seq-title seq-desc">"#,
        svg_classes(d, m),
        Px(d.width),
        Px(height)
    );
    o.push_str(&head(d, lang, ports));
    o.push_str(&page_svg::marks(d, lang, drawn));
    o.push_str(&page_svg::segments(d, trace, lang, drawn, None));
    let _ = write!(
        o,
        r#"<rect class="future-mask" x="0" y="{}" width="{}" height="{}"/>"#,
        Px(mask_y),
        Px(d.width),
        Px((d.height - mask_y).max(0.0))
    );
    let (x1, x2) = cursor_span(d);
    let _ = write!(
        o,
        r#"<line class="cursor" x1="{}" x2="{}" y1="{}" y2="{}"/>"#,
        Px(x1),
        Px(x2),
        Px(cursor_y),
        Px(cursor_y)
    );
    for (x, y) in in_flight(d, m) {
        let _ = write!(
            o,
            r#"<circle class="in-flight" cx="{}" cy="{}" r="5"/>"#,
            Px(x),
            Px(y)
        );
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{layout, View};
    use crate::scenario::presets;

    fn laid(name: &str) -> (Trace, Diagram) {
        let trace = crate::run(&presets::by_name(name).unwrap());
        let d = layout(&trace, &View::default());
        (trace, d)
    }

    fn at(cursor: u64) -> Moment {
        Moment {
            cursor,
            hide_from: None,
            events: usize::MAX,
            segments: usize::MAX,
        }
    }

    #[test]
    fn the_cursor_line_sits_at_its_time_below_everything_at_the_end_and_under_a_waiting_question() {
        let (trace, d) = laid("handshake");
        assert_eq!(cursor_y(&d, &trace, &at(trace.end_ms)), d.timeline.end_y);
        let c1 = trace.segments[0].sent;
        assert_eq!(cursor_y(&d, &trace, &at(c1)), d.timeline.y_at(c1));
        let waiting = Moment {
            hide_from: Some(2),
            ..at(0)
        };
        assert_eq!(cursor_y(&d, &trace, &waiting), d.timeline.event_y[2] + 18.0);
    }

    #[test]
    fn a_segment_on_the_wire_is_a_dot_part_way_along_its_arrow() {
        let (trace, d) = laid("handshake");
        let syn = &d.segments[0];
        let halfway = (syn.sent_ms + syn.ends_ms) / 2;
        let dots = in_flight(&d, &at(halfway));
        assert_eq!(dots.len(), 1, "only the SYN is on the wire");
        let f = (halfway - syn.sent_ms) as f64 / (syn.ends_ms - syn.sent_ms) as f64;
        assert_eq!(
            dots[0],
            (
                syn.x1 + (syn.x2 - syn.x1) * f,
                syn.y1 + (syn.y2 - syn.y1) * f
            )
        );
        // Nothing is in flight before the first send or once all have arrived.
        assert!(in_flight(&d, &at(trace.end_ms)).is_empty());
    }

    #[test]
    fn the_head_names_both_hosts_with_their_ports_escaped() {
        let (_, d) = laid("handshake");
        let ports = [":50000".to_string(), ":80 <b>".to_string()];
        let head = head(&d, Lang::En, &ports);
        assert!(head.starts_with(r#"<title id="seq-title">"#), "{head}");
        let client = Px(d.lane(Host::Client));
        assert!(head.contains(&format!(
            r#"<text class="host-title" x="{client}" y="26" text-anchor="middle">Client</text><text class="host-port" x="{client}" y="44" text-anchor="middle">:50000</text>"#
        )));
        assert!(head.contains(">:80 &lt;b&gt;</text>"));
        assert_eq!(head.matches(r#"<line class="lifeline""#).count(), 2);
    }

    /// The grey's top never lies inside a label's rows, at any step of any
    /// preset, never above the cursor, and never above a sent segment's label.
    #[test]
    fn the_presenter_s_grey_cuts_no_words_at_any_step_of_any_preset() {
        for preset in presets::PRESETS.iter().filter(|p| p.name != "stress") {
            let (trace, d) = laid(preset.name);
            for event in &trace.events {
                let m = at(event.t);
                let cursor = cursor_y(&d, &trace, &m);
                let y = mask_y(&d, &trace, Lang::En, &m, cursor);
                assert!(y >= cursor, "{} at {}", preset.name, event.t);
                for s in d.segments.iter().filter(|s| s.lines > 0) {
                    let text = drawn_label(s, &trace.segments[s.index], Lang::En);
                    let (top, bottom) = boxes::segment_quad(s, &text, &d.frame).y_range();
                    assert!(
                        !(top - 6.0 < y && y < bottom + 6.0),
                        "{} at {} ms: the grey at {y} cuts {}'s label ({top}..{bottom})",
                        preset.name,
                        event.t,
                        s.id
                    );
                    if s.sent_ms <= event.t {
                        assert!(
                            y >= bottom + 6.0,
                            "{} at {}: {} is sent",
                            preset.name,
                            event.t,
                            s.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_stage_is_the_whole_diagram_with_the_grey_the_cursor_and_the_dots() {
        let (trace, d) = laid("lost-syn");
        let syn = &d.segments[0];
        let m = at((syn.sent_ms + syn.ends_ms) / 2);
        let ports = [":50000".to_string(), ":80".to_string()];
        let svg = stage(&d, &trace, Lang::Zh, &m, &ports);
        assert!(
            svg.starts_with(r#"<svg class="sequence" viewBox="0 0 1040 "#),
            "{}",
            &svg[..80]
        );
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(">客户端</text>"));
        assert_eq!(
            svg.matches("<g class=\"seg ").count(),
            d.segments.len(),
            "every segment"
        );
        let cursor = cursor_y(&d, &trace, &m);
        let grey = mask_y(&d, &trace, Lang::Zh, &m, cursor);
        assert!(svg.contains(&format!(
            r#"<rect class="future-mask" x="0" y="{}""#,
            Px(grey)
        )));
        assert!(svg.contains(&format!(r#"y1="{}" y2="{}"/>"#, Px(cursor), Px(cursor))));
        assert_eq!(svg.matches(r#"<circle class="in-flight""#).count(), 1);
        // A waiting question: the drawing ends just under it, greyed from the cursor.
        let waiting = Moment {
            hide_from: Some(3),
            events: 3,
            segments: 1,
            ..m
        };
        let svg = stage(&d, &trace, Lang::En, &waiting, &ports);
        let cursor = cursor_y(&d, &trace, &waiting);
        assert!(svg.starts_with(r#"<svg class="sequence quiz-hidden""#));
        assert!(svg.contains(&format!(
            r#"viewBox="0 0 1040 {}""#,
            Px((cursor + 24.0).min(d.height))
        )));
        assert!(svg.contains(&format!(
            r#"<rect class="future-mask" x="0" y="{}""#,
            Px(cursor)
        )));
        assert_eq!(
            svg.matches("<g class=\"seg ").count(),
            1,
            "only what the question leaves"
        );
    }
}
