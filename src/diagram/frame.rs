//! Where the two lifelines and the words beside them go, for the width the
//! diagram is shown at.
//!
//! A diagram drawn 1040 units wide and shrunk to a phone's 350 px would set
//! its 13 px labels at 4 px; kept at 1040 px it scrolls sideways and shows
//! one host. So below the desktop width the frame is laid out *at* the width
//! it is shown at (one unit, one CSS pixel), and what does not fit beside
//! the lifelines moves: socket calls go under the states, and on a phone the
//! time column goes (the clock under the diagram says the time), segment
//! labels take two lines (flags above the arrow, numbers below) and a call
//! that returns takes two (`connect()` over `returns`).

/// The desktop frame, shown at 880 px and more (labels at 13 × 880/1040 ≥ 11 px).
pub const WIDE: f64 = 1040.0;
const WIDE_FROM: f64 = 880.0;
/// Below this a phone's frame: two-line labels, no time column.
const PHONE_BELOW: f64 = 560.0;
/// The narrowest frame laid out; a narrower screen scrolls (320 px phones
/// show about 330 px of diagram).
const NARROWEST: f64 = 320.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub lanes: [f64; 2],
    /// From a lifeline out to its state labels, and to its call labels.
    pub state_dx: f64,
    pub call_dx: f64,
    /// Calls share the state labels' rows, under them, instead of a column of their own.
    pub stacked: bool,
    /// A phone: two-line segment and call labels, no time column.
    pub phone: bool,
}

impl Default for Frame {
    fn default() -> Frame {
        Frame::fit(WIDE)
    }
}

impl Frame {
    /// The frame for a diagram shown `css_px` wide, in steps of 10 px so
    /// that a resize relayouts only when the frame really changes.
    pub fn fit(css_px: f64) -> Frame {
        if !css_px.is_finite() || css_px >= WIDE_FROM {
            return Frame {
                width: WIDE,
                // The tick column (to x 58), a call as wide as "connect()
                // returns", "SYN-RECEIVED" and the band, with a little air between.
                lanes: [330.0, 770.0],
                state_dx: 16.0,
                call_dx: 133.0,
                stacked: false,
                phone: false,
            };
        }
        let width = (css_px / 10.0).floor().max(NARROWEST / 10.0) * 10.0;
        if width >= PHONE_BELOW {
            // Ticks (to x 58), then a call as wide as "connect() returns" and a gap.
            let client = 216.0;
            let server = width - 160.0;
            Frame {
                width,
                lanes: [client, server],
                state_dx: 16.0,
                call_dx: 16.0,
                stacked: true,
                phone: false,
            }
        } else {
            // "SYN-RECEIVED" at 11 px (bold, 91 px in DejaVu Sans), beside the band.
            let side = 104.0;
            Frame {
                width,
                lanes: [side, width - side],
                state_dx: 8.0,
                call_dx: 8.0,
                stacked: true,
                phone: true,
            }
        }
    }

    /// The frame's identity for the page: its width, which decides the rest.
    pub fn key(&self) -> u32 {
        self.width as u32
    }
}

/// A segment's label in `lines` rows: on one; on two, what it is (id,
/// flags) above the arrow and its numbers and notes below; on more, the
/// numbers below take a row each (seq, ack, …) and the last row the rest.
pub fn label_rows(label: &str, lines: u8) -> Vec<&str> {
    let (what, mut rest) = label_lines(label);
    match lines {
        0 => return Vec::new(),
        1 => return vec![label],
        _ => {}
    }
    let mut rows = vec![what];
    while !rest.is_empty() {
        // A note in brackets, "(+250 ms)", is one word.
        let cut = if rest.starts_with('(') {
            rest.find(')')
                .and_then(|end| rest[end..].find(' ').map(|sp| end + sp))
        } else {
            rest.find(' ')
        };
        match cut.map(|i| (&rest[..i], &rest[i + 1..])) {
            Some((word, more)) if rows.len() + 1 < lines as usize => {
                rows.push(word);
                rest = more;
            }
            _ => {
                rows.push(rest);
                rest = "";
            }
        }
    }
    rows
}

/// How far below the first row's baseline row `k` of a label is set: the
/// second clears the arrow the first sits on.
pub fn row_dy(k: usize) -> f64 {
    match k {
        0 => 0.0,
        k => 17.0 + 14.0 * (k - 1) as f64,
    }
}

/// A segment's label as a phone draws it: what it is (id, flags, the
/// segment it repeats) above the arrow, its numbers and notes below.
pub fn label_lines(label: &str) -> (&str, &str) {
    let mut cut = 0;
    for (n, (i, _)) in label.match_indices(' ').enumerate() {
        cut = i;
        if n == 1 {
            break;
        }
    }
    if cut == 0 || label.matches(' ').count() < 2 {
        return (label, "");
    }
    (&label[..cut], &label[cut + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_keep_both_lifelines_and_their_labels_inside() {
        assert_eq!(Frame::fit(1200.0).lanes, [330.0, 770.0]);
        assert_eq!(Frame::fit(880.0).width, WIDE);
        let tablet = Frame::fit(738.0);
        assert_eq!(
            (tablet.width, tablet.lanes, tablet.phone),
            (730.0, [216.0, 570.0], false)
        );
        let phone = Frame::fit(354.0);
        assert_eq!(
            (phone.width, phone.lanes, phone.phone),
            (350.0, [104.0, 246.0], true)
        );
        assert_eq!(Frame::fit(200.0).width, 320.0);
        assert_eq!(Frame::fit(f64::NAN), Frame::default());
    }

    #[test]
    fn a_phone_label_puts_the_numbers_on_a_line_of_their_own() {
        assert_eq!(
            label_lines("c5 FIN,ACK seq=1001 ack=5001"),
            ("c5 FIN,ACK", "seq=1001 ack=5001")
        );
        assert_eq!(
            label_lines("c2 SYN seq=1000 ↻c1"),
            ("c2 SYN", "seq=1000 ↻c1")
        );
        assert_eq!(label_lines("o1 SYN"), ("o1 SYN", ""));
        assert_eq!(
            label_rows("s2 SYN,ACK seq=5000 ack=1001 ↻s1", 3),
            ["s2 SYN,ACK", "seq=5000", "ack=1001 ↻s1"]
        );
        assert_eq!(label_rows("c2 SYN seq=1000", 3), ["c2 SYN", "seq=1000"]);
        assert_eq!(label_rows("o1 SYN", 2), ["o1 SYN"]);
        assert_eq!(label_rows("c1 SYN seq=0", 1), ["c1 SYN seq=0"]);
        assert_eq!((row_dy(0), row_dy(1), row_dy(2)), (0.0, 17.0, 31.0));
        assert_eq!(
            label_rows("c3 PSH,ACK seq=1001 ack=5001 len=100", 4),
            ["c3 PSH,ACK", "seq=1001", "ack=5001", "len=100"]
        );
        assert_eq!(
            label_rows("c3 PSH,ACK seq=1001 ack=5001 len=100 (+250 ms)", 4),
            ["c3 PSH,ACK", "seq=1001", "ack=5001", "len=100 (+250 ms)"]
        );
        assert_eq!(
            label_rows("c3 PSH,ACK seq=1001 ack=5001 len=100 (+250 ms) ⚠ x", 6),
            [
                "c3 PSH,ACK",
                "seq=1001",
                "ack=5001",
                "len=100",
                "(+250 ms)",
                "⚠ x"
            ]
        );
    }
}
