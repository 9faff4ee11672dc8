//! The page's state and its one reducer, as core code: no browser crate, so
//! every action is tested natively (`page/tests.rs`). The Yew side keeps only
//! effects (timers, the address bar, handing files to the module, the
//! module's messages) and hands this module what they produce: a file enters
//! as its name.
//!
//! An action that changes the scenario re-runs the simulator; nothing else
//! ever drives an endpoint. The reducer is split by concern: `playback`
//! (the cursor), `scenario` (the scenario, its faults and undo history),
//! `shown` (what is on screen: preset, capture, script, load view, a link),
//! `quiz` (the quiz and its lock); `reduce` applies the guards first, in one
//! place, so no arm depends on where it sits.

use crate::diagram::{self, Diagram, View};
use crate::i18n::{t, Lang, Said, Word};
use crate::link::{Link, Showing, Theme};
use crate::scenario::{Fault, Scenario};
use crate::tcp::ProfileName;
use crate::trace::{EventKind, Numbering, Trace};
use std::rc::Rc;

pub mod lesson;
mod playback;
mod quiz;
mod reduce;
mod scenario;
mod shown;
#[cfg(test)]
mod tests;
pub mod toolbar;

pub use reduce::reduce;

/// Playback runs in diagram space, so a 240 s TIME-WAIT break takes no longer
/// to pass than a 50 ms hop: pixels of diagram per second at 1×.
pub const PLAYBACK_PX_PER_S: f64 = 70.0;
/// (value, factor, name): playback moves down the diagram at a pace, not
/// at a share of real time (the diagram's time is compressed, so "1×" would
/// claim what it is not); the names say so.
pub const SPEEDS: [(&str, f64, Word); 4] = [
    ("0.5", 0.5, Word::PaceSlow),
    ("1", 1.0, Word::PaceNormal),
    ("2", 2.0, Word::PaceFast),
    ("4", 4.0, Word::PaceFastest),
];

/// Shared data compared by identity: every change makes a new one, so two
/// states hold the same trace exactly when they hold the same `Rc`, and the
/// page need not carry code to compare whole traces and diagrams.
pub struct Same<T: ?Sized>(pub Rc<T>);

impl<T: ?Sized> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> std::ops::Deref for Same<T> {
    type Target = Rc<T>;
    fn deref(&self) -> &Rc<T> {
        &self.0
    }
}

/// A trace, its failed marks, and the `Shown` text written for them.
type ShownWritten = (Rc<Trace>, Vec<usize>, Rc<str>);

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub preset: Option<String>,
    pub scenario: Scenario,
    pub trace: Same<Trace>,
    pub diagram: Same<Diagram>,
    /// Where the diagram's lifelines and labels go for the width it is shown at.
    pub frame: diagram::Frame,
    /// Distinct times at which something visible happens (steps for ← / →).
    pub moments: Rc<Vec<u64>>,
    pub cursor: u64,
    pub playing: bool,
    pub speed: f64,
    pub selected: Option<String>,
    pub lang: Lang,
    /// Chinese shown in Traditional characters (the page converts what it draws).
    pub hant: bool,
    /// How it is shown (numbering, theme, embed, range, quiz, lock): the
    /// link's own settings, declared once in `link::Showing`.
    pub showing: Showing,
    /// A message over the diagram (a link that could not be opened, a
    /// change refused), said in the language shown: switching says it again.
    pub notice: Option<Notice>,
    pub help_open: bool,
    /// Presenter mode's black screen (B).
    pub black: bool,
    /// On a phone the toolbar is folded into a menu; this says it is unfolded.
    pub menu_open: bool,
    /// Bumped on every change worth writing to the address bar.
    pub revision: u64,
    pub editor_open: bool,
    /// Scenarios to go back and forward to (undo / redo).
    pub history: Rc<History>,
    /// A capture file the user opened: its panel (in the module loaded on
    /// first use) lists the connections.
    pub capture_file: Option<Same<OpenedFile>>,
    /// The captured connection on screen instead of the scenario. Never put in a link.
    pub capture: Option<Same<ShownCapture>>,
    /// The scenario on screen replays this capture: its trace, drawn faintly
    /// under the model's and compared with it.
    pub replayed: Option<Same<Trace>>,
    /// How the model's run differs from the replayed capture, as the module
    /// worked it out (the comparison is not in the page's wasm: a replay
    /// exists only once the module has read a capture).
    pub compared: Option<Compared>,
    /// The load view (many connections) is shown instead of the diagram.
    pub load_open: bool,
    /// While a question waits: the first event of the trace not yet shown
    /// (its segment is not drawn, its state not entered, whatever the cursor).
    pub hide_from: Option<usize>,
    /// A packetdrill script on screen instead of the scenario: kept in the link.
    pub script: Option<Rc<ShownScript>>,
    /// The first frame is on screen: the side panels (below the diagram on a
    /// phone) are drawn from then on, so the diagram comes one task sooner.
    pub painted: bool,
    /// The Compare view is open on these stacks (drawn by the module).
    pub compare: Option<crate::compare::Stacks>,
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

/// The differences between a replay's run and its capture: `of` is the run
/// they were worked out for, so an answer for an older run is told apart.
#[derive(Clone, PartialEq)]
pub struct Compared {
    pub of: Same<Trace>,
    pub lines: Rc<Vec<String>>,
}

impl AppState {
    /// While a replay is on screen, the latest differences the module sent,
    /// and whether they are for the run on screen (after a change, the
    /// last ones stay until the new ones arrive, a few ms later).
    pub fn differences(&self) -> Option<(&[String], bool)> {
        self.replayed.as_ref()?;
        let compared = self.compared.as_ref()?;
        Some((&compared.lines, compared.of == self.trace))
    }
}

pub struct ShownCapture {
    pub file_name: String,
    /// Its states, inferred by the module that read the file; the connection
    /// itself is the trace's `captured`.
    pub trace: Rc<Trace>,
}

/// What is on screen, as the header names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnScreen {
    Preset(String),
    /// A scenario of the user's own, with its title if it has one.
    Own(Option<String>),
    Capture(String),
    Script(String),
    Load,
}

/// A scenario as it was, with the preset it came from.
#[derive(Clone, PartialEq)]
pub struct Snapshot {
    pub(crate) scenario: Scenario,
    pub(crate) preset: Option<String>,
}

#[derive(Clone, PartialEq, Default)]
pub struct History {
    pub(crate) undo: Vec<Snapshot>,
    pub(crate) redo: Vec<Snapshot>,
    /// The field the last edit changed: further edits of the same field
    /// (typing 3, 30, 300) are one step to undo, not three.
    pub(crate) last_field: Option<String>,
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

/// A capture or script file the user chose or dropped, as the state knows
/// it: by name. (The reducer never reads a file; the module loaded on first
/// use does, so its bytes are left to the effect that hands it over.)
#[derive(Debug)]
pub struct OpenedFile {
    pub name: String,
}

pub enum Action {
    /// A capture (or script) file chosen or dropped: its panel reads it and
    /// lists its connections.
    OpenCaptureFile(OpenedFile),
    ShowConnection {
        file_name: String,
        /// The connection is its `captured`.
        trace: Rc<Trace>,
    },
    /// Back to the scenario shown before the capture.
    CloseCapture,
    ToggleLoad,
    /// Closes, whatever it was: a stale close never reopens a panel.
    CloseLoad,
    CloseEditor,
    CloseQuiz,
    /// A message from the module could not be read (another release's
    /// module, cached): the user is told to reload.
    ModuleMismatch,
    Undo,
    Redo,
    ToggleEditor,
    /// A scenario opened from a file (or started from nothing).
    ReplaceScenario(Scenario),
    /// The captured connection on screen, replayed in the model as this
    /// scenario (its note, written by the module, says how it differs).
    Replay(Scenario),
    /// From the module: how the run `of` differs from the replayed capture.
    ReplayCompared {
        of: Rc<Trace>,
        lines: Vec<String>,
    },
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
        notice: Option<Notice>,
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
    /// The diagram is shown this many CSS pixels wide (`diagram::Frame`).
    Fit(f64),
    SetLang(Lang),
    /// Chinese in Traditional characters, or not (the language button's third step).
    SetTraditional(bool),
    SetTheme(Theme),
    DismissNotice,
    ToggleHelp,
    /// Presenter mode on or off (the toolbar's button, Escape, leaving full screen).
    Present(bool),
    /// A clicker's B: the projector shows black, or the diagram again.
    ToggleBlack,
    /// Closes the shortcuts, whatever they were: a stale close never reopens them.
    CloseHelp,
    /// The Escape key: it closes the dialog on top (the shortcuts), else
    /// lets go of the selected segment.
    Escape,
    /// The phone's toolbar menu, folded or unfolded.
    ToggleMenu,
    /// The page's first frame has been painted.
    Painted,
    /// The whole words pack of the language shown has come: what was drawn
    /// without a word the first pack left out is drawn again.
    WordsArrived,
    /// The toolbar's Compare button: opens the view on the usual stacks, or closes it.
    ToggleCompare,
    /// The view's own choice of stacks (from the module).
    SetCompare(crate::compare::Stacks),
    /// The view's close button: closes it, whatever it was.
    CloseCompare,
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

impl From<crate::editor_bridge::EditorMsg> for Action {
    /// What the module's message asks of the page.
    fn from(message: crate::editor_bridge::EditorMsg) -> Action {
        use crate::editor_bridge::EditorMsg as M;
        match message {
            M::Changed { scenario, field } => Action::EditorChanged { scenario, field },
            M::Replace(scenario) => Action::ReplaceScenario(scenario),
            M::Undo => Action::Undo,
            M::Redo => Action::Redo,
            M::Close => Action::CloseEditor,
            M::Notice(text) => Action::Notice(text),
            M::ShowConnection { file_name, trace } => Action::ShowConnection {
                file_name,
                trace: Rc::new(*trace),
            },
            M::CloseCapture => Action::CloseCapture,
            M::Replay(scenario) => Action::Replay(scenario),
            M::CloseLoad => Action::CloseLoad,
            M::QuizAt(event) => Action::QuizAt(event),
            M::CloseQuiz => Action::CloseQuiz,
            M::SetQuiz { kinds, locked } => Action::SetQuiz { kinds, locked },
            M::ScriptShown { name, text } => Action::ScriptShown(Rc::new((name, text))),
            M::ScriptRun(run) => Action::ScriptRun(run),
            M::Select(id) => Action::Select(Some(id)),
            M::SetFault { id, fault } => Action::SetFault { id, fault },
            M::CloseHelp => Action::CloseHelp,
            M::CompareStacks(bits) => match crate::compare::Stacks::from_bits(bits) {
                Some(stacks) => Action::SetCompare(stacks),
                None => Action::ModuleMismatch,
            },
            M::CloseCompare => Action::CloseCompare,
            M::LeavePresent => Action::Present(false),
        }
    }
}

/// A message over the diagram. What the page says itself is kept as words,
/// so it reads in whichever language the page shows; what the module sends
/// arrives as text in the language it was asked in.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Said(Said<Word>),
    /// A link that could not be opened, and why: the default is shown.
    Link(Said<Word>),
    Text(String),
}

impl Notice {
    pub fn just(word: Word) -> Notice {
        Notice::Said(Said::just(word))
    }

    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::Said(said) => said.text(lang),
            Notice::Link(why) => Notice::link_text(lang, &why.text(lang)),
            Notice::Text(text) => text.clone(),
        }
    }

    /// "This link could not be opened: why — the default scenario is shown instead."
    pub fn link_text(lang: Lang, why: &str) -> String {
        crate::i18n::fill(t(lang, Word::ErrorLinkNotice), &[why.to_string()])
    }
}

impl AppState {
    /// The notice as the page shows it now.
    pub fn notice_text(&self) -> Option<String> {
        self.notice.as_ref().map(|n| n.text(self.lang))
    }
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
    pub fn from_link(
        link: Link,
        notice: Option<Notice>,
        browser_lang: Lang,
        frame: diagram::Frame,
    ) -> AppState {
        let trace = Rc::new(crate::run(&link.scenario));
        let diagram = Rc::new(diagram::layout(
            &trace,
            &View {
                numbering: link.showing.numbering,
                frame,
            },
        ));
        let moments = Rc::new(moments_of(&trace));
        // A presentation starts from the first step, unless the link says where.
        let start = if link.showing.present {
            0
        } else {
            trace.end_ms
        };
        let cursor = link.cursor.unwrap_or(start).min(trace.end_ms);
        let lang = link.lang.unwrap_or(browser_lang);
        let hant = link.hant;
        let notice = notice.or_else(|| link.capture.then(|| Notice::just(Word::CaptureLinkOpened)));
        AppState {
            preset: link.preset,
            scenario: link.scenario,
            trace: Same(trace),
            diagram: Same(diagram),
            frame,
            moments,
            cursor,
            playing: link.autoplay,
            speed: 1.0,
            selected: None,
            lang,
            hant,
            showing: link.showing,
            notice,
            help_open: false,
            black: false,
            menu_open: false,
            painted: false,
            compare: link.compare.filter(|_| !link.showing.embed),
            revision: 0,
            editor_open: link.editor && !link.showing.embed,
            history: Rc::default(),
            capture: None,
            replayed: None,
            compared: None,
            load_open: false,
            // Nothing to read ahead while the quiz loads.
            hide_from: link.showing.quiz.map(|_| 0),
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

    /// How many events, from the first, are on screen (`shown` holds for a
    /// prefix: events are in time order, and a question hides all after one).
    pub fn events_shown(&self) -> usize {
        let by_time = self.trace.events.partition_point(|e| e.t <= self.cursor);
        self.hide_from.map_or(by_time, |h| by_time.min(h))
    }

    /// How far the story has got, as the diagram draws it.
    pub fn moment(&self) -> crate::diagram::present::Moment {
        crate::diagram::present::Moment {
            cursor: self.cursor,
            hide_from: self.hide_from,
            events: self.events_shown(),
            segments: self.segments_shown(),
        }
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
            lang: Some(self.lang),
            hant: self.hant && self.lang == Lang::Zh,
            showing: self.showing,
            autoplay: false,
            editor: self.editor_open,
            capture: self.showing_capture(),
            compare: self.compare,
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

    /// A captured connection is on screen (not the scenario).
    /// What the page shows, for its header: a preset, a scenario of the
    /// user's own, a captured connection, a script's run, or many connections.
    pub fn on_screen(&self) -> OnScreen {
        let awaited = self
            .capture_file
            .as_ref()
            .filter(|_| self.awaiting_connection());
        if self.load_open {
            OnScreen::Load
        } else if let Some(file) = awaited {
            OnScreen::Capture(file.name.clone())
        } else if let Some(c) = &self.capture {
            OnScreen::Capture(c.file_name.clone())
        } else if let Some(s) = &self.script {
            OnScreen::Script(s.name.clone())
        } else if let Some(p) = &self.preset {
            OnScreen::Preset(p.clone())
        } else {
            OnScreen::Own(self.scenario.title.clone())
        }
    }

    /// A capture file is open and none of its connections is chosen yet:
    /// the diagram's place says what to do rather than show what was drawn
    /// before (a preset, or another file's connection, which stays in the
    /// state: a file that cannot be read changes nothing).
    pub fn awaiting_connection(&self) -> bool {
        let Some(file) = &self.capture_file else {
            return false;
        };
        let from_this_file = self
            .capture
            .as_ref()
            .is_some_and(|c| c.file_name == file.name);
        let script = file.name.to_ascii_lowercase().ends_with(".pkt");
        !script && !from_this_file && self.replayed.is_none()
    }

    pub fn showing_capture(&self) -> bool {
        self.capture.is_some()
    }

    /// The segments of the trace on screen whose expectation failed.
    pub fn failed(&self) -> &[usize] {
        match &self.script {
            Some(script) if self.capture.is_none() => &script.failed,
            _ => &[],
        }
    }

    /// The link to hand someone: the page as it is, but never with the
    /// editor open (that is the author's own view, kept in the address bar).
    pub fn shared_link(&self) -> Link {
        Link {
            editor: false,
            ..self.link()
        }
    }

    /// The trace on screen as the module reads it, for a panel or an export:
    /// written once per trace (the page renders far more often than that).
    pub fn shown_text(&self) -> Rc<str> {
        thread_local! {
            static LAST: std::cell::RefCell<Option<ShownWritten>> =
                const { std::cell::RefCell::new(None) };
        }
        let failed = self.failed();
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            match &*last {
                Some((trace, f, text)) if Rc::ptr_eq(trace, &self.trace.0) && f == failed => {
                    text.clone()
                }
                _ => {
                    let captured = self.capture.is_some();
                    let text: Rc<str> =
                        crate::editor_bridge::Shown::encode(&self.trace, failed, captured).into();
                    *last = Some((self.trace.0.clone(), failed.to_vec(), text.clone()));
                    text
                }
            }
        })
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

    /// The fault on the segment shown as `id`: a script's are kept by id, a
    /// scenario's by the segment's name.
    pub fn fault_on(&self, id: &str) -> Option<Fault> {
        match &self.script {
            Some(script) => script.faults.get(id).copied(),
            None if self.showing_capture() => None,
            None => self
                .trace
                .fault_key(id)
                .and_then(|key| self.scenario.faults.get(&key).copied()),
        }
    }
}
