//! How a segment is drawn, decided once: the SVG export, the canvas (PNG),
//! the page's Yew view and the command line only map a `Style` to their own
//! colours, classes and markers, so they cannot rank the cases differently.

use super::{Diagram, SegmentShape};
use crate::trace::Fate;

/// What a segment's arrow says, the first that applies in this order: a loss
/// outranks everything (it is the lesson), then a repeat, then lateness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The link dropped it: the arrow stops short, with a ✕.
    Dropped,
    /// A captured segment retransmitted later without ever being acknowledged.
    ProbablyLost,
    Retransmitted,
    /// The user added delay to it.
    Delayed,
    /// The link's second copy of a segment.
    Copy,
    /// An old duplicate the network injected.
    OldDuplicate,
    Plain,
}

/// The arrowhead at the receiving end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrowhead {
    /// A dropped segment has none: it never arrives.
    None,
    Plain,
    Retransmitted,
    /// Late: delayed, or the link's copy.
    Late,
}

/// Where a failed expectation's mark goes: appended to the label.
pub const FAILED_MARK: &str = " ✗";

impl SegmentShape {
    pub fn style(&self) -> Style {
        match self.fate {
            Fate::Dropped => Style::Dropped,
            _ if self.probably_lost => Style::ProbablyLost,
            _ if self.retransmission_of.is_some() => Style::Retransmitted,
            Fate::Delayed => Style::Delayed,
            _ if self.copy_of.is_some() => Style::Copy,
            _ if self.injected => Style::OldDuplicate,
            _ => Style::Plain,
        }
    }

    pub fn arrowhead(&self) -> Arrowhead {
        match self.style() {
            Style::Dropped => Arrowhead::None,
            Style::Retransmitted => Arrowhead::Retransmitted,
            Style::Delayed | Style::Copy => Arrowhead::Late,
            Style::ProbablyLost | Style::OldDuplicate | Style::Plain => Arrowhead::Plain,
        }
    }

    /// Every trait that applies (a retransmission can also be a copy), as
    /// class names: the export's (`retx`, `old`, `copy`, `lost`) with
    /// `prefixed` false, the page's (`seg-retx` …) with it true.
    pub fn traits(&self, prefixed: bool) -> impl Iterator<Item = &'static str> {
        [
            (self.retransmission_of.is_some(), "seg-retx"),
            (self.injected, "seg-old"),
            (self.copy_of.is_some(), "seg-copy"),
            (self.probably_lost, "seg-lost"),
        ]
        .into_iter()
        .filter(|(has, _)| *has)
        .map(move |(_, name)| if prefixed { name } else { &name[4..] })
    }

    /// Where a dropped segment vanishes: the ✕ is drawn here.
    pub fn vanish_point(&self) -> Option<(f64, f64)> {
        (self.fate == Fate::Dropped).then_some((self.x2, self.y2 + 6.0))
    }
}

/// Marks each segment (by trace index) whose expectation failed, as the page,
/// the exports and `synack render --pkt` all show it.
pub fn mark_failed(diagram: &mut Diagram, failed: &[usize]) {
    for shape in diagram.segments.iter_mut() {
        if failed.contains(&shape.index) && !shape.label.ends_with(FAILED_MARK) {
            shape.label.push_str(FAILED_MARK);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{layout, View};
    use crate::scenario::{presets, Fault};

    fn shapes(preset: &str, faults: &[(&str, Fault)]) -> Diagram {
        let mut s = presets::by_name(preset).unwrap();
        for (id, f) in faults {
            s.faults.insert(id.to_string(), *f);
        }
        layout(&crate::run(&s), &View::default())
    }

    #[test]
    fn each_case_has_one_style_ranked_loss_first() {
        let d = shapes(
            "lost-syn",
            &[("s3", Fault::Delay(300)), ("c4", Fault::Duplicate(20))],
        );
        let style = |id: &str| d.segments.iter().find(|s| s.id == id).unwrap().style();
        assert_eq!(style("c1"), Style::Dropped);
        assert_eq!(style("c2"), Style::Retransmitted);
        assert_eq!(style("s1"), Style::Plain);
        assert_eq!(style("s3"), Style::Delayed);
        assert_eq!(style("c4'"), Style::Copy);
        let c1 = d.segments.iter().find(|s| s.id == "c1").unwrap();
        assert_eq!(c1.arrowhead(), Arrowhead::None);
        assert_eq!(c1.vanish_point(), Some((c1.x2, c1.y2 + 6.0)));
        let c2 = d.segments.iter().find(|s| s.id == "c2").unwrap();
        assert_eq!(c2.traits(false).collect::<Vec<_>>(), ["retx"]);
        assert_eq!(c2.traits(true).collect::<Vec<_>>(), ["seg-retx"]);
        assert_eq!(c2.vanish_point(), None);
    }

    #[test]
    fn an_old_duplicate_is_its_own_style() {
        let d = shapes("old-duplicate-syn", &[]);
        let old = d.segments.iter().find(|s| s.injected).unwrap();
        assert_eq!(
            (old.style(), old.arrowhead()),
            (Style::OldDuplicate, Arrowhead::Plain)
        );
    }

    #[test]
    fn a_dropped_arrow_ends_at_half_the_traces_own_latency() {
        let mut s = presets::by_name("lost-syn").unwrap();
        s.client_to_server_ms = 200;
        let trace = crate::run(&s);
        let d = layout(&trace, &View::default());
        let c1 = &d.segments[0];
        assert_eq!(
            (c1.id.as_str(), c1.arrives_ms, c1.ends_ms),
            ("c1", None, 100)
        );
        let c2 = d.segments.iter().find(|s| s.id == "c2").unwrap();
        assert_eq!(c2.ends_ms, c2.arrives_ms.unwrap());
        assert_eq!(c2.ends_ms - c2.sent_ms, 200);
    }

    #[test]
    fn a_failed_mark_is_added_once() {
        let mut d = shapes("handshake", &[]);
        mark_failed(&mut d, &[1]);
        mark_failed(&mut d, &[1]);
        assert!(d.segments[1].label.ends_with(" ✗") && !d.segments[1].label.ends_with(" ✗ ✗"));
        assert!(!d.segments[0].label.ends_with(" ✗"));
    }
}
