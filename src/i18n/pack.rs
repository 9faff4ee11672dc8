//! Language packs: the page's words in one language, as a text file the
//! build writes beside the wasm (`synack words LANG`, run by
//! scripts/post_build.py). The page's wasm carries no `Word` texts of its
//! own: it loads the pack of the language it shows before its first draw,
//! and another one when the user switches, so a language nobody reads costs
//! the first load nothing. Native code (the command line, the tests) reads
//! the tables compiled in.
//!
//! A pack is a header line, `synack-words-1 LANG COUNT`, then one line per
//! word in the `Word` enum's order; the count ties a pack to the build that
//! wrote it.
//!
//! The first load carries less than a whole pack: the *first pack*
//! (`synack-words-1 LANG COUNT first`) leaves out, as empty lines, the words
//! no first screen shows (`later`): every lesson's notes and question, the
//! messages of a link or a scenario that cannot be read, and the words only
//! the module loaded on first use draws. boot.js writes into it the lesson
//! of the preset the link opens (`lesson_lines`). The whole pack follows on
//! first use: before another lesson or language is shown (`ui::words`),
//! before the module starts, and whenever a word left out was asked for
//! (`take_missed`; the page then draws again).

use super::{Lang, Word};
use std::cell::RefCell;

const FORMAT: &str = "synack-words-1";
/// The header's last field in a first pack.
const FIRST: &str = "first";

/// Words no first screen shows, beside the lessons' notes and questions:
/// what a broken link or scenario file says (`Link…`, `Packed…`,
/// `Scenario…`), a capture's words (`Rule…`, `Rst…`, `Mark…`, `Captured…`:
/// a capture is read by the module, and the whole pack is installed before
/// the module starts), and what only the module draws.
fn later(word: Word) -> bool {
    let name = format!("{word:?}");
    let lesson = crate::library::LIBRARY
        .iter()
        .any(|e| e.notice == word || e.question == Some(word));
    let prefixes = [
        "Link", "Packed", "Scenario", "Rule", "Rst", "Mark", "Captured",
    ];
    let by_name = prefixes.iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    });
    lesson || by_name || MODULE_ONLY.contains(&word)
}

/// Words only the module's panels use (the e2e test "first screens" checks
/// that no first screen of any preset asks for a word left out).
const MODULE_ONLY: &[Word] = &[
    Word::HelpPresent,
    Word::HelpSpace,
    Word::HelpArrows,
    Word::HelpHomeEnd,
    Word::HelpD,
    Word::HelpR,
    Word::HelpEnter,
    Word::HelpUpdown,
    Word::HelpE,
    Word::HelpUndo,
    Word::Drop,
    Word::Delay,
    Word::Deliver,
    Word::DelayMs,
    Word::Duplicate,
    Word::FieldPorts,
    Word::FieldFlags,
    Word::FieldSeq,
    Word::FieldAck,
    Word::FieldWindow,
    Word::FieldLen,
    Word::FieldSent,
    Word::FieldArrives,
    Word::FieldFate,
    Word::RetransmissionOf,
    Word::OldDuplicate,
    Word::InspectorWhy,
    Word::ScriptChecked,
    Word::CaptureError,
    Word::CaptureOptions,
    Word::CaptureMarks,
    Word::CaptureTime,
];

/// The first pack for `lang`: the whole pack with `later` words left empty.
pub fn first_pack_text(lang: Lang) -> String {
    let mut out = format!("{FORMAT} {} {} {FIRST}\n", lang.code(), Word::ALL.len());
    for word in Word::ALL {
        if !later(*word) {
            out.push_str(word.compiled(lang));
        }
        out.push('\n');
    }
    out
}

/// Every preset's lesson words as boot.js writes them into the first pack:
/// one line each, `PRESET INDEX TEXT` (the index counts from the pack's
/// first word). scripts/post_build.py writes each preset's lines to a file.
pub fn lesson_lines(lang: Lang) -> String {
    let mut out = String::new();
    for entry in crate::library::LIBRARY {
        for word in std::iter::once(entry.notice).chain(entry.question) {
            let text = word.compiled(lang);
            out.push_str(&format!("{} {} {text}\n", entry.preset, word as usize));
        }
    }
    out
}

/// The pack for `lang`, from the words compiled into this binary.
pub fn pack_text(lang: Lang) -> String {
    let mut out = format!("{FORMAT} {} {}\n", lang.code(), Word::ALL.len());
    for word in Word::ALL {
        out.push_str(word.compiled(lang));
        out.push('\n');
    }
    out
}

/// Why a pack could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// Not a pack at all (an error page, a broken file).
    NotAPack,
    /// A pack for another language than the one asked for.
    OtherLanguage,
    /// A pack written by another build: its words are not this build's.
    OtherBuild,
}

impl PackError {
    pub fn why(&self) -> &'static str {
        match self {
            PackError::NotAPack => "not a language pack",
            PackError::OtherLanguage => "a pack for another language",
            PackError::OtherBuild => "a pack from another release (reload the page)",
        }
    }
}

/// The words of a pack, in the enum's order, and whether it is whole (not
/// a first pack).
pub fn parse(text: &str, lang: Lang) -> Result<(Vec<&str>, bool), PackError> {
    let mut lines = text.split('\n');
    let header = lines.next().unwrap_or_default();
    let mut fields = header.split(' ');
    if fields.next() != Some(FORMAT) {
        return Err(PackError::NotAPack);
    }
    if fields.next() != Some(lang.code()) {
        return Err(PackError::OtherLanguage);
    }
    let count = fields.next().and_then(|c| c.parse::<usize>().ok());
    let whole = fields.next() != Some(FIRST);
    let words: Vec<&str> = lines.take(Word::ALL.len()).collect();
    if count != Some(Word::ALL.len()) || words.len() != Word::ALL.len() {
        return Err(PackError::OtherBuild);
    }
    Ok((words, whole))
}

/// A language, its pack's text, the pack's words, and whether it is whole.
type Installed = (Lang, &'static str, Vec<&'static str>, bool);

thread_local! {
    /// The packs installed, each language once. Packs live as long as the
    /// page (a few KB each), so their words are `'static`.
    static INSTALLED: RefCell<Vec<Installed>> = const { RefCell::new(Vec::new()) };
    /// A word left out of a first pack was asked for since the last look.
    static MISSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// How many packs have been installed: what a view drawn in words
    /// compares, to be drawn again when a whole pack takes a first one's place.
    static EPOCH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Changes whenever a pack is installed (see `EPOCH`).
pub fn epoch() -> u32 {
    EPOCH.with(|e| e.get())
}

/// Makes `text`, the pack for `lang`, the source of that language's words
/// (a whole pack takes the place of a first one).
pub fn install(lang: Lang, text: &str) -> Result<(), PackError> {
    if is_installed(lang) {
        return Ok(());
    }
    let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
    let (words, whole) = parse(text, lang)?;
    INSTALLED.with(|i| {
        let mut installed = i.borrow_mut();
        installed.retain(|(l, ..)| *l != lang);
        installed.push((lang, text, words, whole));
    });
    EPOCH.with(|e| e.set(e.get() + 1));
    Ok(())
}

/// Whether `lang`'s whole pack is installed.
pub fn is_installed(lang: Lang) -> bool {
    INSTALLED.with(|i| i.borrow().iter().any(|(l, .., whole)| *l == lang && *whole))
}

/// Each pack installed, as its text (for the module loaded on first use).
pub fn installed() -> Vec<(Lang, &'static str)> {
    INSTALLED.with(|i| i.borrow().iter().map(|(l, text, ..)| (*l, *text)).collect())
}

/// Whether a word left out of a first pack was asked for since the last
/// call: what was drawn then lacks it until the whole pack is here.
pub fn take_missed() -> bool {
    MISSED.with(|m| m.replace(false))
}

/// Word `index` in `lang`; until that language's pack arrives, the same word
/// in a language that has one (the page asks for it before it shows it).
/// A word a first pack left out is empty, and noted (`take_missed`).
pub fn text(lang: Lang, index: usize) -> &'static str {
    INSTALLED.with(|i| {
        let installed = i.borrow();
        let pack = installed
            .iter()
            .find(|(l, ..)| *l == lang)
            .or(installed.first());
        let word = pack.and_then(|(_, _, words, _)| words.get(index).copied());
        if word == Some("") && pack.is_some_and(|p| !p.3) {
            MISSED.with(|m| m.set(true));
        }
        word.unwrap_or("")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Words;

    #[test]
    fn a_pack_holds_every_word_of_its_language_in_order() {
        for lang in [Lang::En, Lang::Zh] {
            let text = pack_text(lang);
            let (words, whole) = parse(&text, lang).unwrap();
            assert!(whole);
            for (word, read) in Word::ALL.iter().zip(&words) {
                assert_eq!(*read, word.text(lang), "{word:?}");
                assert!(!read.contains('\n'), "{word:?} spans lines");
            }
            install(lang, &text).unwrap();
            assert_eq!(
                super::text(lang, Word::Play as usize),
                Word::Play.text(lang)
            );
        }
        assert_eq!(super::text(Lang::Zh, Word::HostServer as usize), "服务器");
    }

    #[test]
    fn no_word_is_empty_so_an_empty_line_is_a_word_left_out() {
        for lang in [Lang::En, Lang::Zh] {
            for word in Word::ALL {
                assert!(!word.compiled(lang).is_empty(), "{word:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn a_first_pack_notes_a_word_it_left_out_until_the_whole_pack_replaces_it() {
        let lang = Lang::Zh;
        // boot.js writes the link's lesson into the first pack.
        let mut lines: Vec<String> = first_pack_text(lang)
            .split('\n')
            .map(String::from)
            .collect();
        for line in lesson_lines(lang)
            .lines()
            .filter(|l| l.starts_with("lost-fin "))
        {
            let mut fields = line.splitn(3, ' ').skip(1);
            let index: usize = fields.next().unwrap().parse().unwrap();
            lines[index + 1] = fields.next().unwrap().to_string();
        }
        install(lang, &lines.join("\n")).unwrap();
        assert!(
            !is_installed(lang),
            "only the whole pack counts as installed"
        );
        let notice = Word::LessonLostFinNotice as usize;
        assert_eq!(
            super::text(lang, notice),
            Word::LessonLostFinNotice.compiled(lang)
        );
        assert_eq!(super::text(lang, Word::Play as usize), "播放");
        assert!(!take_missed(), "every word asked for was there");
        assert_eq!(super::text(lang, Word::LessonLostSynNotice as usize), "");
        assert_eq!(super::text(lang, Word::LinkTooLong as usize), "");
        assert!(take_missed());
        assert!(!take_missed(), "taken once");
        install(lang, &pack_text(lang)).unwrap();
        assert!(is_installed(lang));
        assert_eq!(
            super::text(lang, Word::LessonLostSynNotice as usize),
            Word::LessonLostSynNotice.compiled(lang)
        );
        assert!(!take_missed());
        assert_eq!(
            installed().len(),
            1,
            "the whole pack took the first one's place"
        );
    }

    #[test]
    fn a_first_pack_leaves_out_lessons_messages_and_the_module_s_words_only() {
        let (words, whole) = parse(&first_pack_text(Lang::En), Lang::En)
            .map(|(w, whole)| (w.into_iter().map(String::from).collect::<Vec<_>>(), whole))
            .unwrap();
        assert!(!whole);
        let left_out: Vec<Word> = Word::ALL
            .iter()
            .copied()
            .filter(|w| words[*w as usize].is_empty())
            .collect();
        for entry in crate::library::LIBRARY {
            assert!(left_out.contains(&entry.notice));
            assert!(
                !left_out.contains(&entry.title),
                "the picker shows every title"
            );
        }
        for kept in [
            Word::ErrorLinkNotice,
            Word::Narration,
            Word::CaptureOpenButton,
            Word::HostClient,
        ] {
            assert!(!left_out.contains(&kept), "{kept:?}");
        }
        assert!(left_out.contains(&Word::LinkUnknownSetting));
        assert!(left_out.contains(&Word::ScenarioMss));
        assert!(left_out.contains(&Word::HelpSpace));
        assert!(left_out.contains(&Word::MarkRetransmission));
        assert!(left_out.contains(&Word::CapturedInferredNote));
        assert!(left_out.len() < Word::ALL.len() / 2, "{}", left_out.len());
    }

    #[test]
    fn a_wrong_pack_is_refused_with_its_reason() {
        let en = pack_text(Lang::En);
        assert_eq!(parse(&en, Lang::Zh), Err(PackError::OtherLanguage));
        assert_eq!(parse("<!doctype html>", Lang::En), Err(PackError::NotAPack));
        let fewer = en.replacen(&format!(" {}\n", Word::ALL.len()), " 3\n", 1);
        assert_eq!(parse(&fewer, Lang::En), Err(PackError::OtherBuild));
        let cut: String = en.lines().take(10).collect::<Vec<_>>().join("\n");
        assert_eq!(parse(&cut, Lang::En), Err(PackError::OtherBuild));
        // (Each test has a thread of its own, so nothing is installed here.)
        assert_eq!(install(Lang::En, "broken"), Err(PackError::NotAPack));
        assert!(!is_installed(Lang::En));
    }
}
