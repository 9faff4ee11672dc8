//! One scenario under several stacks, side by side on one time axis: a
//! narrow column per stack (its two lifelines, their states as bands, each
//! segment an arrow with its flags), every column on the same vertical scale
//! so a retransmission 0.2 s later is 0.2 s lower. Each column is its own
//! SVG (a phone shows one at a time and swipes), all the same height.
//! Written as markup, for the module's Compare view and natively tested.

use super::timeline::{gap_px, BREAK_MS};
use super::units::{escape, px, seconds};
use crate::scenario::Host;
use crate::trace::{Fate, Trace};
use std::fmt::Write;

pub const COLUMN_W: f64 = 250.0;
const AXIS_W: f64 = 46.0;
const LANES: [f64; 2] = [AXIS_W + 40.0, COLUMN_W - 34.0];
const TOP: f64 = 58.0;
const BOTTOM: f64 = 24.0;
const BREAK_PX: f64 = 40.0;
/// Two segments a host sends at one instant are drawn this far apart.
const ROW_PX: f64 = 15.0;
const BAND_W: f64 = 8.0;
/// Where a lost segment's arrow stops, as a share of the way across.
const DROP_REACH: f64 = 0.45;

/// What is highlighted in every column: a segment (by name), or a host's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Highlight {
    Segment(String),
    State(Host, crate::tcp::State),
}

/// The shared vertical scale: each distinct time of any run, its y, and
/// how many rows of simultaneous segments it holds.
struct Axis {
    knots: Vec<(u64, f64)>,
    breaks: Vec<(f64, u64)>,
    end_y: f64,
}

impl Axis {
    fn of(traces: &[&Trace]) -> Axis {
        let mut times: Vec<u64> = traces
            .iter()
            .flat_map(|t| t.events.iter().map(|e| e.t))
            .chain(
                traces
                    .iter()
                    .flat_map(|t| t.segments.iter().filter_map(|s| s.arrives.or(Some(s.sent)))),
            )
            .collect();
        times.sort_unstable();
        times.dedup();
        // The rows an instant needs: the most segments one host of one run
        // sends then. Counted in one pass (a long transfer has thousands).
        let mut sends: std::collections::HashMap<(usize, Host, u64), usize> =
            std::collections::HashMap::new();
        for (k, t) in traces.iter().enumerate() {
            for s in &t.segments {
                *sends.entry((k, s.from, s.sent)).or_default() += 1;
            }
        }
        let mut most: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        for (&(_, _, at), &n) in &sends {
            let m = most.entry(at).or_default();
            *m = (*m).max(n);
        }
        let rows = |at: u64| most.get(&at).copied().unwrap_or(0).max(1);
        let (mut knots, mut breaks) = (Vec::new(), Vec::new());
        let mut y = TOP;
        let mut last: Option<(u64, usize)> = None;
        for t in times {
            if let Some((prev, prev_rows)) = last {
                y += (prev_rows - 1) as f64 * ROW_PX;
                let gap = t - prev;
                if gap >= BREAK_MS {
                    breaks.push((y + BREAK_PX / 2.0, gap));
                    y += BREAK_PX;
                } else {
                    y += gap_px(gap).max(6.0);
                }
            }
            knots.push((t, y));
            last = Some((t, rows(t)));
        }
        let end_y = y + last.map_or(0.0, |(_, r)| (r - 1) as f64 * ROW_PX) + BOTTOM;
        Axis {
            knots,
            breaks,
            end_y,
        }
    }

    fn y(&self, t: u64) -> f64 {
        match self.knots.binary_search_by_key(&t, |&(k, _)| k) {
            Ok(i) => self.knots[i].1,
            // A time between knots (never drawn today): the knot before it.
            Err(i) => self.knots[i.saturating_sub(1).min(self.knots.len() - 1)].1,
        }
    }
}

/// One SVG per run: `title` over it, in the order given.
pub fn columns(
    runs: &[(String, &Trace)],
    highlight: Option<&Highlight>,
    lang: crate::i18n::Lang,
) -> Vec<String> {
    let traces: Vec<&Trace> = runs.iter().map(|(_, t)| *t).collect();
    if traces.iter().all(|t| t.events.is_empty()) {
        return Vec::new();
    }
    let axis = Axis::of(&traces);
    runs.iter()
        .map(|(title, trace)| column(title, trace, &axis, highlight, lang))
        .collect()
}

fn column(
    title: &str,
    trace: &Trace,
    axis: &Axis,
    highlight: Option<&Highlight>,
    lang: crate::i18n::Lang,
) -> String {
    let h = axis.end_y;
    let mut o = String::with_capacity(300 * trace.segments.len() + 2000);
    let _ = write!(
        o,
        r#"<svg class="compare-column" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {hh}" width="{w}" height="{hh}" role="img" aria-label="{t}"><text class="cc-title" x="{mid}" y="18" text-anchor="middle">{t}</text>"#,
        w = px(COLUMN_W),
        hh = px(h),
        t = escape(title),
        mid = px((LANES[0] + LANES[1]) / 2.0),
    );
    for (host, x) in [(Host::Client, LANES[0]), (Host::Server, LANES[1])] {
        let _ = write!(
            o,
            r#"<text class="cc-host" x="{x}" y="40" text-anchor="middle">{}</text><line class="cc-life" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
            escape(crate::i18n::t(lang, host.word())),
            px(TOP),
            px(h - BOTTOM),
            x = px(x)
        );
        bands(&mut o, trace, host, x, axis, h - BOTTOM, highlight);
    }
    // The time axis, at each knot this run has (others' times stay unlabelled here).
    let mut last_label = f64::MIN;
    for &(t, y) in &axis.knots {
        if y - last_label >= 13.0 && trace.events.iter().any(|e| e.t == t) {
            let _ = write!(
                o,
                r#"<text class="cc-time" x="{}" y="{}" text-anchor="end">{}</text>"#,
                px(AXIS_W - 4.0),
                px(y + 4.0),
                seconds(t)
            );
            last_label = y;
        }
    }
    for &(y, gap) in &axis.breaks {
        let _ = write!(
            o,
            r#"<text class="cc-break" x="{}" y="{}" text-anchor="middle">≈ {}</text>"#,
            px((LANES[0] + LANES[1]) / 2.0),
            px(y + 4.0),
            seconds(gap)
        );
    }
    segments(&mut o, trace, axis, highlight);
    o.push_str("</svg>");
    o
}

/// A host's states as bands along its lifeline, each with its name as a title.
fn bands(
    o: &mut String,
    trace: &Trace,
    host: Host,
    x: f64,
    axis: &Axis,
    bottom: f64,
    highlight: Option<&Highlight>,
) {
    let changes = trace.state_changes(host);
    for (i, &(at, state)) in changes.iter().enumerate() {
        let y1 = axis.y(at);
        let y2 = changes.get(i + 1).map_or(bottom, |&(next, _)| axis.y(next));
        let hl = highlight == Some(&Highlight::State(host, state));
        let _ = write!(
            o,
            r#"<rect class="cc-band{}" data-state="{} {}" x="{}" y="{}" width="{BAND_W}" height="{}" fill="var(--st-{})"><title>{}</title></rect>"#,
            if hl { " hl" } else { "" },
            host.name(),
            state.name(),
            px(x - BAND_W / 2.0),
            px(y1),
            px((y2 - y1).max(1.0)),
            state.name().to_ascii_lowercase(),
            state.name()
        );
    }
}

/// Each segment as an arrow with its flags; a lost one stops short with ✕.
fn segments(o: &mut String, trace: &Trace, axis: &Axis, highlight: Option<&Highlight>) {
    let names = trace.names();
    let mut row_at: Vec<(Host, u64, usize)> = Vec::new();
    for (i, s) in trace.segments.iter().enumerate() {
        let row = match row_at
            .iter_mut()
            .find(|(h, t, _)| *h == s.from && *t == s.sent)
        {
            Some(entry) => {
                entry.2 += 1;
                entry.2
            }
            None => {
                row_at.push((s.from, s.sent, 0));
                0
            }
        };
        let (x1, x2) = (LANES[s.from as usize], LANES[s.from.peer() as usize]);
        let y1 = axis.y(s.sent) + row as f64 * ROW_PX;
        let lost = s.fate == Fate::Dropped;
        let (x2, y2) = match s.arrives {
            Some(at) if !lost => (x2, (axis.y(at) + row as f64 * ROW_PX).max(y1 + 4.0)),
            _ => (x1 + (x2 - x1) * DROP_REACH, y1 + 14.0),
        };
        let name = names[i].clone().unwrap_or_else(|| s.id.clone());
        let hl = highlight == Some(&Highlight::Segment(name.clone()));
        let class = match (lost, hl) {
            (true, true) => "cc-seg lost hl",
            (true, false) => "cc-seg lost",
            (false, true) => "cc-seg hl",
            (false, false) => "cc-seg",
        };
        let (lx, ly) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0 - 4.0);
        let _ = write!(
            o,
            r#"<g class="{class}" data-name="{}"><line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            escape(&name),
            px(x1),
            px(y1),
            px(x2),
            px(y2)
        );
        if lost {
            let _ = write!(
                o,
                r#"<text class="cc-x" x="{}" y="{}" text-anchor="middle">✕</text>"#,
                px(x2),
                px(y2 + 4.0)
            );
        } else {
            // The arrowhead: 8 px back along the arrow, 4 px either side.
            let (dx, dy) = (x2 - x1, y2 - y1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / len, dy / len);
            let (bx, by) = (x2 - 8.0 * ux, y2 - 8.0 * uy);
            let _ = write!(
                o,
                r#"<polygon class="cc-head" points="{},{} {},{} {},{}"/>"#,
                px(x2),
                px(y2),
                px(bx - 4.0 * uy),
                px(by + 4.0 * ux),
                px(bx + 4.0 * uy),
                px(by - 4.0 * ux)
            );
        }
        let _ = write!(
            o,
            r#"<text class="cc-flags" x="{}" y="{}" text-anchor="middle">{} {}</text><title>{} {}</title></g>"#,
            px(lx),
            px(ly),
            escape(&s.id),
            s.header.flags,
            escape(&name),
            s.header.flags
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tcp::{ProfileName, State};

    fn runs(preset: &str, profiles: &[ProfileName]) -> Vec<(String, Trace)> {
        profiles
            .iter()
            .map(|&p| {
                let mut s = crate::scenario::presets::by_name(preset).unwrap();
                s.profile = p;
                (p.as_str().to_string(), crate::run(&s))
            })
            .collect()
    }

    /// (data-name, y1 of its line, class) of each segment in a column.
    fn arrows(svg: &str) -> Vec<(String, f64, String)> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.attribute("data-name").is_some())
            .map(|g| {
                let line = g.children().find(|c| c.has_tag_name("line")).unwrap();
                (
                    g.attribute("data-name").unwrap().to_string(),
                    line.attribute("y1").unwrap().parse().unwrap(),
                    g.attribute("class").unwrap().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn every_column_shares_one_time_axis() {
        let r = runs("syn-timeout", &[ProfileName::Linux, ProfileName::FreeBsd]);
        let given: Vec<(String, &Trace)> = r.iter().map(|(n, t)| (n.clone(), t)).collect();
        let svgs = columns(&given, None, crate::i18n::Lang::En);
        assert_eq!(svgs.len(), 2);
        let height = |svg: &str| {
            let doc = roxmltree::Document::parse(svg).unwrap();
            doc.root_element().attribute("height").unwrap().to_string()
        };
        assert_eq!(height(&svgs[0]), height(&svgs[1]));
        let (linux, freebsd) = (arrows(&svgs[0]), arrows(&svgs[1]));
        let y = |a: &[(String, f64, String)], name: &str| {
            a.iter().find(|(n, _, _)| n == name).map(|&(_, y, _)| y)
        };
        // Both send the second SYN at 1 s: the same height.
        assert_eq!(y(&linux, "c.syn.2"), y(&freebsd, "c.syn.2"));
        // The third at 2 s on Linux, at 3.2 s on FreeBSD: lower there.
        assert!(y(&freebsd, "c.syn.3").unwrap() > y(&linux, "c.syn.3").unwrap());
        // Linux's third SYN (2 s) is level with no FreeBSD segment, but the
        // axis holds the moment: FreeBSD's 3.2 s is below Linux's 3 s SYN.
        assert!(y(&freebsd, "c.syn.3").unwrap() > y(&linux, "c.syn.4").unwrap());
        // Every SYN is lost: each arrow stops short.
        assert!(linux.iter().all(|(_, _, class)| class == "cc-seg lost"));
        assert_eq!(linux.len(), 11);
        assert_eq!(freebsd.len(), 7);
    }

    #[test]
    fn a_chosen_difference_is_highlighted_in_every_column() {
        let r = runs("client-close", &[ProfileName::Linux, ProfileName::MacOs]);
        let given: Vec<(String, &Trace)> = r.iter().map(|(n, t)| (n.clone(), t)).collect();
        let chosen = Highlight::Segment("s.ack2".into());
        for svg in columns(&given, Some(&chosen), crate::i18n::Lang::En) {
            let hl: Vec<String> = arrows(&svg)
                .into_iter()
                .filter(|(_, _, class)| class.ends_with(" hl"))
                .map(|(name, _, _)| name)
                .collect();
            assert_eq!(hl, ["s.ack2"]);
        }
        let band = Highlight::State(Host::Client, State::TimeWait);
        for svg in columns(&given, Some(&band), crate::i18n::Lang::En) {
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let lit: Vec<&str> = doc
                .descendants()
                .filter(|n| n.attribute("class") == Some("cc-band hl"))
                .filter_map(|n| n.attribute("data-state"))
                .collect();
            assert_eq!(lit, ["client TIME-WAIT"]);
        }
    }
}
