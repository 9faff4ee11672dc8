//! Presenter mode's stage, drawn by the module loaded on first use (the page
//! keeps the mode and the keys: `presenter.rs`). The diagram spans the
//! screen, laid out for its width, with its labels large enough to read
//! from the back of a hall (at least 24 px at 1920 px wide); the step now
//! shown is said as a caption under it; B's black covers everything.

use crate::diagram::present;
use crate::diagram::{layout, Frame, View};
use crate::editor_bridge::{EditorMsg, PresentView};
use crate::i18n::{t, Word};
use crate::trace::Trace;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<PresentView>,
    pub trace: Rc<Trace>,
    pub on_message: Callback<EditorMsg>,
}

/// The stage's width: the window less the stage's padding (1.5vw a side,
/// static/editor.css).
fn stage_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .map_or(f64::INFINITY, |w| w * 0.97)
}

fn leave_full_screen() {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.fullscreen_element().is_some() {
            d.exit_fullscreen();
        }
    }
}

/// Calls `listener` on each `event` of `target` while the stage is shown.
#[hook]
fn use_listener(target: Option<web_sys::EventTarget>, event: &'static str, listener: Rc<dyn Fn()>) {
    use_effect_with((), move |_| {
        let closure = Closure::<dyn Fn()>::new(move || listener());
        if let Some(t) = &target {
            let _ = t.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        move || {
            if let Some(t) = &target {
                let _ =
                    t.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        }
    });
}

#[component]
pub fn PresentStage(props: &Props) -> Html {
    let view = &props.view;
    let lang = view.lang;
    let frame = use_state(|| Frame::fit(stage_width()));
    // Laid out again only for another trace, numbering or width.
    let diagram = {
        let (trace, numbering, frame) = (props.trace.clone(), view.numbering, *frame);
        use_memo((Rc::as_ptr(&props.trace), numbering, frame), move |_| {
            layout(&trace, &View { numbering, frame })
        })
    };
    // A resize (full screen entered or left) lays the stage out for its width.
    {
        let frame = frame.clone();
        let window = web_sys::window().map(web_sys::EventTarget::from);
        use_listener(
            window,
            "resize",
            Rc::new(move || frame.set(Frame::fit(stage_width()))),
        );
    }
    // Leaving full screen (Escape, which the browser keeps for itself there)
    // leaves presenter mode too; leaving presenter mode leaves full screen.
    {
        let send = props.on_message.clone();
        let document = web_sys::window().and_then(|w| w.document());
        let target = document.clone().map(web_sys::EventTarget::from);
        use_listener(
            target,
            "fullscreenchange",
            Rc::new(move || {
                if document
                    .as_ref()
                    .is_some_and(|d| d.fullscreen_element().is_none())
                {
                    send.emit(EditorMsg::LeavePresent);
                }
            }),
        );
        use_effect_with((), |_| leave_full_screen);
    }
    // Keep the step being explained on screen: the cursor line in the middle.
    use_effect_with((view.moment.cursor, *frame), |_| {
        let line = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector(".present svg.sequence .cursor")
                .ok()
                .flatten()
        });
        if let Some(line) = line {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            line.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    let stage = present::stage(&diagram, &props.trace, lang, &view.moment, &view.ports);
    let leave = props
        .on_message
        .reform(|_: MouseEvent| EditorMsg::LeavePresent);
    html! {
        <div class="present" data-present="">
            <div class="present-stage">
                <div class="diagram-scroll">{ Html::from_html_unchecked(AttrValue::from(stage)) }</div>
            </div>
            <p class="present-caption" data-caption="" aria-live="polite">{ view.caption.clone() }</p>
            <p class="present-hint">{ t(lang, Word::PresentHint) }</p>
            <button class="btn present-leave" data-action="leave-present" aria-label={t(lang, Word::PresentLeave)} title={t(lang, Word::PresentLeave)} onclick={leave}>{ "×" }</button>
            if view.black {
                <div class="present-black" data-black="" aria-hidden="true"></div>
            }
        </div>
    }
}
