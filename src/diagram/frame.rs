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
                lanes: [310.0, 750.0],
                state_dx: 30.0,
                call_dx: 140.0,
                stacked: false,
                phone: false,
            };
        }
        let width = (css_px / 10.0).floor().max(NARROWEST / 10.0) * 10.0;
        if width >= PHONE_BELOW {
            // Ticks (to x 52), then a call as wide as "connect() returns" and a gap.
            let client = 210.0;
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
            // "SYN-RECEIVED" at 11 px and a margin on either side.
            let side = 100.0;
            Frame {
                width,
                lanes: [side, width - side],
                state_dx: 9.0,
                call_dx: 9.0,
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
        assert_eq!(Frame::fit(1200.0).lanes, [310.0, 750.0]);
        assert_eq!(Frame::fit(880.0).width, WIDE);
        let tablet = Frame::fit(738.0);
        assert_eq!(
            (tablet.width, tablet.lanes, tablet.phone),
            (730.0, [210.0, 570.0], false)
        );
        let phone = Frame::fit(354.0);
        assert_eq!(
            (phone.width, phone.lanes, phone.phone),
            (350.0, [100.0, 250.0], true)
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
    }
}
