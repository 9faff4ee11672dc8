//! An open capture: the file, its TCP connections as a sortable table (pick
//! one to draw it), and the way back to the scenarios. It runs in the module
//! loaded on first use, beside the capture reader; the page is sent the
//! connection chosen and draws it.

use crate::capture::Capture;
use crate::editor_bridge::EditorMsg;
use crate::i18n::{te as t, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub capture: Rc<Capture>,
    pub file_name: AttrValue,
    pub lang: Lang,
    pub on_message: Callback<EditorMsg>,
}

const FIRST_ROWS: usize = 100;

#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    Index,
    Packets,
    Start,
    Duration,
    Ending,
}

#[component]
pub fn CapturePanel(props: &Props) -> Html {
    let lang = props.lang;
    let sort = use_state(|| (SortBy::Index, false));
    // The first rows at once, the rest on request: a file of thousands of
    // connections lists in milliseconds.
    let shown = use_state(|| FIRST_ROWS);
    let chosen = use_state(|| None::<usize>);
    let list = &props.capture.connections;
    let show = {
        let (chosen, send, capture, file_name) = (
            chosen.clone(),
            props.on_message.clone(),
            props.capture.clone(),
            props.file_name.clone(),
        );
        Callback::from(move |i: usize| {
            chosen.set(Some(i));
            let connection = capture.connections[i].clone();
            send.emit(EditorMsg::ShowConnection {
                file_name: file_name.to_string(),
                trace: Box::new(crate::capture::infer(&connection)),
                connection,
            });
        })
    };
    // A file with one connection opens it directly.
    {
        let (show, one) = (show.clone(), list.len() == 1);
        use_effect_with(props.capture.clone(), move |_| {
            if one {
                show.emit(0);
            }
        });
    }
    let mut order: Vec<usize> = (0..list.len()).collect();
    let (by, descending) = *sort;
    order.sort_unstable_by_key(|&i| {
        let c = &list[i];
        let key = match by {
            SortBy::Index => 0,
            SortBy::Packets => c.segments.len() as u64,
            SortBy::Start => c.start_us(),
            SortBy::Duration => c.duration_us(),
            SortBy::Ending => c.ending() as u64,
        };
        (key << 20) | i as u64
    });
    if descending {
        order.reverse();
    }
    let header = |key: &'static str, column: SortBy| {
        let sort = sort.clone();
        let on = by == column;
        let onclick = Callback::from(move |_: MouseEvent| {
            let (was, desc) = *sort;
            sort.set((column, was == column && !desc));
        });
        let aria = match (on, descending) {
            (true, false) => "ascending",
            (true, true) => "descending",
            _ => "none",
        };
        html! { <th aria-sort={aria}><button class="sort" {onclick}>{ t(lang, key) }{ if on { if descending { " ▾" } else { " ▴" } } else { "" } }</button></th> }
    };
    let more = list.len().saturating_sub(*shown);
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + 1_000))
    };
    let rows = order.iter().take(*shown).map(|&i| {
        let c = &list[i];
        let chosen = *chosen == Some(i);
        let onclick = {
            let show = show.clone();
            Callback::from(move |_: MouseEvent| show.emit(i))
        };
        html! {
            <tr class={classes!(chosen.then_some("chosen"))} data-connection={(i + 1).to_string()} aria-selected={chosen.to_string()}>
                <td><button class="btn mini" {onclick}>{ i + 1 }</button></td>
                <td class="mono">{ c.client.to_string() }</td>
                <td class="mono">{ c.server.to_string() }</td>
                <td>{ c.segments.len() }</td>
                <td class="mono">{ crate::capture::words::seconds_us(c.start_us()) }</td>
                <td class="mono">{ crate::capture::words::duration(c.duration_us()) }</td>
                <td>{ t(lang, c.ending().word_key()) }</td>
            </tr>
        }
    });
    let back = {
        let send = props.on_message.clone();
        Callback::from(move |_: MouseEvent| send.emit(EditorMsg::CloseCapture))
    };
    let connection = chosen.and_then(|i| list.get(i));
    // The chosen connection as a scenario the model runs, its differences
    // from the capture as the note: then it is edited, faulted and shared
    // like any scenario (the capture itself never goes into a link).
    let replay = connection.cloned().map(|c| {
        let (send, file_name) = (props.on_message.clone(), props.file_name.clone());
        Callback::from(move |_: MouseEvent| {
            let mut scenario = crate::capture::replay::derive(&c, &file_name);
            let differences =
                crate::capture::replay::compare(&crate::capture::infer(&c), &crate::run(&scenario));
            scenario.note = Some(crate::capture::replay::note(&differences));
            send.emit(EditorMsg::Replay(scenario));
        })
    });
    html! {
        <section class="panel capture-panel" data-panel="capture" aria-labelledby="capture-title">
            <div class="capture-head">
                <h2 id="capture-title">{ format!("{} · {}", t(lang, "capture.title"), props.file_name) }</h2>
                <button class="btn" data-action="close-capture" onclick={back}>{ t(lang, "capture.close") }</button>
            </div>
            <p class="hint">{ t(lang, "capture.local") }{ " · " }{ t(lang, "capture.no_link") }</p>
            if let Some(c) = connection {
                <p class="capture-summary" data-capture-summary="">
                    { format!("{} → {} · {} {} · {}", c.client, c.server, c.segments.len(), t(lang, "capture.packets"), t(lang, c.ending().word_key())) }
                </p>
                if c.client_guessed { <p class="hint" data-guessed="">{ t(lang, "capture.guessed") }</p> }
                if let Some(onclick) = replay {
                    <button class="btn primary" data-action="replay" {onclick}>{ t(lang, "capture.replay") }</button>
                }
                <p class="hint">{ crate::capture::words::inferred_note(lang).trim() }</p>
            }
            if list.len() > 1 {
                <div class="connections-scroll">
                <table class="connections" aria-label={t(lang, "capture.connections")} data-connections={list.len().to_string()}>
                    <thead><tr>
                        { header("capture.index", SortBy::Index) }
                        <th>{ t(lang, "capture.client") }</th>
                        <th>{ t(lang, "capture.server") }</th>
                        { header("capture.packets", SortBy::Packets) }
                        { header("capture.start", SortBy::Start) }
                        { header("capture.duration", SortBy::Duration) }
                        { header("capture.ending", SortBy::Ending) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                </div>
                if more > 0 {
                    <button class="btn" data-action="more-connections" onclick={show_more}>{ format!("{} ({more})", t(lang, "capture.more")) }</button>
                }
            }
        </section>
    }
}
