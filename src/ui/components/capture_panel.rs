//! An open capture: the file, its TCP connections as a sortable table (pick
//! one to draw it), and the way back to the scenarios. It runs in the module
//! loaded on first use, beside the capture reader; the page is sent the
//! connection chosen and draws it.

use crate::capture::Capture;
use crate::diagram::escape;
use crate::editor_bridge::EditorMsg;
use crate::i18n::{t, Lang};
use crate::i18n::{EditorWord, Word};
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
    // The table as one piece of HTML, parsed by the browser in one go (100
    // rows built node by node took Yew 15 ms, more than reading the file),
    // with one listener for its buttons: a column to sort by, a row to show.
    let header = |key: EditorWord, column: SortBy, code: &str| {
        let on = by == column;
        let aria = match (on, descending) {
            (true, false) => "ascending",
            (true, true) => "descending",
            _ => "none",
        };
        let arrow = match (on, descending) {
            (true, true) => " ▾",
            (true, false) => " ▴",
            _ => "",
        };
        format!("<th aria-sort=\"{aria}\"><button class=\"sort\" data-sort=\"{code}\">{}{arrow}</button></th>", escape(t(lang, key)))
    };
    let plain = |key: EditorWord| format!("<th>{}</th>", escape(t(lang, key)));
    // What every connection shares is said once, above the table, so its
    // columns fit the panel: most captures hold one server, and one client
    // address with many ports.
    let one_server = list.iter().all(|c| c.server == list[0].server);
    let one_client_addr = list.iter().all(|c| c.client.addr == list[0].client.addr);
    let client_cell = |c: &crate::capture::Connection| {
        if one_client_addr {
            format!(":{}", c.client.port)
        } else {
            c.client.to_string()
        }
    };
    let shared = match (one_client_addr, one_server, list.first()) {
        (true, true, Some(c)) => Some(format!("{} → {}", c.client.addr, c.server)),
        (false, true, Some(c)) => Some(format!("→ {}", c.server)),
        (true, false, Some(c)) => Some(format!("{} →", c.client.addr)),
        _ => None,
    };
    let mut table = format!(
        "<table class=\"connections\" aria-label=\"{}\" data-connections=\"{}\"><thead><tr>{}{}{}{}{}{}{}</tr></thead><tbody>",
        escape(t(lang, EditorWord::CaptureConnections)),
        list.len(),
        header(EditorWord::CaptureIndex, SortBy::Index, "index"),
        plain(EditorWord::CaptureClient),
        if one_server { String::new() } else { plain(EditorWord::CaptureServer) },
        header(EditorWord::CapturePackets, SortBy::Packets, "packets"),
        header(EditorWord::CaptureStart, SortBy::Start, "start"),
        header(EditorWord::CaptureDuration, SortBy::Duration, "duration"),
        header(EditorWord::CaptureEnding, SortBy::Ending, "ending"),
    );
    for &i in order.iter().take(*shown) {
        let c = &list[i];
        table.push_str(&format!(
            "<tr data-connection=\"{n}\" aria-selected=\"false\"><td><button class=\"btn mini\">{n}</button></td><td class=\"mono\">{}</td>{}<td>{}</td><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
            escape(&client_cell(c)),
            if one_server {
                String::new()
            } else {
                format!("<td class=\"mono\">{}</td>", escape(&c.server.to_string()))
            },
            c.segments.len(),
            crate::capture::words::seconds_us(c.start_us()),
            crate::capture::words::duration(c.duration_us()),
            escape(t(lang, c.ending().word_key())),
            n = i + 1,
        ));
    }
    table.push_str("</tbody></table>");
    let table = Html::from_html_unchecked(AttrValue::from(table));
    // The chosen row is marked on the table's elements, so choosing one does
    // not rebuild the table (same HTML, same elements).
    let table_ref = use_node_ref();
    {
        let table_ref = table_ref.clone();
        let key = (
            *chosen,
            *sort,
            *shown,
            lang,
            Rc::as_ptr(&props.capture) as usize,
        );
        use_effect_with(key, move |(chosen, ..)| {
            if let Some(root) = table_ref.cast::<web_sys::Element>() {
                if let Ok(rows) = root.query_selector_all("tr[data-connection]") {
                    for k in 0..rows.length() {
                        let Some(row) = rows.item(k).and_then(|r| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(r).ok()
                        }) else {
                            continue;
                        };
                        let n = row
                            .get_attribute("data-connection")
                            .and_then(|n| n.parse::<usize>().ok());
                        let on = n.is_some() && n == chosen.map(|i| i + 1);
                        let _ =
                            row.set_attribute("aria-selected", if on { "true" } else { "false" });
                        let _ = row.set_attribute("class", if on { "chosen" } else { "" });
                    }
                }
            }
        });
    }
    let on_table = {
        let (show, sort) = (show.clone(), sort.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|el| el.closest("button").ok().flatten())
            else {
                return;
            };
            if let Some(code) = button.get_attribute("data-sort") {
                let column = match code.as_str() {
                    "packets" => SortBy::Packets,
                    "start" => SortBy::Start,
                    "duration" => SortBy::Duration,
                    "ending" => SortBy::Ending,
                    _ => SortBy::Index,
                };
                let (was, desc) = *sort;
                sort.set((column, was == column && !desc));
            } else if let Some(n) = button
                .closest("[data-connection]")
                .ok()
                .flatten()
                .and_then(|tr| tr.get_attribute("data-connection"))
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| n >= 1)
            {
                show.emit(n - 1);
            }
        })
    };
    let more = list.len().saturating_sub(*shown);
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + 1_000))
    };
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
        // (Its note says how its run differs from the capture; the page
        // asks again, `compare_replay`, after each change.)
        Callback::from(move |_: MouseEvent| {
            let (scenario, _) = crate::capture::replay::derive_noted(&c, &file_name);
            send.emit(EditorMsg::Replay(scenario))
        })
    });
    html! {
        <section class="panel capture-panel" data-panel="capture" aria-labelledby="capture-title">
            <div class="capture-head">
                <h2 id="capture-title">{ format!("{} · {}", t(lang, EditorWord::CaptureTitle), props.file_name) }</h2>
                <button class="btn" data-action="close-capture" onclick={back}>{ t(lang, EditorWord::Back) }</button>
            </div>
            <p class="hint">{ t(lang, Word::CaptureLocal) }{ " · " }{ t(lang, EditorWord::CaptureNoLink) }</p>
            if let Some(c) = connection {
                <p class="capture-summary" data-capture-summary="">
                    { format!("{} → {} · {} {} · {}", c.client, c.server, c.segments.len(), t(lang, EditorWord::CapturePackets), t(lang, c.ending().word_key())) }
                </p>
                if c.client_guessed { <p class="hint" data-guessed="">{ t(lang, EditorWord::CaptureGuessed) }</p> }
                if let Some(onclick) = replay {
                    <button class="btn primary" data-action="replay" {onclick}>{ t(lang, EditorWord::CaptureReplay) }</button>
                }
                // After a replay: the capture itself again.
                if let Some(i) = *chosen {
                    <button class="btn" data-action="show-capture" onclick={{ let show = show.clone(); Callback::from(move |_: MouseEvent| show.emit(i)) }}>{ t(lang, EditorWord::CaptureShowAgain) }</button>
                }
                <p class="hint">{ crate::capture::words::inferred_note(lang).trim() }</p>
            }
            if list.len() > 1 {
                if let Some(shared) = shared.clone() { <p class="connections-shared mono" data-shared="">{ shared }</p> }
                <div class="connections-scroll" ref={table_ref} onclick={on_table}>{ table }</div>
                if more > 0 {
                    <button class="btn" data-action="more-connections" onclick={show_more}>{ format!("{} ({more})", t(lang, EditorWord::CaptureMore)) }</button>
                }
            }
        </section>
    }
}
