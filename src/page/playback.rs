//! The playback cursor: stepping, playing, the embed's range.

use super::{Action, AppState, PLAYBACK_PX_PER_S};
use crate::diagram;

impl AppState {
    /// Where the cursor may go: the embed's `from=` / `to=`, within the run.
    pub(crate) fn bounds(&self) -> (u64, u64) {
        let (lo, hi) = self.showing.range.unwrap_or((0, self.trace.end_ms));
        (lo.min(self.trace.end_ms), hi.min(self.trace.end_ms))
    }

    /// Playback by `real_ms` of wall time, in diagram space.
    pub(crate) fn advance(&mut self, real_ms: f64) {
        let timeline = &self.diagram.timeline;
        let y = timeline.y_at(self.cursor) + real_ms / 1000.0 * PLAYBACK_PX_PER_S * self.speed;
        let mut next = timeline.t_at(y).max(self.cursor + 1);
        // Inside a compressed break, jump to its end rather than crawl through it.
        if let Some(&m) = self.moments.iter().find(|&&m| m > self.cursor) {
            if m - self.cursor >= diagram::BREAK_MS && next < m {
                next = m;
            }
        }
        let (_, hi) = self.bounds();
        if next >= hi {
            self.cursor = hi;
            self.playing = false;
        } else {
            self.cursor = next;
        }
    }
}

/// The playback actions; `false` for any other.
pub(super) fn reduce(s: &mut AppState, action: Action) -> bool {
    match action {
        Action::SetCursor(t) => {
            let (lo, hi) = s.bounds();
            s.cursor = t.clamp(lo, hi);
            s.revision += 1;
        }
        Action::StepForward => {
            let (_, hi) = s.bounds();
            s.cursor = s
                .moments
                .iter()
                .copied()
                .find(|&m| m > s.cursor)
                .unwrap_or(hi)
                .min(hi);
            s.playing = false;
            s.revision += 1;
        }
        Action::StepBack => {
            let (lo, _) = s.bounds();
            s.cursor = s
                .moments
                .iter()
                .rev()
                .copied()
                .find(|&m| m < s.cursor)
                .unwrap_or(lo)
                .max(lo);
            s.playing = false;
            s.revision += 1;
        }
        Action::Home => {
            s.cursor = s.bounds().0;
            s.playing = false;
        }
        Action::End => {
            s.cursor = s.bounds().1;
            s.playing = false;
        }
        Action::TogglePlay => {
            let (lo, hi) = s.bounds();
            if !s.playing && s.cursor >= hi {
                s.cursor = lo;
            }
            s.playing = !s.playing;
        }
        Action::Tick(real_ms) => {
            if s.playing {
                s.advance(real_ms);
            }
        }
        Action::StepPlaying => {
            let (_, hi) = s.bounds();
            match s.moments.iter().copied().find(|&m| m > s.cursor && m <= hi) {
                Some(m) if s.playing => s.cursor = m,
                _ => {
                    s.cursor = hi;
                    s.playing = false;
                }
            }
        }
        Action::SetSpeed(v) => s.speed = v,
        _ => return false,
    }
    true
}
