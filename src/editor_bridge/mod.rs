//! What the page and the editor module (a second wasm module, loaded on
//! first use) say to each other. The two modules share no memory, so every
//! view (page → module) and message (module → page) crosses as one line of
//! text: the protocol's version, then the value as postcard bytes in
//! base64url, written with serde (adding a message is adding a variant, and
//! a line to `read::message`). What the page reads (the messages) and the
//! trace the module reads (`Shown`) are read by `read`, a hand-written
//! postcard reader, not serde's derived `Deserialize`: the first load cannot
//! afford the latter (5 KB gzipped); the tests hold the two to one format.
//! Scenarios inside travel packed, as in links; the trace on screen travels
//! beside a view, as its own argument (`Shown`), so it is written once per
//! trace, not once per view.

mod read;

use crate::i18n::Lang;
use crate::scenario::Scenario;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Bumped whenever any message or view below changes shape. Every message
/// starts with it, so a module cached from another release is told apart
/// from a message that is merely broken, and the page can say "reload".
pub const PROTOCOL: &str = "synack-bridge-6";

/// Why a message from the other module could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BridgeError {
    /// It was written by another release of the other module.
    OtherVersion,
    /// Right version, unreadable content.
    Unreadable,
}

/// The body of a framed message, if its version is this module's.
fn unframed(text: &str) -> Result<&str, BridgeError> {
    match text.split_once('\n') {
        Some((version, body)) if version == PROTOCOL => Ok(body),
        _ => Err(BridgeError::OtherVersion),
    }
}

/// A view or a message, as it crosses between the modules.
pub trait Crossing: Serialize + DeserializeOwned {
    fn encode(&self) -> String {
        format!("{PROTOCOL}\n{}", to_text(self))
    }

    /// The value, or why it cannot be read: another release's module, or
    /// a broken message (never dropped in silence: the page says which).
    fn read(text: &str) -> Result<Self, BridgeError> {
        from_text(unframed(text)?).ok_or(BridgeError::Unreadable)
    }

    fn decode(text: &str) -> Option<Self> {
        Self::read(text).ok()
    }
}

/// A scenario crosses packed, as in a link (its own compact, versioned form).
mod packed_scenario {
    use crate::scenario::Scenario;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(s: &Scenario, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(&crate::link::pack(s))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Scenario, D::Error> {
        let text = String::deserialize(from)?;
        crate::link::unpack(&text).map_err(|e| serde::de::Error::custom(e.0))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorView {
    pub lang: Lang,
    pub can_undo: bool,
    pub can_redo: bool,
    /// How the page shows it: the editor offers the teacher's quiz settings.
    pub showing: crate::link::Showing,
    #[serde(with = "packed_scenario")]
    pub scenario: Scenario,
}

impl Crossing for EditorView {}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum EditorMsg {
    /// A new scenario; `field` names what was typed into, for undo.
    Changed {
        #[serde(with = "packed_scenario")]
        scenario: Scenario,
        field: Option<String>,
    },
    /// A scenario of its own (from nothing, or from a file): no preset's lesson.
    Replace(#[serde(with = "packed_scenario")] Scenario),
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
    Replay(#[serde(with = "packed_scenario")] Scenario),
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
    /// The shortcuts dialog was closed (its button, or a click beside it).
    CloseHelp,
    /// The Compare view's own choice of stacks (`compare::Stacks`, as bits).
    CompareStacks(u8),
    /// The Compare view was closed.
    CloseCompare,
    /// Presenter mode was left (its ×, or full screen left with Escape).
    LeavePresent,
}

impl EditorMsg {
    pub fn encode(&self) -> String {
        format!("{PROTOCOL}\n{}", to_text(self))
    }

    /// The message, or why it cannot be read: another release's module, or
    /// a broken message (never dropped in silence: the page says which).
    pub fn read(text: &str) -> Result<EditorMsg, BridgeError> {
        let bytes = crate::link::base64url::decode(unframed(text)?);
        let message = bytes.and_then(|b| read::Reader::new(&b).whole(read::message));
        message.ok_or(BridgeError::Unreadable)
    }
}

/// A packetdrill script's run, for the page (which has no script reader).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScriptRun {
    /// The faults and timers it was run with: a run for older ones is stale.
    pub faults: Faults,
    pub profile: crate::tcp::ProfileName,
    pub trace: crate::trace::Trace,
    /// The segments (by index) whose expectation failed.
    pub failed: Vec<usize>,
}

/// Faults on a script's own segments, by id.
pub use crate::scenario::Faults;

/// Page → script panel: the script, and what the user did to its segments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScriptPanelView {
    pub lang: Lang,
    pub name: String,
    pub text: String,
    pub faults: Faults,
    /// The endpoint's timers (Linux unless the user picks another).
    pub profile: crate::tcp::ProfileName,
}

impl Crossing for ScriptPanelView {}

/// Page → quiz: what to ask about (the trace on screen comes beside it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizView {
    pub lang: Lang,
    pub numbering: crate::trace::Numbering,
    pub kinds: crate::quiz::Kinds,
    /// The teacher's lock: the quiz cannot be closed.
    pub locked: bool,
}

impl Crossing for QuizView {}

/// Page → presenter mode's stage: how far the story has got, and what the
/// page says about it (the trace on screen comes beside it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PresentView {
    pub lang: Lang,
    pub numbering: crate::trace::Numbering,
    pub moment: crate::diagram::present::Moment,
    /// The projector is blacked out (a clicker's B).
    pub black: bool,
    /// The step's explanation, as the page's narration says it.
    pub caption: String,
    /// Under each host's name: its port (and its stack), client first.
    pub ports: [String; 2],
}

impl Crossing for PresentView {}

/// Page → inspector: the selected segment of the trace on screen (which
/// comes beside it), and what the user may do to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectorView {
    pub lang: Lang,
    pub numbering: crate::trace::Numbering,
    /// The teacher's lock: no drop, delay or duplicate.
    pub locked: bool,
    pub selected: String,
    /// The fault on the selected segment now.
    pub fault: Option<crate::scenario::Fault>,
}

impl Crossing for InspectorView {}

/// The trace on screen, as the page draws it, for a panel or an export in
/// the module: the module never runs a scenario of its own for one, so what
/// it shows, asks or saves is what the page shows (the script's ✗ marks too).
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub trace: crate::trace::Trace,
    /// The segments (by index) whose expectation failed (a script's run).
    pub failed: Vec<usize>,
    /// A capture: the module reattaches the connection it sent the page.
    pub captured: bool,
}

/// How the page writes a `Shown` without copying its trace.
#[derive(Serialize)]
struct ShownRef<'a> {
    trace: &'a crate::trace::Trace,
    failed: &'a [usize],
    captured: bool,
}

impl Shown {
    pub fn encode(trace: &crate::trace::Trace, failed: &[usize], captured: bool) -> String {
        format!(
            "{PROTOCOL}\n{}",
            to_text(&ShownRef {
                trace,
                failed,
                captured,
            })
        )
    }

    pub fn read(text: &str) -> Result<Shown, BridgeError> {
        let bytes = crate::link::base64url::decode(unframed(text)?);
        let shown = bytes.and_then(|b| read::Reader::new(&b).whole(read::shown));
        shown.ok_or(BridgeError::Unreadable)
    }
}

/// Data as postcard bytes in base64url: one line of text.
fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    crate::link::base64url::encode(&postcard::to_allocvec(value).unwrap_or_default())
}

fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    postcard::from_bytes(&crate::link::base64url::decode(text)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{presets, Fault};

    fn round_trip<T: Crossing + PartialEq + std::fmt::Debug>(value: T) {
        assert_eq!(T::read(&value.encode()), Ok(value));
    }

    /// A message as serde writes it, read back by the page's own reader.
    fn message_round_trip(message: EditorMsg) {
        assert_eq!(EditorMsg::read(&message.encode()), Ok(message));
    }

    #[test]
    fn views_and_messages_survive_the_trip_between_modules() {
        let mut scenario = presets::by_name("lost-syn").unwrap();
        scenario.title = Some("Line one\nline two".into());
        scenario.faults.insert("s1".into(), Fault::Duplicate(100));
        round_trip(EditorView {
            lang: Lang::Zh,
            can_undo: true,
            can_redo: false,
            showing: crate::link::Showing {
                quiz: crate::quiz::Kinds::parse("numbers"),
                locked: true,
                ..Default::default()
            },
            scenario: scenario.clone(),
        });
        let connection = crate::capture::open(include_bytes!(
            "../../tests/captures/lost-server-fin-twice.pcap"
        ))
        .unwrap()
        .connections
        .remove(0);
        let mut captured = crate::capture::infer(&connection);
        // What crosses: the trace and the endpoints' names, not the connection.
        captured.captured = None;
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
            EditorMsg::CloseHelp,
            EditorMsg::CompareStacks(0b0111010),
            EditorMsg::CompareStacks(255),
            EditorMsg::CloseCompare,
            EditorMsg::LeavePresent,
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
                name: "a\nb.pkt".into(),
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
            EditorMsg::ShowConnection {
                file_name: "lost fin.pcap".into(),
                trace: Box::new(captured),
            },
        ] {
            let text = message.encode();
            assert!(
                !text[PROTOCOL.len() + 1..].contains('\n'),
                "one line: {message:?}"
            );
            message_round_trip(message);
        }
        round_trip(QuizView {
            lang: Lang::Zh,
            numbering: crate::trace::Numbering::Letters,
            kinds: crate::quiz::Kinds::parse("states,flags").unwrap(),
            locked: true,
        });
        round_trip(InspectorView {
            lang: Lang::Zh,
            numbering: crate::trace::Numbering::Relative,
            locked: true,
            selected: "s1'".into(),
            fault: Some(Fault::Delay(250)),
        });
        round_trip(PresentView {
            lang: Lang::Zh,
            numbering: crate::trace::Numbering::Absolute,
            moment: crate::diagram::present::Moment {
                cursor: 1_200,
                hide_from: Some(4),
                events: 9,
                segments: 4,
            },
            black: true,
            caption: "1.2 s：c4 …".into(),
            ports: [":50000".into(), ":80 · FreeBSD".into()],
        });
        round_trip(ScriptPanelView {
            lang: Lang::Zh,
            name: "a b.pkt".into(),
            text: "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 listen(3, 1) = 0\n".into(),
            faults: Faults::from([
                ("c1".to_string(), Fault::Drop),
                ("c2".to_string(), Fault::Duplicate(20)),
            ]),
            profile: crate::tcp::ProfileName::Rfc,
        });
        // The trace on screen arrives whole, with its failed marks.
        let trace = crate::run(&presets::by_name("simultaneous-close").unwrap());
        let shown = Shown::read(&Shown::encode(&trace, &[1, 3], false)).unwrap();
        assert_eq!(
            (&shown.trace, &shown.failed[..], shown.captured),
            (&trace, &[1, 3][..], false)
        );
    }

    #[test]
    fn a_message_from_another_release_is_told_from_a_broken_one() {
        let undo = EditorMsg::Undo.encode();
        let body = undo.split_once('\n').unwrap().1;
        assert_eq!(EditorMsg::read(body), Err(BridgeError::OtherVersion));
        assert_eq!(
            EditorMsg::read(&format!("synack-bridge-3\n{body}")),
            Err(BridgeError::OtherVersion)
        );
        assert_eq!(
            EditorMsg::read(&format!("{PROTOCOL}\n!!")),
            Err(BridgeError::Unreadable)
        );
        // A variant this release does not have.
        assert_eq!(
            EditorMsg::read(&format!("{PROTOCOL}\n{}", to_text(&200u32))),
            Err(BridgeError::Unreadable)
        );
        // A scenario inside that is not a packed scenario.
        let changed = EditorMsg::Changed {
            scenario: presets::by_name("handshake").unwrap(),
            field: None,
        }
        .encode();
        let bytes = crate::link::base64url::decode(changed.split_once('\n').unwrap().1).unwrap();
        let mut broken = bytes.clone();
        // (variant 0, then the packed string's length and text: spoil the text)
        broken[3] = b'!';
        let broken = format!("{PROTOCOL}\n{}", crate::link::base64url::encode(&broken));
        assert_eq!(EditorMsg::read(&broken), Err(BridgeError::Unreadable));
        assert_eq!(Shown::read("nothing"), Err(BridgeError::OtherVersion));
        assert_eq!(InspectorView::decode(&format!("{PROTOCOL}\n")), None);
    }
}
