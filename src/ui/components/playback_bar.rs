//! Play / pause, steps, the scrub slider and the speed.

use crate::i18n::t;
use crate::i18n::Word;
use crate::ui::state::{Action, AppState, SPEEDS};
use yew::prelude::*;

/// (A plain function, not a component: it redraws with the page's state
/// anyway, and each component type costs the first load its own share of Yew.)
pub fn playback_bar(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    // Icons are drawn, not taken from a font, so they look the same everywhere.
    let button = |action: fn() -> Action, name: &'static str, label: Word, icon: &'static str| {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(action()));
        html! {
            <button class="btn icon" data-action={name} aria-label={t(lang, label)} title={t(lang, label)} {onclick}>
                <svg class="icon-svg" viewBox="0 0 16 16" aria-hidden="true"><path d={icon} /></svg>
            </button>
        }
    };
    const HOME: &str = "M3 3h2v10H3zM14 3v10L6 8z";
    const BACK: &str = "M12 3v10L4 8z";
    const FORWARD: &str = "M4 3v10l8-5z";
    const PLAY: &str = "M4 2v12l10-6z";
    const PAUSE: &str = "M3 2h4v12H3zM9 2h4v12H9z";
    // Four corners: full screen.
    const PRESENT: &str = "M2 2h5v2H4v3H2zM9 2h5v5h-2V4H9zM2 9h2v3h3v2H2zM12 9h2v5H9v-2h3z";
    let (play_name, play_label, play_icon) = if state.playing {
        ("pause", Word::Pause, PAUSE)
    } else {
        ("play", Word::Play, PLAY)
    };
    let (lo, hi) = state.showing.range.unwrap_or((0, state.trace.end_ms));
    // The slider runs along the diagram, not along linear time: the diagram
    // compresses long waits, and a linear slider put the whole exchange in
    // its first fraction of a percent. Its value is a height on the diagram.
    let at = |t: u64| state.diagram.timeline.y_at(t).round() as i64;
    let (y_lo, y_hi, y_now) = (at(lo), at(hi), at(state.cursor));
    let on_scrub = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(y) = input.value().parse::<i64>() {
                let t = match y {
                    y if y >= y_hi => hi,
                    y if y <= y_lo => lo,
                    y => state.diagram.timeline.t_at(y as f64),
                };
                state.dispatch(Action::SetCursor(t));
            }
        })
    };
    let on_speed = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(&(_, v, _)) = SPEEDS.iter().find(|(value, _, _)| *value == select.value()) {
                state.dispatch(Action::SetSpeed(v));
            }
        })
    };
    let speeds = SPEEDS.iter().map(|&(value, v, name)| html! { <option {value} selected={v == state.speed}>{ t(lang, name) }</option> });
    html! {
        <div class="playback" data-cursor={state.cursor.to_string()}>
            { button(|| Action::Home, "home", Word::Home, HOME) }
            { button(|| Action::StepBack, "step.back", Word::StepBack, BACK) }
            { button(|| Action::TogglePlay, play_name, play_label, play_icon) }
            { button(|| Action::StepForward, "step.forward", Word::StepForward, FORWARD) }
            <input class="scrub" type="range" min={y_lo.to_string()} max={y_hi.to_string()} step="1"
                   value={y_now.to_string()} oninput={on_scrub} aria-label={t(lang, Word::Scrub)}
                   aria-valuetext={state.trace.clock.text(state.cursor)} />
            <output class="clock">{ format!("{} / {}", state.trace.clock.text(state.cursor), state.trace.clock.text(hi)) }</output>
            <label class="speed"><span class="sr-only">{ t(lang, Word::Speed) }</span>
                <select onchange={on_speed} aria-label={t(lang, Word::Speed)} title={t(lang, Word::Speed)}>{ for speeds }</select>
            </label>
            // Presenter mode, beside the playback it drives (not in a frame).
            if !state.showing.embed && !state.showing.present {
                { present_button(state, PRESENT) }
            }
        </div>
    }
}

/// Presenter mode for a projector; full screen needs this click.
fn present_button(state: &UseReducerHandle<AppState>, icon: &'static str) -> Html {
    let lang = state.lang;
    let state = state.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        super::presenter::enter_full_screen();
        state.dispatch(Action::Present(true))
    });
    html! {
        <button class="btn icon" data-action="present" aria-label={t(lang, Word::Present)} title={t(lang, Word::Present)} aria-keyshortcuts="p" {onclick}>
            <svg class="icon-svg" viewBox="0 0 16 16" aria-hidden="true"><path d={icon} /></svg>
        </button>
    }
}
