//! A packetdrill script's panel (in the module loaded on first use): it runs
//! the script against the model's endpoint with the user's faults on the
//! script's segments, sends each run to the page (which draws it in its own
//! diagram, with playback and the inspector), and lists the summary, the
//! expectations that failed by line, and the statements it skipped.

use crate::drill::{self, Options, Report, Script};
use crate::editor_bridge::{EditorMsg, ScriptPanelView, ScriptRun};
use crate::i18n::{fill, t, EditorWord, Lang, Word};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<ScriptPanelView>,
    /// The script read (or why it cannot be), once per text.
    pub script: Rc<Result<Script, drill::ReadError>>,
    pub on_message: Callback<EditorMsg>,
}

/// The run the page draws: the trace and the segments whose expectation failed.
pub fn run_for_page(report: &Report, view: &ScriptPanelView) -> ScriptRun {
    ScriptRun {
        faults: view.faults.clone(),
        profile: view.profile,
        trace: report.trace.clone(),
        failed: report.failures.iter().filter_map(|f| f.segment).collect(),
    }
}

/// What the endpoint did once the script had ended, in a sentence.
fn after_script_text(after: &drill::AfterScript, report: &Report, lang: Lang) -> String {
    let ended = drill::seconds(after.ended_us);
    let Some((at, sent, state)) = &after.next else {
        return fill(
            t(lang, EditorWord::ScriptEndedStays),
            &[ended, after.state.to_string()],
        );
    };
    let mut did: Vec<String> = report.trace.segments[sent.clone()]
        .iter()
        .map(|s| format!("{} {}", s.id, s.header.flags))
        .map(|s| fill(t(lang, EditorWord::ScriptEndedSends), &[s]))
        .collect();
    if *state != after.state {
        let moves = [after.state.to_string(), state.to_string()];
        did.push(fill(t(lang, EditorWord::ScriptEndedMoves), &moves));
    }
    if did.is_empty() {
        did.push(t(lang, EditorWord::ScriptEndedNothing).to_string());
    }
    let args = [
        ended,
        drill::seconds(*at),
        did.join(t(lang, Word::ListJoin)),
    ];
    fill(t(lang, EditorWord::ScriptEndedNext), &args)
}

#[component]
pub fn ScriptView(props: &Props) -> Html {
    let view = &props.view;
    let lang = view.lang;
    let report = {
        let script = props.script.clone();
        let deps = (
            Rc::as_ptr(&props.script) as usize,
            view.faults.clone(),
            view.profile,
        );
        use_memo(deps, move |(_, faults, profile)| {
            let options = Options {
                profile: *profile,
                ignore_timing: false,
                strict: false,
            };
            script
                .as_ref()
                .as_ref()
                .ok()
                .map(|s| drill::run_with_faults(s, options, faults))
        })
    };
    {
        // Each new run goes to the page; a script that cannot be read closes.
        let (send, view, script) = (props.on_message.clone(), view.clone(), props.script.clone());
        let report = report.clone();
        // Keyed as the run is (a freed run's address can come back).
        let key = (
            Rc::as_ptr(&props.script) as usize,
            view.faults.clone(),
            view.profile,
        );
        use_effect_with(key, move |_| match (&*report, &*script) {
            (Some(report), _) => {
                send.emit(EditorMsg::ScriptRun(Box::new(run_for_page(report, &view))))
            }
            (None, Err(why)) => {
                let text = why.why.text(view.lang);
                send.emit(EditorMsg::Notice(format!(
                    "{}:{}: {text}",
                    view.name, why.line
                )));
                send.emit(EditorMsg::CloseCapture);
            }
            (None, Ok(_)) => {}
        });
    }
    let Some(report) = &*report else {
        return Html::default();
    };
    let close = {
        let send = props.on_message.clone();
        Callback::from(move |_: MouseEvent| send.emit(EditorMsg::CloseCapture))
    };
    let summary = report.lines(&view.name).pop().unwrap_or_default();
    let words = t(lang, EditorWord::ScriptSummary)
        .replace("{n}", &report.statements.to_string())
        .replace("{m}", &report.checked.to_string())
        .replace("{k}", &report.skipped.len().to_string());
    let failures = report.failures.iter().map(|f| {
        let seg = f.segment.map(|i| report.trace.segments[i].id.clone()).unwrap_or_default();
        // The segment it is about, selected in the page's diagram and inspector.
        let show = (!seg.is_empty()).then(|| {
            let (send, id) = (props.on_message.clone(), seg.clone());
            let onclick = Callback::from(move |_: MouseEvent| send.emit(EditorMsg::Select(id.clone())));
            html! { <button class="btn mini" data-action="show-failure" {onclick}>{ format!("{} {seg}", t(lang, EditorWord::ScriptShow)) }</button> }
        });
        let line = format!("{}:{}", view.name, f.line);
        // data-failure stays in English: what the tests and a bug report compare.
        html! { <li data-failure-line={f.line.to_string()} data-failure={format!("{line} {}", f.said)} data-seg-ref={seg.clone()}><span class="mono">{ line }</span>{ format!(" {} ", f.said.text(lang)) }{ for show }</li> }
    });
    let skipped = report
        .skipped
        .iter()
        .map(|(line, why)| html! { <li>{ format!("{line}: {}", why.text(lang)) }</li> });
    let passed = report.failures.is_empty();
    let after = report
        .after_script
        .as_ref()
        .map(|a| after_script_text(a, report, lang));
    html! {
        <section class="panel script-view" data-view="script" data-failures={report.failures.len().to_string()}>
            <div class="editor-head">
                <h2>{ view.name.clone() }</h2>
                <button class="btn" data-action="close-script" onclick={close}>{ t(lang, EditorWord::Back) }</button>
            </div>
            <p class="hint">{ t(lang, EditorWord::ScriptAbout) }</p>
            <p class={classes!("script-summary", if passed { "pass" } else { "fail" })} data-summary={summary.clone()}>
                <strong>{ if passed { t(lang, EditorWord::ScriptPass) } else { t(lang, EditorWord::ScriptFail) } }</strong>{ format!(" {words}") }
            </p>
            if !passed { <ol class="script-failures">{ for failures }</ol> }
            if let Some(text) = after { <p class="script-after" data-after-script="">{ text }</p> }
            if !report.skipped.is_empty() {
                <details><summary>{ format!("{} ({})", t(lang, EditorWord::ScriptSkipped), report.skipped.len()) }</summary><ul>{ for skipped }</ul></details>
            }
            <p class="hint">{ t(lang, EditorWord::ScriptPick) }</p>
        </section>
    }
}
