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

use super::{Lang, Word};
use std::cell::RefCell;

const FORMAT: &str = "synack-words-1";

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

/// The words of a pack, in the enum's order.
pub fn parse(text: &str, lang: Lang) -> Result<Vec<&str>, PackError> {
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
    let words: Vec<&str> = lines.take(Word::ALL.len()).collect();
    if count != Some(Word::ALL.len()) || words.len() != Word::ALL.len() {
        return Err(PackError::OtherBuild);
    }
    Ok(words)
}

/// A language, its pack's text, and the pack's words.
type Installed = (Lang, &'static str, Vec<&'static str>);

thread_local! {
    /// The packs installed, each language once. Packs live as long as the
    /// page (a few KB each), so their words are `'static`.
    static INSTALLED: RefCell<Vec<Installed>> = const { RefCell::new(Vec::new()) };
}

/// Makes `text`, the pack for `lang`, the source of that language's words.
pub fn install(lang: Lang, text: &str) -> Result<(), PackError> {
    if is_installed(lang) {
        return Ok(());
    }
    let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
    let words = parse(text, lang)?;
    INSTALLED.with(|i| i.borrow_mut().push((lang, text, words)));
    Ok(())
}

pub fn is_installed(lang: Lang) -> bool {
    INSTALLED.with(|i| i.borrow().iter().any(|(l, _, _)| *l == lang))
}

/// Each pack installed, as its text (for the module loaded on first use).
pub fn installed() -> Vec<(Lang, &'static str)> {
    INSTALLED.with(|i| i.borrow().iter().map(|(l, text, _)| (*l, *text)).collect())
}

/// Word `index` in `lang`; until that language's pack arrives, the same word
/// in a language that has one (the page asks for it before it shows it).
pub fn text(lang: Lang, index: usize) -> &'static str {
    INSTALLED.with(|i| {
        let installed = i.borrow();
        let pack = installed
            .iter()
            .find(|(l, _, _)| *l == lang)
            .or(installed.first());
        pack.and_then(|(_, _, words)| words.get(index).copied())
            .unwrap_or("")
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
            let words = parse(&text, lang).unwrap();
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
