//! Predict-the-next-step questions, generated from whatever trace is on
//! screen (a preset, an edited scenario, the teacher's drops and delays, a
//! capture): never written by hand. Each question is asked with the trace
//! shown up to, not including, the event it is about.

use crate::explain::{capital, host_name};
use crate::i18n::Lang;
use crate::scenario::Host;
use crate::tcp::{State, TimerKind};
use crate::trace::{EventKind, Numbering, Numbers, Trace, TraceCause};

/// Which kinds of step a quiz asks (the link's `quiz=…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Kinds {
    pub flags: bool,
    pub numbers: bool,
    pub states: bool,
}

impl Kinds {
    pub const ALL: Kinds = Kinds {
        flags: true,
        numbers: true,
        states: true,
    };

    /// `1` or `all`, or a comma list of `flags`, `numbers`, `states`.
    pub fn parse(text: &str) -> Option<Kinds> {
        if text == "1" || text == "all" {
            return Some(Kinds::ALL);
        }
        let mut k = Kinds {
            flags: false,
            numbers: false,
            states: false,
        };
        for part in text.split(',') {
            match part {
                "flags" => k.flags = true,
                "numbers" => k.numbers = true,
                "states" => k.states = true,
                _ => return None,
            }
        }
        Some(k)
    }

    /// `0` for no quiz, else `code`: how the page and the module say it.
    pub fn code_of(kinds: Option<Kinds>) -> String {
        kinds.map_or("0".into(), Kinds::code)
    }

    /// The reverse of `code_of`; None when it is neither.
    pub fn parse_optional(text: &str) -> Option<Option<Kinds>> {
        match text {
            "0" => Some(None),
            other => Kinds::parse(other).map(Some),
        }
    }

    /// The link's spelling: `1` for all, else the comma list.
    pub fn code(self) -> String {
        if self == Kinds::ALL {
            return "1".into();
        }
        let mut out = String::new();
        for (on, name) in [
            (self.flags, "flags"),
            (self.numbers, "numbers"),
            (self.states, "states"),
        ] {
            if on {
                if !out.is_empty() {
                    out.push(',');
                }
                out.push_str(name);
            }
        }
        out
    }
}

/// What one question asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// The flags of this segment (index into `Trace::segments`).
    Flags(usize),
    Seq(usize),
    Ack(usize),
    /// The state this host enters.
    State(Host),
}

impl Ask {
    pub fn kind(self) -> &'static str {
        match self {
            Ask::Flags(_) => "flags",
            Ask::Seq(_) | Ask::Ack(_) => "number",
            Ask::State(_) => "state",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub ask: Ask,
    /// The event it is about: the page shows the trace up to, not including, it.
    pub event: usize,
    /// The right answer as shown (`FIN,ACK`, `U+1`, `TIME-WAIT`).
    pub answer: String,
    /// What to pick from (empty for a typed number).
    pub choices: Vec<String>,
}

/// Flag sets a student picks from; an unusual answer is added to them.
const FLAG_CHOICES: [&str; 7] = [
    "SYN", "SYN,ACK", "ACK", "ACK,PSH", "FIN,ACK", "RST", "RST,ACK",
];

/// Every question the trace offers, in the order the steps happen.
pub fn questions(trace: &Trace, kinds: Kinds, numbering: Numbering) -> Vec<Question> {
    let numbers = Numbers::of(trace, numbering);
    let mut out = Vec::new();
    for (event, e) in trace.events.iter().enumerate() {
        match e.kind {
            EventKind::State { host, to, .. } if kinds.states => out.push(Question {
                ask: Ask::State(host),
                event,
                answer: to.name().to_string(),
                choices: State::ALL.iter().map(|s| s.name().to_string()).collect(),
            }),
            EventKind::Sent { seg } => {
                let s = &trace.segments[seg];
                // A link-made copy or an old duplicate is not the sender's choice.
                if s.copy_of.is_some() || s.injected {
                    continue;
                }
                if kinds.flags {
                    let answer = s.header.flags.to_string();
                    let mut choices: Vec<String> =
                        FLAG_CHOICES.iter().map(|c| c.to_string()).collect();
                    if !choices.contains(&answer) {
                        choices.push(answer.clone());
                    }
                    out.push(Question {
                        ask: Ask::Flags(seg),
                        event,
                        answer,
                        choices,
                    });
                }
                if let Some(ask) = number_to_ask(trace, seg).filter(|_| kinds.numbers) {
                    let answer = match ask {
                        Ask::Seq(i) => numbers.seq(trace, i),
                        _ => numbers.ack(trace, seg),
                    };
                    out.push(Question {
                        ask,
                        event,
                        answer: answer.to_string(),
                        choices: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The number worth predicting: the ack when it says something new (this
/// host's previous segment acknowledged less), else the seq; never an ISN,
/// which is chosen at random, and never a reset's zero.
fn number_to_ask(trace: &Trace, seg: usize) -> Option<Ask> {
    let s = &trace.segments[seg];
    let f = s.header.flags;
    let previous_ack = trace.segments[..seg]
        .iter()
        .rev()
        .find(|o| o.from == s.from && o.header.flags.ack && !o.injected)
        .map(|o| o.header.ack);
    let new_ack = f.ack && previous_ack != Some(s.header.ack);
    if new_ack || (f.ack && (f.syn || (f.rst && s.header.seq.0 == 0))) {
        return Some(Ask::Ack(seg));
    }
    (!f.syn).then_some(Ask::Seq(seg))
}

/// Whether a typed or picked answer is right. A number is compared by value,
/// so `5001` and (with letters on) `y+1` are both right for ack=y+1.
pub fn is_right(trace: &Trace, numbering: Numbering, q: &Question, given: &str) -> bool {
    let given = given.trim();
    match q.ask {
        Ask::Flags(_) | Ask::State(_) => given.eq_ignore_ascii_case(&q.answer),
        Ask::Seq(i) | Ask::Ack(i) => {
            let s = &trace.segments[i];
            let (owner, value) = match q.ask {
                Ask::Seq(_) => (s.from, s.header.seq.0),
                _ => (s.to(), s.header.ack.0),
            };
            Numbers::of(trace, numbering).value_of(given, owner) == Some(value)
        }
    }
}

/// The question in words.
pub fn prompt(trace: &Trace, q: &Question, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match q.ask {
        Ask::Flags(i) => {
            let s = &trace.segments[i];
            let who = host_name(lang, s.from);
            match zh {
                true => format!("{who}接下来发送报文段 {}。它的标志位是什么？", s.id),
                false => format!("Next, {who} sends {}. Which flags does it carry?", s.id),
            }
        }
        Ask::Seq(i) | Ask::Ack(i) => {
            let s = &trace.segments[i];
            let (field, zh_field) = match q.ask {
                Ask::Seq(_) => ("seq", "序号 seq"),
                _ => ("ack", "确认号 ack"),
            };
            match zh {
                true => format!("{}（{}）的{zh_field}是多少？", s.id, s.header.flags),
                false => format!("What is the {field} of {} ({})?", s.id, s.header.flags),
            }
        }
        Ask::State(host) => {
            let who = host_name(lang, host);
            let (from, cause) = match trace.events[q.event].kind {
                EventKind::State { from, cause, .. } => (from, cause),
                _ => (State::Closed, TraceCause::RetriesExhausted),
            };
            let when = cause_words(trace, cause, lang);
            match zh {
                true => format!("{who}处于 {from}，{when}。它进入哪个状态？"),
                false => format!(
                    "{} is in {from}; {when}. Which state does it enter?",
                    capital(who)
                ),
            }
        }
    }
}

fn cause_words(trace: &Trace, cause: TraceCause, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match cause {
        TraceCause::Call(call) => match zh {
            true => format!("应用调用了 {}()", call.name()),
            false => format!("the application calls {}()", call.name()),
        },
        TraceCause::Segment(i) => {
            let s = &trace.segments[i];
            match zh {
                true => format!("收到 {}（{}）", s.id, s.header.flags),
                false => format!("{} ({}) arrives", s.id, s.header.flags),
            }
        }
        TraceCause::Timer(TimerKind::TimeWait) => match zh {
            true => "2MSL 的等待结束".into(),
            false => "its 2MSL wait ends".into(),
        },
        TraceCause::Timer(TimerKind::FinWait2) => match zh {
            true => "FIN-WAIT-2 超时".into(),
            false => "its FIN-WAIT-2 limit expires".into(),
        },
        TraceCause::Timer(_) | TraceCause::RetriesExhausted => match zh {
            true => "重传次数用尽".into(),
            false => "it has run out of retransmissions".into(),
        },
        TraceCause::Inferred(_) => match zh {
            true => "抓包中它的下一步".into(),
            false => "the capture shows its next step".into(),
        },
    }
}

/// The explanation already generated for question `at`: the segment's, or
/// the state change's narration, without any sentence that would give away
/// the answer to a question still to come (the SYN,ACK's flags question must
/// not say its ack, which the next question asks).
pub fn explanation(
    trace: &Trace,
    questions: &[Question],
    at: usize,
    lang: Lang,
    numbering: Numbering,
) -> Vec<String> {
    let Some(q) = questions.get(at) else {
        return Vec::new();
    };
    let sentences = match q.ask {
        Ask::Flags(i) | Ask::Seq(i) | Ask::Ack(i) => {
            crate::explain::segment(trace, i, lang, numbering)
        }
        Ask::State(_) => crate::explain::state_change(trace, q.event, lang)
            .into_iter()
            .collect(),
    };
    let given: Vec<&str> = questions[..=at].iter().map(|q| q.answer.as_str()).collect();
    let ahead: Vec<&str> = questions[at + 1..]
        .iter()
        .map(|q| q.answer.as_str())
        .filter(|a| !given.contains(a))
        .collect();
    let kept: Vec<String> = sentences
        .into_iter()
        .filter(|s| !ahead.iter().any(|a| says(s, a)))
        .collect();
    if kept.is_empty() {
        // Everything about this step answers the questions after it.
        return vec![crate::i18n::t(lang, crate::i18n::EditorWord::QuizMoreAfter).to_string()];
    }
    kept
}

/// Whether `sentence` says `answer` as a word of its own (`ack = 1000 + 1 =
/// 1001` says `1001`; `x + 1` says `x+1`; `SYN-SENT` does not say `SYN`,
/// nor `V+1000` say `V`; in Chinese, `序号V到` says `V`).
fn says(sentence: &str, answer: &str) -> bool {
    // A decimal point inside a number (`1.05 s`) joins it; one that ends a
    // sentence (`ack=1001.`) does not. A comma joins flags (`SYN,ACK`), not
    // a number to the next clause. Chinese characters are not part of a word.
    fn joins(c: Option<char>, beyond: Option<char>) -> bool {
        match c {
            Some('.') => beyond.is_some_and(|d| d.is_ascii_digit()),
            Some(',') => beyond.is_some_and(|l| l.is_ascii_uppercase()),
            Some(c) => c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_'),
            None => false,
        }
    }
    // Sums are written `U + 1`; answers `U+1`.
    let sentence = sentence.replace(" + ", "+");
    let answer = answer.replace(" + ", "+");
    sentence.match_indices(&answer).any(|(i, _)| {
        let mut before = sentence[..i].chars().rev();
        let mut after = sentence[i + answer.len()..].chars();
        let (b1, b2) = (before.next(), before.next());
        let (a1, a2) = (after.next(), after.next());
        !joins(b1, b2) && !joins(a1, a2)
    })
}

#[cfg(test)]
mod tests;
