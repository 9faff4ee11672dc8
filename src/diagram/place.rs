//! Labels placed where nothing else is: each segment's label slides along
//! its arrow (or under it) until no other label, arrow, band or zigzag lies
//! on it, and each timer's words move along the bracket the same way.
//!
//! The boxes come from `boxes`, measured on the wide side in every language
//! the page speaks, so a place that is free is free in both. Boxes go into
//! rows of a grid by height, so a 20,000-segment capture is placed in
//! linear time: each candidate meets only its neighbours.

use super::boxes::{self, Point, Quad, BAND_HALF};
use super::{Diagram, Fate, SegmentShape, View};
use crate::i18n::Lang;
use crate::trace::Trace;

const CELL: f64 = 48.0;

enum Item {
    /// A label, and the segment it belongs to if it is a segment's.
    Label(Quad, Option<usize>),
    /// A segment's arrow, by segment index: its own label may lie on it.
    Arrow(usize, Point, Point),
    /// A timer bracket's stroke.
    Line(Point, Point),
    Zone(Quad),
}

struct Grid {
    items: Vec<Item>,
    rows: Vec<Vec<usize>>,
    lanes: [f64; 2],
    width: f64,
}

impl Grid {
    fn rows_of(&self, (y0, y1): (f64, f64)) -> std::ops::RangeInclusive<usize> {
        let last = self.rows.len().saturating_sub(1);
        let row = |y: f64| ((y / CELL).floor().max(0.0) as usize).min(last);
        row(y0)..=row(y1)
    }

    fn add(&mut self, item: Item) {
        let span = match &item {
            Item::Label(q, _) | Item::Zone(q) => q.y_range(),
            Item::Arrow(_, a, b) | Item::Line(a, b) => (a.1.min(b.1), a.1.max(b.1)),
        };
        let k = self.items.len();
        self.items.push(item);
        for r in self.rows_of(span) {
            self.rows[r].push(k);
        }
    }

    /// `q` stays off the lifelines and inside the edges.
    fn inside(&self, q: &Quad) -> bool {
        let (x0, x1) = q.x_range();
        if x0 < 1.0 || x1 > self.width - 1.0 {
            return false;
        }
        !boxes::on_lifeline(q, self.lanes)
    }

    /// Nothing lies on `q`, and it stays off the lifelines and inside the edges.
    fn free(&self, q: &Quad, own_arrow: Option<usize>) -> bool {
        if !self.inside(q) {
            return false;
        }
        let span = q.y_range();
        self.rows_of(span).all(|r| {
            self.rows[r].iter().all(|&k| match &self.items[k] {
                Item::Label(o, _) | Item::Zone(o) => !q.overlaps(o),
                Item::Arrow(seg, a, b) => Some(*seg) == own_arrow || !q.crossed_by(*a, *b),
                Item::Line(a, b) => !q.crossed_by(*a, *b),
            })
        })
    }
}

impl Grid {
    /// The segments whose arrows or labels lie on `q` (the first place a
    /// crowded label wanted), so room can be made before the later of them.
    fn segments_on(&self, q: &Quad, own_arrow: usize) -> Vec<usize> {
        let mut on = Vec::new();
        for r in self.rows_of(q.y_range()) {
            for &k in &self.rows[r] {
                match &self.items[k] {
                    Item::Label(o, Some(seg)) if q.overlaps(o) => on.push(*seg),
                    Item::Arrow(seg, a, b) if *seg != own_arrow && q.crossed_by(*a, *b) => {
                        on.push(*seg)
                    }
                    _ => {}
                }
            }
        }
        on
    }
}

/// The label as drawn in whichever language makes it widest.
fn widest(texts: [String; 2], frame: &super::Frame) -> String {
    let size = boxes::Sizes::of(frame).segment;
    let w = |t: &String| boxes::text_width(t, size, boxes::Face::Mono);
    let [a, b] = texts;
    if w(&b) > w(&a) {
        b
    } else {
        a
    }
}

/// Places every segment's and timer's label; returns the events at which a
/// segment left whose label found no free place (the layout makes room there).
/// Rounds of making room: each gives the labels that found no free place
/// more height before their segment leaves, and lays out again (fewer for
/// longer traces, where each round costs more).
const ROOM_ROUNDS: usize = 14;
const ROOM_ROUNDS_LONG: usize = 4;
const LONG: usize = 200;
/// Height added before a crowded label's segment leaves, times the round:
/// a stretch that stays crowded grows faster.
const ROOM_PX: f64 = 18.0;
/// The most room made before any one event: past it the crowding is not one
/// that height resolves.
const ROOM_MAX_PX: f64 = 400.0;
/// Past this many segments (long captures, the stress scenario) one round
/// only, each label tried in a few places, and one that finds none is left
/// out: laying out again would cost more than it gives, and a burst of
/// sixty parallel arrows has room for only some of their words.
const ROOM_MAX_SEGMENTS: usize = 500;

/// Lays out with `stretched` (the layout at some extra heights) and places
/// the labels, making room where they are crowded, round by round.
pub(super) fn with_room(
    trace: &Trace,
    view: &View,
    stretched: fn(&Trace, &View, &[(usize, f64)]) -> Diagram,
) -> Diagram {
    let mut extra: Vec<(usize, f64)> = Vec::new();
    let n = trace.segments.len();
    let thorough = n <= ROOM_MAX_SEGMENTS;
    // A capture's segments are each seen at one instant: its arrows seldom
    // cross, and room made rarely helps what is crowded there.
    let rounds = match n {
        n if n > ROOM_MAX_SEGMENTS => 1,
        n if n > LONG || trace.capture_names.is_some() => ROOM_ROUNDS_LONG,
        _ => ROOM_ROUNDS,
    };
    // A long trace leaves out what finds no place at once.
    let mut effort = Effort {
        every_place: thorough,
        leave_out: !thorough,
    };
    let mut round = 1;
    loop {
        let mut d = stretched(trace, view, &extra);
        let crowded = labels(&mut d, trace, effort);
        if crowded.is_empty() || effort.leave_out {
            return d;
        }
        let before = extra.clone();
        for event in crowded {
            let more = ROOM_PX * round as f64;
            match extra.binary_search_by_key(&event, |&(e, _)| e) {
                Ok(k) => extra[k].1 = (extra[k].1 + more).min(ROOM_MAX_PX),
                Err(k) => extra.insert(k, (event, more)),
            }
        }
        // The rounds are spent, or every crowded place has all the room it
        // may have. Elsewhere a label stays where it was; a phone, whose gap
        // has room for so little, leaves it out (tapping the arrow shows it).
        if round == rounds || extra == before {
            if !view.frame.phone {
                return d;
            }
            effort.leave_out = true;
            extra = before;
        }
        round += 1;
    }
}

/// How hard to look for a label's place, and what to do when there is none.
#[derive(Clone, Copy, Debug)]
pub(super) struct Effort {
    /// Every place, or (long traces) the first few.
    pub every_place: bool,
    /// A label with no place is left out of the drawing, or stays where the
    /// layout put it and asks for room.
    pub leave_out: bool,
}

pub(super) fn labels(d: &mut Diagram, trace: &Trace, effort: Effort) -> Vec<usize> {
    let mut crowded = Vec::new();
    let mut sent_event = vec![0; trace.segments.len()];
    for (k, e) in trace.events.iter().enumerate() {
        if let crate::trace::EventKind::Sent { seg } = e.kind {
            sent_event[seg] = k;
        }
    }
    let rows = (d.height / CELL).ceil() as usize + 1;
    let mut grid = Grid {
        items: Vec::new(),
        rows: vec![Vec::new(); rows],
        lanes: d.lanes,
        width: d.width,
    };
    let langs = [Lang::En, Lang::Zh];
    for (owner, q) in boxes::lifeline_labels(d, Lang::En) {
        // The words beside the lifelines are set in rows already; they stay.
        if matches!(
            owner,
            boxes::Owner::State(_) | boxes::Owner::Call(_) | boxes::Owner::Tick(_)
        ) {
            grid.add(Item::Label(q, None));
        }
    }
    for c in &d.calls {
        grid.add(Item::Label(boxes::call_quad(c, &d.frame, Lang::Zh), None));
    }
    let mut marks: Vec<Quad> = Vec::new();
    for s in &d.segments {
        grid.add(Item::Arrow(s.index, (s.x1, s.y1), (s.x2, s.y2)));
        // A ✕ stays where its arrow stops: every label keeps off it, and two
        // on each other would read as one (the later one asks for room).
        if let Some(x) = boxes::vanish_quad(s) {
            if marks.iter().rev().take(8).any(|m| m.overlaps(&x)) {
                crowded.push(sent_event[s.index]);
            }
            marks.push(x);
            grid.add(Item::Zone(x));
        }
    }
    for z in boxes::zigzags(d) {
        grid.add(Item::Zone(z));
    }
    for b in &d.timers {
        for (a, z) in b.strokes() {
            grid.add(Item::Line(a, z));
        }
    }
    for i in 0..d.breaks.len() {
        for lang in langs {
            grid.add(Item::Zone(boxes::break_quad(d, i, lang)));
        }
    }

    let frame = d.frame;
    for i in 0..d.segments.len() {
        let text = {
            let s = &d.segments[i];
            // Only a probable loss's tag has words of a language.
            match s.probably_lost {
                true => widest(
                    langs.map(|l| super::drawn_label(s, &trace.segments[s.index], l)),
                    &frame,
                ),
                false => super::drawn_label(s, &trace.segments[s.index], Lang::En),
            }
        };
        let size = boxes::Sizes::of(&frame).segment;
        // Its width and rows on one to five rows (more than two only when
        // every place is tried: a long trace tries one, or on a phone two).
        let shapes = [1u8, 2, 3, 4, 5].map(|n| match n {
            1 => (boxes::text_width(&text, size, boxes::Face::Mono), 1),
            n if n > 2 && !effort.every_place => (0.0, 0),
            n => {
                let rows = super::label_rows(&text, n);
                let w = rows
                    .iter()
                    .map(|r| boxes::text_width(r, size, boxes::Face::Mono))
                    .fold(0.0, f64::max);
                (w, rows.len())
            }
        });
        let mut could_fit = false;
        let tries = if effort.every_place { usize::MAX } else { 6 };
        let found = candidates(&d.segments[i], &frame, shapes, effort.every_place)
            .take(tries)
            .find_map(|spot| {
                let (width, rows) = shapes[spot.lines as usize - 1];
                let q = spot.quad(width, rows, size);
                could_fit |= grid.inside(&q);
                // Level words lie beside their arrow, never across it.
                let own = if spot.level { None } else { Some(i) };
                grid.free(&q, own).then_some((spot, q))
            });
        let q = match found {
            Some((spot, q)) => {
                let s = &mut d.segments[i];
                (s.label_x, s.label_y, s.lines) = (spot.x, spot.y, spot.lines);
                if spot.level {
                    s.angle = 0.0;
                }
                q
            }
            // Nowhere is free: it stays where the layout put it, and room is
            // asked for before it leaves, or before what it meets leaves later
            // (unless it is too wide for any place: room would not help).
            None if effort.leave_out => {
                d.segments[i].lines = 0;
                continue;
            }
            None => {
                let q = boxes::segment_quad(&d.segments[i], &text, &frame);
                if !could_fit {
                    grid.add(Item::Label(q, Some(i)));
                    continue;
                }
                let later = grid
                    .segments_on(&q, i)
                    .into_iter()
                    .map(|j| sent_event[j])
                    .filter(|&e| e > sent_event[i])
                    .min();
                crowded.push(later.unwrap_or(sent_event[i]));
                q
            }
        };
        grid.add(Item::Label(q, Some(i)));
    }

    for i in 0..d.timers.len() {
        let (y1, y2, first) = (d.timers[i].y1, d.timers[i].y2, d.timers[i].label_y);
        let fits = |y: f64| {
            langs
                .iter()
                .all(|&l| grid.free(&boxes::timer_quad(d, i, y, l), None))
        };
        // From its first place outwards along the bracket, a few units at a time.
        let mut tries = vec![first];
        let (lo, hi) = (y1 + 12.0, y2.max(y1 + 12.0));
        let mut step = 4.0;
        while first - step >= lo || first + step <= hi {
            for y in [first + step, first - step] {
                if (lo..=hi).contains(&y) {
                    tries.push(y);
                }
            }
            step += 4.0;
        }
        match tries.into_iter().find(|&y| fits(y)) {
            Some(y) => d.timers[i].label_y = y,
            // Room inside the bracket: before the first later event after it was armed.
            None => {
                let armed = d.timers[i].armed_event;
                let t = trace.events[armed].t;
                if let Some(k) = trace.events[armed..].iter().position(|e| e.t > t) {
                    crowded.push(armed + k);
                }
            }
        }
        for l in langs {
            grid.add(Item::Label(
                boxes::timer_quad(d, i, d.timers[i].label_y, l),
                None,
            ));
        }
    }
    // Each crowded event once (the page's wasm carries no sort for this).
    let mut once: Vec<usize> = Vec::with_capacity(crowded.len());
    for e in crowded {
        if !once.contains(&e) {
            once.push(e);
        }
    }
    once
}

/// Where a segment's label may go, best first: where the layout put it, then
/// along the line from sender to receiver (a dropped segment's line goes on
/// where its arrow stops) nearest that first, above the arrow and then under
/// it; then level (a steep arrow's turned words cross every other arrow),
/// beside the arrow and clear of the lifelines; and, failing one line, the
/// same on two or three rows either side of it (on a phone, up to four).
/// `shapes`: the label's width and rows on one to five rows (a mode whose
/// rows are no more than the one before's is not tried again).
fn candidates<'a>(
    s: &'a SegmentShape,
    frame: &'a super::Frame,
    shapes: [(f64, usize); 5],
    every_place: bool,
) -> impl Iterator<Item = Spot> + 'a {
    let size = boxes::Sizes::of(frame).segment;
    // The whole way across, as a multiple of the arrow drawn.
    let reach = if s.fate == Fate::Dropped {
        1.0 / super::DROP_REACH
    } else {
        1.0
    };
    let first = if (s.x2 - s.x1).abs() > 1e-9 {
        (s.label_x - s.x1) / (s.x2 - s.x1) / reach
    } else {
        0.5
    };
    // Twentieths of the way, nearest the first place first: outwards from it.
    let near = (first * 20.0).round().clamp(1.0, 19.0) as i32;
    let mut alongs = vec![first];
    for step in 0..20 {
        let sides = if step == 0 { 1 } else { 2 };
        for k in [near - step, near + step].into_iter().take(sides) {
            if (1..20).contains(&k) {
                alongs.push(k as f64 / 20.0);
            }
        }
    }
    // Above the arrow (its baseline 5 units up) or under it; turned with it or level.
    let (above, under) = (-5.0, 5.0 + size * 0.84);
    // Or every row above it (a dropped segment's ✕ is on its arrow).
    let stacked = |lines: u8| -5.0 - super::row_dy(lines as usize - 1);
    // A steep arrow's turned words stand nearly upright: level ones read
    // better, and near where it leaves rather than far down it.
    // (Where few places are tried, turned first: most of a long trace's arrows are not steep.)
    let steep = every_place && (s.y2 - s.y1).abs() > (s.x2 - s.x1).abs();
    let [left, right] = frame.lanes;
    let gap = (left + BAND_HALF + 1.0, right - BAND_HALF - 1.0);
    // Each mode: the side, the rows, level or turned. One row is above or
    // under the arrow (not on a phone); more are split across it or stacked
    // above it; a mode with no more rows than the one before is not tried.
    let mut shaped: Vec<(f64, u8)> = Vec::new();
    if !frame.phone {
        shaped.extend([(above, 1), (under, 1)]);
    }
    for lines in [2u8, 3, 4, 5] {
        let (rows, fewer) = (shapes[lines as usize - 1].1, shapes[lines as usize - 2].1);
        if rows <= fewer.max(1) && !(frame.phone && lines == 2 && rows > 0) {
            continue;
        }
        shaped.extend([(above, lines), (stacked(lines), lines)]);
    }
    // Turned words first, each shape then level; for a steep arrow every
    // level shape before any turned one.
    let modes: Vec<(f64, u8, bool)> = if steep {
        let level = shaped.iter().map(|&(side, lines)| (side, lines, true));
        level
            .chain(shaped.iter().map(|&(side, lines)| (side, lines, false)))
            .collect()
    } else {
        shaped
            .iter()
            .flat_map(|&(side, lines)| [(side, lines, false), (side, lines, true)])
            .collect()
    };
    modes.into_iter().flat_map(move |(side, lines, level)| {
        let alongs = alongs.clone();
        let half = shapes[lines as usize - 1].0 / 2.0;
        alongs.into_iter().map(move |a| {
            let u = a * reach;
            let (x, y) = (s.x1 + (s.x2 - s.x1) * u, s.y1 + (s.y2 - s.y1) * u);
            if level {
                // Level words start where the arrow is and run the way it
                // falls (above it) or the way it came (under it), so the
                // arrow is below them, or above, all along; kept inside the
                // gap, and every row on the one side (their own arrow may
                // not cross them: `Spot::level`).
                let ahead = (s.x2 - s.x1).signum();
                let x = x + if side < 0.0 {
                    ahead * half
                } else {
                    -ahead * half
                };
                let (lo, hi) = (gap.0 + half, gap.1 - half);
                let x = if lo <= hi {
                    x.clamp(lo, hi)
                } else {
                    (gap.0 + gap.1) / 2.0
                };
                let y = if side < 0.0 {
                    y + stacked(lines)
                } else {
                    y + side
                };
                Spot {
                    x,
                    y,
                    turn: boxes::LEVEL,
                    level: true,
                    lines,
                }
            } else {
                Spot {
                    x,
                    y: y + side,
                    turn: boxes::turn_of(s),
                    level: false,
                    lines,
                }
            }
        })
    })
}

/// A place a label may take: its first baseline's middle, its turn, its rows.
#[derive(Clone, Copy, Debug)]
struct Spot {
    x: f64,
    y: f64,
    /// (cos, sin) of its turn, and whether that is level.
    turn: Point,
    level: bool,
    lines: u8,
}

impl Spot {
    /// The label's box here, `width` wide on `rows` rows (as `boxes::segment_quad`).
    fn quad(&self, width: f64, rows: usize, size: f64) -> Quad {
        boxes::label_box((self.x, self.y), width, rows, size, self.turn)
    }
}
