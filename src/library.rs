//! The scenario library as students meet it: a title, what to notice and the
//! question each preset answers, in English and Simplified Chinese. The
//! questions are the ones the course notes ask (../shared/GLOSSARY.md).

use crate::i18n::{t, Lang, Word as W};
use crate::scenario::presets::{self, Group};

/// A preset's lesson; its words are in `i18n`'s page table (`Lesson…`).
pub struct Entry {
    pub preset: &'static str,
    pub title: W,
    pub notice: W,
    pub question: Option<W>,
}

impl Entry {
    pub fn title(&self, lang: Lang) -> &'static str {
        t(lang, self.title)
    }
    pub fn notice(&self, lang: Lang) -> &'static str {
        t(lang, self.notice)
    }
    pub fn question(&self, lang: Lang) -> Option<&'static str> {
        self.question.map(|q| t(lang, q))
    }
    pub fn group(&self) -> Group {
        presets::find(self.preset)
            .map(|p| p.group)
            .unwrap_or(Group::Errors)
    }
}

pub fn group_key(group: Group) -> crate::i18n::Word {
    match group {
        Group::Opening => crate::i18n::Word::GroupOpening,
        Group::Closing => crate::i18n::Word::GroupClosing,
        Group::LossAndDelay => crate::i18n::Word::GroupLoss,
        Group::Errors => crate::i18n::Word::GroupErrors,
    }
}

pub fn entry(preset: &str) -> Option<&'static Entry> {
    LIBRARY.iter().find(|e| e.preset == preset)
}

pub static LIBRARY: &[Entry] = &[
    Entry {
        preset: "handshake",
        title: W::LessonHandshakeTitle,
        notice: W::LessonHandshakeNotice,
        question: Some(W::LessonHandshakeQuestion),
    },
    Entry {
        preset: "client-close",
        title: W::LessonClientCloseTitle,
        notice: W::LessonClientCloseNotice,
        question: Some(W::LessonClientCloseQuestion),
    },
    Entry {
        preset: "socket-example",
        title: W::LessonSocketExampleTitle,
        notice: W::LessonSocketExampleNotice,
        question: None,
    },
    Entry {
        preset: "simultaneous-open",
        title: W::LessonSimultaneousOpenTitle,
        notice: W::LessonSimultaneousOpenNotice,
        question: None,
    },
    Entry {
        preset: "server-close",
        title: W::LessonServerCloseTitle,
        notice: W::LessonServerCloseNotice,
        question: Some(W::LessonServerCloseQuestion),
    },
    Entry {
        preset: "three-segment-close",
        title: W::LessonThreeSegmentCloseTitle,
        notice: W::LessonThreeSegmentCloseNotice,
        question: Some(W::LessonThreeSegmentCloseQuestion),
    },
    Entry {
        preset: "simultaneous-close",
        title: W::LessonSimultaneousCloseTitle,
        notice: W::LessonSimultaneousCloseNotice,
        question: Some(W::LessonSimultaneousCloseQuestion),
    },
    Entry {
        preset: "old-segment-in-time-wait",
        title: W::LessonOldSegmentInTimeWaitTitle,
        notice: W::LessonOldSegmentInTimeWaitNotice,
        question: Some(W::LessonOldSegmentInTimeWaitQuestion),
    },
    Entry {
        preset: "half-close",
        title: W::LessonHalfCloseTitle,
        notice: W::LessonHalfCloseNotice,
        question: Some(W::LessonHalfCloseQuestion),
    },
    Entry {
        preset: "lost-syn",
        title: W::LessonLostSynTitle,
        notice: W::LessonLostSynNotice,
        question: Some(W::LessonLostSynQuestion),
    },
    Entry {
        preset: "syn-timeout",
        title: W::LessonSynTimeoutTitle,
        notice: W::LessonSynTimeoutNotice,
        question: None,
    },
    Entry {
        preset: "lost-syn-ack",
        title: W::LessonLostSynAckTitle,
        notice: W::LessonLostSynAckNotice,
        question: None,
    },
    Entry {
        preset: "lost-handshake-ack",
        title: W::LessonLostHandshakeAckTitle,
        notice: W::LessonLostHandshakeAckNotice,
        question: Some(W::LessonLostHandshakeAckQuestion),
    },
    Entry {
        preset: "syn-received-timeout",
        title: W::LessonSynReceivedTimeoutTitle,
        notice: W::LessonSynReceivedTimeoutNotice,
        question: Some(W::LessonSynReceivedTimeoutQuestion),
    },
    Entry {
        preset: "lost-fin",
        title: W::LessonLostFinTitle,
        notice: W::LessonLostFinNotice,
        question: None,
    },
    Entry {
        preset: "lost-fin-ack",
        title: W::LessonLostFinAckTitle,
        notice: W::LessonLostFinAckNotice,
        question: None,
    },
    Entry {
        preset: "lost-last-ack",
        title: W::LessonLostLastAckTitle,
        notice: W::LessonLostLastAckNotice,
        question: Some(W::LessonLostLastAckQuestion),
    },
    Entry {
        preset: "delayed-syn",
        title: W::LessonDelayedSynTitle,
        notice: W::LessonDelayedSynNotice,
        question: None,
    },
    Entry {
        preset: "stress",
        title: W::LessonStressTitle,
        notice: W::LessonStressNotice,
        question: None,
    },
    Entry {
        preset: "refused",
        title: W::LessonRefusedTitle,
        notice: W::LessonRefusedNotice,
        question: None,
    },
    Entry {
        preset: "old-duplicate-syn",
        title: W::LessonOldDuplicateSynTitle,
        notice: W::LessonOldDuplicateSynNotice,
        question: Some(W::LessonOldDuplicateSynQuestion),
    },
    Entry {
        preset: "abort",
        title: W::LessonAbortTitle,
        notice: W::LessonAbortNotice,
        question: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_library_entry_in_both_languages() {
        for p in presets::PRESETS {
            let e = entry(p.name).unwrap_or_else(|| panic!("{} has no library entry", p.name));
            for lang in [Lang::En, Lang::Zh] {
                for text in [e.title(lang), e.notice(lang)]
                    .into_iter()
                    .chain(e.question(lang))
                {
                    assert!(!text.trim().is_empty());
                }
            }
        }
        assert_eq!(LIBRARY.len(), presets::PRESETS.len());
    }

    #[test]
    fn the_notes_questions_each_have_a_scenario() {
        let asked: Vec<&str> = LIBRARY
            .iter()
            .filter_map(|e| e.question(Lang::Zh))
            .collect();
        for q in [
            "为什么是三次握手而不是两次？",
            "为什么挥手要四次？",
            "为什么客户端要等待2MSL？",
            "什么时候能在 netstat 里看到 SYN_RCVD？",
            "CLOSING 状态是怎么出现的？",
            "为什么客户端也会出现 CLOSE_WAIT？",
        ] {
            assert!(asked.contains(&q), "{q}");
        }
    }
}
