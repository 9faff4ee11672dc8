//! The RFC 9293 connection state diagram with each host's state at the cursor
//! and the transition each host took last. The chart itself is markup from
//! the core (`diagram::state_chart`); this adds the words under it.

use crate::diagram::state_chart::{self, Position};
use crate::i18n::Word;
use crate::i18n::{label, t};
use crate::scenario::Host;
use crate::tcp::State;
use crate::ui::state::AppState;
use yew::prelude::*;

/// Where a host is at the cursor, and the event index of its last change.
fn position(state: &AppState, host: Host) -> (Position, Option<usize>) {
    let scripted = state.trace.script_side == Some(host);
    match state.trace.last_change(host, state.events_shown()) {
        Some((i, from, to)) => (
            Position {
                now: to,
                last: Some((from, to)),
                scripted,
            },
            Some(i),
        ),
        None => (
            Position {
                now: State::Closed,
                last: None,
                scripted,
            },
            None,
        ),
    }
}

/// (A plain function, not a component: it redraws with the page's state
/// anyway, and each component type costs the first load its own share of Yew.)
pub fn state_diagram(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let (client, client_event) = position(state, Host::Client);
    let (server, server_event) = position(state, Host::Server);
    // The transition each host took last, in words: readable on a projector,
    // where nobody can hover over an edge.
    let taken = |host: Host,
                 p: &Position,
                 event: Option<usize>,
                 class: &'static str,
                 mark: &'static str| {
        let words = if p.scripted {
            t(lang, Word::ScriptSide).to_string()
        } else {
            event
                .and_then(|i| {
                    crate::explain::transition(
                        &state.trace,
                        i,
                        lang,
                        state.hide_from.unwrap_or(usize::MAX),
                    )
                })
                .unwrap_or_else(|| format!("{} {}", p.now, t(lang, Word::TransitionNone)))
        };
        let who = label(lang, host.word());
        html! { <li class={class} data-transition={host.name()}>{ format!("{mark} {who}{words}") }</li> }
    };
    let name = format!(
        "{}{} {}, {} {}",
        label(lang, Word::StateDiagram),
        t(lang, Word::HostClient),
        client.now,
        t(lang, Word::HostServer),
        server.now
    );
    let chart = Html::from_html_unchecked(AttrValue::from(state_chart::markup(
        &client, &server, &name,
    )));
    html! {
        <section class="panel state-panel">
            <h2>{ t(lang, Word::StateDiagram) }</h2>
            { chart }
            <ul class="transitions">
                { taken(Host::Client, &client, client_event, "key-client", "●") }
                { taken(Host::Server, &server, server_event, "key-server", "■") }
            </ul>
        </section>
    }
}
