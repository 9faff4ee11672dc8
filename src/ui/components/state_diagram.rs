//! The RFC 9293 connection state diagram with each host's state at the cursor
//! and the transition each host took last.

use crate::diagram::px;
use crate::i18n::t;
use crate::i18n::Word;
use crate::scenario::Host;
use crate::tcp::State;
use crate::ui::state::AppState;
use yew::prelude::*;

const W: f64 = 112.0;
const H: f64 = 24.0;

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
const EDGES: &[(State, State, bool, &str)] = &[
    (State::Closed, State::Listen, false, "passive OPEN"),
    (
        State::Closed,
        State::SynSent,
        false,
        "active OPEN / snd SYN",
    ),
    (
        State::Listen,
        State::SynReceived,
        false,
        "rcv SYN / snd SYN,ACK",
    ),
    (State::Listen, State::SynSent, false, "SEND / snd SYN"),
    (
        State::SynSent,
        State::SynReceived,
        false,
        "rcv SYN / snd SYN,ACK",
    ),
    (State::SynReceived, State::Listen, false, "rcv RST"),
    (
        State::SynSent,
        State::Established,
        false,
        "rcv SYN,ACK / snd ACK",
    ),
    (
        State::SynReceived,
        State::Established,
        false,
        "rcv ACK of SYN",
    ),
    (
        State::SynReceived,
        State::FinWait1,
        false,
        "CLOSE / snd FIN",
    ),
    (
        State::Established,
        State::FinWait1,
        false,
        "CLOSE / snd FIN",
    ),
    (
        State::Established,
        State::CloseWait,
        false,
        "rcv FIN / snd ACK",
    ),
    (State::FinWait1, State::FinWait2, false, "rcv ACK of FIN"),
    (State::FinWait1, State::Closing, false, "rcv FIN / snd ACK"),
    (
        State::FinWait1,
        State::TimeWait,
        false,
        "rcv FIN,ACK of FIN / snd ACK",
    ),
    (State::FinWait2, State::TimeWait, false, "rcv FIN / snd ACK"),
    (State::Closing, State::TimeWait, false, "rcv ACK of FIN"),
    (State::CloseWait, State::LastAck, false, "CLOSE / snd FIN"),
    (State::LastAck, State::Closed, true, "rcv ACK of FIN"),
    (State::TimeWait, State::Closed, true, "timeout = 2MSL"),
];

/// Where a host is at the cursor: its state, the last transition before it
/// and that transition's event index in the trace.
struct Position {
    now: State,
    last: Option<(State, State)>,
    event: Option<usize>,
}

fn position(state: &AppState, host: Host) -> Position {
    match state.trace.last_change(host, state.events_shown()) {
        Some((i, from, to)) => Position {
            now: to,
            last: Some((from, to)),
            event: Some(i),
        },
        None => Position {
            now: State::Closed,
            last: None,
            event: None,
        },
    }
}

/// An edge from node centre to node centre, cut back to the two boxes' borders
/// so its arrowhead is not hidden under the target.
fn clipped(from: (f64, f64), to: (f64, f64)) -> (f64, f64, f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let reach = |gap: f64| {
        let tx = if dx.abs() > 1e-9 {
            (W / 2.0 + gap) / dx.abs()
        } else {
            f64::MAX
        };
        let ty = if dy.abs() > 1e-9 {
            (H / 2.0 + gap) / dy.abs()
        } else {
            f64::MAX
        };
        tx.min(ty)
    };
    let (a, b) = (reach(0.0), reach(3.0));
    (
        from.0 + dx * a,
        from.1 + dy * a,
        to.0 - dx * b,
        to.1 - dy * b,
    )
}

fn closed_at_bottom(last: Option<(State, State)>) -> bool {
    matches!(last, Some((from, State::Closed)) if from.is_synchronized())
}

/// (A plain function, not a component: it redraws with the page's state
/// anyway, and each component type costs the first load its own share of Yew.)
pub fn state_diagram(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let client = position(state, Host::Client);
    let server = position(state, Host::Server);

    let edges = EDGES.iter().map(|&(from, to, bottom, event)| {
        let (x1, y1, x2, y2) = clipped(node(from, false), node(to, bottom));
        let taken_by = |p: &Position| p.last == Some((from, to));
        let (by_client, by_server) = (taken_by(&client), taken_by(&server));
        let class = classes!(
            "edge",
            by_client.then_some("taken-client"),
            by_server.then_some("taken-server"),
        );
        let marker = match (by_client, by_server) {
            (true, _) => "url(#sd-arrow-client)",
            (_, true) => "url(#sd-arrow-server)",
            _ => "url(#sd-arrow)",
        };
        html! {
            <line class={class} x1={px(x1)} y1={px(y1)} x2={px(x2)} y2={px(y2)} marker-end={marker}>
                <title>{ format!("{from} → {to}: {event}") }</title>
            </line>
        }
    });
    let mut places: Vec<(State, bool)> = State::ALL.iter().map(|&s| (s, false)).collect();
    places.push((State::Closed, true));
    let nodes = places.into_iter().map(|(s, bottom)| {
        let (x, y) = node(s, bottom);
        let here = |p: &Position| p.now == s && (s != State::Closed || closed_at_bottom(p.last) == bottom);
        // A script's side has no state machine: no dot for it.
        let scripted = |h: Host| state.trace.script_side == Some(h);
        let (c, v) = (here(&client) && !scripted(Host::Client), here(&server) && !scripted(Host::Server));
        let class = classes!("node", c.then_some("at-client"), v.then_some("at-server"));
        html! {
            <g class={class} data-node={s.name()}>
                <rect x={px(x - W / 2.0)} y={px(y - H / 2.0)} width={px(W)} height={px(H)} rx="12" />
                <text x={px(x)} y={px(y + 4.0)} text-anchor="middle">{ s.name() }</text>
                if c { <circle class="dot-client" cx={px(x - W / 2.0 + 9.0)} cy={px(y)} r="4.5" /> }
                if v { <rect class="dot-server" x={px(x + W / 2.0 - 13.5)} y={px(y - 4.5)} width="9" height="9" /> }
            </g>
        }
    });
    // The transition each host took last, in words: readable on a projector,
    // where nobody can hover over an edge.
    let taken = |host: Host, p: &Position, class: &'static str, mark: &'static str| {
        let words = p
            .event
            .and_then(|i| {
                crate::explain::transition(
                    &state.trace,
                    i,
                    lang,
                    state.hide_from.unwrap_or(usize::MAX),
                )
            })
            .unwrap_or_else(|| format!("{} {}", p.now, t(lang, Word::TransitionNone)));
        let words = if state.trace.script_side == Some(host) {
            t(lang, Word::ScriptSide).to_string()
        } else {
            words
        };
        let who = crate::i18n::label(
            lang,
            if host == Host::Client {
                Word::HostClient
            } else {
                Word::HostServer
            },
        );
        html! { <li class={class} data-transition={host.name()}>{ format!("{mark} {who}{words}") }</li> }
    };
    let arrow = |id: &'static str, class: &'static str| {
        html! {
            <marker {id} class={class} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" /></marker>
        }
    };
    html! {
        <section class="panel state-panel">
            <h2>{ t(lang, Word::StateDiagram) }</h2>
            <svg class="state-diagram" viewBox="0 0 380 410" role="img"
                 aria-label={format!("{}{} {}, {} {}", crate::i18n::label(lang, Word::StateDiagram), t(lang, Word::HostClient), client.now, t(lang, Word::HostServer), server.now)}>
                <defs>
                    { arrow("sd-arrow", "sd-head") }
                    { arrow("sd-arrow-client", "sd-head client") }
                    { arrow("sd-arrow-server", "sd-head server") }
                </defs>
                { for edges }
                { for nodes }
            </svg>
            <ul class="transitions">
                { taken(Host::Client, &client, "key-client", "●") }
                { taken(Host::Server, &server, "key-server", "■") }
            </ul>
        </section>
    }
}
