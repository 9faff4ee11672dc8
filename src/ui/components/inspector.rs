//! The selected segment: its header, why it was sent, and drop / delay / deliver.

use super::sequence_diagram::seconds;
use crate::explain;
use crate::i18n::t;
use crate::scenario::{Fault, Host};
use crate::ui::state::{Action, AppState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<AppState>,
}

#[component]
pub fn Inspector(props: &Props) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let delay_ms = use_state(|| 300u64);
    // Selecting a delayed segment shows its own delay in the box.
    {
        let delay_ms = delay_ms.clone();
        let selected_delay =
            state
                .selected
                .as_deref()
                .and_then(|id| match state.faults().get(id) {
                    Some(Fault::Delay(ms) | Fault::Duplicate(ms)) => Some(*ms),
                    _ => None,
                });
        use_effect_with(
            (state.selected.clone(), selected_delay),
            move |(_, current)| {
                if let Some(ms) = current {
                    delay_ms.set(*ms);
                }
            },
        );
    }
    // A newly selected segment brings its actions into view: below the diagram
    // on a narrow screen, they would otherwise be out of sight.
    let actions_ref = use_node_ref();
    {
        let actions_ref = actions_ref.clone();
        use_effect_with(state.selected.clone(), move |selected| {
            if selected.is_some() {
                if let Some(el) = actions_ref.cast::<web_sys::Element>() {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        });
    }
    let trace = &state.trace;
    let Some(index) = state
        .selected
        .as_deref()
        .and_then(|id| trace.segment_index(id))
    else {
        return html! {
            <section class="panel inspector" aria-label={t(lang, "inspector")}>
                <h2>{ t(lang, "inspector") }</h2>
                <p class="hint">{ t(lang, "inspector.empty") }</p>
            </section>
        };
    };
    let s = &trace.segments[index];
    let h = &s.header;
    let numbers = crate::trace::Numbers::of(trace, state.numbering);
    let (seq, ack) = (numbers.seq(trace, index), numbers.ack(trace, index));
    let fate_word = t(lang, s.fate.word_key());
    let host = |h: Host| {
        if h == Host::Client {
            t(lang, "host.client")
        } else {
            t(lang, "host.server")
        }
    };
    let origin = match (s.retransmission_of, s.injected) {
        (Some(o), _) => Some(format!(
            "{} {}",
            t(lang, "retransmission_of"),
            trace.segments[o].id
        )),
        (None, true) => Some(t(lang, "old_duplicate").to_string()),
        _ => None,
    };
    let why = explain::segment(trace, index, lang, state.numbering);

    let set = |fault: Option<Fault>| {
        let state = state.clone();
        let id = s.id.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::SetFault {
                id: id.clone(),
                fault,
            })
        })
    };
    let on_delay_input = {
        let delay_ms = delay_ms.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<u64>() {
                delay_ms.set(v.min(crate::scenario::limits::MAX_DELAY_MS));
            }
        })
    };
    let current = state.faults().get(&s.id).copied();
    // On a script, the endpoint's segments are what the script checks.
    let checked = trace
        .script_side
        .is_some_and(|side| s.from != side || s.copy_of.is_some());
    let pressed = |f: Option<Fault>| {
        matches!(
            (f, current),
            (None, None)
                | (Some(Fault::Drop), Some(Fault::Drop))
                | (Some(Fault::Delay(_)), Some(Fault::Delay(_)))
                | (Some(Fault::Duplicate(_)), Some(Fault::Duplicate(_)))
        )
    };

    html! {
        <section class="panel inspector" aria-label={t(lang, "inspector")}>
            <h2>{ format!("{} · {} · {} → {}", s.id, h.flags, host(s.from), host(s.to())) }</h2>
            if let Some(origin) = origin { <p class="origin">{ origin }</p> }
            if trace.captured.is_some() {
                { super::capture_details::capture_details(trace, index, lang, state.numbering != crate::trace::Numbering::Absolute) }
            } else if checked {
                <p class="hint" data-hint="script-checked">{ t(lang, "script.checked") }</p>
            } else if !state.locked {
            <div class="fate-actions" role="group" ref={actions_ref.clone()}>
                <button class={classes!("btn", "drop", pressed(Some(Fault::Drop)).then_some("on"))} data-action="drop" onclick={set(Some(Fault::Drop))}>{ format!("✕ {}", t(lang, "drop")) }</button>
                <span class="delay-group">
                    <button class={classes!("btn", "delay", pressed(Some(Fault::Delay(0))).then_some("on"))} data-action="delay" onclick={set(Some(Fault::Delay(*delay_ms)))}>{ format!("{} {} ms", t(lang, "delay"), *delay_ms) }</button>
                    <input class="delay-ms" type="number" min="0" max="600000" step="50" value={delay_ms.to_string()} oninput={on_delay_input} aria-label={t(lang, "delay.ms")} />
                </span>
                <button class={classes!("btn", "duplicate", pressed(Some(Fault::Duplicate(0))).then_some("on"))} data-action="duplicate" onclick={set(Some(Fault::Duplicate(*delay_ms)))}>{ format!("2× {} +{} ms", t(lang, "duplicate"), *delay_ms) }</button>
                <button class={classes!("btn", "deliver", pressed(None).then_some("on"))} data-action="deliver" onclick={set(None)}>{ t(lang, "deliver") }</button>
            </div>
            }
            <dl class="fields">
                <div><dt>{ t(lang, "field.ports") }</dt><dd>{ format!("{} → {}", h.src_port, h.dst_port) }</dd></div>
                <div><dt>{ t(lang, "field.flags") }</dt><dd>{ h.flags.to_string() }</dd></div>
                <div><dt>{ t(lang, "field.seq") }</dt><dd>{ seq.to_string() }</dd></div>
                <div><dt>{ t(lang, "field.ack") }</dt><dd>{ if h.flags.ack { ack.to_string() } else { "—".into() } }</dd></div>
                <div><dt>{ t(lang, "field.window") }</dt><dd>{ h.window }</dd></div>
                <div><dt>{ t(lang, "field.len") }</dt><dd>{ h.len }</dd></div>
                <div><dt>{ t(lang, "field.sent") }</dt><dd>{ seconds(s.sent) }</dd></div>
                <div><dt>{ t(lang, "field.arrives") }</dt><dd>{ s.arrives.map(seconds).unwrap_or_else(|| "—".into()) }</dd></div>
                <div><dt>{ t(lang, "field.fate") }</dt><dd>{ fate_word }</dd></div>
            </dl>
            <div class="why" aria-label={t(lang, "inspector.why")}>{ for why.into_iter().map(|p| html! { <p>{ p }</p> }) }</div>
        </section>
    }
}
