//! Where each word of the diagram lies, as a box, so the layout can keep
//! labels apart and tests can prove it did.
//!
//! Text is measured without a browser: each character's advance as a share
//! of the font size, taken on the wide side of the fonts the page and the
//! export ask for (DejaVu Sans / Noto Sans, DejaVu Sans Mono, Noto CJK), so a
//! box is never narrower than the words drawn in it. The e2e suite checks
//! these estimates against the browser's own measurements.

use super::{Diagram, Frame, SegmentShape};
use crate::i18n::Lang;
use crate::scenario::Host;
use crate::trace::Trace;

/// The type sizes the page (static/style.css) and the export draw with, in
/// diagram units. One table: the page's CSS is checked against it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    pub segment: f64,
    pub state: f64,
    pub call: f64,
    pub timer: f64,
    pub time_break: f64,
    pub tick: f64,
}

pub const DESKTOP_SIZES: Sizes = Sizes {
    segment: 13.0,
    state: 13.0,
    call: 13.0,
    timer: 13.0,
    time_break: 13.0,
    tick: 12.0,
};

pub const PHONE_SIZES: Sizes = Sizes {
    segment: 11.0,
    state: 11.0,
    call: 11.0,
    timer: 11.0,
    time_break: 11.0,
    tick: 11.0,
};

/// Baseline to baseline of a phone's two-line call label.
pub const CALL_LINE_GAP: f64 = 14.0;
/// Where the tick column's words end (text-anchor end).
pub const TICK_X: f64 = 58.0;

impl Sizes {
    pub fn of(frame: &Frame) -> Sizes {
        if frame.phone {
            PHONE_SIZES
        } else {
            DESKTOP_SIZES
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Face {
    Mono,
    Sans,
    /// Bold, with the state labels' 0.02 em letter spacing.
    SansBold,
}

/// Wide characters (CJK, full-width forms, arrows and signs that fall back
/// to a CJK or symbol font) take a whole em in every face.
fn is_wide(c: char) -> bool {
    c as u32 >= 0x2190 && c != '≈'
}

/// DejaVu Sans's advances (regular, bold), the widest of the sans faces
/// the page may get, in classes of characters about as wide.
fn sans_advance(c: char) -> (f64, f64) {
    match c {
        '\'' | 'i' | 'j' | 'l' | 'I' | 'J' | ' ' | ',' | '.' => (0.30, 0.38),
        '/' | ':' | ';' | '\\' | '|' | 'f' | '-' => (0.36, 0.44),
        '(' | ')' | '[' | ']' | 't' | '!' | 'r' => (0.41, 0.49),
        '"' | '*' | '_' | '`' | 's' | 'z' | 'c' | '?' => (0.55, 0.60),
        'L' | 'F' | 'k' | 'v' | 'x' | 'y' | 'P' | 'T' | 'Y' | 'a' | 'o' | 'e' => (0.62, 0.69),
        'E' | 'S' | 'b' | 'd' | 'g' | 'h' | 'n' | 'p' | 'q' | 'u' | '0'..='9' | '$' | '{' | '}' => {
            (0.65, 0.72)
        }
        'K' | 'A' | 'V' | 'B' | 'R' | 'X' | 'Z' | 'C' => (0.71, 0.77),
        'U' | 'H' | 'N' | 'D' | 'G' | '&' | 'O' | 'Q' => (0.79, 0.85),
        'w' | '#' | '+' | '<' | '=' | '>' | '^' | '~' | 'M' | '≈' => (0.86, 1.0),
        _ => (1.0, 1.1),
    }
}

/// How wide `text` is drawn at `size` in `face`.
pub fn text_width(text: &str, size: f64, face: Face) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match (face, is_wide(c)) {
            (_, true) => 1.0,
            // DejaVu Sans Mono's cell is 0.602 em.
            (Face::Mono, false) => 0.61,
            (Face::Sans, false) => sans_advance(c).0,
            (Face::SansBold, false) => sans_advance(c).1 + 0.02,
        })
        .sum();
    ems * size
}

/// Above the baseline (capitals and CJK) and below it (descenders), in ems.
const ASCENT: f64 = 0.84;
const DESCENT: f64 = 0.24;

pub type Point = (f64, f64);

/// A convex four-cornered box, possibly turned (a label along its arrow),
/// with its upright bounds (most pairs are told apart by those alone).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quad {
    pub corners: [Point; 4],
    x: (f64, f64),
    y: (f64, f64),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// Lowest and highest of four, without `f64::min`'s NaN care (none here).
fn span(v: [f64; 4]) -> (f64, f64) {
    let (mut lo, mut hi) = (v[0], v[0]);
    for x in &v[1..] {
        if *x < lo {
            lo = *x;
        }
        if *x > hi {
            hi = *x;
        }
    }
    (lo, hi)
}

impl Quad {
    pub fn new(corners: [Point; 4]) -> Quad {
        Quad {
            corners,
            x: span(corners.map(|p| p.0)),
            y: span(corners.map(|p| p.1)),
        }
    }

    pub fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Quad {
        Quad::new([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    }

    /// The box of `lines` of text `width` wide set at (x, y) (the first
    /// baseline), `gap` between baselines, turned about (x, y) as SVG's
    /// `rotate(angle x y)` does, `turn` being the angle's (cos, sin): level
    /// is (1, 0), a label along an arrow takes its direction (`turn_of`).
    pub fn text(
        at: Point,
        anchor: Anchor,
        width: f64,
        size: f64,
        lines: (usize, f64),
        turn: Point,
    ) -> Quad {
        let (x, y) = at;
        let left = match anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => -width / 2.0,
            Anchor::End => -width,
        };
        let top = -ASCENT * size;
        let bottom = DESCENT * size + lines.1 * (lines.0.max(1) - 1) as f64;
        if turn.1 == 0.0 {
            return Quad::rect(x + left, y + top, x + left + width, y + bottom);
        }
        let (cos, sin) = turn;
        let turn = |(dx, dy): Point| (x + dx * cos - dy * sin, y + dx * sin + dy * cos);
        Quad::new([
            turn((left, top)),
            turn((left + width, top)),
            turn((left + width, bottom)),
            turn((left, bottom)),
        ])
    }

    pub fn y_range(&self) -> (f64, f64) {
        self.y
    }

    pub fn x_range(&self) -> (f64, f64) {
        self.x
    }

    fn bounds_meet(&self, x: (f64, f64), y: (f64, f64)) -> bool {
        self.x.0 < x.1 && x.0 < self.x.1 && self.y.0 < y.1 && y.0 < self.y.1
    }

    /// Whether the two boxes share more than an edge.
    pub fn overlaps(&self, other: &Quad) -> bool {
        self.bounds_meet(other.x, other.y) && !separated(&self.corners, &other.corners)
    }

    /// Whether the line from `a` to `b` passes through the box.
    pub fn crossed_by(&self, a: Point, b: Point) -> bool {
        // Where the line is over the box's width, it must come within its
        // height: a long arrow's own bounds say little.
        let ((x0, x1), (y0, y1)) = (self.x, self.y);
        let (lo, hi) = (x0.max(a.0.min(b.0)), x1.min(a.0.max(b.0)));
        if lo > hi {
            return false;
        }
        if (b.0 - a.0).abs() > 1e-9 {
            let y_at = |x: f64| a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0);
            let (ya, yb) = (y_at(lo), y_at(hi));
            if ya.max(yb) < y0 || ya.min(yb) > y1 {
                return false;
            }
        } else if a.1.max(b.1) < y0 || a.1.min(b.1) > y1 {
            return false;
        }
        !separated(&self.corners, &[a, b])
    }
}

/// Whether a line separates two convex shapes (the separating axis test,
/// on the normals of both shapes' edges); touching counts as apart. A box's
/// opposite edges are parallel, so two of its edges give all its axes; a
/// line has one. No allocation: the layout asks this millions of times.
fn separated(a: &[Point], b: &[Point]) -> bool {
    const SLACK: f64 = 0.5;
    let edges = |pts: &[Point]| if pts.len() == 2 { 1 } else { 2 };
    let axis = |pts: &[Point], i: usize| {
        let (p, q) = (pts[i], pts[(i + 1) % pts.len()]);
        (p.1 - q.1, q.0 - p.0)
    };
    let apart = |(nx, ny): Point| {
        let len = (nx * nx + ny * ny).sqrt();
        if len < 1e-9 {
            return false;
        }
        // Plain comparisons, not `f64::min`/`max`: their NaN care costs the
        // page's wasm a branch or a call on every corner (no NaN reaches here).
        let project = |pts: &[Point]| {
            let mut lo = f64::MAX;
            let mut hi = f64::MIN;
            for p in pts {
                let v = p.0 * nx + p.1 * ny;
                if v < lo {
                    lo = v;
                }
                if v > hi {
                    hi = v;
                }
            }
            (lo, hi)
        };
        let ((alo, ahi), (blo, bhi)) = (project(a), project(b));
        let slack = SLACK * len;
        ahi <= blo + slack || bhi <= alo + slack
    };
    (0..edges(a)).any(|i| apart(axis(a, i))) || (0..edges(b)).any(|i| apart(axis(b, i)))
}

/// What a box belongs to, for placing and for saying what collided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Segment(usize),
    State(usize),
    Call(usize),
    Timer(usize),
    Break(usize),
    Tick(usize),
    /// The ✕ where a dropped segment vanishes.
    Vanish(usize),
}

/// The ✕ drawn where a dropped segment vanishes (16 px, centred on its point).
pub fn vanish_quad(s: &SegmentShape) -> Option<Quad> {
    s.vanish_point()
        .map(|(x, y)| Quad::rect(x - 7.0, y - 12.0, x + 7.0, y + 2.0))
}

/// The (cos, sin) of no turn.
pub const LEVEL: Point = (1.0, 0.0);

/// The (cos, sin) of a segment label's turn: level, or along its arrow as
/// read left to right (the layout's `angle`, without trigonometry, which
/// the page's wasm would carry only for this).
pub fn turn_of(s: &SegmentShape) -> Point {
    if s.angle == 0.0 {
        return LEVEL;
    }
    let (dx, dy) = (s.x2 - s.x1, s.y2 - s.y1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1e-9 {
        return LEVEL;
    }
    let flip = if dx < 0.0 { -1.0 } else { 1.0 };
    (dx * flip / len, dy * flip / len)
}

/// A segment's label box where the layout put it; `text` as it is drawn.
pub fn segment_quad(s: &SegmentShape, text: &str, frame: &Frame) -> Quad {
    let size = Sizes::of(frame).segment;
    let rows = super::label_rows(text, s.lines);
    let width = rows
        .iter()
        .map(|r| text_width(r, size, Face::Mono))
        .fold(0.0, f64::max);
    label_box((s.label_x, s.label_y), width, rows.len(), size, turn_of(s))
}

/// A segment label's box at `at` (its first baseline's middle), `width`
/// wide on `rows` rows: the rows below the first as one block under it.
/// The layout's search and the checks above both measure with this.
pub fn label_box(at: Point, width: f64, rows: usize, size: f64, turn: Point) -> Quad {
    let lines = match rows {
        0 | 1 => (1, 0.0),
        n => (2, super::row_dy(n - 1)),
    };
    Quad::text(at, Anchor::Middle, width, size, lines, turn)
}

/// Whether `q` lies on either lifeline's band (`lanes`' x, `BAND_HALF` each side).
pub fn on_lifeline(q: &Quad, lanes: [f64; 2]) -> bool {
    let (y0, y1) = q.y_range();
    lanes.iter().any(|lane| {
        q.overlaps(&Quad::rect(
            lane - BAND_HALF,
            y0 - 1.0,
            lane + BAND_HALF,
            y1 + 1.0,
        ))
    })
}

fn outward_anchor(host: Host) -> Anchor {
    match host {
        Host::Client => Anchor::End,
        Host::Server => Anchor::Start,
    }
}

/// A timer's label box at `y` (its baseline), in `lang`.
pub fn timer_quad(d: &Diagram, i: usize, y: f64, lang: Lang) -> Quad {
    let b = &d.timers[i];
    let size = Sizes::of(&d.frame).timer;
    let inward = -super::outward(b.host);
    let anchor = match b.host {
        Host::Client => Anchor::Start,
        Host::Server => Anchor::End,
    };
    let width = text_width(&b.label(lang), size, Face::Sans) * 1.04;
    Quad::text(
        (b.x + inward * 6.0, y),
        anchor,
        width,
        size,
        (1, 0.0),
        LEVEL,
    )
}

/// Every label of the diagram as drawn in `lang`, with what it belongs to.
pub fn labels(d: &Diagram, trace: &Trace, lang: Lang) -> Vec<(Owner, Quad)> {
    let mut out = Vec::new();
    for (i, s) in d.segments.iter().enumerate() {
        if s.lines > 0 {
            let text = super::drawn_label(s, &trace.segments[s.index], lang);
            out.push((Owner::Segment(i), segment_quad(s, &text, &d.frame)));
        }
        if let Some(q) = vanish_quad(s) {
            out.push((Owner::Vanish(i), q));
        }
    }
    out.extend(lifeline_labels(d, lang));
    out
}

/// The words set in rows beside the lifelines and in the middle, which the
/// layout places before any segment's label: states, calls, timers, breaks
/// and the time column.
pub fn lifeline_labels(d: &Diagram, lang: Lang) -> Vec<(Owner, Quad)> {
    let sizes = Sizes::of(&d.frame);
    let mut out = Vec::new();
    for (i, l) in d.state_labels.iter().enumerate() {
        let w = text_width(l.state.name(), sizes.state, Face::SansBold);
        let q = Quad::text(
            (l.x, l.y),
            outward_anchor(l.host),
            w,
            sizes.state,
            (1, 0.0),
            LEVEL,
        );
        out.push((Owner::State(i), q));
    }
    for (i, c) in d.calls.iter().enumerate() {
        out.push((Owner::Call(i), call_quad(c, &d.frame, lang)));
    }
    for (i, b) in d.timers.iter().enumerate() {
        out.push((Owner::Timer(i), timer_quad(d, i, b.label_y, lang)));
    }
    for (i, _) in d.breaks.iter().enumerate() {
        out.push((Owner::Break(i), break_quad(d, i, lang)));
    }
    if !d.frame.phone {
        for (i, tk) in d.ticks.iter().enumerate() {
            let w = text_width(&d.clock.text(tk.t), sizes.tick, Face::Mono);
            let q = Quad::text(
                (TICK_X, tk.y + 4.0),
                Anchor::End,
                w,
                sizes.tick,
                (1, 0.0),
                LEVEL,
            );
            out.push((Owner::Tick(i), q));
        }
    }
    out
}

/// A break's words, between the zigzags: one row, or on a phone two.
pub fn break_quad(d: &Diagram, i: usize, lang: Lang) -> Quad {
    let b = &d.breaks[i];
    let size = Sizes::of(&d.frame).time_break;
    let x = (d.lanes[0] + d.lanes[1]) / 2.0;
    let (first, second) = b.label_baselines(d.frame.phone);
    let (time, word) = b.label_rows(lang);
    let (w, lines) = if d.frame.phone {
        let w = text_width(&time, size, Face::Sans).max(text_width(word, size, Face::Sans));
        (w, (2, second - first))
    } else {
        (text_width(&b.label(lang), size, Face::Sans), (1, 0.0))
    };
    Quad::text((x, first), Anchor::Middle, w, size, lines, LEVEL)
}

pub fn call_quad(c: &super::CallLabel, frame: &Frame, lang: Lang) -> Quad {
    let size = Sizes::of(frame).call;
    let (width, lines) = if frame.phone {
        let (a, b) = c.what.lines(lang);
        let w = text_width(&a, size, Face::Mono).max(text_width(&b, size, Face::Mono));
        (w, (if b.is_empty() { 1 } else { 2 }, CALL_LINE_GAP))
    } else {
        (text_width(&c.what.text(lang), size, Face::Mono), (1, 0.0))
    };
    Quad::text(
        (c.x, c.y),
        outward_anchor(c.host),
        width,
        size,
        lines,
        LEVEL,
    )
}

/// Half the width of the zigzag a break draws across a lifeline, and its
/// height either side of the break's middle: narrow enough that a timer's
/// words beside the lifeline pass it.
pub const ZIGZAG_HALF: f64 = 20.0;
const ZIGZAG_RISE: f64 = 5.0;

/// The zigzag's corners across the lifeline at `centre`, for a break whose
/// middle is `mid`: the page, the SVG and the PNG draw these.
pub fn zigzag_points(centre: f64, mid: f64) -> Vec<Point> {
    let teeth = 4;
    (0..=teeth)
        .map(|k| {
            let x = centre - ZIGZAG_HALF + 2.0 * ZIGZAG_HALF * k as f64 / teeth as f64;
            let y = match k {
                0 => mid,
                k if k % 2 == 1 => mid - ZIGZAG_RISE,
                _ => mid + ZIGZAG_RISE,
            };
            (x, y)
        })
        .collect()
}

/// The zigzag as an SVG path.
pub fn zigzag_path(centre: f64, mid: f64) -> String {
    let mut path = String::new();
    for (k, (x, y)) in zigzag_points(centre, mid).into_iter().enumerate() {
        path.push_str(if k == 0 { "M" } else { " L" });
        path.push_str(&super::px(x));
        path.push(' ');
        path.push_str(&super::px(y));
    }
    path
}

/// The zigzag a break draws across each lifeline.
pub fn zigzags(d: &Diagram) -> Vec<Quad> {
    d.breaks
        .iter()
        .flat_map(|b| {
            let mid = (b.y1 + b.y2) / 2.0;
            let r = ZIGZAG_RISE + 1.0;
            d.lanes
                .map(|x| Quad::rect(x - ZIGZAG_HALF, mid - r, x + ZIGZAG_HALF, mid + r))
        })
        .collect()
}

/// Half the width of a lifeline's state band, with a hair of air.
pub const BAND_HALF: f64 = 7.0;

/// Everything that makes a label hard to read, in words: two labels on each
/// other, an arrow through another segment's label, a label on a lifeline's
/// band or a break's zigzag, or past the diagram's edge.
pub fn collisions(d: &Diagram, trace: &Trace, lang: Lang) -> Vec<String> {
    let boxes = labels(d, trace, lang);
    let zigzags = zigzags(d);
    let name = |o: Owner| match o {
        Owner::Segment(i) => format!("{} label", d.segments[i].id),
        Owner::State(i) => format!("{} state label", d.state_labels[i].state.name()),
        Owner::Call(i) => format!("call '{}'", d.calls[i].what.text(Lang::En)),
        Owner::Timer(i) => format!("timer '{}'", d.timers[i].label(Lang::En)),
        Owner::Break(i) => format!("break {}", i),
        Owner::Tick(i) => format!("tick '{}'", d.clock.text(d.ticks[i].t)),
        Owner::Vanish(i) => format!("{}'s ✕", d.segments[i].id),
    };
    let mut out = Vec::new();
    for (i, (oa, a)) in boxes.iter().enumerate() {
        let (x0, x1) = a.x_range();
        if x0 < 0.0 || x1 > d.width {
            out.push(format!(
                "{} runs past the edge ({x0:.0}..{x1:.0})",
                name(*oa)
            ));
        }
        for (ob, b) in &boxes[i + 1..] {
            if a.overlaps(b) {
                out.push(format!("{} overlaps {}", name(*oa), name(*ob)));
            }
        }
        for s in &d.segments {
            // A ✕ is a mark on the arrow's end, not words: arrows may pass it.
            let words = !matches!(oa, Owner::Vanish(_));
            if words && *oa != Owner::Segment(s.index) && a.crossed_by((s.x1, s.y1), (s.x2, s.y2)) {
                out.push(format!("{} arrow crosses {}", s.id, name(*oa)));
            }
        }
        for (t, b) in d.timers.iter().enumerate() {
            let own = *oa == Owner::Timer(t);
            if !own && b.strokes().iter().any(|&(p, q)| a.crossed_by(p, q)) {
                out.push(format!(
                    "timer '{}' bracket crosses {}",
                    b.label(Lang::En),
                    name(*oa)
                ));
            }
        }
        if matches!(oa, Owner::Segment(_) | Owner::Timer(_) | Owner::Break(_)) {
            if on_lifeline(a, d.lanes) {
                out.push(format!("{} lies on a lifeline", name(*oa)));
            }
            if zigzags.iter().any(|z| z.overlaps(a)) {
                out.push(format!("{} lies on a break's zigzag", name(*oa)));
            }
        }
    }
    out
}
