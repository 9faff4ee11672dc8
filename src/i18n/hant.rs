//! Traditional Chinese (繁體中文) as Taiwan writes it, from the interface's
//! Simplified text: the words of the course note written in Traditional
//! characters (連線, 伺服器, 傳送, 資料, 超時; ../shared/GLOSSARY.md), not a
//! character-for-character swap. `hant.txt`, written by
//! scripts/hant_table.py from OpenCC's s2twp over every string the sources
//! hold, gives the phrases where a word changes and the characters.
//!
//! The page converts what it draws in the browser (hant-*.js, written from
//! the same table by scripts/post_build.py, loaded only when Traditional is
//! shown); the command line converts its output with this.

use std::sync::OnceLock;

const TABLE: &str = include_str!("hant.txt");

struct Table {
    /// Longest first, so the longest phrase that matches wins.
    phrases: Vec<(&'static str, &'static str)>,
    chars: Vec<(char, char)>,
}

fn table() -> &'static Table {
    static TABLE_READ: OnceLock<Table> = OnceLock::new();
    TABLE_READ.get_or_init(|| {
        let (phrases, chars) = TABLE.split_once("\n--\n").unwrap_or((TABLE, ""));
        let mut phrases: Vec<(&str, &str)> =
            phrases.lines().filter_map(|l| l.split_once('\t')).collect();
        phrases.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        let run: Vec<char> = chars.trim().chars().collect();
        let mut chars: Vec<(char, char)> = run
            .chunks(2)
            .filter_map(|p| Some((p[0], *p.get(1)?)))
            .collect();
        chars.sort();
        Table { phrases, chars }
    })
}

/// The text in Traditional characters.
pub fn to_hant(text: &str) -> String {
    let t = table();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((from, to)) = t.phrases.iter().find(|(from, _)| rest.starts_with(from)) {
            out.push_str(to);
            rest = &rest[from.len()..];
            continue;
        }
        let i = t.chars.binary_search_by_key(&c, |&(s, _)| s);
        out.push(i.map_or(c, |i| t.chars[i].1));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A language tag or a link's `lang=` that asks for Traditional characters:
/// `zh-Hant`, Taiwan's, Hong Kong's and Macau's (`zh-TW`, `zh-HK`, `zh-MO`)
/// and any `*-Hant`; `zh-CN`, `zh-SG`, `*-Hans` and bare `zh` are Simplified.
pub fn is_traditional(tag: &str) -> bool {
    // Subtag by subtag, without allocating (this runs in the page's wasm).
    let mut parts = tag.split(['-', '_']);
    let chinese = parts.next().is_some_and(|p| p.eq_ignore_ascii_case("zh"));
    let (mut hant, mut hans) = (false, false);
    for part in parts {
        hans |= part.eq_ignore_ascii_case("hans");
        hant |= ["hant", "tw", "hk", "mo"]
            .iter()
            .any(|t| part.eq_ignore_ascii_case(t));
    }
    chinese && hant && !hans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_course_notes_words_not_a_character_swap() {
        // 连接 is 連線 in the note written in Traditional characters, not 連接.
        assert_eq!(to_hant("建立连接"), "建立連線");
        assert_eq!(to_hant("客户端"), "客戶端");
        assert_eq!(to_hant("服务器"), "伺服器");
        assert_eq!(to_hant("三次握手与四次挥手"), "三次握手與四次揮手");
        assert_eq!(to_hant("超时重传"), "超時重傳");
        assert_eq!(to_hant("确认号"), "確認號");
        assert_eq!(to_hant("状态"), "狀態");
        assert_eq!(to_hant("SYN-SENT 1000 ms"), "SYN-SENT 1000 ms");
    }

    #[test]
    fn which_tags_read_traditional() {
        for tag in ["zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW", "zh_tw"] {
            assert!(is_traditional(tag), "{tag}");
        }
        for tag in [
            "zh",
            "zh-CN",
            "zh-SG",
            "zh-Hans",
            "zh-Hans-HK",
            "en",
            "en-TW",
        ] {
            assert!(!is_traditional(tag), "{tag}");
        }
    }

    /// Every Chinese text of the interface converts with nothing of its
    /// Simplified form left where Traditional writes it otherwise.
    #[test]
    fn every_word_of_the_interface_converts() {
        // A character the table changes, unless a phrase keeps it (游標 keeps 游).
        let kept: String = table().phrases.iter().map(|(_, t)| *t).collect();
        let simplified_only: Vec<char> = table()
            .chars
            .iter()
            .map(|&(s, _)| s)
            .filter(|c| !kept.contains(*c))
            .collect();
        for (en, zh) in crate::i18n::all_texts() {
            let hant = to_hant(zh);
            assert!(
                !hant.chars().any(|c| simplified_only.contains(&c)),
                "{en}: {hant}"
            );
        }
    }
}
