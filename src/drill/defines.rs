//! `--define NAME[=VALUE]` (repeatable) and the lines it decides:
//! `#ifdef NAME`, `#ifndef NAME`, `#else`, `#endif` keep or blank the lines
//! between them (blanked, so line numbers stay the file's), and a defined
//! NAME written as a whole word elsewhere reads as its VALUE, as
//! packetdrill's own lexer substitutes its `--define`d symbols.

use super::read::ReadError;
use crate::i18n::{EditorWord, Said};
use crate::tcp::ProfileName;

/// The names given with `--define`, with their values (`1` when none), and
/// the name of the stack the script runs against, which `#ifdef` sees as
/// defined (FreeBSD's tcp-testsuite keeps each stack's answer in a branch of
/// its own: `#ifdef FreeBSD`, `#ifdef STANDARD` for the RFC's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Defines(Vec<(String, String)>, &'static [&'static str]);

/// The names `#ifdef` knows a stack by: the RFC's answer is `STANDARD` (as in
/// FreeBSD's suite), an operating system's what `uname -s` prints there;
/// Linux before 6.5 is Linux and `Linux5` too.
pub fn stack_names(profile: ProfileName) -> &'static [&'static str] {
    match profile {
        ProfileName::Rfc => &["STANDARD"],
        ProfileName::Linux => &["Linux"],
        ProfileName::Linux5 => &["Linux", "Linux5"],
        ProfileName::FreeBsd => &["FreeBSD"],
        ProfileName::MacOs => &["Darwin"],
        ProfileName::Lwip => &["lwIP"],
        ProfileName::Windows => &["Windows"],
    }
}

impl Defines {
    pub fn new() -> Defines {
        Defines::default()
    }

    /// The same, with the stack's names defined for `#ifdef` only: it is not
    /// replaced where the script says it (a comment naming Linux stays so).
    pub fn for_stack(mut self, profile: ProfileName) -> Defines {
        self.1 = stack_names(profile);
        self
    }

    /// `NAME` or `NAME=VALUE`, as the command line gives it; None if NAME
    /// is not a word (letters, digits, `_`).
    pub fn add(&mut self, definition: &str) -> Option<()> {
        let (name, value) = definition.split_once('=').unwrap_or((definition, "1"));
        if !is_word(name) {
            return None;
        }
        self.0.retain(|(n, _)| n != name);
        self.0.push((name.to_string(), value.to_string()));
        Some(())
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The script with its conditional lines decided and its names replaced.
    pub fn apply(&self, source: &str) -> Result<String, ReadError> {
        // For each open #ifdef: is its branch kept, and was the outer kept.
        let mut open: Vec<(bool, bool)> = Vec::new();
        let mut opened_at = 0;
        let mut out = String::with_capacity(source.len());
        for (i, raw) in source.lines().enumerate() {
            let line = i + 1;
            let kept = open.last().is_none_or(|&(keep, _)| keep);
            let text = raw.trim();
            if let Some(directive) = text.strip_prefix('#') {
                let mut words = directive.split_whitespace();
                let (word, name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                match word {
                    "ifdef" | "ifndef" => {
                        let defined = self.value(name).is_some() || self.1.contains(&name);
                        if open.is_empty() {
                            opened_at = line;
                        }
                        open.push((kept && defined == (word == "ifdef"), kept));
                    }
                    "else" => match open.last_mut() {
                        Some((keep, outer)) => *keep = *outer && !*keep,
                        None => return unbalanced(line, "#else"),
                    },
                    "endif" => {
                        if open.pop().is_none() {
                            return unbalanced(line, "#endif");
                        }
                    }
                    _ => {
                        return Err(ReadError {
                            line,
                            why: Said::new(EditorWord::DrillDirectiveUnknown, [text]),
                        })
                    }
                }
                out.push('\n');
                continue;
            }
            if kept {
                out.push_str(&self.substitute(raw));
            }
            out.push('\n');
        }
        if !open.is_empty() {
            return Err(ReadError {
                line: opened_at,
                why: Said::just(EditorWord::DrillIfOpen),
            });
        }
        Ok(out)
    }

    /// Each whole word that is a defined name, replaced by its value.
    fn substitute(&self, line: &str) -> String {
        if self.0.is_empty() {
            return line.to_string();
        }
        let mut out = String::with_capacity(line.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            out.push_str(self.value(word).unwrap_or(word));
            word.clear();
        };
        for c in line.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }
}

fn is_word(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn unbalanced(line: usize, what: &str) -> Result<String, ReadError> {
    Err(ReadError {
        line,
        why: Said::new(EditorWord::DrillIfUnbalanced, [what]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defines(names: &[&str]) -> Defines {
        let mut d = Defines::new();
        for n in names {
            d.add(n).unwrap();
        }
        d
    }

    #[test]
    fn conditional_lines_are_kept_or_blanked_in_place() {
        let text = "a\n#ifdef IPV6\nb\n#ifndef SLOW\nc\n#else\nd\n#endif\n#else\ne\n#endif\nf\n";
        assert_eq!(
            defines(&["IPV6"]).apply(text).unwrap(),
            "a\n\nb\n\nc\n\n\n\n\n\n\nf\n"
        );
        assert_eq!(
            defines(&["IPV6", "SLOW"]).apply(text).unwrap(),
            "a\n\nb\n\n\n\nd\n\n\n\n\nf\n"
        );
        // Outside a branch not taken, an inner #else never revives lines.
        assert_eq!(
            defines(&[]).apply(text).unwrap(),
            "a\n\n\n\n\n\n\n\n\ne\n\nf\n"
        );
    }

    #[test]
    fn a_defined_name_reads_as_its_value_as_a_whole_word() {
        let d = defines(&["RCVBUF=4096", "T=.1"]);
        assert_eq!(
            d.apply("+T setsockopt(3, SOL_SOCKET, SO_RCVBUF, [RCVBUF], 4) = 0 // RCVBUFS")
                .unwrap(),
            "+.1 setsockopt(3, SOL_SOCKET, SO_RCVBUF, [4096], 4) = 0 // RCVBUFS\n"
        );
    }

    #[test]
    fn unbalanced_and_unknown_directives_are_refused_with_their_line() {
        let err = |t: &str| {
            let e = Defines::new().apply(t).unwrap_err();
            (e.line, e.why.to_string())
        };
        assert_eq!(
            err("a\n#endif\n"),
            (2, "#endif without #ifdef or #ifndef".into())
        );
        assert_eq!(
            err("#else\n"),
            (1, "#else without #ifdef or #ifndef".into())
        );
        assert_eq!(
            err("x\n#ifdef A\ny\n"),
            (2, "#ifdef or #ifndef never closed by #endif".into())
        );
        assert_eq!(
            err("#include \"x.h\"\n"),
            (
                1,
                "#include \"x.h\": only #ifdef, #ifndef, #else and #endif are read".into()
            )
        );
        assert_eq!(Defines::new().add("A B"), None);
    }
}
