//! The selected segment: its header, why it was sent, and drop / delay /
//! deliver. Drawn by the module loaded on first use (the explanations are
//! large and needed only once a segment is chosen), from the trace the page
//! sends; its buttons come back to the page as `EditorMsg::SetFault`.

use crate::editor_bridge::{EditorMsg, InspectorView};
use crate::explain;
use crate::i18n::t;
use crate::i18n::Word;
use crate::scenario::{Fault, Host};
use crate::trace::Trace;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<InspectorView>,
    pub trace: Rc<Trace>,
    pub on_message: Callback<EditorMsg>,
}

/// Set on `<body>` by the page when Enter chose a segment: Drop takes the
/// focus once this panel has drawn it (the module may load after the key).
pub const FOCUS_DROP: &str = "data-focus-drop";

#[component]
pub fn Inspector(props: &Props) -> Html {
    let view = &props.view;
    let lang = view.lang;
    let delay_ms = use_state(|| 300u64);
    // Selecting a delayed segment shows its own delay in the box.
    {
        let delay_ms = delay_ms.clone();
        let selected_delay = match view.fault {
            Some(Fault::Delay(ms) | Fault::Duplicate(ms)) => Some(ms),
            _ => None,
        };
        use_effect_with(
            (view.selected.clone(), selected_delay),
            move |(_, current)| {
                if let Some(ms) = current {
                    delay_ms.set(*ms);
                }
            },
        );
    }
    // A newly selected segment brings its actions into view: below the diagram
    // on a narrow screen, they would otherwise be out of sight. Only a
    // selection does: a cleared one (another scenario chosen) leaves the
    // page where the reader is, or it would jump away under their finger.
    let actions_ref = use_node_ref();
    {
        let actions_ref = actions_ref.clone();
        use_effect_with(view.selected.clone(), move |selected| {
            let el = actions_ref.cast::<web_sys::HtmlElement>();
            if let Some(el) = el.filter(|_| !selected.is_empty()) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&options);
                let body = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.body());
                if let Some(body) = body.filter(|b| b.has_attribute(FOCUS_DROP)) {
                    let _ = body.remove_attribute(FOCUS_DROP);
                    if let Ok(Some(drop)) = el.query_selector("[data-action=\"drop\"]") {
                        if let Ok(drop) =
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(drop)
                        {
                            let _ = drop.focus();
                        }
                    }
                }
            }
        });
    }
    let trace = &props.trace;
    let Some(index) = trace.segment_index(&view.selected) else {
        return Html::default();
    };
    let s = &trace.segments[index];
    let h = &s.header;
    let numbers = crate::trace::Numbers::of(trace, view.numbering);
    let (seq, ack) = (numbers.seq(trace, index), numbers.ack(trace, index));
    let fate_word = t(lang, s.fate.word_key());
    let host = |h: Host| t(lang, h.word());
    let origin = match (s.retransmission_of, s.injected) {
        (Some(o), _) => Some(format!(
            "{} {}",
            t(lang, Word::RetransmissionOf),
            trace.segments[o].id
        )),
        (None, true) => Some(t(lang, Word::OldDuplicate).to_string()),
        _ => None,
    };
    let why = explain::segment(trace, index, lang, view.numbering);

    let set = |fault: Option<Fault>| {
        let send = props.on_message.clone();
        let id = s.id.clone();
        Callback::from(move |_: MouseEvent| {
            send.emit(EditorMsg::SetFault {
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
    let current = view.fault;
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
        <section class="panel inspector" aria-label={t(lang, Word::Inspector)}>
            <h2>{ format!("{} · {} · {} → {}", s.id, h.flags, host(s.from), host(s.to())) }</h2>
            if let Some(origin) = origin { <p class="origin">{ origin }</p> }
            if trace.captured.is_some() {
                { super::capture_details::capture_details(trace, index, lang, view.numbering != crate::trace::Numbering::Absolute) }
            } else if checked {
                <p class="hint" data-hint="script-checked">{ t(lang, Word::ScriptChecked) }</p>
            } else if !view.locked {
            <div class="fate-actions" role="group" ref={actions_ref.clone()}>
                <button class={classes!("btn", "drop", pressed(Some(Fault::Drop)).then_some("on"))} data-action="drop" onclick={set(Some(Fault::Drop))}>{ format!("✕ {}", t(lang, Word::Drop)) }</button>
                <span class="delay-group">
                    <button class={classes!("btn", "delay", pressed(Some(Fault::Delay(0))).then_some("on"))} data-action="delay" onclick={set(Some(Fault::Delay(*delay_ms)))}>{ format!("{} {} ms", t(lang, Word::Delay), *delay_ms) }</button>
                    <input class="delay-ms" type="number" min="0" max="600000" step="50" value={delay_ms.to_string()} oninput={on_delay_input} aria-label={t(lang, Word::DelayMs)} />
                </span>
                <button class={classes!("btn", "duplicate", pressed(Some(Fault::Duplicate(0))).then_some("on"))} data-action="duplicate" onclick={set(Some(Fault::Duplicate(*delay_ms)))}>{ format!("2× {} +{} ms", t(lang, Word::Duplicate), *delay_ms) }</button>
                <button class={classes!("btn", "deliver", pressed(None).then_some("on"))} data-action="deliver" onclick={set(None)}>{ t(lang, Word::Deliver) }</button>
            </div>
            }
            <dl class="fields">
                <div><dt>{ t(lang, Word::FieldPorts) }</dt><dd>{ format!("{} → {}", h.src_port, h.dst_port) }</dd></div>
                <div><dt>{ t(lang, Word::FieldFlags) }</dt><dd>{ h.flags.to_string() }</dd></div>
                <div><dt>{ t(lang, Word::FieldSeq) }</dt><dd>{ seq.to_string() }</dd></div>
                <div><dt>{ t(lang, Word::FieldAck) }</dt><dd>{ if h.flags.ack { ack.to_string() } else { "—".into() } }</dd></div>
                <div><dt>{ t(lang, Word::FieldWindow) }</dt><dd>{ h.window }</dd></div>
                <div><dt>{ t(lang, Word::FieldLen) }</dt><dd>{ h.len }</dd></div>
                <div><dt>{ t(lang, Word::FieldSent) }</dt><dd>{ trace.clock.text(s.sent) }</dd></div>
                <div><dt>{ t(lang, Word::FieldArrives) }</dt><dd>{ s.arrives.map(|a| trace.clock.text(a)).unwrap_or_else(|| "—".into()) }</dd></div>
                <div><dt>{ t(lang, Word::FieldFate) }</dt><dd>{ fate_word }</dd></div>
            </dl>
            <div class="why" aria-label={t(lang, Word::InspectorWhy)}>{ for why.into_iter().map(|p| html! { <p>{ p }</p> }) }</div>
        </section>
    }
}
