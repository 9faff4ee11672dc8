//! The quiz, drawn by the module loaded on first use: one question at a
//! time about the step the page is holding back (`EditorMsg::QuizAt`), the
//! verdict with the step's own explanation, the score at the end. Embedded,
//! each answer is posted to the course page as `synack:quiz`.

use crate::editor_bridge::{EditorMsg, QuizView};
use crate::i18n::{t, Lang};
use crate::i18n::{EditorWord, Word};
use crate::quiz::{self, Question};
use crate::trace::Trace;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<QuizView>,
    pub trace: Rc<Trace>,
    pub on_message: Callback<EditorMsg>,
}

/// The keys that pick choice 1, 2, … (a keyboard's top row).
const PICK_KEYS: [&str; 11] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"];

#[derive(Clone, PartialEq, Default)]
struct Progress {
    /// The question on screen.
    at: usize,
    /// Right or wrong, for each question answered so far.
    results: Vec<bool>,
    /// The answer given to the question on screen, once checked.
    given: Option<String>,
    /// The choice picked (by click or key) but not yet checked.
    picked: Option<usize>,
}

/// Tells the course page around an embedded frame how the student is doing.
/// And a SCORM player's gradebook, through boot.js's `synackScore`.
fn post_score(correct: usize, answered: usize, total: usize) {
    let message = js_sys::Object::new();
    let number = |n: usize| wasm_bindgen::JsValue::from(n as f64);
    for (key, value) in [
        ("type", wasm_bindgen::JsValue::from("synack:quiz")),
        ("correct", number(correct)),
        ("answered", number(answered)),
        ("total", number(total)),
        ("done", wasm_bindgen::JsValue::from(answered == total)),
    ] {
        let _ = js_sys::Reflect::set(&message, &key.into(), &value);
    }
    crate::ui::boot::call("synackScore", message.clone().into());
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let _ = parent.post_message(&message, "*");
}

fn score_text(p: &Progress) -> String {
    format!(
        "{}/{}",
        p.results.iter().filter(|r| **r).count(),
        p.results.len()
    )
}

#[component]
pub fn QuizPanel(props: &Props) -> Html {
    let view = &props.view;
    let lang = view.lang;
    let trace = props.trace.clone();
    let questions: Rc<Vec<Question>> = {
        // Keyed by what is asked about, not by the language: switching it
        // mid-quiz keeps the student's place.
        let (trace, kinds, numbering) = (trace.clone(), view.kinds, view.numbering);
        // The module keeps one trace per text the page sends: the same
        // trace is the same `Rc`, a new run a new one.
        use_memo(
            (crate::page::Same(trace.clone()), kinds.code(), numbering),
            move |_| quiz::questions(&trace, kinds, numbering),
        )
    };
    let progress = use_state(Progress::default);
    let typed = use_state(String::new);
    let input_ref = use_node_ref();
    // A new trace, numbering or choice of kinds: the quiz starts again.
    {
        let (progress, typed) = (progress.clone(), typed.clone());
        use_effect_with(questions.clone(), move |_| {
            progress.set(Progress::default());
            typed.set(String::new());
        });
    }
    // Hold the page at the step asked about; once answered, show that step
    // (unless the next question is about the same step); at the end, all.
    {
        let send = props.on_message.clone();
        let questions = questions.clone();
        let key = (progress.at, progress.given.is_some(), questions.clone());
        use_effect_with(key, move |(at, answered, _)| {
            let event = match questions.get(*at) {
                None => None,
                Some(q) if !*answered => Some(q.event),
                Some(q) => match questions.get(at + 1) {
                    Some(next) if next.event == q.event => Some(q.event),
                    Some(_) => Some(q.event + 1),
                    None => None,
                },
            };
            send.emit(EditorMsg::QuizAt(event));
        });
    }
    // Keep the keyboard on the question: focus the answer field each time,
    // or the quiz itself for a question of choices (the focus must leave the
    // toolbar's Quiz button, or Enter would press it and close the quiz).
    let panel_ref = use_node_ref();
    {
        let (input_ref, panel_ref) = (input_ref.clone(), panel_ref.clone());
        use_effect_with((progress.at, progress.given.is_some()), move |_| {
            let target = input_ref.cast::<web_sys::HtmlElement>();
            if let Some(el) = target.or_else(|| panel_ref.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
        });
    }

    let check = {
        let (progress, typed, questions, trace) = (
            progress.clone(),
            typed.clone(),
            questions.clone(),
            trace.clone(),
        );
        let numbering = view.numbering;
        Callback::from(move |given: String| {
            let Some(q) = questions.get(progress.at) else {
                return;
            };
            if progress.given.is_some() || given.trim().is_empty() {
                return;
            }
            let mut next = (*progress).clone();
            next.results
                .push(quiz::is_right(&trace, numbering, q, &given));
            next.given = Some(given);
            post_score(
                next.results.iter().filter(|r| **r).count(),
                next.results.len(),
                questions.len(),
            );
            progress.set(next);
            typed.set(String::new());
        })
    };
    let go_on = {
        let progress = progress.clone();
        Callback::from(move |_: ()| {
            let mut next = (*progress).clone();
            if next.given.take().is_some() {
                next.at += 1;
                next.picked = None;
                progress.set(next);
            }
        })
    };
    let again = {
        let progress = progress.clone();
        Callback::from(move |_: MouseEvent| progress.set(Progress::default()))
    };
    let close = {
        let send = props.on_message.clone();
        Callback::from(move |_: MouseEvent| send.emit(EditorMsg::CloseQuiz))
    };

    // Number keys pick, Enter checks (or goes on). Typing in a field is left alone.
    {
        let (progress, questions, check, go_on, typed) = (
            progress.clone(),
            questions.clone(),
            check.clone(),
            go_on.clone(),
            typed.clone(),
        );
        use_effect_with(
            ((*progress).clone(), (*typed).clone(), questions.clone()),
            move |_| {
                let listener = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
                    move |e: web_sys::KeyboardEvent| {
                        if e.ctrl_key() || e.meta_key() || e.alt_key() {
                            return;
                        }
                        let tag = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                            .map(|el| el.tag_name())
                            .unwrap_or_default();
                        let in_field = matches!(tag.as_str(), "INPUT" | "SELECT" | "TEXTAREA");
                        // A focused button takes Enter itself; the number field's form submits itself.
                        if e.key() == "Enter" && (tag == "BUTTON" || in_field) {
                            return;
                        }
                        let Some(q) = questions.get(progress.at) else {
                            return;
                        };
                        let key = e.key();
                        if progress.given.is_some() {
                            if key == "Enter" && !in_field {
                                e.prevent_default();
                                go_on.emit(());
                            }
                            return;
                        }
                        if key == "Enter" {
                            let answer = match progress.picked {
                                Some(i) => q.choices.get(i).cloned(),
                                None => Some((*typed).clone()),
                            };
                            if let Some(answer) = answer.filter(|a| !a.trim().is_empty()) {
                                e.prevent_default();
                                check.emit(answer);
                            }
                        } else if !in_field && !q.choices.is_empty() {
                            if let Some(i) = PICK_KEYS.iter().position(|k| *k == key) {
                                if i < q.choices.len() {
                                    e.prevent_default();
                                    let mut next = (*progress).clone();
                                    next.picked = Some(i);
                                    progress.set(next);
                                }
                            }
                        }
                    },
                );
                let document = web_sys::window().and_then(|w| w.document());
                if let Some(d) = &document {
                    let _ = d.add_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                move || {
                    if let Some(d) = &document {
                        let _ = d.remove_event_listener_with_callback(
                            "keydown",
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                }
            },
        );
    }

    let head = html! {
        <div class="quiz-head">
            <h2>{ t(lang, Word::QuizTitle) }</h2>
            <span class="quiz-score" data-quiz-score={score_text(&progress)} aria-label={t(lang, EditorWord::QuizScore)}>{ score_text(&progress) }</span>
            if !view.locked {
                <button class="btn mini" data-action="close-quiz" onclick={close} aria-label={t(lang, EditorWord::QuizClose)} title={t(lang, EditorWord::QuizClose)}>{ "×" }</button>
            }
        </div>
    };
    if questions.is_empty() {
        return html! {
            <section class="panel quiz" data-quiz="empty">{ head }<p class="hint">{ t(lang, EditorWord::QuizNone) }</p></section>
        };
    }
    let Some(q) = questions.get(progress.at) else {
        return finished(lang, &trace, &questions, &progress, head, again);
    };
    let prompt = quiz::prompt(&trace, q, lang);
    let announced = match (progress.given.is_some(), progress.results.last()) {
        (true, Some(true)) => t(lang, EditorWord::QuizRight).to_string(),
        (true, _) => format!("{} {}", t(lang, EditorWord::QuizWrong), q.answer),
        _ => String::new(),
    };
    let count = format!(
        "{} {} / {}",
        t(lang, EditorWord::QuizQuestion),
        progress.at + 1,
        questions.len()
    );
    let answer_area = if let Some(given) = &progress.given {
        let right = progress.results.last().copied().unwrap_or(false);
        let why = quiz::explanation(&trace, &questions, progress.at, lang, view.numbering);
        let next = go_on.clone();
        let last = progress.at + 1 == questions.len();
        html! {
            <div class={classes!("quiz-feedback", if right { "right" } else { "wrong" })} data-quiz={if right { "right" } else { "wrong" }}>
                <p class="verdict" aria-hidden="true"><strong>{ announced.clone() }</strong>{ match lang {
                    Lang::Zh => format!("（{}{given}）", t(lang, EditorWord::QuizYours)),
                    Lang::En => format!(" ({} {given})", t(lang, EditorWord::QuizYours)),
                } }</p>
                { for why.into_iter().map(|line| html! { <p class="why">{ line }</p> }) }
                <button class="btn primary" data-action="quiz-next" ref={input_ref.clone()} onclick={Callback::from(move |_: MouseEvent| next.emit(()))}>
                    { t(lang, if last { EditorWord::QuizFinish } else { EditorWord::QuizNext }) }
                </button>
            </div>
        }
    } else if q.choices.is_empty() {
        let oninput = {
            let typed = typed.clone();
            Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                typed.set(input.value());
            })
        };
        let submit = {
            let (check, typed) = (check.clone(), typed.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                check.emit((*typed).clone());
            })
        };
        let hint = if view.numbering == crate::trace::Numbering::Letters {
            t(lang, EditorWord::QuizTypeLetters)
        } else {
            t(lang, EditorWord::QuizTypeNumber)
        };
        html! {
            <form class="quiz-number" onsubmit={submit}>
                <input ref={input_ref.clone()} data-quiz="input" class="mono" type="text" inputmode="text" autocomplete="off" spellcheck="false"
                       value={(*typed).clone()} {oninput} aria-label={prompt.clone()} placeholder={hint} maxlength="24" />
                <button class="btn primary" type="submit" data-action="quiz-check">{ t(lang, EditorWord::QuizCheck) }</button>
            </form>
        }
    } else {
        let choices = q.choices.iter().enumerate().map(|(i, c)| {
            let picked = progress.picked == Some(i);
            let onclick = {
                let (check, c) = (check.clone(), c.clone());
                Callback::from(move |_: MouseEvent| check.emit(c.clone()))
            };
            html! {
                <button class={classes!("btn", "choice", picked.then_some("on"))} data-answer={c.clone()} aria-pressed={picked.to_string()}
                        aria-keyshortcuts={PICK_KEYS[i.min(10)]} {onclick}>
                    <kbd>{ PICK_KEYS[i.min(10)] }</kbd>{ c.clone() }
                </button>
            }
        });
        html! {
            <div class="quiz-choices" role="group" aria-label={prompt.clone()}>{ for choices }</div>
        }
    };
    html! {
        <section class="panel quiz" ref={panel_ref} tabindex="-1" aria-label={t(lang, Word::QuizTitle)}>
            { head }
            <div aria-live="polite">
                <p class="quiz-count">{ count }</p>
                <p class="quiz-question" data-quiz="question" data-quiz-kind={q.ask.kind()}>{ prompt }</p>
                // The verdict is read out from here: a live region must exist
                // before its text changes, and the feedback below is new each time.
                <p class="sr-only">{ announced }</p>
            </div>
            // Keyed by the step, so Yew never reuses the focused "Next" button
            // as a choice of the next question (Enter would then pick it).
            <div class="quiz-answer">
                <div key={format!("{}-{}", progress.at, progress.given.is_some())}>{ answer_area }</div>
            </div>
            <p class="quiz-keys hint">{ t(lang, if q.choices.is_empty() { EditorWord::QuizKeysNumber } else { EditorWord::QuizKeysPick }) }</p>
        </section>
    }
}

/// The score, the steps missed with their right answers, and "try again".
fn finished(
    lang: Lang,
    trace: &Trace,
    questions: &[Question],
    progress: &Progress,
    head: Html,
    again: Callback<MouseEvent>,
) -> Html {
    let missed: Vec<Html> = questions
        .iter()
        .zip(&progress.results)
        .filter(|(_, right)| !**right)
        .map(|(q, _)| {
            html! { <li data-missed={q.ask.kind()}>{ quiz::prompt(trace, q, lang) }<strong class="mono">{ format!(" {}", q.answer) }</strong></li> }
        })
        .collect();
    html! {
        <section class="panel quiz" data-quiz="done" aria-label={t(lang, Word::QuizTitle)}>
            { head }
            <p class="quiz-final" aria-live="polite"><strong>{ format!("{} {}", t(lang, EditorWord::QuizScore), score_text(progress)) }</strong></p>
            if missed.is_empty() {
                <p>{ t(lang, EditorWord::QuizAllRight) }</p>
            } else {
                <h3>{ t(lang, EditorWord::QuizMissed) }</h3>
                <ol class="quiz-missed">{ for missed }</ol>
            }
            <button class="btn primary" data-action="quiz-again" onclick={again}>{ t(lang, EditorWord::QuizAgain) }</button>
        </section>
    }
}
