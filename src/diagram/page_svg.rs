//! The page's sequence diagram as SVG markup, written by the core and set
//! into the page whole. Yew building the same elements one by one (some 240
//! of them for a lesson, each attribute a call into the browser) was most of
//! a phone's start (BENCHMARKS.md, "the phone budget"); markup is parsed by
//! the browser in one go, and this writer is smaller in the wasm than the
//! view code it replaced. The page keeps what moves (the cursor, the grey of
//! what is to come, the dots in flight) as its own elements, and listens for
//! clicks and keys once, on the segments' group (`segments_layer.rs`).
//!
//! The classes are the page's stylesheet's (`static/style.css`), not the
//! standalone export's (`svg.rs`), which carries its own styles.

use super::boxes::{segment_quad, zigzag_path, TICK_X};
use super::units::{Escaped, Px};
use super::{drawn_label, label_rows, row_dy, Arrowhead, Diagram, SegmentShape};
use crate::i18n::{t, Lang};
use crate::scenario::Host;
use crate::trace::{Clock, Trace};
use std::fmt::Write;

/// The arrowheads (plain, a retransmission's, a late segment's) and the
/// hatching of states inferred from a capture.
pub const DEFS: &str = concat!(
    r#"<defs><marker id="arrow" class="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z"/></marker>"#,
    r#"<marker id="arrow-retx" class="arrowhead retx" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z"/></marker>"#,
    r#"<marker id="arrow-delayed" class="arrowhead delayed" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z"/></marker>"#,
    r#"<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch-stripe" width="3" height="6"/></pattern></defs>"#
);

/// Which part of the diagram is drawn: the rows on screen (in diagram units)
/// and how far the story has got.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drawn {
    /// Rows from `window.0` to `window.1` (a long trace is drawn only where
    /// it is on screen; everything is `(f64::MIN, f64::MAX)`).
    pub window: (f64, f64),
    /// Events (by index, from the first) shown: later ones are ahead of the
    /// cursor, or held back by a waiting question.
    pub events: usize,
    /// Segments (by index, from the first) drawn: a waiting question holds
    /// back the rest.
    pub segments: usize,
}

impl Drawn {
    fn on_screen(&self, a: f64, b: f64) -> bool {
        a.max(b) >= self.window.0 && a.min(b) <= self.window.1
    }

    fn event(&self, event: Option<usize>) -> bool {
        event.is_none_or(|i| i < self.events)
    }
}

fn anchor_outward(host: Host) -> &'static str {
    if host == Host::Client {
        "end"
    } else {
        "start"
    }
}

/// Everything drawn along and beside the lifelines, under the arrows: the
/// time column, a replay's capture underneath, the state bands, the breaks in
/// time, the timers' brackets, the state names and the calls.
pub fn marks(d: &Diagram, lang: Lang, drawn: Drawn) -> String {
    let mut o = String::with_capacity(160 * (d.bands.len() + d.calls.len() + d.ticks.len()) + 256);
    // A phone has no time column: the clock under the diagram says the time.
    for tk in d
        .ticks
        .iter()
        .filter(|tk| !d.frame.phone && drawn.on_screen(tk.y, tk.y))
    {
        let _ = write!(
            o,
            r#"<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>"#,
            Px(TICK_X),
            Px(tk.y + 4.0),
            d.clock.text(tk.t)
        );
    }
    for l in &d.underlay {
        let _ = write!(
            o,
            r#"<line class="underlay" data-underlay="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            Escaped(&l.id),
            Px(l.x1),
            Px(l.y1),
            Px(l.x2),
            Px(l.y2)
        );
    }
    // States inferred from a capture are hatched, never passed off as simulated.
    for b in d.bands.iter().filter(|b| drawn.event(b.event)) {
        let (x, y, h) = (
            Px(d.lane(b.host) - 6.0),
            Px(b.y1),
            Px((b.y2 - b.y1).max(0.0)),
        );
        let _ = write!(
            o,
            r#"<rect class="band st-{}" x="{x}" y="{y}" width="12" height="{h}"/>"#,
            b.state.name()
        );
        if d.inferred {
            let _ = write!(
                o,
                r#"<rect class="band-hatch" data-inferred="true" x="{x}" y="{y}" width="12" height="{h}"/>"#
            );
        }
    }
    // A break is marked by a zigzag across each lifeline and says how much time it hides.
    for b in &d.breaks {
        let mid = (b.y1 + b.y2) / 2.0;
        let x = Px((d.lane(Host::Client) + d.lane(Host::Server)) / 2.0);
        let _ = write!(
            o,
            r#"<g class="time-break"><path d="{}"/><path d="{}"/>"#,
            zigzag_path(d.lane(Host::Client), mid),
            zigzag_path(d.lane(Host::Server), mid)
        );
        let (first, second) = b.label_baselines(d.frame.phone);
        if d.frame.phone {
            let (time, word) = b.label_rows(lang);
            let _ = write!(
                o,
                r#"<text x="{x}" y="{}" text-anchor="middle">{}<tspan x="{x}" dy="{}">{}</tspan></text>"#,
                Px(first),
                Escaped(&time),
                Px(second - first),
                Escaped(word)
            );
        } else {
            let _ = write!(
                o,
                r#"<text x="{x}" y="{}" text-anchor="middle">{}</text>"#,
                Px(first),
                Escaped(&b.label(lang))
            );
        }
        o.push_str("</g>");
    }
    // Timer brackets sit just inside each lifeline (towards the other host),
    // clear of the state labels outside it.
    for b in d.timers.iter().filter(|b| drawn.on_screen(b.y1, b.y2)) {
        let inward = if b.host == Host::Client { 1.0 } else { -1.0 };
        let _ = write!(
            o,
            r#"<g class="timer timer-{}"><path d="M{t} {y1} H{x} V{y2} H{t}"/><text x="{}" y="{}" text-anchor="{}">{}</text></g>"#,
            b.timer.as_str(),
            Px(b.x + inward * 6.0),
            Px(b.label_y),
            if b.host == Host::Client {
                "start"
            } else {
                "end"
            },
            Escaped(&b.label(lang)),
            t = Px(b.tick_x()),
            y1 = Px(b.y1),
            x = Px(b.x),
            y2 = Px(b.y2),
        );
    }
    for l in d
        .state_labels
        .iter()
        .filter(|l| drawn.on_screen(l.y, l.y) && drawn.event(l.event))
    {
        let _ = write!(
            o,
            r#"<text class="state-label" data-host="{}" data-state="{s}" x="{}" y="{}" text-anchor="{}">{s}</text>"#,
            l.host.name(),
            Px(l.x),
            Px(l.y),
            anchor_outward(l.host),
            s = l.state.name()
        );
    }
    for c in d
        .calls
        .iter()
        .filter(|c| drawn.on_screen(c.y, c.y) && drawn.event(Some(c.event)))
    {
        let (x, y, anchor) = (Px(c.x), Px(c.y), anchor_outward(c.host));
        let _ = write!(
            o,
            r#"<text class="call" x="{x}" y="{y}" text-anchor="{anchor}">"#
        );
        if d.frame.phone {
            // Under the state label: the call, and what it returned under it.
            let (call, said) = c.what.lines(lang);
            let _ = write!(
                o,
                r#"{}<tspan x="{x}" dy="14">{}</tspan>"#,
                Escaped(&call),
                Escaped(&said)
            );
        } else {
            let _ = write!(o, "{}", Escaped(&c.what.text(lang)));
        }
        o.push_str("</text>");
    }
    o
}

/// What a screen reader says: the visible label first (so speech matches
/// what is seen), then direction, fate and times, e.g.
/// "c1 SYN seq=1000: client to server, dropped, sent at 0 ms".
pub fn accessible_name(lang: Lang, clock: Clock, s: &SegmentShape, visible: &str) -> String {
    let fate = t(lang, s.fate.word_key());
    let sent = clock.text(s.sent_ms);
    let arrives = s.arrives_ms.map(|at| clock.text(at));
    match lang {
        Lang::En => {
            let mut name = format!(
                "{visible}: {} to {}, {fate}, sent at {sent}",
                s.from.name(),
                s.from.peer().name()
            );
            if let Some(at) = arrives {
                let _ = write!(name, ", arrives at {at}");
            }
            name
        }
        Lang::Zh => {
            let mut name = format!(
                "{visible}：{}到{}，{fate}，{sent} 发送",
                t(lang, s.from.word()),
                t(lang, s.from.peer().word())
            );
            if let Some(at) = arrives {
                let _ = write!(name, "，{at} 到达");
            }
            name
        }
    }
}

/// The segment arrows, one `<g data-seg>` each, focusable, named for a screen
/// reader, with a wide invisible line and the label's whole box to take a
/// tap or a click.
pub fn segments(
    d: &Diagram,
    trace: &Trace,
    lang: Lang,
    drawn: Drawn,
    selected: Option<&str>,
) -> String {
    let mut o = String::with_capacity(700 * d.segments.len().min(200));
    for s in d
        .segments
        .iter()
        .take(drawn.segments)
        .filter(|s| drawn.on_screen(s.y1, s.y2))
    {
        let fate = s.fate.as_str();
        let label = drawn_label(s, &trace.segments[s.index], lang);
        let _ = write!(o, r#"<g class="seg seg-{fate}"#);
        for name in s.traits(true) {
            o.push(' ');
            o.push_str(name);
        }
        if selected == Some(s.id.as_str()) {
            o.push_str(" selected");
        }
        let (x1, y1, x2, y2) = (Px(s.x1), Px(s.y1), Px(s.x2), Px(s.y2));
        let marker = match s.arrowhead() {
            Arrowhead::None => "",
            Arrowhead::Retransmitted => r#" marker-end="url(#arrow-retx)""#,
            Arrowhead::Late => r#" marker-end="url(#arrow-delayed)""#,
            Arrowhead::Plain => r#" marker-end="url(#arrow)""#,
        };
        let _ = write!(
            o,
            r#"" data-seg="{id}" data-fate="{fate}" tabindex="0" role="button" aria-label="{}"><line class="seg-hit" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/><line class="seg-line" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"{marker}/>"#,
            Escaped(&accessible_name(lang, d.clock, s, &label)),
            id = Escaped(&s.id),
        );
        if s.lines > 0 {
            // The label's whole box takes a tap, not only its glyphs: the
            // rows of a phone's label have gaps between them.
            o.push_str(r#"<polygon class="seg-label-hit" points=""#);
            for (k, &(x, y)) in segment_quad(s, &label, &d.frame).corners.iter().enumerate() {
                let gap = if k == 0 { "" } else { " " };
                let _ = write!(o, "{gap}{},{}", Px(x), Px(y));
            }
            o.push_str(r#""/>"#);
            // On more than one row: what the segment is above the arrow, its numbers below.
            let (lx, ly) = (Px(s.label_x), Px(s.label_y));
            let _ = write!(
                o,
                r#"<text class="seg-label" x="{lx}" y="{ly}" text-anchor="middle" transform="rotate({} {lx} {ly})">"#,
                Px(s.angle)
            );
            for (k, row) in label_rows(&label, s.lines).into_iter().enumerate() {
                if k == 0 {
                    let _ = write!(o, "{}", Escaped(row));
                } else {
                    let dy = row_dy(k) - row_dy(k - 1);
                    let _ = write!(
                        o,
                        r#"<tspan x="{lx}" dy="{}">{}</tspan>"#,
                        Px(dy),
                        Escaped(row)
                    );
                }
            }
            o.push_str("</text>");
        }
        if let Some((x, y)) = s.vanish_point() {
            let _ = write!(
                o,
                r#"<text class="seg-x" x="{}" y="{}" text-anchor="middle">✕</text>"#,
                Px(x),
                Px(y)
            );
        }
        o.push_str("</g>");
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::svg;
    use crate::diagram::{layout, Frame, View};
    use crate::scenario::presets::{self, PRESETS};

    const ALL: Drawn = Drawn {
        window: (f64::MIN, f64::MAX),
        events: usize::MAX,
        segments: usize::MAX,
    };

    fn laid_out(name: &str, frame: Frame) -> (Diagram, Trace) {
        let trace = crate::run(&presets::by_name(name).unwrap());
        let d = layout(
            &trace,
            &View {
                frame,
                ..Default::default()
            },
        );
        (d, trace)
    }

    /// The page's markup as one SVG document, as the browser would hold it.
    fn document(
        d: &Diagram,
        trace: &Trace,
        lang: Lang,
        drawn: Drawn,
        selected: Option<&str>,
    ) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg">{DEFS}{}<g class="segments">{}</g></svg>"#,
            marks(d, lang, drawn),
            segments(d, trace, lang, drawn, selected)
        )
    }

    #[test]
    fn a_dropped_syn_is_one_named_focusable_group_with_its_cross() {
        let (d, trace) = laid_out("lost-syn", Frame::default());
        let markup = segments(&d, &trace, Lang::En, ALL, Some("c2"));
        assert_eq!(
            markup.matches("<g class=\"seg ").count(),
            trace.segments.len()
        );
        assert!(markup.starts_with(
            r#"<g class="seg seg-dropped" data-seg="c1" data-fate="dropped" tabindex="0" role="button" aria-label="c1 SYN seq=1000: client to server, dropped, sent at 0 ms"><line class="seg-hit" "#
        ));
        assert_eq!(markup.matches(r#"class="seg-x""#).count(), 1);
        assert!(markup.contains(r#"<g class="seg seg-delivered seg-retx selected" data-seg="c2""#));
        assert!(markup.contains(r#"marker-end="url(#arrow-retx)""#));
        assert!(markup.contains(">c2 SYN seq=1000 ↻c1</text>"));
    }

    #[test]
    fn a_waiting_question_and_the_cursor_hold_back_what_comes_later() {
        let (d, trace) = laid_out("client-close", Frame::default());
        let two = Drawn {
            segments: 2,
            events: 0,
            ..ALL
        };
        assert_eq!(
            segments(&d, &trace, Lang::En, two, None)
                .matches("data-seg=")
                .count(),
            2
        );
        // Before any event: only the states each host starts in, and no call.
        let start = marks(&d, Lang::En, two);
        let initial = d.state_labels.iter().filter(|l| l.event.is_none()).count();
        assert_eq!(start.matches(r#"class="state-label""#).count(), initial);
        assert_eq!(start.matches(r#"class="call""#).count(), 0);
        let end = marks(&d, Lang::En, ALL);
        assert_eq!(
            end.matches(r#"class="state-label""#).count(),
            d.state_labels.len()
        );
        assert_eq!(end.matches(r#"class="call""#).count(), d.calls.len());
        assert_eq!(end.matches(r#"class="band st-"#).count(), d.bands.len());
        assert_eq!(end.matches(r#"class="tick""#).count(), d.ticks.len());
    }

    #[test]
    fn only_rows_in_the_window_are_written() {
        let (d, trace) = laid_out("client-close", Frame::default());
        let (top, bottom) = (
            d.segments[2].y1.min(d.segments[2].y2),
            d.segments[2].y1.max(d.segments[2].y2),
        );
        let slice = Drawn {
            window: (top, bottom),
            ..ALL
        };
        let written: Vec<&str> = d
            .segments
            .iter()
            .filter(|s| s.y1.max(s.y2) >= top && s.y1.min(s.y2) <= bottom)
            .map(|s| s.id.as_str())
            .collect();
        assert!(written.contains(&"c2"));
        let markup = segments(&d, &trace, Lang::En, slice, None);
        assert_eq!(markup.matches("data-seg=").count(), written.len());
        let nowhere = Drawn {
            window: (-100.0, -50.0),
            ..ALL
        };
        assert_eq!(segments(&d, &trace, Lang::En, nowhere, None), "");
    }

    #[test]
    fn words_are_escaped_in_text_and_in_names() {
        let (mut d, trace) = laid_out("handshake", Frame::default());
        d.segments[0].label = r#"c1 <SYN> & "x""#.into();
        let markup = segments(&d, &trace, Lang::En, ALL, None);
        assert!(markup.contains(r#"aria-label="c1 &lt;SYN&gt; &amp; &quot;x&quot;: client"#));
        assert!(markup.contains(r#"c1 &lt;SYN&gt; &amp; &quot;x&quot;</text>"#));
    }

    /// Every preset, desktop and phone, both languages: well-formed SVG whose
    /// segment labels read exactly as the standalone export's.
    #[test]
    fn every_preset_is_well_formed_and_labelled_as_the_export() {
        for preset in PRESETS {
            for frame in [Frame::default(), Frame::fit(370.0)] {
                for lang in [Lang::En, Lang::Zh] {
                    let (d, trace) = laid_out(preset.name, frame);
                    let page = document(&d, &trace, lang, ALL, None);
                    let page = roxmltree::Document::parse(&page)
                        .unwrap_or_else(|e| panic!("{} {lang:?}: {e}", preset.name));
                    let export = svg::standalone(&d, &trace, lang, (40000, 80));
                    let export = roxmltree::Document::parse(&export).unwrap();
                    let texts = |doc: &roxmltree::Document, class: &str| -> Vec<String> {
                        doc.descendants()
                            .filter(|n| n.attribute("data-seg").is_some())
                            .map(|g| {
                                g.descendants()
                                    .filter(|n| {
                                        n.has_tag_name("text")
                                            && n.attribute("class") == Some(class)
                                    })
                                    .flat_map(|t| t.descendants().filter_map(|n| n.text()))
                                    .collect::<String>()
                            })
                            .collect()
                    };
                    assert_eq!(
                        texts(&page, "seg-label"),
                        texts(&export, "mono"),
                        "{}",
                        preset.name
                    );
                }
            }
        }
    }
}
