//! The quiz: which steps it asks, the teacher's lock, what a waiting question hides.

use super::{Action, AppState};

impl AppState {
    /// A quiz starting holds back everything until its first question; one
    /// ending shows everything again.
    pub(crate) fn set_quiz(&mut self, kinds: Option<crate::quiz::Kinds>) {
        if kinds.is_some() != self.showing.quiz.is_some() {
            self.hide_from = kinds.map(|_| 0);
        }
        self.showing.quiz = kinds;
        self.revision += 1;
    }
}

/// The quiz actions; `false` for any other.
pub(super) fn reduce(s: &mut AppState, action: Action) -> bool {
    match action {
        Action::ToggleQuiz => {
            let kinds = s.showing.quiz.xor(Some(crate::quiz::Kinds::ALL));
            s.set_quiz(kinds);
            s.editor_open = false;
        }
        Action::CloseQuiz => {
            if s.showing.quiz.is_none() {
                return false;
            }
            s.set_quiz(None);
        }
        Action::SetQuiz { kinds, locked } => {
            s.set_quiz(kinds);
            s.showing.locked = locked;
        }
        Action::QuizAt(event) => {
            s.hide_from = event.filter(|_| s.showing.quiz.is_some());
            s.selected = None;
            s.playing = false;
            s.cursor = match event.and_then(|i| s.trace.events.get(i)) {
                Some(e) => e.t,
                None => s.trace.end_ms,
            };
        }
        _ => return false,
    }
    true
}
