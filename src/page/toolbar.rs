//! The top bar as markup: scenario picker, stack and its timers, and the
//! actions. Written by the core and set into the page whole (Yew building
//! its forty-odd elements, each button with a closure of its own, was 8.9 KB
//! of the first load's gzipped wasm); the page listens for clicks and changes
//! once, on the bar, and reads each control's `data-action`
//! (`ui/components/toolbar.rs`).

use super::{AppState, OnScreen};
use crate::diagram::seconds;
use crate::diagram::units::Escaped;
use crate::i18n::{t, Lang, Word};
use crate::library::{self, group_key};
use crate::scenario::presets::{Group, PRESETS};
use crate::scenario::Host;
use crate::tcp::{GiveUp, ProfileName};
use crate::trace::Numbering;
use std::fmt::Write;

/// What the bar shows besides the page's state: facts of the browser.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chrome {
    /// Which copy button last copied ("share" or "embed"): it says so.
    pub copied: Option<&'static str>,
    /// Whether the page is dark now (the system's choice when none is set):
    /// the theme button offers the other.
    pub dark: bool,
    /// A phone's folded menu before the first paint: its contents wait.
    pub folded: bool,
}

/// The words of a button: escaped once here, so no caller forgets.
fn button(o: &mut String, attrs: &str, words: &str) {
    let _ = write!(
        o,
        r#"<button class="btn"{attrs}>{}</button>"#,
        Escaped(words)
    );
}

fn pressed(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// The bar's contents, in three pieces around the one control the page
/// keeps as an element of its own: the file input of "Open capture or
/// script" (its file dialog may still be open when the bar is redrawn, and
/// the file chosen must reach an input still in the page). `head`: the
/// brand, the picker and the stack; then, unless a phone's menu is folded,
/// the actions before and after that button.
pub struct Markup {
    pub head: String,
    pub actions: Option<(String, String)>,
}

/// The bar's contents (inside its `<header>`).
pub fn markup(state: &AppState, chrome: Chrome) -> Markup {
    let lang = state.lang;
    let mut o = String::with_capacity(6000);
    let _ = write!(
        o,
        r#"<div class="brand"><span class="logo">synack</span><span class="tagline">{}</span><button class="btn menu-button" data-action="menu" aria-expanded="{}">☰ {}</button></div>"#,
        Escaped(t(lang, Word::AppTagline)),
        pressed(state.menu_open),
        Escaped(t(lang, Word::Menu))
    );
    let on_screen = state.on_screen();
    // A capture has no timers (it is what crossed the wire); the load view has its own.
    let timers = !matches!(on_screen, OnScreen::Capture(_) | OnScreen::Load);
    picker(&mut o, state, on_screen);
    if chrome.folded {
        return Markup {
            head: o,
            actions: None,
        };
    }
    if timers {
        let label = Escaped(t(lang, Word::ProfileLabel));
        let _ = write!(
            o,
            r#"<div class="profile" role="group" aria-label="{label}"><span class="group-label">{label}</span>"#
        );
        profile_select(&mut o, state);
        let _ = write!(
            o,
            r#"<button class="btn compare-btn" data-action="compare" aria-pressed="{}">{}</button>"#,
            pressed(state.compare.is_some()),
            Escaped(t(lang, Word::CompareButton))
        );
        if state.script.is_some() || !state.scenario.mixed_stacks() {
            params(&mut o, state);
        }
        o.push_str("</div>");
    }
    let actions = actions(state, chrome);
    Markup {
        head: o,
        actions: Some(actions),
    }
}

/// The scenario picker: the presets by group, named in the page's language.
/// It names what is on screen, even when that is not a preset.
fn picker(o: &mut String, state: &AppState, on_screen: OnScreen) {
    let lang = state.lang;
    let label = Escaped(t(lang, Word::PickerLabel));
    let _ = write!(
        o,
        r#"<label class="picker"><span class="sr-only">{label}</span><select data-action="preset" aria-label="{label}">"#
    );
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let shown = match on_screen {
        OnScreen::Preset(_) => None,
        OnScreen::Own(title) => Some(title.unwrap_or_else(|| t(lang, Word::ShownOwn).to_string())),
        OnScreen::Capture(file) => Some(format!("{}{colon}{file}", t(lang, Word::ShownCapture))),
        OnScreen::Script(name) => Some(format!("{}{colon}{name}", t(lang, Word::ShownScript))),
        OnScreen::Load => Some(t(lang, Word::LoadButton).to_string()),
    };
    let on_a_preset = shown.is_none();
    if let Some(text) = shown {
        let _ = write!(
            o,
            r#"<option value="" selected disabled data-on-screen="">{}</option>"#,
            Escaped(&text)
        );
    }
    for group in [
        Group::Opening,
        Group::Closing,
        Group::LossAndDelay,
        Group::Errors,
    ] {
        let _ = write!(
            o,
            r#"<optgroup label="{}">"#,
            Escaped(t(lang, group_key(group)))
        );
        // Before the first paint only the chosen one: the list is seen only
        // when opened, and thirty options cost a phone's first draw.
        for p in PRESETS.iter().filter(|p| p.group == group) {
            let chosen = on_a_preset && state.preset.as_deref() == Some(p.name);
            if !state.painted && !chosen {
                continue;
            }
            let title = library::entry(p.name).map_or(p.name, |e| e.title(lang));
            let selected = if chosen { " selected" } else { "" };
            let _ = write!(
                o,
                r#"<option value="{}"{selected}>{}</option>"#,
                p.name,
                Escaped(title)
            );
        }
        o.push_str("</optgroup>");
    }
    o.push_str("</select></label>");
}

/// Seven stacks: one choice, not seven buttons (the toolbar keeps to one row).
/// A stack per host (set in the editor) is shown as it is, until one is
/// chosen here for both.
fn profile_select(o: &mut String, state: &AppState) {
    let lang = state.lang;
    let _ = write!(
        o,
        r#"<select class="profile-select" data-action="profile" aria-label="{}">"#,
        Escaped(t(lang, Word::ProfileLabel))
    );
    let mixed = state.script.is_none() && state.scenario.mixed_stacks();
    if mixed {
        let [c, s] =
            [Host::Client, Host::Server].map(|h| t(lang, state.scenario.profile_of(h).word()));
        let _ = write!(
            o,
            r#"<option value="" selected disabled data-per-host="">{} ⇄ {}</option>"#,
            Escaped(c),
            Escaped(s)
        );
    }
    let now = state.profile();
    for p in ProfileName::ALL {
        let selected = if !mixed && p == now { " selected" } else { "" };
        let _ = write!(
            o,
            r#"<option value="{}"{selected}>{}</option>"#,
            p.as_str(),
            Escaped(t(lang, p.word()))
        );
    }
    o.push_str("</select>");
}

/// The chosen stack's timers, as its source sets them.
fn params(o: &mut String, state: &AppState) {
    let lang = state.lang;
    let p = state.profile().profile();
    let give_up = |g: GiveUp| match g {
        GiveUp::AfterMs(ms) => seconds(ms),
        GiveUp::AfterRetries(n) => format!("{n} {}", t(lang, Word::ParamsRetries)),
    };
    let syn = match (p.syn_give_up, p.syn_linear_timeouts) {
        (GiveUp::AfterRetries(n), linear) if linear > 0 => format!(
            "{} {} ({linear} {})",
            n + linear,
            t(lang, Word::ParamsRetries),
            t(lang, Word::ParamsLinear)
        ),
        (g, _) => give_up(g),
    };
    let fin_wait_2 = p
        .fin_wait_2_timeout_ms
        .map_or_else(|| t(lang, Word::ParamsNone).to_string(), seconds);
    let rows = [
        (
            Word::ParamsRto,
            format!(
                "{} / {} / {}",
                seconds(p.rto_initial_ms),
                seconds(p.rto_min_ms),
                seconds(p.rto_max_ms)
            ),
        ),
        (Word::ParamsSynRetries, syn),
        (Word::ParamsSynackRetries, give_up(p.synack_give_up)),
        (
            Word::ParamsMsl,
            format!("{} / {}", seconds(p.msl_ms), seconds(p.time_wait_ms)),
        ),
        (Word::ParamsFw2, fin_wait_2),
    ];
    let _ = write!(
        o,
        r#"<dl class="params" aria-label="{}">"#,
        Escaped(t(lang, Word::Params))
    );
    for (word, value) in rows {
        let _ = write!(
            o,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            Escaped(t(lang, word)),
            Escaped(&value)
        );
    }
    if p.name == ProfileName::Windows {
        let _ = write!(
            o,
            r#"<div class="params-note" data-documented-only=""><dd>{}</dd></div>"#,
            Escaped(t(lang, Word::ParamsWindowsNote))
        );
    }
    o.push_str("</dl>");
}

/// The actions' row (one row at desktop widths, the e2e test holds it),
/// before and after the file button.
fn actions(state: &AppState, chrome: Chrome) -> (String, String) {
    let lang = state.lang;
    let word = |w: Word| t(lang, w);
    let mut before = String::new();
    let o = &mut before;
    if !state.showing.locked {
        let attrs = format!(
            r#" data-action="editor" aria-pressed="{}" aria-keyshortcuts="e""#,
            pressed(state.editor_open)
        );
        button(o, &attrs, &format!("✎ {}", word(Word::Editor)));
    }
    // A locked quiz stays open: its button says so and does nothing.
    let quiz_on = state.showing.quiz.is_some();
    let held = quiz_on && state.showing.locked;
    let mut attrs = format!(r#" data-action="quiz" aria-pressed="{}""#, pressed(quiz_on));
    if held {
        let _ = write!(
            attrs,
            r#" disabled title="{}""#,
            Escaped(word(Word::QuizLockedOpen))
        );
    }
    button(o, &attrs, &format!("? {}", word(Word::QuizButton)));
    let mut after = String::new();
    let o = &mut after;
    let attrs = format!(
        r#" data-action="load" aria-pressed="{}""#,
        pressed(state.load_open)
    );
    button(o, &attrs, word(Word::LoadButton));
    let numbering = state.showing.numbering;
    let attrs = format!(
        r#" data-action="numbers" data-numbers="{}" aria-pressed="{}""#,
        numbering.name(),
        pressed(numbering != Numbering::Absolute)
    );
    button(o, &attrs, word(numbering.word()));
    let disabled = if state.faults().is_empty() {
        " disabled"
    } else {
        ""
    };
    button(
        o,
        &format!(r#" data-action="reset"{disabled}"#),
        word(Word::Reset),
    );

    // Copy: the link and the embed code. "Copied" until the next change.
    let copy = |which: &str, idle: Word| {
        if chrome.copied == Some(which) {
            word(Word::Copied)
        } else {
            word(idle)
        }
    };
    let _ = write!(
        o,
        r#"<span class="btn-group" role="group" aria-label="{copy}"><span class="group-label" aria-hidden="true">{copy}</span><button class="btn primary" data-action="share" aria-label="{}">{}</button>"#,
        Escaped(word(Word::Share)),
        Escaped(copy("share", Word::ShareLink)),
        copy = Escaped(word(Word::Copy)),
    );
    let attrs = format!(
        r#" data-action="embed" aria-label="{}""#,
        Escaped(word(Word::Embed))
    );
    button(o, &attrs, copy("embed", Word::EmbedCode));
    // Export: shown as "Export: SVG PNG pcapng" (the toolbar fits one row at
    // desktop widths); each button's name still says what it does.
    let export = Escaped(word(Word::Export));
    let _ = write!(
        o,
        r#"</span><span class="btn-group" role="group" aria-label="{export}"><span class="group-label" aria-hidden="true">{export}</span>"#
    );
    for (key, action, format) in [
        (Word::ExportSvg, "export-svg", "SVG"),
        (Word::ExportPng, "export-png", "PNG"),
        (Word::ExportPcapng, "export-pcapng", "pcapng"),
    ] {
        let name = Escaped(word(key));
        button(
            o,
            &format!(r#" data-action="{action}" aria-label="{name}" title="{name}""#),
            format,
        );
    }
    o.push_str("</span>");
    // English → 简体中文 → 繁體中文 → English; each named in its own words.
    let (label, tag) = match (lang, state.hant) {
        (Lang::En, _) => ("简体中文", "zh-CN"),
        (Lang::Zh, false) => ("繁體中文", "zh-Hant"),
        (Lang::Zh, true) => ("English", "en"),
    };
    button(o, &format!(r#" data-action="lang" lang="{tag}""#), label);
    let theme = if chrome.dark {
        Word::ThemeLight
    } else {
        Word::ThemeDark
    };
    button(o, r#" data-action="theme""#, word(theme));
    let help = Escaped(word(Word::Help));
    let _ = write!(
        o,
        r#"<button class="btn icon" data-action="help" aria-label="{help}" title="{help}">?</button>"#
    );
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::Link;

    fn page(preset: &str, lang: Lang) -> AppState {
        AppState::from_link(
            Link::for_preset(preset).unwrap(),
            None,
            lang,
            Default::default(),
        )
    }

    const PLAIN: Chrome = Chrome {
        copied: None,
        dark: false,
        folded: false,
    };

    fn all(m: &Markup) -> String {
        let (before, after) = m.actions.clone().unwrap_or_default();
        format!("{}{before}{after}", m.head)
    }

    #[test]
    fn the_picker_holds_the_chosen_preset_until_the_first_paint_then_every_one() {
        let mut s = page("lost-fin", Lang::En);
        let head = markup(&s, PLAIN).head;
        let first = head.split("</label>").next().unwrap();
        assert_eq!(first.matches("<option ").count(), 1);
        assert!(
            first.contains(r#"<option value="lost-fin" selected>"#),
            "{first}"
        );
        s.painted = true;
        let painted = markup(&s, PLAIN).head;
        assert_eq!(
            painted.matches("<option value=\"").count(),
            PRESETS.len() + ProfileName::ALL.len()
        );
        assert_eq!(
            painted.matches(" selected>").count(),
            2,
            "the preset and the stack"
        );
        assert!(painted.contains(r#"<optgroup label="Loss and delay">"#));
    }

    #[test]
    fn every_control_has_its_action_and_the_words_of_the_page() {
        let s = page("client-close", Lang::Zh);
        let m = markup(&s, PLAIN);
        let text = all(&m);
        for action in [
            "menu",
            "preset",
            "profile",
            "compare",
            "editor",
            "quiz",
            "load",
            "numbers",
            "reset",
            "share",
            "embed",
            "export-svg",
            "export-png",
            "export-pcapng",
            "lang",
            "theme",
            "help",
        ] {
            assert_eq!(
                text.matches(&format!(r#"data-action="{action}""#)).count(),
                1,
                "{action}"
            );
        }
        // No faults yet: nothing to reset. The language button offers Traditional next.
        assert!(text.contains(r#"<button class="btn" data-action="reset" disabled>"#));
        assert!(text.contains(r#"data-action="lang" lang="zh-Hant">繁體中文</button>"#));
        assert!(text.contains(&format!(">{}</button>", t(Lang::Zh, Word::ThemeDark))));
        // The file button is the page's own element, between the two halves.
        let (before, after) = m.actions.unwrap();
        assert!(before.ends_with("</button>") && before.contains(r#"data-action="quiz""#));
        assert!(after.starts_with(r#"<button class="btn" data-action="load""#));
    }

    #[test]
    fn a_locked_quiz_has_no_editor_and_a_button_that_says_it_stays() {
        let mut s = page("handshake", Lang::En);
        s.showing.quiz = Some(crate::quiz::Kinds::ALL);
        s.showing.locked = true;
        let text = all(&markup(&s, PLAIN));
        assert!(!text.contains(r#"data-action="editor""#));
        assert!(text.contains(&format!(
            r#"data-action="quiz" aria-pressed="true" disabled title="{}">"#,
            t(Lang::En, Word::QuizLockedOpen)
        )));
    }

    #[test]
    fn copied_dark_and_folded_are_said() {
        let s = page("handshake", Lang::En);
        let copied = Chrome {
            copied: Some("share"),
            dark: true,
            ..PLAIN
        };
        let text = all(&markup(&s, copied));
        assert!(text.contains(&format!(
            r#"data-action="share" aria-label="{}">{}</button>"#,
            t(Lang::En, Word::Share),
            t(Lang::En, Word::Copied)
        )));
        assert!(text.contains(&format!(
            r#"data-action="embed" aria-label="{}">{}</button>"#,
            t(Lang::En, Word::Embed),
            t(Lang::En, Word::EmbedCode)
        )));
        assert!(text.contains(&format!(
            r#"data-action="theme">{}</button>"#,
            t(Lang::En, Word::ThemeLight)
        )));
        let folded = markup(
            &s,
            Chrome {
                folded: true,
                ..PLAIN
            },
        );
        assert!(folded.actions.is_none() && !folded.head.contains("profile"));
    }

    #[test]
    fn a_title_of_ones_own_is_escaped() {
        let mut s = page("handshake", Lang::En);
        s.scenario.title = Some(r#"<b>"mine" & yours</b>"#.into());
        s.preset = None;
        let head = markup(&s, PLAIN).head;
        assert!(
            head.contains(
                r#"data-on-screen="">&lt;b&gt;&quot;mine&quot; &amp; yours&lt;/b&gt;</option>"#
            ),
            "{head}"
        );
    }

    #[test]
    fn windows_says_its_numbers_are_documented_defaults() {
        let mut s = page("handshake", Lang::En);
        s.scenario.profile = ProfileName::Windows;
        let head = markup(&s, PLAIN).head;
        assert!(
            head.contains(r#"<option value="windows" selected>"#),
            "{head}"
        );
        assert!(head.contains("data-documented-only"));
    }
}
