//! The scenario editor: both hosts' scripts, the link, the numbers, the
//! faults, a teacher's title and note, undo / redo, and scenario files.
//! It runs in its own wasm module (loaded on first use, see `ui::lazy`):
//! each change is applied here (`scenario::edit::apply`) and the new
//! scenario sent to the page, whose one reducer keeps the history and
//! re-runs the simulator; the diagram beside it is the live result.

use super::number_input::NumberInput;
use super::script_editor::ScriptEditor;
use crate::editor_bridge::{EditorMsg, EditorView};
use crate::i18n::label;
use crate::i18n::{t, Lang};
use crate::i18n::{EditorWord, Word};
use crate::scenario::edit::{self, Edit, NumberField};
use crate::scenario::file;
use crate::scenario::limits::{MAX_NOTE_CHARS, MAX_TITLE_CHARS};
use crate::scenario::{presets, Fault, Host};
use crate::tcp::ProfileName;
use crate::ui::files;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<EditorView>,
    pub on_message: Callback<EditorMsg>,
}

/// A title as a file name: letters and digits, the rest as dashes.
fn file_name(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    name.trim_matches('-').to_string()
}

/// A fault as the user sees its segment: `c6`, the id on screen today, or
/// the segment's name while this run does not send it.
fn fault_text(lang: Lang, id: &str, fault: Fault) -> String {
    match fault {
        Fault::Drop => format!("{} {id}", t(lang, EditorWord::FaultDrop)),
        Fault::Delay(ms) => format!("{} {id} +{ms} ms", t(lang, EditorWord::FaultDelay)),
        Fault::Duplicate(ms) => format!("{} {id} +{ms} ms", t(lang, EditorWord::FaultDup)),
    }
}

#[component]
pub fn Editor(props: &Props) -> Html {
    let view = &props.view;
    let lang = view.lang;
    let s = &view.scenario;
    let refused = use_state(|| None::<String>);
    // An edit is applied here; only a valid scenario is sent on, so the last
    // good diagram stays when one is refused.
    let on_edit = {
        let (view, send, refused) = (view.clone(), props.on_message.clone(), refused.clone());
        Callback::from(move |e: Edit| match edit::apply(&view.scenario, &e) {
            Ok(scenario) => {
                refused.set(None);
                send.emit(EditorMsg::Changed {
                    scenario,
                    field: e.field(),
                });
            }
            Err(why) => refused.set(Some(why.0.text(view.lang))),
        })
    };
    let dispatch = |m: EditorMsg| {
        let send = props.on_message.clone();
        Callback::from(move |_: MouseEvent| send.emit(m.clone()))
    };
    let emit = |edit: Edit| {
        let on_edit = on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(edit.clone()))
    };
    let number = |id: &'static str,
                  key: EditorWord,
                  value: u64,
                  field: NumberField,
                  make: Box<dyn Fn(u64) -> Edit>| {
        let on_edit = on_edit.clone();
        let on_change = Callback::from(move |v: u64| on_edit.emit(make(v)));
        html! { <NumberInput {id} label={t(lang, key)} {value} {field} {lang} {on_change} /> }
    };
    let text_field = |id: &'static str,
                      key: EditorWord,
                      value: Option<String>,
                      max: usize,
                      make: fn(String) -> Edit,
                      multiline: bool| {
        let on_edit = on_edit.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let value = if multiline {
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value()
            } else {
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value()
            };
            on_edit.emit(make(value));
        });
        let value = value.unwrap_or_default();
        let count = format!("{}/{max}", value.chars().count());
        html! {
            <label class="field wide" for={id}>
                <span class="field-label">{ t(lang, key) }<span class="count">{ count }</span></span>
                if multiline {
                    <textarea {id} rows="3" maxlength={max.to_string()} {value} {oninput} />
                } else {
                    <input {id} type="text" maxlength={max.to_string()} {value} {oninput} />
                }
            </label>
        }
    };
    // A stack per host (a Windows client against a Linux server).
    let host_stack = |host: Host| {
        let on_edit = on_edit.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let profile = ProfileName::parse(&select.value());
            on_edit.emit(Edit::HostProfile { host, profile });
        });
        let own = match host {
            Host::Client => s.client_profile,
            Host::Server => s.server_profile,
        };
        let same = crate::i18n::fill(
            t(lang, EditorWord::HostStackAsScenario),
            &[t(lang, s.profile.word()).to_string()],
        );
        html! {
            <label class="field"><span class="field-label">{ t(lang, EditorWord::HostStack) }</span>
                <select {onchange} data-field={format!("{}-stack", host.name())}>
                    <option value="" selected={own.is_none()}>{ same }</option>
                    { for ProfileName::ALL.map(|p| html! { <option value={p.as_str()} selected={own == Some(p)}>{ t(lang, p.word()) }</option> }) }
                </select>
            </label>
        }
    };
    let host_fields = |host: Host| {
        let setup = s.host(host);
        let name = host.name();
        let ids = if host == Host::Client {
            ["client-port", "client-isn", "client-dack"]
        } else {
            ["server-port", "server-isn", "server-dack"]
        };
        html! {
            <div class="host-fields" data-host-fields={name}>
                <h3>{ t(lang, host.word()) }</h3>
                { number(ids[0], EditorWord::Port, setup.port as u64, NumberField::Port, Box::new(move |v| Edit::Port { host, port: v as u16 })) }
                if s.isn_seed.is_none() {
                    { number(ids[1], EditorWord::Isn, setup.isn as u64, NumberField::Isn, Box::new(move |v| Edit::Isn { host, isn: v as u32 })) }
                } else {
                    <p class="seeded-isn">{ format!("{}{}", label(lang, EditorWord::Isn), s.isn(host)) }</p>
                }
                { number(ids[2], EditorWord::DelayedAck, setup.delayed_ack_ms.unwrap_or(0), NumberField::DelayedAckMs, Box::new(move |v| Edit::DelayedAck { host, ms: (v > 0).then_some(v) })) }
                { host_stack(host) }
                <ScriptEditor {host} steps={setup.script.clone()} {lang} on_edit={on_edit.clone()} />
            </div>
        }
    };
    let profile = {
        let on_edit = on_edit.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = ProfileName::parse(&select.value()) {
                on_edit.emit(Edit::Profile(p));
            }
        });
        html! {
            <label class="field"><span class="field-label">{ t(lang, Word::ProfileLabel) }</span>
                <select {onchange} data-field="profile">
                    { for ProfileName::ALL.map(|p| html! { <option value={p.as_str()} selected={s.profile == p}>{ t(lang, p.word()) }</option> }) }
                </select>
            </label>
        }
    };
    let numbers_mode = {
        let seeded = s.isn_seed.is_some();
        let seed = s.isn_seed;
        let radio = |key: EditorWord, on: bool, edit: Edit| {
            let on_edit = on_edit.clone();
            let onchange = Callback::from(move |_: Event| on_edit.emit(edit.clone()));
            html! { <label class="radio"><input type="radio" name="numbers" checked={on} {onchange} />{ t(lang, key) }</label> }
        };
        html! {
            <div class="numbers-mode" role="radiogroup" aria-label={t(lang, EditorWord::Isn)}>
                { radio(EditorWord::NumbersFixed, !seeded, Edit::Seed(None)) }
                { radio(EditorWord::NumbersSeeded, seeded, Edit::Seed(Some(seed.unwrap_or(1)))) }
                if let Some(seed) = seed {
                    { number("seed", EditorWord::Seed, seed, NumberField::Seed, Box::new(|v| Edit::Seed(Some(v)))) }
                    <button class="btn" data-action="new-numbers" onclick={emit(Edit::NewNumbers)}>{ t(lang, EditorWord::NumbersNew) }</button>
                }
            </div>
        }
    };
    // The quiz a student gets from this page's link (quiz=…, lock=1).
    let quiz_fields = {
        let kinds = view.showing.quiz.unwrap_or(crate::quiz::Kinds {
            flags: false,
            numbers: false,
            states: false,
        });
        let send = props.on_message.clone();
        let locked = view.showing.locked;
        let toggle = move |change: fn(&mut crate::quiz::Kinds, &mut bool)| {
            let send = send.clone();
            Callback::from(move |_: Event| {
                let (mut k, mut lock) = (kinds, locked);
                change(&mut k, &mut lock);
                let any = k.flags || k.numbers || k.states;
                send.emit(EditorMsg::SetQuiz {
                    kinds: any.then_some(k),
                    locked: lock,
                });
            })
        };
        let check = |key: EditorWord,
                     on: bool,
                     action: &'static str,
                     change: fn(&mut crate::quiz::Kinds, &mut bool)| {
            html! { <label class="radio"><input type="checkbox" data-field={action} checked={on} onchange={toggle(change)} />{ t(lang, key) }</label> }
        };
        html! {
            <fieldset class="quiz-fields">
                <legend>{ t(lang, EditorWord::QuizTeacher) }</legend>
                <div class="numbers-mode">
                    { check(EditorWord::QuizAskStates, kinds.states, "quiz-states", |k, _| k.states = !k.states) }
                    { check(EditorWord::QuizAskFlags, kinds.flags, "quiz-flags", |k, _| k.flags = !k.flags) }
                    { check(EditorWord::QuizAskNumbers, kinds.numbers, "quiz-numbers", |k, _| k.numbers = !k.numbers) }
                    { check(EditorWord::QuizLock, locked, "quiz-lock", |_, l| *l = !*l) }
                </div>
                <p class="hint">{ t(lang, EditorWord::QuizTeacherHint) }</p>
            </fieldset>
        }
    };
    // Faults are kept by segment name; the list shows each by its id in this run.
    let run = use_memo(s.clone(), crate::run);
    let names = use_memo(run.clone(), |run| run.names());
    let faults = s.faults.iter().map(|(key, &fault)| {
        let at = names.iter().position(|n| n.as_ref() == Some(key));
        let shown = at.map_or(key.as_str(), |i| run.segments[i].id.as_str());
        let text = fault_text(lang, shown, fault);
        html! {
            <li data-fault={key.clone()} data-seg-id={shown.to_string()} title={key.clone()}>
                <span>{ text.clone() }</span>
                if at.is_none() {
                    <span class="hint">{ t(lang, EditorWord::FaultNotSent) }</span>
                }
                <button class="btn icon mini" aria-label={format!("{} {text}", t(lang, EditorWord::Remove))}
                        onclick={emit(Edit::Fault { id: key.clone(), fault: None })}>{ "✕" }</button>
            </li>
        }
    });
    let download = {
        let scenario = view.scenario.clone();
        Callback::from(move |_: MouseEvent| {
            let name = scenario_file_name(&scenario);
            crate::ui::export::save_text(
                &file::to_json(&scenario),
                "application/json",
                &format!("synack-{name}.json"),
            );
        })
    };
    // The run as a packetdrill script (`synack pkt`), either host under
    // test: a choice, since the script plays the other host.
    let pkt = {
        let scenario = view.scenario.clone();
        let send = props.on_message.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let side = match select.value().as_str() {
                "client" => Host::Client,
                "server" => Host::Server,
                _ => return,
            };
            select.set_value("");
            let name = scenario_file_name(&scenario);
            // The page's trace is this scenario's run: the same run, here.
            match crate::drill::export::export(&crate::run(&scenario), side, scenario.mss, &name) {
                Ok(script) => crate::ui::export::save_text(
                    &script,
                    "text/plain",
                    &format!("synack-{name}-{}.pkt", side.name()),
                ),
                Err(why) => send.emit(EditorMsg::Notice(
                    crate::i18n::Said::new(EditorWord::PktRefused, [why.text(lang)]).text(lang),
                )),
            }
        })
    };
    // A SCORM package of the lesson as shown, made here from the page's own files.
    let scorm = {
        let send = props.on_message.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let edition = crate::scorm::Edition::parse(&select.value());
            select.set_value("");
            let Some(edition) = edition else { return };
            let send = send.clone();
            yew::platform::spawn_local(async move {
                if let Err(why) = crate::ui::scorm::download(edition, lang).await {
                    send.emit(EditorMsg::Notice(format!(
                        "{}{}{why}",
                        t(lang, EditorWord::ScormFailed),
                        t(lang, crate::i18n::Word::Colon)
                    )));
                }
            });
        })
    };
    let open = {
        let send = props.on_message.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(chosen) = input.files().and_then(|f| f.get(0)) {
                let send = send.clone();
                files::read_file(chosen, move |text| {
                    match text.and_then(|t| file::from_json(&t).map_err(|e| e.0.text(lang))) {
                        Ok(scenario) => send.emit(EditorMsg::Replace(scenario)),
                        Err(why) => send.emit(EditorMsg::Notice(format!(
                            "{}{why}",
                            label(lang, Word::FileError)
                        ))),
                    }
                });
            }
            input.set_value("");
        })
    };
    html! {
        <section class="panel editor" aria-labelledby="editor-title" data-panel="editor">
            <div class="editor-head">
                <h2 id="editor-title">{ t(lang, Word::EditorTitle) }</h2>
                <button class="btn" data-action="undo" disabled={!view.can_undo} onclick={dispatch(EditorMsg::Undo)}>{ format!("↶ {}", t(lang, EditorWord::Undo)) }</button>
                <button class="btn" data-action="redo" disabled={!view.can_redo} onclick={dispatch(EditorMsg::Redo)}>{ format!("↷ {}", t(lang, EditorWord::Redo)) }</button>
                <button class="btn icon" data-action="close-editor" aria-label={t(lang, Word::HelpClose)} onclick={dispatch(EditorMsg::Close)}>{ "×" }</button>
            </div>
            if let Some(why) = &*refused {
                <p class="field-error" role="alert">{ format!("{}{why}", label(lang, EditorWord::EditRefused)) }</p>
            }
            <div class="file-actions">
                <button class="btn" data-action="download-scenario" onclick={download}>{ t(lang, EditorWord::FileDownload) }</button>
                <label class="btn file-pick">{ t(lang, EditorWord::FileOpen) }
                    <input type="file" accept=".json,application/json" class="sr-only" data-action="open-scenario" onchange={open} />
                </label>
                <button class="btn" data-action="blank" onclick={dispatch(EditorMsg::Replace(presets::blank()))}>{ t(lang, EditorWord::EditorBlank) }</button>
                <span class="hint">{ t(lang, EditorWord::FileLocal) }</span>
            </div>
            <div class="file-actions">
                <select class="btn" data-action="download-pkt" aria-describedby="pkt-hint" onchange={pkt}>
                    <option value="" selected=true>{ t(lang, EditorWord::PktDownload) }</option>
                    <option value="client">{ t(lang, EditorWord::PktClientUnderTest) }</option>
                    <option value="server">{ t(lang, EditorWord::PktServerUnderTest) }</option>
                </select>
                <span class="hint" id="pkt-hint">{ t(lang, EditorWord::PktDownloadHint) }</span>
            </div>
            <div class="file-actions">
                <select class="btn" data-action="download-scorm" aria-describedby="scorm-hint" onchange={scorm}>
                    <option value="" selected=true>{ t(lang, EditorWord::ScormDownload) }</option>
                    <option value="1.2">{ "SCORM 1.2" }</option>
                    <option value="2004">{ "SCORM 2004" }</option>
                </select>
                <span class="hint" id="scorm-hint">{ t(lang, EditorWord::ScormHint) }</span>
            </div>
            { text_field("lesson-title", EditorWord::LessonTitle, s.title.clone(), MAX_TITLE_CHARS, Edit::Title, false) }
            { text_field("lesson-note", EditorWord::LessonNote, s.note.clone(), MAX_NOTE_CHARS, Edit::Note, true) }
            <div class="hosts">
                { host_fields(Host::Client) }
                { host_fields(Host::Server) }
            </div>
            <fieldset class="link-fields">
                <legend>{ t(lang, EditorWord::Link) }</legend>
                { number("latency-c2s", EditorWord::LatencyC2s, s.client_to_server_ms, NumberField::LatencyMs, Box::new(|v| Edit::Latency { from: Host::Client, ms: v })) }
                { number("latency-s2c", EditorWord::LatencyS2c, s.server_to_client_ms, NumberField::LatencyMs, Box::new(|v| Edit::Latency { from: Host::Server, ms: v })) }
                { number("mss", EditorWord::Mss, s.mss as u64, NumberField::Mss, Box::new(|v| Edit::Mss(v as u32))) }
                { profile }
                { numbers_mode }
            </fieldset>
            { quiz_fields }
            <fieldset class="fault-fields">
                <legend>{ t(lang, EditorWord::Faults) }</legend>
                if s.faults.is_empty() {
                    <p class="hint">{ t(lang, EditorWord::FaultsNone) }</p>
                } else {
                    <ul class="fault-list">{ for faults }</ul>
                }
            </fieldset>
        </section>
    }
}

/// What the editor's downloads are named after: the title, else "scenario".
fn scenario_file_name(scenario: &crate::Scenario) -> String {
    scenario
        .title
        .as_deref()
        .map(file_name)
        .unwrap_or_else(|| "scenario".into())
}
