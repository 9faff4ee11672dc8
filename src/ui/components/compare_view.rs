//! The Compare view: one scenario under up to four stacks, a column each on
//! one time axis (`diagram::compare_chart`), and what differs from the first,
//! with the profile numbers behind it. Choosing a difference lights it up in
//! every column. Drawn by the module loaded on first use.

use crate::compare::{describe, differences, Column, Difference, Stacks};
use crate::diagram::compare_chart::{self, Highlight};
use crate::editor_bridge::EditorMsg;
use crate::i18n::{t, EditorWord, Lang, Word};
use crate::scenario::Scenario;
use crate::tcp::ProfileName;
use crate::trace::Trace;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub scenario: Rc<Scenario>,
    pub stacks: Stacks,
    pub lang: Lang,
    pub on_message: Callback<EditorMsg>,
}

/// Each stack's run of the scenario, both hosts on it.
fn runs(scenario: &Scenario, stacks: Stacks) -> Vec<(Column, Trace)> {
    stacks
        .list()
        .into_iter()
        .map(|c| (c, c.run(scenario)))
        .collect()
}

/// What a difference lights up in the columns.
fn highlight_of(d: &Difference) -> Highlight {
    match d {
        Difference::Sent { name, .. } => Highlight::Segment(name.clone()),
        Difference::Lasts { host, state, .. } => Highlight::State(*host, *state),
    }
}

#[component]
pub fn CompareView(props: &Props) -> Html {
    let lang = props.lang;
    let chosen = use_state(|| None::<Highlight>);
    let runs = use_memo((props.scenario.clone(), props.stacks), |(s, stacks)| {
        runs(s, *stacks)
    });
    let word = |c: Column| c.word(lang);

    let picker = Column::ALL.map(|p| {
        let on = props.stacks.contains(p);
        let next = props.stacks.toggled(p);
        let onchange = {
            let (send, chosen) = (props.on_message.clone(), chosen.clone());
            Callback::from(move |_: Event| {
                if let Some(stacks) = next {
                    chosen.set(None);
                    send.emit(EditorMsg::CompareStacks(stacks.bits()));
                }
            })
        };
        // A fifth cannot be added, the last cannot be taken away.
        let disabled = next.is_none();
        let title = disabled.then(|| t(lang, EditorWord::CompareTooMany));
        html! {
            <label class={classes!("stack-choice", on.then_some("on"))} title={title}>
                <input type="checkbox" checked={on} {disabled} {onchange} data-stack={p.as_str()} />
                { word(p) }
            </label>
        }
    });

    let given: Vec<(String, &Trace)> = runs
        .iter()
        .map(|(p, trace)| (word(*p).to_string(), trace))
        .collect();
    let columns = compare_chart::columns(&given, chosen.as_ref(), lang);
    let columns = columns.into_iter().zip(runs.iter()).map(|(svg, (p, trace))| {
        // This stack's run as a capture, to open in Wireshark beside the others.
        let download = {
            let (trace, mss, column) = (trace.clone(), props.scenario.mss, *p);
            let onclick = Callback::from(move |_: MouseEvent| {
                let name = format!("synack-compare-{}.pcapng", column.as_str());
                match crate::explain::pcapng(&trace, mss) {
                    Ok(bytes) => crate::ui::export::save_bytes(&bytes, crate::ui::export::PCAPNG_MIME, &name),
                    // (A stack's run of a scenario stays far below the limit.)
                    Err(why) => web_sys::console::error_1(&why.message().into()),
                }
            });
            let key = Word::ExportPcapng;
            html! { <button class="btn compare-pcapng" data-action="export-pcapng" aria-label={t(lang, key)} title={t(lang, key)} {onclick}>{ "pcapng" }</button> }
        };
        let note = (*p == Column::Model(ProfileName::Windows)).then(|| {
            html! { <p class="compare-note">{ t(lang, Word::ParamsWindowsNote) }</p> }
        });
        html! {
            <figure class="compare-column-box" data-column={p.as_str()}>
                { Html::from_html_unchecked(svg.into()) }
                { download }
                { note }
            </figure>
        }
    });

    let (base_name, base) = (&runs[0].0, &runs[0].1);
    let lists = runs[1..].iter().map(|(name, run)| {
        let found = differences(base, run);
        let reasons = base_name.why(*name, &found, lang);
        let summary = crate::compare::summary(word(*base_name), word(*name), found.len(), lang);
        let items = found.iter().map(|d| {
            let lit = chosen.as_ref() == Some(&highlight_of(d));
            let onclick = {
                let (chosen, h) = (chosen.clone(), highlight_of(d));
                Callback::from(move |_: MouseEvent| {
                    chosen.set(if *chosen == Some(h.clone()) { None } else { Some(h.clone()) })
                })
            };
            html! {
                <li><button class={classes!("difference", lit.then_some("on"))} aria-pressed={lit.to_string()} {onclick}>
                    { describe(d, word(*base_name), word(*name), lang) }
                </button></li>
            }
        });
        html! {
            <section class="compare-differences" data-against={name.as_str()}>
                <h3>{ summary }</h3>
                <ul>{ for items }</ul>
                if !found.is_empty() && !reasons.is_empty() {
                    <h4>{ t(lang, EditorWord::CompareBecause) }</h4>
                    <ul class="compare-reasons">{ for reasons.into_iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                }
            </section>
        }
    });

    let close = {
        let send = props.on_message.clone();
        Callback::from(move |_: MouseEvent| send.emit(EditorMsg::CloseCompare))
    };
    html! {
        <section class="panel compare-view" data-view="compare" data-stacks={props.stacks.text()}>
            <header class="compare-head">
                <h2>{ t(lang, EditorWord::CompareTitle) }</h2>
                <button class="btn" data-action="close-compare" onclick={close}>{ t(lang, EditorWord::Back) }</button>
            </header>
            <p class="compare-hint">{ t(lang, EditorWord::CompareHint) }</p>
            <fieldset class="stack-picker"><legend class="sr-only">{ t(lang, EditorWord::CompareTitle) }</legend>{ for picker }</fieldset>
            <div class="compare-body">
                <div class="compare-columns">{ for columns }</div>
                <div class="compare-lists">{ for lists }</div>
            </div>
        </section>
    }
}
