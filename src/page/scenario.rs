//! The scenario on screen: its changes (editor, faults, timers, presets),
//! each remembered for undo and redo, and the run they give.

use super::{diagram, moments_of, Action, AppState, Same, Snapshot, View, HISTORY_LIMIT};
use crate::scenario::{presets, Scenario};
use crate::tcp::ProfileName;
use std::rc::Rc;

impl AppState {
    /// Runs again what is on screen (the capture, the script's run, or a
    /// new run of the scenario), lays it out, and keeps the cursor where it
    /// means the same.
    pub(crate) fn rerun(&mut self) {
        // A cursor at the end stays at the end of the new run.
        let at_end = self.cursor >= self.trace.end_ms;
        let run = self.script.as_ref().and_then(|s| s.run.clone());
        self.trace = match (&self.capture, run) {
            (Some(shown), _) => Same(shown.trace.clone()),
            (None, Some(run)) => run,
            (None, None) => Same(Rc::new(crate::run(&self.scenario))),
        };
        self.moments = Rc::new(moments_of(&self.trace));
        self.relayout();
        self.cursor = if at_end {
            self.trace.end_ms
        } else {
            self.cursor.min(self.trace.end_ms)
        };
    }

    /// Lays out the trace on screen again (a change of view, not of the run:
    /// the numbering), without running anything.
    pub(crate) fn relayout(&mut self) {
        let failed = self.failed();
        let mut diagram = diagram::layout(
            &self.trace,
            &View {
                numbering: self.showing.numbering,
                frame: self.frame,
            },
        );
        // Each expectation of the script that failed, marked on its segment.
        diagram::mark_failed(&mut diagram, failed);
        if let Some(replayed) = &self.replayed {
            diagram.underlay = diagram::underlay(replayed, &diagram);
        }
        self.diagram = Same(Rc::new(diagram));
        self.revision += 1;
    }

    /// Make `scenario` the current one, remembering the old one for undo.
    pub(crate) fn commit(
        &mut self,
        scenario: Scenario,
        preset: Option<String>,
        field: Option<String>,
    ) {
        // A change to the scenario shows the scenario again; a replay keeps
        // its capture's list beside it, the way back to the connections.
        self.capture = None;
        if self.replayed.is_none() {
            self.capture_file = None;
        }
        self.script = None;
        let history = Rc::make_mut(&mut self.history);
        let same_field = field.is_some() && field == history.last_field;
        if !same_field {
            history.undo.push(Snapshot {
                scenario: std::mem::replace(&mut self.scenario, scenario),
                preset: std::mem::replace(&mut self.preset, preset),
            });
            if history.undo.len() > HISTORY_LIMIT {
                history.undo.remove(0);
            }
        } else {
            self.scenario = scenario;
            self.preset = preset;
        }
        history.redo.clear();
        history.last_field = field;
        self.rerun();
    }

    /// Undo (`back`) or redo: swap the current scenario with the saved one.
    pub(crate) fn travel(&mut self, back: bool) {
        let history = Rc::make_mut(&mut self.history);
        let (from, to) = if back {
            (&mut history.undo, &mut history.redo)
        } else {
            (&mut history.redo, &mut history.undo)
        };
        let Some(saved) = from.pop() else { return };
        to.push(Snapshot {
            scenario: std::mem::replace(&mut self.scenario, saved.scenario),
            preset: std::mem::replace(&mut self.preset, saved.preset),
        });
        history.last_field = None;
        self.selected = None;
        self.rerun();
    }
}

/// The scenario's actions; `false` for any other. The guards (lock,
/// capture, script) are applied before this, in `reduce`.
pub(super) fn reduce(s: &mut AppState, action: Action) -> bool {
    match action {
        Action::Undo => s.travel(true),
        Action::Redo => s.travel(false),
        Action::EditorChanged { scenario, field } => {
            let preset = s.preset.clone();
            s.commit(scenario, preset, field);
        }
        Action::Replay(scenario) => {
            // (Set first: the layout draws the capture under the model's run.)
            s.replayed = s.capture.as_ref().map(|c| Same(c.trace.clone()));
            s.compared = None;
            s.commit(scenario, None, None);
            s.selected = None;
            s.cursor = s.trace.end_ms;
        }
        Action::ReplaceScenario(scenario) => {
            s.replayed = None;
            s.load_open = false;
            s.commit(scenario, None, None);
            s.selected = None;
            s.cursor = s.trace.end_ms;
        }
        Action::ReplayCompared { of, lines } => {
            // Only for the run on screen: an answer for an earlier one is stale.
            if s.replayed.is_none() || !Rc::ptr_eq(&of, &s.trace) {
                return false;
            }
            s.compared = Some(super::Compared {
                of: Same(of),
                lines: Rc::new(lines),
            });
        }
        Action::LoadPreset(name) => {
            s.replayed = None;
            if let Some(mut scenario) = presets::by_name(&name) {
                // The timer profile the user picked carries over, except into a
                // preset that is about a particular profile (it names Linux itself).
                if scenario.profile == ProfileName::Rfc {
                    scenario.profile = s.scenario.profile;
                }
                s.commit(scenario, Some(name), None);
                s.selected = None;
                s.cursor = s.trace.end_ms;
            }
        }
        Action::SetProfile(p) => {
            // The toolbar's one choice is both hosts' stack.
            let mut scenario = s.scenario.clone();
            scenario.profile = p;
            (scenario.client_profile, scenario.server_profile) = (None, None);
            let preset = s.preset.clone();
            s.commit(scenario, preset, None);
        }
        Action::SetFault { id, fault } => {
            // `c4` is the segment on screen; its fault is kept under the
            // segment's name, so later faults do not move it.
            let key = match crate::scenario::naming::is_fault_key(&id) {
                true => Some(id.clone()),
                false => s.trace.fault_key(&id),
            };
            let Some(key) = key else {
                let said = crate::i18n::Said::new(crate::i18n::Word::NoSuchSegment, [id]);
                s.notice = Some(super::Notice::Said(said));
                return true;
            };
            let mut scenario = s.scenario.clone();
            scenario.set_fault(&key, fault);
            match scenario.validate() {
                Ok(()) => {
                    let preset = s.preset.clone();
                    s.commit(scenario, preset, None);
                    let seg = s.trace.segment_for_key(&key);
                    if let Some(seg) = seg.map(|i| &s.trace.segments[i]) {
                        // Show the consequence: put the cursor past the changed segment.
                        s.cursor = s.cursor.max(seg.sent);
                    }
                }
                Err(e) => s.notice = Some(super::Notice::Said(e.0)),
            }
        }
        Action::ResetFaults => {
            if !s.scenario.faults.is_empty() {
                let mut scenario = s.scenario.clone();
                scenario.faults.clear();
                let preset = s.preset.clone();
                s.commit(scenario, preset, None);
            }
        }
        _ => return false,
    }
    true
}
