//! The diagram as a standalone SVG document: styles inside, no external
//! references, one `<g data-seg>` per segment. Used by "Export SVG" in the app
//! and by `synack render`, so slides built from scripts match the page.

use super::{escape, px, Arrowhead, Diagram, TOP};
use crate::i18n::Word;
use crate::i18n::{t, Lang};
use crate::scenario::Host;
use crate::trace::Trace;
use std::fmt::Write;

pub const STYLE: &str = "
text{font-family:'DejaVu Sans','Noto Sans','Noto Sans CJK SC','Helvetica Neue',Arial,sans-serif;fill:#1b2333}
.mono{font-family:'DejaVu Sans Mono','Noto Sans Mono CJK SC',Menlo,Consolas,monospace}
.host{font-size:17px;font-weight:700}.port{font-size:13px;fill:#5b6578}.tick{font-size:12px;fill:#5b6578}
.life{stroke:#d5dae4;stroke-width:2}.state{font-size:13px;font-weight:700;letter-spacing:.02em}.call{font-size:13px;fill:#2456d6}
.seg line{stroke:#1b2333;stroke-width:1.8}.seg text{font-size:13px;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.dropped line{stroke:#c62828;stroke-dasharray:6 4}.dropped text{fill:#c62828}
.delayed line{stroke:#b45309;stroke-dasharray:1 4;stroke-width:2.6;stroke-linecap:round}.delayed text{fill:#b45309}
.retx line{stroke:#6d28d9;stroke-width:2.6}.retx text{fill:#6d28d9;font-weight:700}
.old line{stroke:#7c6f00;stroke-dasharray:10 3 2 3}.old text{fill:#7c6f00;font-style:italic}
.lost line{stroke:#c62828;stroke-dasharray:7 3}.lost text{fill:#c62828}.hatch{fill:url(#h)}
.timer path{fill:none;stroke:#6d28d9;stroke-width:1.5}.timer text{font-size:13px;fill:#6d28d9;font-weight:600}
.brk path{fill:none;stroke:#5b6578;stroke-width:1.5}.brk text{font-size:13px;fill:#5b6578}
";

fn host_title(lang: Lang, host: Host) -> &'static str {
    t(lang, host.word())
}

/// A complete SVG file for `diagram` (laid out from `trace`).
pub fn standalone(diagram: &Diagram, trace: &Trace, lang: Lang, ports: (u16, u16)) -> String {
    let d = diagram;
    let mut o = String::with_capacity(400 * d.segments.len() + 4000);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="t d" data-trace-len="{n}">"#,
        w = px(d.width),
        h = px(d.height),
        n = d.trace_len
    );
    let _ = write!(
        o,
        r#"<title id="t">{}</title><desc id="d">{}</desc>"#,
        t(lang, Word::DiagramTitle),
        t(lang, Word::DiagramDesc)
    );
    let _ = write!(o, "<style>{STYLE}{}</style>", super::colours::svg_rules());
    o.push_str(r##"<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1b2333"/></marker><marker id="r" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#6d28d9"/></marker><marker id="y" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#b45309"/></marker><pattern id="h" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="#ffffff" opacity=".55"/></pattern></defs>"##);
    let _ = write!(o, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    for (host, port) in [(Host::Client, ports.0), (Host::Server, ports.1)] {
        let x = px(d.lane(host));
        let _ = write!(
            o,
            r#"<text class="host" x="{x}" y="26" text-anchor="middle">{}</text><text class="port mono" x="{x}" y="44" text-anchor="middle">{}</text><line class="life" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
            host_title(lang, host),
            escape(&crate::diagram::endpoint_text(trace, host, port, lang)),
            px(TOP),
            px(d.timeline.end_y)
        );
    }
    for tk in &d.ticks {
        let _ = write!(
            o,
            r#"<text class="tick mono" x="{}" y="{}" text-anchor="end">{}</text>"#,
            px(super::boxes::TICK_X),
            px(tk.y + 4.0),
            d.clock.text(tk.t)
        );
    }
    for b in &d.bands {
        let _ = write!(
            o,
            r#"<rect class="{}" x="{}" y="{}" width="12" height="{}"/>"#,
            b.state.name(),
            px(d.lane(b.host) - 6.0),
            px(b.y1),
            px((b.y2 - b.y1).max(0.0))
        );
        // Inferred from a capture, not simulated: hatched.
        if d.inferred {
            let _ = write!(
                o,
                r#"<rect class="hatch" x="{}" y="{}" width="12" height="{}"/>"#,
                px(d.lane(b.host) - 6.0),
                px(b.y1),
                px((b.y2 - b.y1).max(0.0))
            );
        }
    }
    for b in &d.breaks {
        let mid = (b.y1 + b.y2) / 2.0;
        o.push_str(r#"<g class="brk">"#);
        for host in [Host::Client, Host::Server] {
            let _ = write!(
                o,
                r#"<path d="{}"/>"#,
                super::boxes::zigzag_path(d.lane(host), mid)
            );
        }
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
            px((d.lane(Host::Client) + d.lane(Host::Server)) / 2.0),
            px(mid + 4.0),
            b.label(lang)
        );
    }
    for b in &d.timers {
        let inward = if b.host == Host::Client { 1.0 } else { -1.0 };
        let tick = b.tick_x();
        let (label, ly) = (b.label(lang), b.label_y);
        let _ = write!(
            o,
            r#"<g class="timer"><path d="M{t} {y1} H{x} V{y2} H{t}"/><text x="{lx}" y="{ly}" text-anchor="{a}">{label}</text></g>"#,
            t = px(tick),
            y1 = px(b.y1),
            x = px(b.x),
            y2 = px(b.y2),
            lx = px(b.x + inward * 6.0),
            ly = px(ly),
            a = if b.host == Host::Client {
                "start"
            } else {
                "end"
            }
        );
    }
    for l in &d.state_labels {
        let _ = write!(
            o,
            r#"<text class="state" data-host="{}" data-state="{s}" x="{}" y="{}" text-anchor="{}">{s}</text>"#,
            l.host.name(),
            px(l.x),
            px(l.y),
            if l.host == Host::Client {
                "end"
            } else {
                "start"
            },
            s = l.state.name()
        );
    }
    for c in &d.calls {
        let _ = write!(
            o,
            r#"<text class="call mono" x="{}" y="{}" text-anchor="{}">{}</text>"#,
            px(c.x),
            px(c.y),
            if c.host == Host::Client {
                "end"
            } else {
                "start"
            },
            escape(&c.what.text(lang))
        );
    }
    for s in &d.segments {
        let rec = &trace.segments[s.index];
        let mut class = vec!["seg", s.fate.as_str()];
        class.extend(s.traits(false));
        let marker = match s.arrowhead() {
            Arrowhead::None => "",
            Arrowhead::Retransmitted => r#" marker-end="url(#r)""#,
            Arrowhead::Late => r#" marker-end="url(#y)""#,
            Arrowhead::Plain => r#" marker-end="url(#a)""#,
        };
        let label = crate::diagram::drawn_label(s, rec, lang);
        // Rows after the first as tspans, where the layout set the label on more than one.
        let mut rows = String::new();
        for (k, row) in super::label_rows(&label, s.lines).into_iter().enumerate() {
            if k == 0 {
                rows.push_str(&escape(row));
            } else {
                let dy = super::row_dy(k) - super::row_dy(k - 1);
                let _ = write!(
                    rows,
                    r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                    px(s.label_x),
                    px(dy),
                    escape(row)
                );
            }
        }
        // A long trace leaves out a label that found no place.
        let text = if rows.is_empty() {
            String::new()
        } else {
            format!(
                r#"<text class="mono" x="{lx}" y="{ly}" text-anchor="middle" transform="rotate({} {lx} {ly})">{rows}</text>"#,
                px(s.angle),
                lx = px(s.label_x),
                ly = px(s.label_y),
            )
        };
        let _ = write!(
            o,
            r#"<g class="{}" data-seg="{}" data-fate="{}"><line x1="{}" y1="{}" x2="{}" y2="{}"{marker}/>{}"#,
            class.join(" "),
            s.id,
            s.fate.as_str(),
            px(s.x1),
            px(s.y1),
            px(s.x2),
            px(s.y2),
            text,
        );
        if let Some((x, y)) = s.vanish_point() {
            let _ = write!(
                o,
                r#"<text x="{}" y="{}" text-anchor="middle" font-weight="800" font-size="16">✕</text>"#,
                px(x),
                px(y)
            );
        }
        o.push_str("</g>");
    }
    o.push_str("</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{layout, View};
    use crate::scenario::presets;

    #[test]
    fn export_has_one_group_per_segment_and_no_external_references() {
        let s = presets::by_name("lost-syn").unwrap();
        let trace = crate::run(&s);
        let d = layout(&trace, &View::default());
        let svg = standalone(&d, &trace, Lang::En, (52528, 80));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("<g class=\"seg").count(), trace.segments.len());
        assert!(svg.contains(r#"data-seg="c1" data-fate="dropped""#));
        assert!(svg.contains(">c2 SYN seq=1000 ↻c1</text>"));
        assert!(!svg.contains("href") && !svg.contains("@import") && !svg.contains("url(http"));
    }
}
