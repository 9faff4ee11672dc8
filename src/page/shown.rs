//! What is on screen instead of (or beside) the scenario: a link opened
//! afresh, a capture file and its chosen connection, a packetdrill script
//! and its run, the load view.

use super::{Action, AppState, Same, ShownCapture, ShownScript};
use crate::tcp::ProfileName;
use crate::trace::Numbering;
use std::rc::Rc;

/// The actions about what is shown; `false` for any other.
pub(super) fn reduce(s: &mut AppState, action: Action) -> bool {
    match action {
        Action::OpenLink { link, notice } => {
            // Without a lang= of its own, a link keeps the page's characters too.
            let keep_hant = link.lang.is_none() && s.hant;
            let mut fresh = AppState::from_link(link, notice, s.lang, s.frame);
            fresh.hant |= keep_hant;
            fresh.revision = s.revision + 1;
            fresh.history = s.history.clone();
            // The page is on screen already: its side panels stay.
            fresh.painted = s.painted;
            *s = fresh;
        }
        Action::OpenCaptureFile(file) => {
            s.capture_file = Some(Same(Rc::new(file)));
            s.script = None;
            s.editor_open = false;
            s.notice = None;
            s.selected = None;
        }
        Action::ShowConnection { file_name, trace } => {
            s.replayed = None;
            s.capture = Some(Same(Rc::new(ShownCapture { file_name, trace })));
            s.selected = None;
            // Relative, as Wireshark shows a capture, unless letters were asked for.
            if s.showing.numbering == Numbering::Absolute {
                s.showing.numbering = Numbering::Relative;
            }
            s.rerun();
            s.cursor = s.trace.end_ms;
        }
        Action::ScriptShown(script) => {
            let (name, text) = (*script).clone();
            s.script = Some(Rc::new(ShownScript {
                name,
                text,
                faults: Default::default(),
                run: None,
                failed: Vec::new(),
                profile: ProfileName::Linux,
            }));
            // The script's own panel takes the capture panel's place.
            s.capture_file = None;
            s.capture = None;
            s.replayed = None;
            s.selected = None;
            s.relayout();
        }
        Action::ScriptRun(run) => {
            let Some(script) = s.script.as_mut() else {
                return false;
            };
            // A run for faults since changed is stale: a newer one follows.
            if script.faults != run.faults || script.profile != run.profile {
                return false;
            }
            let first = script.run.is_none();
            let shown = Rc::make_mut(script);
            shown.run = Some(Same(Rc::new(run.trace)));
            shown.failed = run.failed;
            if first && s.showing.numbering == Numbering::Absolute {
                // packetdrill's numbers, as the script writes them.
                s.showing.numbering = Numbering::Relative;
            }
            s.rerun();
            if first {
                s.cursor = s.trace.end_ms;
            }
        }
        Action::CloseCapture => {
            s.script = None;
            s.capture_file = None;
            s.capture = None;
            s.selected = None;
            s.rerun();
            s.cursor = s.trace.end_ms;
        }
        Action::ToggleLoad => {
            s.load_open = !s.load_open && !s.showing.embed;
            s.editor_open = false;
            s.compare = None;
        }
        Action::CloseLoad => {
            if !s.load_open {
                return false;
            }
            s.load_open = false;
        }
        _ => return false,
    }
    true
}

/// A script's own faults and timers: the module runs it again with them.
pub(super) fn reduce_script(s: &mut AppState, action: Action) -> bool {
    let Some(script) = s.script.as_mut() else {
        return false;
    };
    match action {
        Action::SetProfile(p) => {
            Rc::make_mut(script).profile = p;
            s.revision += 1;
        }
        // On a script, only the script's own segments can be lost or late
        // (the endpoint's are what the script checks).
        Action::SetFault { id, fault } => {
            let theirs = s
                .trace
                .segment(&id)
                .is_some_and(|seg| Some(seg.from) == s.trace.script_side && seg.copy_of.is_none());
            if !theirs {
                return false;
            }
            let faults = &mut Rc::make_mut(script).faults;
            match fault {
                Some(f) => faults.insert(id, f),
                None => faults.remove(&id),
            };
            s.revision += 1;
        }
        Action::ResetFaults => {
            Rc::make_mut(script).faults.clear();
            s.revision += 1;
        }
        _ => return false,
    }
    true
}
