//! The RFC 9293 connection state diagram (figure 5) with each host's state
//! and the transition it took last, as SVG markup. The page inserts it
//! whole: the chart is the same 12 boxes and 19 arrows every time, and
//! written as text it costs the first load a fraction of what view code
//! building it element by element did (BENCHMARKS.md, issue 21).

use super::units::{escape, px};
use crate::tcp::State;
use std::fmt::Write;

const W: f64 = 112.0;
const H: f64 = 24.0;

/// Where a host is: its state, and the transition that brought it there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    pub now: State,
    pub last: Option<(State, State)>,
    /// A packetdrill script's side has no state machine: no mark for it.
    pub scripted: bool,
}

/// Node centres. CLOSED appears twice, as in RFC 9293 figure 5: at the top
/// before a connection and at the bottom after one.
fn node(state: State, after_connection: bool) -> (f64, f64) {
    match state {
        State::Closed if after_connection => (300.0, 392.0),
        State::Closed => (190.0, 22.0),
        State::Listen => (300.0, 78.0),
        State::SynSent => (70.0, 134.0),
        State::SynReceived => (300.0, 134.0),
        State::Established => (190.0, 192.0),
        State::FinWait1 => (70.0, 252.0),
        State::CloseWait => (310.0, 252.0),
        State::FinWait2 => (70.0, 322.0),
        State::Closing => (190.0, 322.0),
        State::LastAck => (310.0, 322.0),
        State::TimeWait => (130.0, 392.0),
    }
}

/// (from, to, leads to the bottom CLOSED, RFC 9293 figure 5's event / action)
#[rustfmt::skip]
const EDGES: &[(State, State, bool, &str)] = &[
    (State::Closed, State::Listen, false, "passive OPEN"),
    (State::Closed, State::SynSent, false, "active OPEN / snd SYN"),
    (State::Listen, State::SynReceived, false, "rcv SYN / snd SYN,ACK"),
    (State::Listen, State::SynSent, false, "SEND / snd SYN"),
    (State::SynSent, State::SynReceived, false, "rcv SYN / snd SYN,ACK"),
    (State::SynReceived, State::Listen, false, "rcv RST"),
    (State::SynSent, State::Established, false, "rcv SYN,ACK / snd ACK"),
    (State::SynReceived, State::Established, false, "rcv ACK of SYN"),
    (State::SynReceived, State::FinWait1, false, "CLOSE / snd FIN"),
    (State::Established, State::FinWait1, false, "CLOSE / snd FIN"),
    (State::Established, State::CloseWait, false, "rcv FIN / snd ACK"),
    (State::FinWait1, State::FinWait2, false, "rcv ACK of FIN"),
    (State::FinWait1, State::Closing, false, "rcv FIN / snd ACK"),
    (State::FinWait1, State::TimeWait, false, "rcv FIN,ACK of FIN / snd ACK"),
    (State::FinWait2, State::TimeWait, false, "rcv FIN / snd ACK"),
    (State::Closing, State::TimeWait, false, "rcv ACK of FIN"),
    (State::CloseWait, State::LastAck, false, "CLOSE / snd FIN"),
    (State::LastAck, State::Closed, true, "rcv ACK of FIN"),
    (State::TimeWait, State::Closed, true, "timeout = 2MSL"),
];

/// An edge from node centre to node centre, cut back to the two boxes' borders
/// so its arrowhead is not hidden under the target.
fn clipped(from: (f64, f64), to: (f64, f64)) -> (f64, f64, f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let reach = |gap: f64| {
        let along = |d: f64, half: f64| match d.abs() > 1e-9 {
            true => (half + gap) / d.abs(),
            false => f64::MAX,
        };
        along(dx, W / 2.0).min(along(dy, H / 2.0))
    };
    let (a, b) = (reach(0.0), reach(3.0));
    (
        from.0 + dx * a,
        from.1 + dy * a,
        to.0 - dx * b,
        to.1 - dy * b,
    )
}

/// Whether a host in CLOSED is in the bottom one (after a connection).
fn closed_at_bottom(last: Option<(State, State)>) -> bool {
    matches!(last, Some((from, State::Closed)) if from.is_synchronized())
}

/// `" at-client at-server"` and the like: the class names saying which host
/// is here, continuing a class list.
fn host_classes(what: &str, client: bool, server: bool) -> String {
    let mut out = String::new();
    for (here, host) in [(client, "client"), (server, "server")] {
        if here {
            let _ = write!(out, " {what}-{host}");
        }
    }
    out
}

/// The chart as one `<svg>` element; `label` names it for screen readers.
pub fn markup(client: &Position, server: &Position, label: &str) -> String {
    let mut out = format!(
        "<svg class=\"state-diagram\" viewBox=\"0 0 380 410\" role=\"img\" aria-label=\"{}\"><defs>",
        escape(label)
    );
    for (id, class) in [
        ("sd-arrow", "sd-head"),
        ("sd-arrow-client", "sd-head client"),
        ("sd-arrow-server", "sd-head server"),
    ] {
        let _ = write!(
            out,
            "<marker id=\"{id}\" class=\"{class}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\"/></marker>"
        );
    }
    out.push_str("</defs>");
    for &(from, to, bottom, event) in EDGES {
        let (x1, y1, x2, y2) = clipped(node(from, false), node(to, bottom));
        let taken = |p: &Position| p.last == Some((from, to));
        let (by_client, by_server) = (taken(client), taken(server));
        let class = host_classes("taken", by_client, by_server);
        let marker = match (by_client, by_server) {
            (true, _) => "sd-arrow-client",
            (_, true) => "sd-arrow-server",
            _ => "sd-arrow",
        };
        let _ = write!(
            out,
            "<line class=\"edge{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" marker-end=\"url(#{marker})\"><title>{from} → {to}: {event}</title></line>",
            px(x1), px(y1), px(x2), px(y2)
        );
    }
    let places = State::ALL.iter().map(|&s| (s, false));
    for (s, bottom) in places.chain([(State::Closed, true)]) {
        let (x, y) = node(s, bottom);
        let here = |p: &Position| {
            !p.scripted && p.now == s && (s != State::Closed || closed_at_bottom(p.last) == bottom)
        };
        let (c, v) = (here(client), here(server));
        let class = host_classes("at", c, v);
        let _ = write!(
            out,
            "<g class=\"node{class}\" data-node=\"{s}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"12\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{s}</text>",
            px(x - W / 2.0), px(y - H / 2.0), px(W), px(H), px(x), px(y + 4.0)
        );
        if c {
            let _ = write!(
                out,
                "<circle class=\"dot-client\" cx=\"{}\" cy=\"{}\" r=\"4.5\"/>",
                px(x - W / 2.0 + 9.0),
                px(y)
            );
        }
        if v {
            let _ = write!(
                out,
                "<rect class=\"dot-server\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\"/>",
                px(x + W / 2.0 - 13.5),
                px(y - 4.5)
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(now: State, last: Option<(State, State)>) -> Position {
        Position {
            now,
            last,
            scripted: false,
        }
    }

    #[test]
    fn each_host_is_marked_in_its_box_and_on_the_edge_it_took() {
        let client = at(State::TimeWait, Some((State::FinWait2, State::TimeWait)));
        let server = at(State::Closed, Some((State::LastAck, State::Closed)));
        let svg = markup(&client, &server, "State diagram: \"a\" & <b>");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(
            root.attribute("aria-label"),
            Some("State diagram: \"a\" & <b>")
        );
        let nodes: Vec<_> = root
            .children()
            .filter(|n| n.attribute("data-node").is_some())
            .collect();
        // Every state once, CLOSED twice (top and bottom).
        assert_eq!(nodes.len(), 12);
        let marked: Vec<_> = nodes
            .iter()
            .filter(|n| n.attribute("class") != Some("node"))
            .map(|n| {
                (
                    n.attribute("data-node").unwrap(),
                    n.attribute("class").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            marked,
            [
                ("TIME-WAIT", "node at-client"),
                ("CLOSED", "node at-server")
            ]
        );
        // The server's CLOSED is the bottom one (after LAST-ACK): y 392 - 12.
        let bottom = nodes
            .iter()
            .filter(|n| n.attribute("data-node") == Some("CLOSED"))
            .nth(1)
            .unwrap();
        assert_eq!(
            bottom.first_element_child().unwrap().attribute("y"),
            Some("380")
        );
        let edges: Vec<_> = root.children().filter(|n| n.has_tag_name("line")).collect();
        assert_eq!(edges.len(), 19);
        let taken: Vec<_> = edges
            .iter()
            .filter(|e| e.attribute("class") != Some("edge"))
            .map(|e| {
                (
                    e.first_element_child().unwrap().text().unwrap(),
                    e.attribute("class").unwrap(),
                    e.attribute("marker-end").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            taken,
            [
                (
                    "FIN-WAIT-2 → TIME-WAIT: rcv FIN / snd ACK",
                    "edge taken-client",
                    "url(#sd-arrow-client)"
                ),
                (
                    "LAST-ACK → CLOSED: rcv ACK of FIN",
                    "edge taken-server",
                    "url(#sd-arrow-server)"
                ),
            ]
        );
    }

    #[test]
    fn before_a_connection_both_are_in_the_top_closed_and_a_script_has_no_mark() {
        let mut server = at(State::Listen, Some((State::Closed, State::Listen)));
        let svg = markup(&at(State::Closed, None), &server, "x");
        assert!(
            svg.contains(
                "<g class=\"node at-client\" data-node=\"CLOSED\"><rect x=\"134\" y=\"10\""
            ),
            "{svg}"
        );
        assert!(svg.contains("<g class=\"node at-server\" data-node=\"LISTEN\">"));
        server.scripted = true;
        assert!(!markup(&at(State::Closed, None), &server, "x").contains("at-server"));
    }
}
