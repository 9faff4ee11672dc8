//! What the page and the editor module (a second wasm module, loaded on
//! first use) say to each other, as text: the two modules share no memory.
//! Scenarios travel packed, as in links.
//!
//! Page → editor: an `EditorView` (language, undo / redo available, the
//! scenario). Editor → page: an `EditorMsg`.

/// Bumped whenever any message or view below changes shape. Every message
/// starts with it, so a module cached from another release is told apart
/// from a message that is merely broken, and the page can say "reload".
pub const PROTOCOL: &str = "synack-bridge-3";

/// Why a message from the other module could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeError {
    /// It was written by another release of the other module.
    OtherVersion,
    /// Right version, unreadable content.
    Unreadable,
}

/// `body` as it crosses between the modules: the protocol's version first.
fn framed(body: String) -> String {
    format!("{PROTOCOL}\n{body}")
}

/// The body of a framed message, if its version is this module's.
fn unframed(text: &str) -> Result<&str, BridgeError> {
    match text.split_once('\n') {
        Some((version, body)) if version == PROTOCOL => Ok(body),
        _ if text == PROTOCOL => Ok(""),
        _ => Err(BridgeError::OtherVersion),
    }
}
use crate::i18n::Lang;
use crate::link::{pack, unpack};
use crate::scenario::Scenario;

#[derive(Clone, Debug, PartialEq)]
pub struct EditorView {
    pub lang: Lang,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The teacher's quiz settings, kept in the link (`quiz=`, `lock=1`).
    pub quiz: Option<crate::quiz::Kinds>,
    pub locked: bool,
    pub scenario: Scenario,
}

impl EditorView {
    pub fn encode(&self) -> String {
        let flag = |b: bool| if b { "1" } else { "0" };
        let quiz = crate::quiz::Kinds::code_of(self.quiz);
        framed(format!(
            "{}\n{}\n{}\n{quiz}\n{}\n{}",
            self.lang.code(),
            flag(self.can_undo),
            flag(self.can_redo),
            flag(self.locked),
            pack(&self.scenario)
        ))
    }

    pub fn decode(text: &str) -> Option<EditorView> {
        let mut parts = unframed(text).ok()?.splitn(6, '\n');
        let lang = Lang::parse(parts.next()?)?;
        let can_undo = parts.next()? == "1";
        let can_redo = parts.next()? == "1";
        let quiz = crate::quiz::Kinds::parse_optional(parts.next()?)?;
        let locked = parts.next()? == "1";
        let scenario = unpack(parts.next()?).ok()?;
        Some(EditorView {
            lang,
            can_undo,
            can_redo,
            quiz,
            locked,
            scenario,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum EditorMsg {
    /// A new scenario; `field` names what was typed into, for undo.
    Changed {
        scenario: Scenario,
        field: Option<String>,
    },
    /// A scenario of its own (from nothing, or from a file): no preset's lesson.
    Replace(Scenario),
    Undo,
    Redo,
    Close,
    /// Something to tell the user (a file that could not be opened).
    Notice(String),
    /// Draw this connection of the capture file the module read, with the
    /// states the module inferred (the page has no inference of its own).
    /// The connection itself stays in the module (`trace.captured` does not
    /// cross); the page draws what the trace holds.
    ShowConnection {
        file_name: String,
        trace: Box<crate::trace::Trace>,
    },
    /// The capture panel was closed, or its file could not be read.
    CloseCapture,
    /// The connection on screen, replayed in the model as this scenario.
    Replay(Scenario),
    /// Back from the load view to one connection.
    CloseLoad,
    /// The quiz waits on this event (the page shows the trace up to it), or
    /// shows everything (None).
    QuizAt(Option<usize>),
    CloseQuiz,
    /// A packetdrill script is shown: its name and text, for the link.
    ScriptShown {
        name: String,
        text: String,
    },
    /// The teacher's quiz settings for the link: which steps, and the lock.
    SetQuiz {
        kinds: Option<crate::quiz::Kinds>,
        locked: bool,
    },
    /// The script on screen, run against the model with the user's faults:
    /// the page draws it as it draws a scenario's trace.
    ScriptRun(Box<ScriptRun>),
    /// Select this segment in the page (a failed line of the script was picked).
    Select(String),
    /// The inspector's drop / delay / duplicate / deliver on one segment.
    SetFault {
        id: String,
        fault: Option<crate::scenario::Fault>,
    },
}

/// A packetdrill script's run, for the page (which has no script reader).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScriptRun {
    /// The faults and timers it was run with: a run for older ones is stale.
    pub faults: Faults,
    pub profile: crate::tcp::ProfileName,
    pub trace: crate::trace::Trace,
    /// The segments (by index) whose expectation failed.
    pub failed: Vec<usize>,
}

/// Faults on a script's own segments, by id.
pub type Faults = std::collections::BTreeMap<String, crate::scenario::Fault>;

/// Page → script panel: the script, and what the user did to its segments.
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptPanelView {
    pub lang: Lang,
    pub name: String,
    pub text: String,
    pub faults: Faults,
    /// The endpoint's timers (Linux unless the user picks another).
    pub profile: crate::tcp::ProfileName,
}

impl ScriptPanelView {
    pub fn encode(&self) -> String {
        let faults = to_text(&self.faults);
        let name = self.name.replace('\n', " ");
        let (lang, profile) = (self.lang.code(), self.profile.as_str());
        framed(format!(
            "{lang}\n{profile}\n{faults}\n{name}\n{}",
            self.text
        ))
    }

    pub fn decode(text: &str) -> Option<ScriptPanelView> {
        let mut parts = unframed(text).ok()?.splitn(5, '\n');
        Some(ScriptPanelView {
            lang: Lang::parse(parts.next()?)?,
            profile: crate::tcp::ProfileName::parse(parts.next()?)?,
            faults: from_text(parts.next()?)?,
            name: parts.next()?.to_string(),
            text: parts.next()?.to_string(),
        })
    }
}

/// Page → quiz: what to ask about: the trace on screen (`Shown::encode`).
#[derive(Clone, Debug, PartialEq)]
pub struct QuizView {
    pub lang: Lang,
    pub numbering: crate::trace::Numbering,
    pub kinds: crate::quiz::Kinds,
    pub shown: std::rc::Rc<str>,
}

impl QuizView {
    pub fn encode(&self) -> String {
        let (l, n, k) = (self.lang.code(), self.numbering.name(), self.kinds.code());
        framed(format!("{l}\n{n}\n{k}\n{}", self.shown))
    }

    pub fn decode(text: &str) -> Option<QuizView> {
        let mut parts = unframed(text).ok()?.splitn(4, '\n');
        Some(QuizView {
            lang: Lang::parse(parts.next()?)?,
            numbering: crate::trace::Numbering::parse(parts.next()?)?,
            kinds: crate::quiz::Kinds::parse(parts.next()?)?,
            shown: parts.next()?.into(),
        })
    }
}

/// The trace on screen, as the page draws it, for a panel or an export in
/// the module: the module never runs a scenario of its own for one, so what
/// it shows, asks or saves is what the page shows (the script's ✗ marks too).
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Shown {
    pub trace: crate::trace::Trace,
    /// The segments (by index) whose expectation failed (a script's run).
    pub failed: Vec<usize>,
    /// A capture: the module reattaches the connection it sent the page.
    pub captured: bool,
}

/// How the page writes a `Shown` without copying its trace.
#[derive(serde::Serialize)]
struct ShownRef<'a> {
    trace: &'a crate::trace::Trace,
    failed: &'a [usize],
    captured: bool,
}

impl Shown {
    pub fn encode(trace: &crate::trace::Trace, failed: &[usize], captured: bool) -> String {
        to_text(&ShownRef {
            trace,
            failed,
            captured,
        })
    }

    pub fn decode(text: &str) -> Option<Shown> {
        from_text(text)
    }
}

/// Page → inspector: the selected segment of the trace on screen, and what
/// the user may do to it.
#[derive(Clone, Debug, PartialEq)]
pub struct InspectorView {
    pub lang: Lang,
    pub numbering: crate::trace::Numbering,
    /// The teacher's lock: no drop, delay or duplicate.
    pub locked: bool,
    pub selected: String,
    /// The fault on the selected segment now.
    pub fault: Option<crate::scenario::Fault>,
    /// The trace on screen (`Shown::encode`).
    pub shown: std::rc::Rc<str>,
}

impl InspectorView {
    pub fn encode(&self) -> String {
        let (l, n) = (self.lang.code(), self.numbering.name());
        let (locked, fault) = (u8::from(self.locked), to_text(&self.fault));
        let id = self.selected.replace('\n', " ");
        framed(format!("{l}\n{n}\n{locked}\n{fault}\n{id}\n{}", self.shown))
    }

    pub fn decode(text: &str) -> Option<InspectorView> {
        let mut parts = unframed(text).ok()?.splitn(6, '\n');
        Some(InspectorView {
            lang: Lang::parse(parts.next()?)?,
            numbering: crate::trace::Numbering::parse(parts.next()?)?,
            locked: parts.next()? == "1",
            fault: from_text(parts.next()?)?,
            selected: parts.next()?.to_string(),
            shown: parts.next()?.into(),
        })
    }
}

/// Data as postcard bytes in base64url: one line of text.
fn to_text<T: serde::Serialize>(value: &T) -> String {
    crate::link::base64url::encode(&postcard::to_allocvec(value).unwrap_or_default())
}

fn from_text<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    postcard::from_bytes(&crate::link::base64url::decode(text)?).ok()
}

impl EditorMsg {
    pub fn encode(&self) -> String {
        framed(self.body())
    }

    fn body(&self) -> String {
        match self {
            EditorMsg::Changed { scenario, field } => format!(
                "changed\n{}\n{}",
                field.as_deref().unwrap_or(""),
                pack(scenario)
            ),
            EditorMsg::Replace(scenario) => format!("replace\n{}", pack(scenario)),
            EditorMsg::Undo => "undo".into(),
            EditorMsg::Redo => "redo".into(),
            EditorMsg::Close => "close".into(),
            EditorMsg::Notice(text) => format!("notice\n{text}"),
            EditorMsg::ShowConnection { file_name, trace } => format!(
                "connection\n{}\n{}",
                file_name.replace('\n', " "),
                to_text(trace)
            ),
            EditorMsg::CloseCapture => "close-capture".into(),
            EditorMsg::Replay(scenario) => format!("replay\n{}", pack(scenario)),
            EditorMsg::CloseLoad => "close-load".into(),
            EditorMsg::QuizAt(Some(event)) => format!("quiz-at\n{event}"),
            EditorMsg::QuizAt(None) => "quiz-at".into(),
            EditorMsg::CloseQuiz => "close-quiz".into(),
            EditorMsg::ScriptShown { name, text } => {
                format!("script\n{}\n{text}", name.replace('\n', " "))
            }
            EditorMsg::SetQuiz { kinds, locked } => format!(
                "set-quiz\n{}\n{}",
                crate::quiz::Kinds::code_of(*kinds),
                u8::from(*locked)
            ),
            EditorMsg::ScriptRun(run) => format!("script-run\n{}", to_text(run)),
            EditorMsg::Select(id) => format!("select\n{id}"),
            EditorMsg::SetFault { id, fault } => {
                format!("set-fault\n{}\n{}", id.replace('\n', " "), to_text(fault))
            }
        }
    }

    /// The message, or why it cannot be read: another release's module, or
    /// a broken message (never dropped in silence: the page says which).
    pub fn read(text: &str) -> Result<EditorMsg, BridgeError> {
        Self::decode_body(unframed(text)?).ok_or(BridgeError::Unreadable)
    }

    pub fn decode(text: &str) -> Option<EditorMsg> {
        Self::read(text).ok()
    }

    fn decode_body(text: &str) -> Option<EditorMsg> {
        let (kind, rest) = text.split_once('\n').unwrap_or((text, ""));
        Some(match kind {
            "changed" => {
                let (field, packed) = rest.split_once('\n')?;
                EditorMsg::Changed {
                    scenario: unpack(packed).ok()?,
                    field: Some(field.to_string()).filter(|f| !f.is_empty()),
                }
            }
            "replace" => EditorMsg::Replace(unpack(rest).ok()?),
            "undo" => EditorMsg::Undo,
            "redo" => EditorMsg::Redo,
            "close" => EditorMsg::Close,
            "notice" => EditorMsg::Notice(rest.to_string()),
            "connection" => {
                let (file_name, trace) = rest.split_once('\n')?;
                EditorMsg::ShowConnection {
                    file_name: file_name.to_string(),
                    trace: Box::new(from_text(trace)?),
                }
            }
            "close-capture" => EditorMsg::CloseCapture,
            "replay" => EditorMsg::Replay(unpack(rest).ok()?),
            "close-load" => EditorMsg::CloseLoad,
            "quiz-at" if rest.is_empty() => EditorMsg::QuizAt(None),
            "quiz-at" => EditorMsg::QuizAt(Some(rest.parse().ok()?)),
            "close-quiz" => EditorMsg::CloseQuiz,
            "script" => {
                let (name, text) = rest.split_once('\n')?;
                EditorMsg::ScriptShown {
                    name: name.to_string(),
                    text: text.to_string(),
                }
            }
            "set-quiz" => {
                let (kinds, locked) = rest.split_once('\n')?;
                EditorMsg::SetQuiz {
                    kinds: crate::quiz::Kinds::parse_optional(kinds)?,
                    locked: locked == "1",
                }
            }
            "script-run" => EditorMsg::ScriptRun(Box::new(from_text(rest)?)),
            "select" => EditorMsg::Select(rest.to_string()),
            "set-fault" => {
                let (id, fault) = rest.split_once('\n')?;
                EditorMsg::SetFault {
                    id: id.to_string(),
                    fault: from_text(fault)?,
                }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{presets, Fault};

    #[test]
    fn views_and_messages_survive_the_trip_between_modules() {
        let mut scenario = presets::by_name("lost-syn").unwrap();
        scenario.title = Some("Line one\nline two".into());
        scenario.faults.insert("s1".into(), Fault::Duplicate(100));
        let view = EditorView {
            lang: Lang::Zh,
            can_undo: true,
            can_redo: false,
            quiz: crate::quiz::Kinds::parse("numbers"),
            locked: true,
            scenario: scenario.clone(),
        };
        assert_eq!(EditorView::decode(&view.encode()), Some(view));
        for message in [
            EditorMsg::Changed {
                scenario: scenario.clone(),
                field: Some("step-client-1".into()),
            },
            EditorMsg::Changed {
                scenario: scenario.clone(),
                field: None,
            },
            EditorMsg::Replace(scenario),
            EditorMsg::Undo,
            EditorMsg::Redo,
            EditorMsg::Close,
            EditorMsg::Notice("two\nlines".into()),
            EditorMsg::CloseCapture,
            EditorMsg::CloseLoad,
            EditorMsg::QuizAt(Some(12)),
            EditorMsg::QuizAt(None),
            EditorMsg::CloseQuiz,
            EditorMsg::Select("s3'".into()),
            EditorMsg::SetFault {
                id: "c2".into(),
                fault: Some(Fault::Duplicate(40)),
            },
            EditorMsg::SetFault {
                id: "s1".into(),
                fault: None,
            },
            EditorMsg::ScriptShown {
                name: "a.pkt".into(),
                text: "0 listen(3, 1) = 0\n+0 < S 0:0(0)\n".into(),
            },
            EditorMsg::SetQuiz {
                kinds: Some(crate::quiz::Kinds::ALL),
                locked: false,
            },
            EditorMsg::SetQuiz {
                kinds: None,
                locked: true,
            },
            EditorMsg::Replay(presets::by_name("handshake").unwrap()),
            EditorMsg::ScriptRun(Box::new(ScriptRun {
                faults: Faults::from([("c3".to_string(), Fault::Delay(300))]),
                profile: crate::tcp::ProfileName::Linux5,
                trace: crate::run(&presets::by_name("simultaneous-close").unwrap()),
                failed: vec![2, 5],
            })),
            {
                let connection = crate::capture::open(include_bytes!(
                    "../tests/captures/lost-server-fin-twice.pcap"
                ))
                .unwrap()
                .connections
                .remove(0);
                let mut trace = crate::capture::infer(&connection);
                // What crosses: the trace and the endpoints' names, not the connection.
                trace.captured = None;
                EditorMsg::ShowConnection {
                    file_name: "lost fin.pcap".into(),
                    trace: Box::new(trace),
                }
            },
        ] {
            assert_eq!(EditorMsg::decode(&message.encode()), Some(message));
        }
        assert_eq!(EditorMsg::decode("changed\nmss\nnot packed"), None);
        assert_eq!(
            EditorMsg::read(&framed("changed\nmss\nnot packed".into())),
            Err(BridgeError::Unreadable)
        );
        // A message from a module of another release is told apart.
        assert_eq!(EditorMsg::read("undo"), Err(BridgeError::OtherVersion));
        assert_eq!(
            EditorMsg::read("synack-bridge-1\nundo"),
            Err(BridgeError::OtherVersion)
        );
        assert_eq!(
            EditorMsg::read(&EditorMsg::Undo.encode()),
            Ok(EditorMsg::Undo)
        );
        assert_eq!(EditorView::decode("fr\n1\n0\n"), None);
        let quiz = QuizView {
            lang: Lang::Zh,
            numbering: crate::trace::Numbering::Letters,
            kinds: crate::quiz::Kinds::parse("states,flags").unwrap(),
            shown: Shown::encode(
                &crate::run(&presets::by_name("lost-syn").unwrap()),
                &[],
                true,
            )
            .into(),
        };
        assert_eq!(QuizView::decode(&quiz.encode()), Some(quiz));
        // The trace on screen arrives whole, with its failed marks.
        let trace = crate::run(&presets::by_name("simultaneous-close").unwrap());
        let shown = Shown::decode(&Shown::encode(&trace, &[1, 3], false)).unwrap();
        assert_eq!(
            (&shown.trace, &shown.failed[..], shown.captured),
            (&trace, &[1, 3][..], false)
        );
        assert_eq!(Shown::decode("!!"), None);
        let inspector = InspectorView {
            lang: Lang::Zh,
            numbering: crate::trace::Numbering::Relative,
            locked: true,
            selected: "s1'".into(),
            fault: Some(Fault::Delay(250)),
            shown: Shown::encode(&trace, &[], false).into(),
        };
        assert_eq!(
            InspectorView::decode(&inspector.encode()),
            Some(inspector.clone())
        );
        let none = InspectorView {
            fault: None,
            ..inspector
        };
        assert_eq!(InspectorView::decode(&none.encode()), Some(none));
        assert_eq!(
            InspectorView::decode(&framed("en\nrelative\n0\n!!\nc1\n".into())),
            None
        );
        assert_eq!(
            QuizView::decode(&framed("en\nletters\nnope\ncapture".into())),
            None
        );
        let script = ScriptPanelView {
            lang: Lang::Zh,
            name: "a b.pkt".into(),
            text: "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 listen(3, 1) = 0\n".into(),
            faults: Faults::from([
                ("c1".to_string(), Fault::Drop),
                ("c2".to_string(), Fault::Duplicate(20)),
            ]),
            profile: crate::tcp::ProfileName::Rfc,
        };
        assert_eq!(
            ScriptPanelView::decode(&script.encode()),
            Some(script.clone())
        );
        assert_eq!(
            ScriptPanelView::decode(&framed("en\nlinux\n!!\na.pkt\n".into())),
            None
        );
        assert_eq!(
            ScriptPanelView::decode(&framed("en\nbsd\nAA\na.pkt\n".into())),
            None
        );
        // A view without the version (an older page) is not read.
        let old = script.encode().split_once('\n').unwrap().1.to_string();
        assert_eq!(ScriptPanelView::decode(&old), None);
    }
}
