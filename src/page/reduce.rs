//! The reducer: the guards first, each a rule of its own, then the action
//! goes to the one concern it belongs to.

use super::{playback, quiz, scenario, shown, Action, AppState, Notice};
use crate::i18n::Word;
use std::rc::Rc;

/// What a guard does with an action the page must not take now.
#[derive(Debug, PartialEq)]
enum Refusal {
    /// Tell the user why.
    Say(Word),
    /// Nothing to say: the action simply does not apply.
    Ignore,
}

/// The rules that hold whatever the action's concern.
fn refusal(s: &AppState, action: &Action) -> Option<Refusal> {
    let changes_faults = matches!(action, Action::SetFault { .. } | Action::ResetFaults);
    // Locked for a quiz: no peeking by dropping, delaying or editing.
    if s.showing.locked && (changes_faults || matches!(action, Action::EditorChanged { .. })) {
        return Some(Refusal::Say(Word::QuizLocked));
    }
    if s.showing.locked && !s.editor_open && matches!(action, Action::ToggleEditor) {
        return Some(Refusal::Ignore);
    }
    // A locked quiz stays: closing it would show every segment ahead.
    let closes_quiz = matches!(action, Action::ToggleQuiz | Action::CloseQuiz);
    if s.showing.locked && s.showing.quiz.is_some() && closes_quiz {
        return Some(Refusal::Say(Word::QuizLockedOpen));
    }
    // A segment not yet shown cannot be picked to read its numbers.
    if let Action::Select(Some(id)) = action {
        if s.segments_shown() <= s.trace.segment_index(id).unwrap_or(0) {
            return Some(Refusal::Ignore);
        }
    }
    // A capture is what crossed the wire: nothing to drop.
    if s.showing_capture() && changes_faults {
        return Some(Refusal::Say(Word::CaptureReadonly));
    }
    None
}

/// The next state after `action`; the same `Rc` when nothing changed.
pub fn reduce(state: Rc<AppState>, action: Action) -> Rc<AppState> {
    let mut s = (*state).clone();
    match refusal(&s, &action) {
        Some(Refusal::Say(key)) => {
            s.notice = Some(Notice::just(key));
            return Rc::new(s);
        }
        Some(Refusal::Ignore) => return state,
        None => {}
    }
    let on_script = s.script.is_some()
        && matches!(
            action,
            Action::SetProfile(_) | Action::SetFault { .. } | Action::ResetFaults
        );
    // A panel opened from the phone's menu folds the menu, so it is seen.
    if matches!(
        action,
        Action::ToggleEditor
            | Action::ToggleQuiz
            | Action::ToggleLoad
            | Action::ToggleHelp
            | Action::ToggleCompare
    ) {
        s.menu_open = false;
    }
    let changed = if on_script {
        shown::reduce_script(&mut s, action)
    } else {
        match action {
            a @ (Action::SetCursor(_)
            | Action::StepForward
            | Action::StepBack
            | Action::Home
            | Action::End
            | Action::TogglePlay
            | Action::Tick(_)
            | Action::StepPlaying
            | Action::SetSpeed(_)) => playback::reduce(&mut s, a),
            a @ (Action::Undo
            | Action::Redo
            | Action::EditorChanged { .. }
            | Action::Replay(_)
            | Action::ReplayCompared { .. }
            | Action::ReplaceScenario(_)
            | Action::LoadPreset(_)
            | Action::SetProfile(_)
            | Action::SetFault { .. }
            | Action::ResetFaults) => scenario::reduce(&mut s, a),
            a @ (Action::ToggleQuiz
            | Action::CloseQuiz
            | Action::SetQuiz { .. }
            | Action::QuizAt(_)) => quiz::reduce(&mut s, a),
            a @ (Action::OpenLink { .. }
            | Action::OpenCaptureFile(_)
            | Action::ShowConnection { .. }
            | Action::ScriptShown(_)
            | Action::ScriptRun(_)
            | Action::CloseCapture
            | Action::ToggleLoad
            | Action::CloseLoad) => shown::reduce(&mut s, a),
            a => view(&mut s, a),
        }
    };
    if changed {
        Rc::new(s)
    } else {
        state
    }
}

/// How it is shown: selection, numbers, language, theme, notices, panels.
fn view(s: &mut AppState, action: Action) -> bool {
    match action {
        Action::Select(id) => s.selected = id,
        Action::SetNumbering(n) => {
            s.showing.numbering = n;
            s.relayout();
        }
        Action::Fit(css_px) => {
            let frame = crate::diagram::Frame::fit(css_px);
            if frame != s.frame {
                s.frame = frame;
                s.relayout();
            }
        }
        Action::SetLang(l) => {
            s.lang = l;
            s.hant = false;
            s.revision += 1;
        }
        Action::SetTraditional(on) => {
            s.hant = on;
            if on {
                s.lang = crate::i18n::Lang::Zh;
            }
            s.revision += 1;
        }
        Action::SetTheme(t) => {
            s.showing.theme = t;
            s.revision += 1;
        }
        Action::Notice(text) => s.notice = Some(Notice::Text(text)),
        Action::DismissNotice => s.notice = None,
        Action::ToggleHelp => s.help_open = !s.help_open,
        Action::Present(on) if s.showing.present != on && !s.showing.embed => {
            s.showing.present = on;
            s.black = false;
            s.help_open = false;
            s.menu_open = false;
            if on {
                // The lecture starts from the first step.
                playback::reduce(s, Action::Home);
            }
            s.revision += 1;
        }
        Action::ToggleBlack if s.showing.present => s.black = !s.black,
        Action::CloseHelp if s.help_open => s.help_open = false,
        Action::Escape if s.help_open => s.help_open = false,
        Action::ToggleMenu => s.menu_open = !s.menu_open,
        Action::Painted if !s.painted => s.painted = true,
        // Nothing in the state changes: the words it is drawn in do.
        Action::WordsArrived => {}
        Action::ToggleCompare => {
            s.compare = match s.compare {
                Some(_) => None,
                None => Some(crate::compare::Stacks::USUAL),
            };
            // One view in the main area at a time.
            s.load_open = false;
            s.revision += 1;
        }
        Action::SetCompare(stacks) if s.compare.is_some() && s.compare != Some(stacks) => {
            s.compare = Some(stacks);
            s.revision += 1;
        }
        Action::CloseCompare if s.compare.is_some() => {
            s.compare = None;
            s.revision += 1;
        }
        Action::Escape if s.menu_open => s.menu_open = false,
        Action::Escape => {
            if s.selected.is_none() {
                return false;
            }
            s.selected = None;
        }
        Action::ToggleEditor => {
            s.editor_open = !s.editor_open && !s.showing.embed;
            s.revision += 1;
        }
        Action::CloseEditor => {
            if !s.editor_open {
                return false;
            }
            s.editor_open = false;
            s.revision += 1;
        }
        Action::ModuleMismatch => s.notice = Some(Notice::just(Word::ModuleMismatch)),
        _ => return false,
    }
    true
}
