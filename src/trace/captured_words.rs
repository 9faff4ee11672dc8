//! The words for inferred states and marks, in English and 简体中文, shared
//! by the page, the narration, the exports and the command.

use super::captured::{Mark, RstReason, Rule};
use crate::i18n::{fill, t, Lang, Word};
use crate::trace::Trace;

/// The rule that produced an inferred state, as a clause ("sent SYN").
pub fn rule_text(rule: Rule, lang: Lang) -> &'static str {
    let word = match rule {
        Rule::AnsweredSyn => Word::RuleAnsweredSyn,
        Rule::NoHandshakeSeen => Word::RuleNoHandshakeSeen,
        Rule::SentSyn => Word::RuleSentSyn,
        Rule::SentSynAck => Word::RuleSentSynAck,
        Rule::AckedPeerSyn => Word::RuleAckedPeerSyn,
        Rule::SynAcknowledged => Word::RuleSynAcknowledged,
        Rule::SentFin => Word::RuleSentFin,
        Rule::AckedPeerFin => Word::RuleAckedPeerFin,
        Rule::FinAcknowledged => Word::RuleFinAcknowledged,
        Rule::SimultaneousClose => Word::RuleSimultaneousClose,
        Rule::BothFinsDone => Word::RuleBothFinsDone,
        Rule::LastAckAcknowledged => Word::RuleLastAckAcknowledged,
        Rule::SentRst => Word::RuleSentRst,
        Rule::ReceivedRst => Word::RuleReceivedRst,
    };
    t(lang, word)
}

/// Why a state seen in a capture is only inferred, for the explanation.
pub fn inferred_note(lang: Lang) -> &'static str {
    t(lang, Word::CapturedInferredNote)
}

fn rst_text(reason: RstReason, lang: Lang) -> &'static str {
    let word = match reason {
        RstReason::Refused => Word::RstRefused,
        RstReason::Abort => Word::RstAbort,
        RstReason::AfterClose => Word::RstAfterClose,
        RstReason::Unknown => Word::RstUnknown,
    };
    t(lang, word)
}

fn ms(us: u64) -> String {
    if us < 10_000 {
        format!("{}.{:03} ms", us / 1000, us % 1000)
    } else {
        format!("{} ms", us / 1000)
    }
}

/// A duration as it reads best: `2.345 s` or `0.211 ms`. Integer
/// arithmetic only: float formatting would cost the page 15 KB.
pub fn duration(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{}.{:03} s", us / 1_000_000, us / 1000 % 1000)
    } else {
        format!("{}.{:03} ms", us / 1000, us % 1000)
    }
}

/// A capture time in seconds with its microseconds: `0.200505`.
pub fn seconds_us(us: u64) -> String {
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

/// A mark in words, naming the segments it refers to by their ids.
pub fn mark_text(mark: Mark, trace: &Trace, lang: Lang) -> String {
    let id = |i: usize| {
        trace
            .segments
            .get(i)
            .map_or("?", |s| s.id.as_str())
            .to_string()
    };
    let say = |word: Word, args: &[String]| fill(t(lang, word), args);
    match mark {
        Mark::Retransmission {
            of,
            after_ms,
            spurious,
        } => say(
            if spurious {
                Word::MarkSpurious
            } else {
                Word::MarkRetransmission
            },
            &[id(of), after_ms.to_string()],
        ),
        Mark::ProbablyLost => t(lang, Word::MarkProbablyLost).into(),
        Mark::DuplicateAck { of, count } => {
            say(Word::MarkDuplicateAck, &[id(of), count.to_string()])
        }
        Mark::DSack => t(lang, Word::MarkDSack).into(),
        Mark::OutOfOrder => t(lang, Word::MarkOutOfOrder).into(),
        Mark::ZeroWindow => t(lang, Word::MarkZeroWindow).into(),
        Mark::Reset(reason) => rst_text(reason, lang).into(),
        Mark::HandshakeRtt { us } => say(Word::MarkHandshakeRtt, &[ms(us)]),
        Mark::LostAfterCapture { resent, after_ms } => say(
            Word::MarkLostAfterCapture,
            &[id(resent), after_ms.to_string()],
        ),
    }
}
