//! A sentence the core says to the user: a word of the tables and the values
//! that fill its `{0}`, `{1}` … The core decides what went wrong; the page
//! says it in the reader's language, and the command line in English.

use super::{Lang, Word, Words};
use crate::scenario::Host;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said<W> {
    pub word: W,
    pub args: Vec<Arg>,
}

/// What fills a place: the user's own text (a value, a name, a number), or
/// a word said in the reader's language too (a host's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Word(Word),
}

impl Arg {
    fn text(&self, lang: Lang) -> String {
        match self {
            Arg::Text(t) => t.clone(),
            Arg::Word(w) => w.text(lang).to_string(),
        }
    }
}

macro_rules! arg_from_display {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Text(v.to_string())
            }
        }
    )*};
}
arg_from_display!(String, &str, &String, u64, u32, u16, u8, usize, char);

impl From<Host> for Arg {
    fn from(host: Host) -> Arg {
        Arg::Word(host.word())
    }
}

impl<W: Words> Said<W> {
    pub fn new<A: Into<Arg>>(word: W, args: impl IntoIterator<Item = A>) -> Said<W> {
        Said {
            word,
            args: args.into_iter().map(Into::into).collect(),
        }
    }

    /// A sentence with nothing to fill in.
    pub fn just(word: W) -> Said<W> {
        Said {
            word,
            args: Vec::new(),
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<String> = self.args.iter().map(|a| a.text(lang)).collect();
        fill(self.word.text(lang), &args)
    }
}

/// In English: the command line's language, and what the tests compare.
impl<W: Words> fmt::Display for Said<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// `template` with each `{n}` replaced by `args[n]`; a language may leave an
/// argument out (a detail only English has words for) or say them in
/// another order.
pub fn fill(template: &str, args: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let index = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match index.and_then(|(n, close)| Some((args.get(n)?, close))) {
            Some((arg, close)) => {
                out.push_str(arg);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_fill_their_places_in_any_order() {
        let args = ["a".to_string(), "b".to_string()];
        assert_eq!(fill("{1} before {0}", &args), "b before a");
        assert_eq!(fill("only {0}", &args), "only a");
        // Braces that are not an argument stay as written.
        assert_eq!(fill("{x} {5} {0", &args), "{x} {5} {0");
        assert_eq!(fill("名称 {0}。", &args), "名称 a。");
    }
}
