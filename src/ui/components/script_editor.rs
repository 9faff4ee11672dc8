//! One host's script in the editor: an ordered list of socket calls, each
//! with what it waits for and how long after; add, remove, duplicate, move.

use super::number_input::NumberInput;
use crate::i18n::EditorWord;
use crate::i18n::{t, Lang};
use crate::scenario::edit::{Edit, NumberField};
use crate::scenario::{Host, Step, Trigger};
use crate::tcp::Call;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub host: Host,
    pub steps: Vec<Step>,
    pub lang: Lang,
    pub on_edit: Callback<Edit>,
}

const CALLS: [&str; 6] = ["listen", "connect", "send", "close", "shutdown", "abort"];
/// Each trigger, its value in the form, and its words.
const TRIGGERS: [(Trigger, &str, EditorWord); 3] = [
    (Trigger::Start, "trigger.start", EditorWord::TriggerStart),
    (
        Trigger::Established,
        "trigger.established",
        EditorWord::TriggerEstablished,
    ),
    (Trigger::Eof, "trigger.eof", EditorWord::TriggerEof),
];

fn call_named(name: &str, bytes: u32) -> Call {
    match name {
        "listen" => Call::Listen,
        "send" => Call::Send(bytes),
        "close" => Call::Close,
        "shutdown" => Call::Shutdown,
        "abort" => Call::Abort,
        _ => Call::Connect,
    }
}

#[component]
pub fn ScriptEditor(props: &Props) -> Html {
    let (host, lang) = (props.host, props.lang);
    let on_edit = &props.on_edit;
    let steps = props.steps.iter().enumerate().map(|(index, &step)| {
        let set = |f: fn(Step, &str) -> Step| {
            let on_edit = on_edit.clone();
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                on_edit.emit(Edit::SetStep { host, index, step: f(step, &select.value()) });
            })
        };
        let on_call = set(|s, v| Step { call: call_named(v, 1000), ..s });
        let on_after = set(|s, v| Step {
            after: TRIGGERS.iter().find(|(_, k, _)| *k == v).map_or(s.after, |(tr, _, _)| *tr),
            ..s
        });
        let on_number = |make: fn(Step, u64) -> Step| {
            let on_edit = on_edit.clone();
            Callback::from(move |v: u64| on_edit.emit(Edit::SetStep { host, index, step: make(step, v) }))
        };
        let button = |edit: Edit, icon: &'static str, key: EditorWord, enabled: bool| {
            let on_edit = on_edit.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_edit.emit(edit.clone()));
            html! { <button class="btn icon mini" aria-label={t(lang, key)} title={t(lang, key)} disabled={!enabled} {onclick}>{ icon }</button> }
        };
        let id = |what: &str| format!("step-{}-{index}-{what}", host.name());
        let last = props.steps.len() - 1;
        html! {
            <li class="step" data-step={index.to_string()}>
                <label class="field"><span class="field-label">{ t(lang, EditorWord::StepCall) }</span>
                    <select onchange={on_call} data-field="call">
                        { for CALLS.iter().map(|&c| html! { <option value={c} selected={step.call.name() == c}>{ format!("{c}()") }</option> }) }
                    </select>
                </label>
                if let Call::Send(n) = step.call {
                    <NumberInput id={id("bytes")} label={t(lang, EditorWord::StepBytes)} value={n as u64} field={NumberField::SendBytes} {lang}
                        on_change={on_number(|s, v| Step { call: Call::Send(v as u32), ..s })} />
                }
                <label class="field"><span class="field-label">{ t(lang, EditorWord::StepAfter) }</span>
                    <select onchange={on_after} data-field="after">
                        { for TRIGGERS.iter().map(|(tr, k, word)| html! { <option value={*k} selected={step.after == *tr}>{ t(lang, *word) }</option> }) }
                    </select>
                </label>
                <NumberInput id={id("delay")} label={t(lang, EditorWord::StepDelay)} value={step.delay_ms} field={NumberField::StepDelayMs} {lang}
                    on_change={on_number(|s, v| Step { delay_ms: v, ..s })} />
                <span class="step-actions">
                    { button(Edit::MoveStep { host, index, up: true }, "↑", EditorWord::StepUp, index > 0) }
                    { button(Edit::MoveStep { host, index, up: false }, "↓", EditorWord::StepDown, index < last) }
                    { button(Edit::DuplicateStep { host, index }, "2×", EditorWord::StepDuplicate, true) }
                    { button(Edit::RemoveStep { host, index }, "✕", EditorWord::StepRemove, true) }
                </span>
            </li>
        }
    });
    let add = {
        let on_edit = on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(Edit::AddStep { host }))
    };
    let legend = if host == Host::Client {
        EditorWord::ScriptClient
    } else {
        EditorWord::ScriptServer
    };
    html! {
        <fieldset class="script" data-script={host.name()}>
            <legend>{ t(lang, legend) }</legend>
            if props.steps.is_empty() {
                <p class="hint">{ t(lang, EditorWord::ScriptEmpty) }</p>
            }
            <ol class="steps">{ for steps }</ol>
            <button class="btn" data-action={format!("add-step-{}", host.name())} onclick={add}>{ format!("+ {}", t(lang, EditorWord::StepAdd)) }</button>
        </fieldset>
    }
}
