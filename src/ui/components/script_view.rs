//! A packetdrill script opened in the page (drawn by the module loaded on
//! first use): the run against the model's endpoint as the sequence diagram,
//! each failed expectation marked on its segment and listed with its line,
//! and the script's own segments to drop, to see what TCP does about it.

use crate::diagram::{layout, svg, View};
use crate::drill::{self, Options, Report, Script};
use crate::editor_bridge::EditorMsg;
use crate::i18n::{te, Lang};
use crate::tcp::ProfileName;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub file_name: AttrValue,
    pub script: Rc<Script>,
    pub lang: Lang,
    pub on_message: Callback<EditorMsg>,
}

/// The diagram as inline SVG: the export's drawing, its style sheet left
/// out (the page's CSP allows none inline; `script_styles` gives the same
/// rules scoped to `.script-view`), each failed expectation marked ✗.
fn drawing(report: &Report, lang: Lang) -> String {
    let mut diagram = layout(&report.trace, &View::default());
    for f in &report.failures {
        if let Some(shape) = f
            .segment
            .and_then(|i| diagram.segments.iter_mut().find(|s| s.index == i))
        {
            shape.label.push_str(" ✗");
        }
    }
    let full = svg::standalone(&diagram, &report.trace, lang, (40_000, 8080));
    match (full.find("<style>"), full.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &full[..a], &full[b + "</style>".len()..]),
        _ => full,
    }
}

/// The export's style rules, each selector scoped to `.script-view svg`, for
/// the style sheet the module adds through the CSSOM (which the CSP allows).
pub fn script_styles() -> Vec<String> {
    svg::STYLE
        .split('}')
        .filter_map(|rule| {
            let (selectors, body) = rule.split_once('{')?;
            let scoped: Vec<String> = selectors
                .split(',')
                .map(|s| format!(".script-view svg {}", s.trim()))
                .collect();
            Some(format!("{}{{{}}}", scoped.join(","), body))
        })
        .collect()
}

#[component]
pub fn ScriptView(props: &Props) -> Html {
    let lang = props.lang;
    let dropped = use_state(BTreeSet::<usize>::new);
    let selected = use_state(|| None::<usize>);
    let report = {
        let (script, dropped) = (props.script.clone(), (*dropped).clone());
        use_memo(
            (Rc::as_ptr(&props.script) as usize, dropped.clone()),
            move |_| {
                let options = Options {
                    profile: ProfileName::Linux,
                    ignore_timing: false,
                    strict: false,
                };
                drill::run_dropping(&script, options, &dropped)
            },
        )
    };
    let picture = {
        let report = report.clone();
        // Keyed by the run (one per set of drops), not by comparing whole reports.
        use_memo((Rc::as_ptr(&report) as usize, lang), move |(_, lang)| {
            drawing(&report, *lang)
        })
    };
    let on_pick = {
        let (selected, report) = (selected.clone(), report.clone());
        Callback::from(move |e: MouseEvent| {
            let id = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-seg]").ok().flatten())
                .and_then(|g| g.get_attribute("data-seg"));
            selected.set(id.and_then(|id| report.trace.segment_index(&id)));
        })
    };
    let close = {
        let send = props.on_message.clone();
        Callback::from(move |_: MouseEvent| send.emit(EditorMsg::CloseCapture))
    };
    let summary = report.lines(&props.file_name).pop().unwrap_or_default();
    let failures = report.failures.iter().map(|f| {
        let seg = f.segment.map(|i| report.trace.segments[i].id.clone()).unwrap_or_default();
        html! { <li data-failure-line={f.line.to_string()} data-seg-ref={seg}><span class="mono">{ format!("{}:{}", props.file_name, f.line) }</span>{ format!(" {}", f.text) }</li> }
    });
    let skipped = report
        .skipped
        .iter()
        .map(|(line, why)| html! { <li>{ format!("{line}: {why}") }</li> });
    // What the user can do with the chosen segment: the script's own ones can be lost.
    let actions = (*selected).map(|i| {
        let s = &report.trace.segments[i];
        let line = report.line_of.get(i).copied().flatten();
        let scripted = s.from != report.local;
        let toggle = |drop: bool| {
            let dropped = dropped.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*dropped).clone();
                if let Some(l) = line {
                    if drop { next.insert(l); } else { next.remove(&l); }
                }
                dropped.set(next);
            })
        };
        let is_dropped = line.is_some_and(|l| dropped.contains(&l));
        html! {
            <div class="script-actions" data-selected={s.id.clone()}>
                <strong class="mono">{ format!("{} {} ", s.id, s.header.flags) }</strong>
                { line.map(|l| format!("({} {l}) ", te(lang, "script.line"))).unwrap_or_default() }
                if scripted {
                    if is_dropped {
                        <button class="btn" data-action="script-deliver" onclick={toggle(false)}>{ te(lang, "deliver") }</button>
                    } else {
                        <button class="btn drop" data-action="script-drop" onclick={toggle(true)}>{ format!("✕ {}", te(lang, "drop")) }</button>
                    }
                } else {
                    <span class="hint">{ te(lang, "script.own") }</span>
                }
            </div>
        }
    });
    html! {
        <section class="panel script-view" data-view="script" data-failures={report.failures.len().to_string()}>
            <div class="editor-head">
                <h2>{ props.file_name.clone() }</h2>
                <button class="btn" data-action="close-script" onclick={close}>{ te(lang, "script.close") }</button>
            </div>
            <p class="hint">{ te(lang, "script.about") }</p>
            <p class={classes!("script-summary", if report.failures.is_empty() { "pass" } else { "fail" })} data-summary={summary.clone()}>
                <strong>{ if report.failures.is_empty() { te(lang, "script.pass") } else { te(lang, "script.fail") } }</strong>{ format!(" {summary}") }
            </p>
            if !report.failures.is_empty() { <ol class="script-failures">{ for failures }</ol> }
            if !report.skipped.is_empty() {
                <details><summary>{ format!("{} ({})", te(lang, "script.skipped"), report.skipped.len()) }</summary><ul>{ for skipped }</ul></details>
            }
            { for actions }
            <div class="script-diagram" onclick={on_pick} title={te(lang, "script.pick")}>{ Html::from_html_unchecked(AttrValue::from((*picture).clone())) }</div>
        </section>
    }
}
