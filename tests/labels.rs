//! Every word of the diagram readable: no two labels on each other, no arrow
//! through another segment's label, no label on a lifeline's band or a
//! break's zigzag or past the edge, for every preset at every frame the page
//! lays out, in both languages and numberings, with and without faults; and
//! the exported SVG draws its words where the layout measured them.

use synack::diagram::{boxes, layout, svg, Frame, View};
use synack::i18n::Lang;
use synack::scenario::{presets::PRESETS, Fault, Scenario};
use synack::trace::Numbering;

/// The frames the page lays out: desktop, tablet, and phones of 360 and 390 px.
fn frames() -> [Frame; 4] {
    [
        Frame::default(),
        Frame::fit(738.0),
        Frame::fit(354.0),
        Frame::fit(384.0),
    ]
}

/// On phones: how many labels were laid out, and which were left out
/// (elsewhere every label is drawn, or it is a problem).
#[derive(Default)]
struct Phones {
    labels: usize,
    left_out: Vec<String>,
}

fn problems(
    s: &Scenario,
    what: &str,
    numberings: &[Numbering],
    phones: &mut Phones,
) -> Vec<String> {
    let trace = synack::run(s);
    let mut out = Vec::new();
    for frame in frames() {
        for &numbering in numberings {
            let d = layout(&trace, &View { numbering, frame });
            for seg in d.segments.iter().filter(|seg| seg.lines == 0) {
                let left_out = format!(
                    "{what} at {} px, {numbering:?}: {} left out",
                    frame.width, seg.id
                );
                match frame.phone {
                    true => phones.left_out.push(left_out),
                    false => out.push(left_out),
                }
            }
            if frame.phone {
                phones.labels += d.segments.len();
            }
            for lang in [Lang::En, Lang::Zh] {
                for p in boxes::collisions(&d, &trace, lang) {
                    out.push(format!(
                        "{what} at {} px, {lang:?}, {numbering:?}: {p}",
                        frame.width
                    ));
                }
            }
        }
    }
    out
}

fn assert_none(found: Vec<String>) {
    if let Ok(path) = std::env::var("LABELS_DUMP") {
        let _ = std::fs::write(path, found.join("\n"));
    }
    let n = found.len();
    let first: Vec<_> = found.into_iter().take(30).collect();
    assert!(n == 0, "{n} collisions, the first:\n{}", first.join("\n"));
}

#[test]
fn no_label_collides_in_any_preset() {
    let (mut found, mut phones) = (Vec::new(), Phones::default());
    for p in PRESETS.iter().filter(|p| p.name != "stress") {
        let all = [Numbering::Absolute, Numbering::Relative, Numbering::Letters];
        found.extend(problems(&p.scenario(), p.name, &all, &mut phones));
    }
    assert_none(found);
    // The lessons as written lose at most a label or two on a phone, where
    // a delayed or old segment crosses everything in a 140 px gap.
    eprintln!(
        "phones: {} of {} labels left out: {:?}",
        phones.left_out.len(),
        phones.labels,
        phones.left_out
    );
    assert!(phones.left_out.len() <= 2, "{:?}", phones.left_out);
}

#[test]
fn no_label_collides_when_any_one_segment_is_dropped_delayed_or_copied() {
    let (mut found, mut phones) = (Vec::new(), Phones::default());
    for p in PRESETS.iter().filter(|p| p.name != "stress") {
        let base = p.scenario();
        let names: Vec<String> = synack::run(&base).names().into_iter().flatten().collect();
        for name in names.iter().filter(|n| !base.faults.contains_key(n)) {
            for fault in [Fault::Drop, Fault::Delay(250), Fault::Duplicate(30)] {
                let mut s = base.clone();
                s.faults.insert(name.clone(), fault);
                found.extend(problems(
                    &s,
                    &format!("{} with {name} {fault:?}", p.name),
                    &[Numbering::Absolute],
                    &mut phones,
                ));
            }
        }
    }
    assert_none(found);
    // A phone leaves out a label only where its narrow gap has no room even
    // after the stretch is made taller: rare, and counted here.
    let (left, labels) = (phones.left_out.len(), phones.labels);
    eprintln!("phones: {left} of {labels} labels left out with one fault");
    assert!(
        left * 1000 <= labels,
        "{left} of {labels} phone labels left out: {:?}",
        phones.left_out
    );
}

#[test]
fn the_stress_preset_is_laid_out_without_collisions_on_a_desktop() {
    let s = synack::scenario::presets::by_name("stress").unwrap();
    let trace = synack::run(&s);
    let d = layout(&trace, &View::default());
    assert_none(boxes::collisions(&d, &trace, Lang::En));
    // Its bursts of sixty steep parallel arrows, 6 units apart, have room
    // for none of their words (before, all were drawn on each other): the
    // handshake keeps its labels, and every label drawn is readable.
    let drawn = d.segments.iter().filter(|s| s.lines > 0).count();
    eprintln!("stress: {drawn} of {} labels drawn", d.segments.len());
    assert!(d.segments[..3].iter().all(|s| s.lines > 0));
    assert!(drawn >= 30, "{drawn} of {} drawn", d.segments.len());
}

/// The export writes each label where the layout measured it, at the sizes
/// the boxes assume: its words are the layout's, so they collide nowhere.
#[test]
fn the_exported_svg_draws_its_words_where_the_layout_placed_them() {
    for p in PRESETS.iter().filter(|p| p.name != "stress") {
        let trace = synack::run(&p.scenario());
        let d = layout(&trace, &View::default());
        let out = svg::standalone(&d, &trace, Lang::En, (40000, 80));
        for s in d.segments.iter().filter(|s| s.lines > 0) {
            let at = format!(
                r#"x="{}" y="{}""#,
                synack::diagram::px(s.label_x),
                synack::diagram::px(s.label_y)
            );
            let group = out
                .split(&format!(r#"data-seg="{}""#, s.id))
                .nth(1)
                .unwrap();
            assert!(
                group[..group.find("</g>").unwrap()].contains(&at),
                "{}: {} at {at}",
                p.name,
                s.id
            );
        }
        for b in &d.timers {
            assert!(
                out.contains(&format!(r#"y="{}""#, synack::diagram::px(b.label_y))),
                "{}: timer",
                p.name
            );
        }
        for (class, size) in [
            ("seg text", boxes::DESKTOP_SIZES.segment),
            (".state", boxes::DESKTOP_SIZES.state),
            (".call", boxes::DESKTOP_SIZES.call),
            (".timer text", boxes::DESKTOP_SIZES.timer),
        ] {
            let rule = svg::STYLE
                .split(class)
                .nth(1)
                .unwrap_or_else(|| panic!("no rule for {class}"));
            assert!(
                rule[..rule.find('}').unwrap()].contains(&format!("font-size:{size}px")),
                "{class} at {size} px in the export"
            );
        }
    }
}

/// The page draws at the sizes the boxes assume (static/style.css).
#[test]
fn the_page_style_sets_the_sizes_the_layout_measures_with() {
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).unwrap();
    let size_in = |selector: &str| -> f64 {
        let rule = css
            .lines()
            .find(|l| l.starts_with(selector))
            .unwrap_or_else(|| panic!("no rule {selector}"));
        let v = rule.split("font-size:").nth(1).unwrap().trim_start();
        v[..v.find("px").unwrap()].parse().unwrap()
    };
    let d = boxes::DESKTOP_SIZES;
    assert_eq!(size_in(".seg-label {"), d.segment);
    assert_eq!(size_in(".state-label {"), d.state);
    assert_eq!(size_in(".call {"), d.call);
    assert_eq!(size_in(".timer text {"), d.timer);
    assert_eq!(size_in(".time-break text {"), d.time_break);
    assert_eq!(size_in(".tick {"), d.tick);
    let p = boxes::PHONE_SIZES;
    assert_eq!(size_in("svg.sequence.phone .seg-label {"), p.segment);
    assert_eq!(size_in("svg.sequence.phone .state-label {"), p.state);
    assert_eq!(size_in("svg.sequence.phone .call {"), p.call);
    assert_eq!(size_in("svg.sequence.phone .timer text,"), p.timer);
}

/// On a phone a delayed segment's arrow can fall a screen or more (in
/// old-duplicate-syn under Linux the client's SYN falls 880 px while the
/// RST and the SYN sent again 8 ms later are made room for): its words stay
/// near where it leaves, where a reader looks for it, under every profile.
#[test]
fn on_a_phone_a_long_arrow_is_labelled_near_where_it_leaves() {
    use synack::tcp::ProfileName;
    for width in [330.0, 338.0, 354.0, 368.0] {
        let frame = Frame::fit(width);
        for p in PRESETS.iter().filter(|p| p.name != "stress") {
            for profile in [ProfileName::Rfc, ProfileName::Linux, ProfileName::Linux5] {
                let mut s = p.scenario();
                s.profile = profile;
                let trace = synack::run(&s);
                let d = layout(
                    &trace,
                    &View {
                        numbering: Numbering::Absolute,
                        frame,
                    },
                );
                for seg in d
                    .segments
                    .iter()
                    .filter(|g| g.lines > 0 && g.y2 - g.y1 > 300.0)
                {
                    let down = seg.label_y - seg.y1;
                    assert!(
                    down < 150.0,
                    "{} {profile:?} {}: label {down:.0} px below where its {:.0} px arrow leaves",
                    p.name,
                    seg.id,
                    seg.y2 - seg.y1
                );
                }
            }
        }
    }
}
