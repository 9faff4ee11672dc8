//! The one reducer of the app: scenario, playback cursor and view options.
//! An action that changes the scenario re-runs the simulator; nothing else
//! ever drives an endpoint.

use crate::diagram::{self, Diagram, View};
use crate::i18n::Lang;
use crate::link::{Link, Theme};
use crate::scenario::{presets, Fault, Scenario};
use crate::tcp::ProfileName;
use crate::trace::{EventKind, Numbering, Trace};
use std::rc::Rc;
use yew::prelude::*;

/// Playback runs in diagram space, so a 240 s TIME-WAIT break takes no longer
/// to pass than a 50 ms hop: pixels of diagram per second at 1×.
pub const PLAYBACK_PX_PER_S: f64 = 70.0;
/// (label, factor): labels are fixed strings so no float is ever formatted.
pub const SPEEDS: [(&str, f64); 4] = [("0.5", 0.5), ("1", 1.0), ("2", 2.0), ("4", 4.0)];

/// Shared data compared by identity: every change makes a new one, so two
/// states hold the same trace exactly when they hold the same `Rc`, and the
/// page need not carry code to compare whole traces and diagrams.
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Same<T> {
    type Target = Rc<T>;
    fn deref(&self) -> &Rc<T> {
        &self.0
    }
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub preset: Option<String>,
    pub scenario: Scenario,
    pub trace: Same<Trace>,
    pub diagram: Same<Diagram>,
    /// Distinct times at which something visible happens (steps for ← / →).
    pub moments: Rc<Vec<u64>>,
    pub cursor: u64,
    pub playing: bool,
    pub speed: f64,
    pub selected: Option<String>,
    pub numbering: Numbering,
    pub lang: Lang,
    pub theme: Theme,
    /// A message about a link that could not be opened.
    pub notice: Option<String>,
    pub help_open: bool,
    pub embed: bool,
    /// Playback locked to this range (embed `from=` / `to=`).
    pub range: Option<(u64, u64)>,
    /// Bumped on every change worth writing to the address bar.
    pub revision: u64,
    pub editor_open: bool,
    /// Scenarios to go back and forward to (undo / redo).
    pub history: Rc<History>,
    /// A capture file the user opened: its panel (in the module loaded on
    /// first use) lists the connections.
    pub capture_file: Option<web_sys::File>,
    /// The captured connection on screen instead of the scenario. Never put in a link.
    pub capture: Option<Same<ShownCapture>>,
    /// The scenario on screen replays this capture: its trace, drawn faintly
    /// under the model's and compared with it.
    pub replayed: Option<Same<Trace>>,
    /// The load view (many connections) is shown instead of the diagram.
    pub load_open: bool,
    /// Teaching mode: the quiz (in the module) asks these kinds of step.
    pub quiz: Option<crate::quiz::Kinds>,
    /// The faults are the teacher's: no drop, delay or editor.
    pub locked: bool,
    /// While a question waits: the first event of the trace not yet shown
    /// (its segment is not drawn, its state not entered, whatever the cursor).
    pub hide_from: Option<usize>,
    /// A packetdrill script on screen instead of the scenario: kept in the link.
    pub script: Option<Rc<ShownScript>>,
}

/// A packetdrill script: the module runs it (the page has no reader for
/// scripts) and sends the run, drawn like a scenario's trace.
#[derive(Clone, PartialEq)]
pub struct ShownScript {
    pub name: String,
    pub text: String,
    /// What the user did to the script's own segments.
    pub faults: crate::editor_bridge::Faults,
    /// The run for these faults, once the module has sent it.
    pub run: Option<Same<Trace>>,
    /// The segments of the run whose expectation failed.
    pub failed: Vec<usize>,
    /// The endpoint's timers.
    pub profile: ProfileName,
}

pub struct ShownCapture {
    pub file_name: String,
    /// Its states, inferred by the module that read the file; the connection
    /// itself is the trace's `captured`.
    pub trace: Rc<Trace>,
}

/// A scenario as it was, with the preset it came from.
#[derive(Clone, PartialEq)]
pub struct Snapshot {
    scenario: Scenario,
    preset: Option<String>,
}

#[derive(Clone, PartialEq, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The field the last edit changed: further edits of the same field
    /// (typing 3, 30, 300) are one step to undo, not three.
    last_field: Option<String>,
}

impl History {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// Undo goes back at most this many changes.
const HISTORY_LIMIT: usize = 200;

pub enum Action {
    /// A capture file chosen or dropped: its panel reads it and lists its connections.
    OpenCaptureFile(web_sys::File),
    ShowConnection {
        file_name: String,
        /// The connection is its `captured`.
        trace: Rc<Trace>,
    },
    /// Back to the scenario shown before the capture.
    CloseCapture,
    ToggleLoad,
    Undo,
    Redo,
    ToggleEditor,
    /// A scenario opened from a file (or started from nothing).
    ReplaceScenario(Scenario),
    /// The captured connection on screen, replayed in the model as this scenario.
    Replay(Scenario),
    /// The editor (its own module) made a new scenario by changing `field`.
    EditorChanged {
        scenario: Scenario,
        field: Option<String>,
    },
    /// A message for the user (a file that could not be opened).
    Notice(String),
    /// The address's fragment changed under the page (typed by hand, or a course
    /// page switching its frame to another scenario): open it as a fresh load does.
    OpenLink {
        link: Link,
        notice: Option<String>,
    },
    LoadPreset(String),
    SetProfile(ProfileName),
    SetFault {
        id: String,
        fault: Option<Fault>,
    },
    ResetFaults,
    Select(Option<String>),
    SetCursor(u64),
    StepForward,
    StepBack,
    Home,
    End,
    TogglePlay,
    /// Real milliseconds since the last playback frame.
    Tick(f64),
    /// Playback without motion: on to the next moment.
    StepPlaying,
    SetSpeed(f64),
    SetNumbering(Numbering),
    SetLang(Lang),
    SetTheme(Theme),
    DismissNotice,
    ToggleHelp,
    ToggleQuiz,
    /// From the quiz: show the trace up to, not including, this event (None: all).
    QuizAt(Option<usize>),
    /// The teacher's settings from the editor.
    SetQuiz {
        kinds: Option<crate::quiz::Kinds>,
        locked: bool,
    },
    /// A script was opened (its name and text): the module will run it.
    ScriptShown(Rc<(String, String)>),
    ScriptRun(Box<crate::editor_bridge::ScriptRun>),
}

fn moments_of(trace: &Trace) -> Vec<u64> {
    let mut out: Vec<u64> = trace
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Sent { .. } | EventKind::Arrived { .. } | EventKind::State { .. }
            )
        })
        .map(|e| e.t)
        .collect();
    out.dedup();
    out
}

impl AppState {
    pub fn from_link(link: Link, notice: Option<String>, browser_lang: Lang) -> AppState {
        let trace = Rc::new(crate::run(&link.scenario));
        let diagram = Rc::new(diagram::layout(
            &trace,
            &View {
                numbering: link.numbering,
            },
        ));
        let moments = Rc::new(moments_of(&trace));
        let cursor = link.cursor.unwrap_or(trace.end_ms).min(trace.end_ms);
        let lang = link.lang.unwrap_or(browser_lang);
        let notice = notice.or_else(|| {
            link.capture
                .then(|| crate::i18n::t(lang, "capture.link_opened").to_string())
        });
        AppState {
            preset: link.preset,
            scenario: link.scenario,
            trace: Same(trace),
            diagram: Same(diagram),
            moments,
            cursor,
            playing: link.autoplay,
            speed: 1.0,
            selected: None,
            numbering: link.numbering,
            lang,
            theme: link.theme,
            notice,
            help_open: false,
            embed: link.embed,
            range: link.range,
            revision: 0,
            editor_open: link.editor && !link.embed,
            history: Rc::default(),
            capture: None,
            replayed: None,
            load_open: false,
            quiz: link.quiz,
            locked: link.locked,
            // Nothing to read ahead while the quiz loads.
            hide_from: link.quiz.map(|_| 0),
            capture_file: None,
            // A script in the link: the module runs it again.
            script: link.script.map(|(name, text)| {
                Rc::new(ShownScript {
                    name,
                    text,
                    faults: link.script_faults,
                    run: None,
                    failed: Vec::new(),
                    profile: link.script_profile,
                })
            }),
        }
    }

    /// Whether event `i` is shown: at or before the cursor, and not held
    /// back by a waiting question.
    pub fn shown(&self, i: usize) -> bool {
        self.trace.events.get(i).is_some_and(|e| e.t <= self.cursor)
            && self.hide_from.is_none_or(|h| i < h)
    }

    /// A quiz starting holds back everything until its first question; one
    /// ending shows everything again.
    fn set_quiz(&mut self, kinds: Option<crate::quiz::Kinds>) {
        if kinds.is_some() != self.quiz.is_some() {
            self.hide_from = kinds.map(|_| 0);
        }
        self.quiz = kinds;
        self.revision += 1;
    }

    /// How many segments (by index) a waiting question leaves drawn.
    pub fn segments_shown(&self) -> usize {
        match self.hide_from {
            None => usize::MAX,
            Some(h) => self.trace.events[..h.min(self.trace.events.len())]
                .iter()
                .filter(|e| matches!(e.kind, EventKind::Sent { .. }))
                .count(),
        }
    }

    pub fn link(&self) -> Link {
        Link {
            scenario: self.scenario.clone(),
            preset: self.preset.clone(),
            cursor: (self.cursor != self.trace.end_ms).then_some(self.cursor),
            numbering: self.numbering,
            lang: Some(self.lang),
            theme: self.theme,
            embed: self.embed,
            range: self.range,
            autoplay: false,
            editor: self.editor_open,
            capture: self.showing_capture(),
            quiz: self.quiz,
            locked: self.locked,
            script: self
                .script
                .as_ref()
                .map(|s| (s.name.clone(), s.text.clone())),
            script_profile: self
                .script
                .as_ref()
                .map_or(ProfileName::Linux, |s| s.profile),
            script_faults: self
                .script
                .as_ref()
                .map(|s| s.faults.clone())
                .unwrap_or_default(),
        }
    }

    fn rerun(&mut self) {
        // A cursor at the end stays at the end of the new run.
        let at_end = self.cursor >= self.trace.end_ms;
        let run = self.script.as_ref().and_then(|s| s.run.clone());
        let trace = match (&self.capture, run) {
            (Some(shown), _) => Same(shown.trace.clone()),
            (None, Some(run)) => run,
            (None, None) => Same(Rc::new(crate::run(&self.scenario))),
        };
        let failed = self.script.as_ref().map_or(&[][..], |s| &s.failed[..]);
        let mut diagram = diagram::layout(
            &trace,
            &View {
                numbering: self.numbering,
            },
        );
        // Each expectation of the script that failed, marked on its segment.
        for shape in diagram.segments.iter_mut() {
            if failed.contains(&shape.index) {
                shape.label.push_str(" ✗");
            }
        }
        self.diagram = Same(Rc::new(diagram));
        self.moments = Rc::new(moments_of(&trace));
        self.trace = trace;
        self.cursor = if at_end {
            self.trace.end_ms
        } else {
            self.cursor.min(self.trace.end_ms)
        };
        self.revision += 1;
    }

    /// Make `scenario` the current one, remembering the old one for undo.
    fn commit(&mut self, scenario: Scenario, preset: Option<String>, field: Option<String>) {
        // A change to the scenario shows the scenario again.
        self.capture = None;
        self.capture_file = None;
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
    fn travel(&mut self, back: bool) {
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

    /// A captured connection is on screen (not the scenario).
    pub fn showing_capture(&self) -> bool {
        self.capture.is_some()
    }

    /// What the module draws an export or asks a quiz about: the capture or
    /// the script run it last made, or the scenario (packed), run there.
    pub fn source(&self) -> String {
        match (&self.capture, &self.script) {
            (Some(_), _) => "capture".into(),
            // Each run of the script is its own source: a quiz on it starts again.
            (None, Some(script)) => match &script.run {
                Some(run) => format!("script:{:p}", Rc::as_ptr(run)),
                None => "script".into(),
            },
            (None, None) => crate::link::pack(&self.scenario),
        }
    }

    /// The timers on screen: the script endpoint's, or the scenario's.
    pub fn profile(&self) -> ProfileName {
        self.script
            .as_ref()
            .map_or(self.scenario.profile, |s| s.profile)
    }

    /// The faults on screen: the script's, or the scenario's.
    pub fn faults(&self) -> &crate::editor_bridge::Faults {
        match &self.script {
            Some(script) => &script.faults,
            None => &self.scenario.faults,
        }
    }

    fn bounds(&self) -> (u64, u64) {
        let (lo, hi) = self.range.unwrap_or((0, self.trace.end_ms));
        (lo.min(self.trace.end_ms), hi.min(self.trace.end_ms))
    }

    fn advance(&mut self, real_ms: f64) {
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

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            // Locked for a quiz: no peeking by dropping, delaying or editing.
            Action::SetFault { .. } | Action::ResetFaults | Action::EditorChanged { .. }
                if s.locked =>
            {
                s.notice = Some(crate::i18n::t(s.lang, "quiz.locked").to_string());
            }
            Action::ToggleEditor if s.locked && !s.editor_open => {}
            Action::OpenLink { link, notice } => {
                let mut fresh = AppState::from_link(link, notice, s.lang);
                fresh.revision = s.revision + 1;
                fresh.history = s.history.clone();
                return Rc::new(fresh);
            }
            Action::OpenCaptureFile(file) => {
                s.capture_file = Some(file);
                s.script = None;
                s.editor_open = false;
                s.notice = None;
            }
            Action::ShowConnection { file_name, trace } => {
                s.replayed = None;
                s.capture = Some(Same(Rc::new(ShownCapture { file_name, trace })));
                s.selected = None;
                // Relative, as Wireshark shows a capture, unless letters were asked for.
                if s.numbering == Numbering::Absolute {
                    s.numbering = Numbering::Relative;
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
                s.revision += 1;
            }
            Action::ScriptRun(run) => {
                let Some(script) = s.script.as_mut() else {
                    return self;
                };
                // A run for faults since changed is stale: a newer one follows.
                if script.faults != run.faults || script.profile != run.profile {
                    return self;
                }
                let first = script.run.is_none();
                let shown = Rc::make_mut(script);
                shown.run = Some(Same(Rc::new(run.trace)));
                shown.failed = run.failed;
                if first && s.numbering == Numbering::Absolute {
                    // packetdrill's numbers, as the script writes them.
                    s.numbering = Numbering::Relative;
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
            Action::Undo => s.travel(true),
            Action::Redo => s.travel(false),
            Action::ToggleEditor => {
                s.editor_open = !s.editor_open && !s.embed;
                s.revision += 1;
            }
            Action::EditorChanged { scenario, field } => {
                let preset = s.preset.clone();
                s.commit(scenario, preset, field);
            }
            Action::Replay(scenario) => {
                let captured = s.capture.as_ref().map(|c| Same(c.trace.clone()));
                s.commit(scenario, None, None);
                s.replayed = captured;
                s.selected = None;
                s.cursor = s.trace.end_ms;
            }
            Action::ToggleLoad => {
                s.load_open = !s.load_open && !s.embed;
                s.editor_open = false;
            }
            Action::ReplaceScenario(scenario) => {
                s.replayed = None;
                s.load_open = false;
                s.commit(scenario, None, None);
                s.selected = None;
                s.cursor = s.trace.end_ms;
            }
            Action::Notice(text) => s.notice = Some(text),
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
            // The page's own few changes are made here; everything else the
            // editor module makes (scenario::edit) and sends as EditorChanged.
            // A script's endpoint takes the timers; the module runs it again.
            Action::SetProfile(p) if s.script.is_some() => {
                let script = s.script.as_mut().expect("a script is shown");
                Rc::make_mut(script).profile = p;
                s.revision += 1;
            }
            Action::SetProfile(p) => {
                let mut scenario = s.scenario.clone();
                scenario.profile = p;
                let preset = s.preset.clone();
                s.commit(scenario, preset, None);
            }
            Action::ToggleQuiz => {
                let kinds = s.quiz.xor(Some(crate::quiz::Kinds::ALL));
                s.set_quiz(kinds);
                s.editor_open = false;
            }
            Action::SetQuiz { kinds, locked } => {
                s.set_quiz(kinds);
                s.locked = locked;
            }
            Action::QuizAt(event) => {
                s.hide_from = event.filter(|_| s.quiz.is_some());
                s.selected = None;
                s.playing = false;
                s.cursor = match event.and_then(|i| s.trace.events.get(i)) {
                    Some(e) => e.t,
                    None => s.trace.end_ms,
                };
            }
            // A segment not yet shown cannot be picked to read its numbers.
            Action::Select(Some(id))
                if s.segments_shown() <= s.trace.segment_index(&id).unwrap_or(0) => {}
            Action::SetFault { .. } | Action::ResetFaults if s.showing_capture() => {
                s.notice = Some(crate::i18n::t(s.lang, "capture.readonly").to_string());
            }
            // On a script, only the script's own segments can be lost or late
            // (the endpoint's are what the script checks); the module re-runs it.
            Action::SetFault { id, fault } if s.script.is_some() => {
                let script = s.script.as_mut().expect("a script is shown");
                let theirs = s.trace.segment(&id).is_some_and(|seg| {
                    Some(seg.from) == s.trace.script_side && seg.copy_of.is_none()
                });
                if theirs {
                    let faults = &mut Rc::make_mut(script).faults;
                    match fault {
                        Some(f) => faults.insert(id, f),
                        None => faults.remove(&id),
                    };
                    s.revision += 1;
                }
            }
            Action::ResetFaults if s.script.is_some() => {
                let script = s.script.as_mut().expect("a script is shown");
                Rc::make_mut(script).faults.clear();
                s.revision += 1;
            }
            Action::SetFault { id, fault } => {
                let mut scenario = s.scenario.clone();
                scenario.set_fault(&id, fault);
                match scenario.validate() {
                    Ok(()) => {
                        let preset = s.preset.clone();
                        s.commit(scenario, preset, None);
                        if let Some(seg) = s.trace.segment(&id) {
                            // Show the consequence: put the cursor past the changed segment.
                            s.cursor = s.cursor.max(seg.sent);
                        }
                    }
                    Err(e) => s.notice = Some(e.0),
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
            Action::Select(id) => s.selected = id,
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
            Action::SetNumbering(n) => {
                s.numbering = n;
                s.rerun();
            }
            Action::SetLang(l) => {
                s.lang = l;
                s.revision += 1;
            }
            Action::SetTheme(t) => {
                s.theme = t;
                s.revision += 1;
            }
            Action::DismissNotice => s.notice = None,
            Action::ToggleHelp => s.help_open = !s.help_open,
        }
        Rc::new(s)
    }
}
