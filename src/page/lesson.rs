//! What is on screen teaches, above the diagram, as markup: a preset's
//! title, question and what to notice; a teacher's own title and note; a
//! replay's differences from its capture; a capture's or a script's name.
//! Written by the core and set in whole (as Yew elements it cost the first
//! load 2.5 KB of gzipped wasm; it has no controls).

use super::AppState;
use crate::diagram::units::Escaped;
use crate::i18n::{label, t, Word};
use crate::library;
use crate::scenario::Host;
use std::fmt::Write;

/// The lesson box's markup, or nothing when there is nothing to say.
pub fn markup(state: &AppState) -> String {
    let lang = state.lang;
    let mut o = String::new();
    // A capture on screen: what it is, and its measured handshake round trip.
    if let Some((shown, c)) = state
        .capture
        .as_ref()
        .and_then(|s| Some((s, s.trace.capture_names.as_ref()?)))
    {
        let rtt = state.trace.events.iter().find_map(|e| match e.kind {
            crate::trace::EventKind::Mark {
                mark: m @ crate::capture::Mark::HandshakeRtt { .. },
                ..
            } => Some(crate::capture::words::mark_text(m, &state.trace, lang)),
            _ => None,
        });
        let _ = write!(
            o,
            r#"<div class="lesson" data-lesson="capture"><h1>{}</h1><p class="notice-text">{}{}</p></div>"#,
            Escaped(&format!("{} · {} → {}", shown.file_name, c[0], c[1])),
            Escaped(t(lang, Word::CaptureReadonly)),
            Escaped(&rtt.map(|r| format!(" · {r}")).unwrap_or_default())
        );
        return o;
    }
    // A packetdrill script: which lifeline is the model's endpoint.
    if let (Some(script), Some(side)) = (&state.script, state.trace.script_side) {
        let _ = write!(
            o,
            r#"<div class="lesson" data-lesson="script"><h1>{}</h1><p class="notice-text">{}{}</p></div>"#,
            Escaped(&script.name),
            Escaped(&label(lang, side.peer().word())),
            Escaped(t(lang, Word::ScriptLesson))
        );
        return o;
    }
    // A teacher's own title and note take the place of the preset's lesson.
    let s = &state.scenario;
    if s.title.is_some() || s.note.is_some() {
        o.push_str(r#"<div class="lesson" data-lesson="custom">"#);
        if let Some(title) = &s.title {
            let _ = write!(o, "<h1>{}</h1>", Escaped(title));
        }
        // A replay: how the model's run differs from the capture, as it is
        // now (worked out by the module, `editor_host::compare_replay`).
        if let Some((list, fresh)) = state.differences() {
            let stale = if fresh { "" } else { r#" data-stale="""# };
            let said = if list.is_empty() {
                t(lang, Word::ReplayNone).to_string()
            } else {
                list.join(" · ")
            };
            let _ = write!(
                o,
                r#"<p class="notice-text" data-differences="{}"{stale}><strong>{}</strong>{}</p>"#,
                list.len(),
                Escaped(&label(lang, Word::ReplayDifferences)),
                Escaped(&said)
            );
        } else if let (false, Some(note)) = (state.replayed.is_some(), &s.note) {
            let _ = write!(
                o,
                r#"<p class="notice-text"><strong>{}</strong>{}</p>"#,
                Escaped(&label(lang, Word::Notice)),
                Escaped(note)
            );
        }
        o.push_str("</div>");
        return o;
    }
    let Some(entry) = state.preset.as_deref().and_then(library::entry) else {
        return o;
    };
    let _ = write!(
        o,
        r#"<div class="lesson"><h1>{}</h1>"#,
        Escaped(entry.title(lang))
    );
    if let Some(q) = entry.question(lang) {
        let _ = write!(
            o,
            r#"<p class="question"><strong>{}</strong>{}</p>"#,
            Escaped(&label(lang, Word::Question)),
            Escaped(q)
        );
    }
    let _ = write!(
        o,
        r#"<p class="notice-text"><strong>{}</strong>{}</p>"#,
        Escaped(&label(lang, Word::Notice)),
        Escaped(entry.notice(lang))
    );
    // The lesson's numbers are its own stack's: say so when the diagram runs another.
    let own = state
        .preset
        .as_deref()
        .and_then(crate::scenario::presets::by_name)
        .map(|p| p.profile);
    let [client, server] = [Host::Client, Host::Server].map(|h| s.profile_of(h));
    if let Some(p) = own.filter(|&p| (client, server) != (p, p)) {
        let runs = if client == server {
            t(lang, client.word()).to_string()
        } else {
            format!("{} ⇄ {}", t(lang, client.word()), t(lang, server.word()))
        };
        let text = crate::i18n::fill(
            t(lang, Word::LessonOtherStack),
            &[t(lang, p.word()).into(), runs],
        );
        let _ = write!(
            o,
            r#"<p class="lesson-stack" data-lesson-stack="">{}</p>"#,
            Escaped(&text)
        );
    }
    o.push_str("</div>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::Link;
    use crate::tcp::ProfileName;

    fn page(preset: &str) -> AppState {
        AppState::from_link(
            Link::for_preset(preset).unwrap(),
            None,
            crate::i18n::Lang::En,
            Default::default(),
        )
    }

    #[test]
    fn a_preset_shows_its_title_question_and_what_to_notice() {
        let s = page("handshake");
        let lang = s.lang;
        let entry = library::entry("handshake").unwrap();
        assert_eq!(
            markup(&s),
            format!(
                r#"<div class="lesson"><h1>{}</h1><p class="question"><strong>{}</strong>{}</p><p class="notice-text"><strong>{}</strong>{}</p></div>"#,
                entry.title(lang),
                label(lang, Word::Question),
                Escaped(entry.question(lang).unwrap()),
                label(lang, Word::Notice),
                Escaped(entry.notice(lang))
            )
        );
    }

    #[test]
    fn another_stack_is_named_and_a_teachers_own_words_are_escaped() {
        let mut s = page("lost-syn");
        s.scenario.profile = ProfileName::FreeBsd;
        assert!(markup(&s).contains(r#"<p class="lesson-stack" data-lesson-stack="">"#));
        s.scenario.title = Some("<i>SYN</i>".into());
        s.scenario.note = Some("a & b".into());
        assert_eq!(
            markup(&s),
            format!(
                r#"<div class="lesson" data-lesson="custom"><h1>&lt;i&gt;SYN&lt;/i&gt;</h1><p class="notice-text"><strong>{}</strong>a &amp; b</p></div>"#,
                label(s.lang, Word::Notice)
            )
        );
        s.scenario.title = None;
        s.scenario.note = None;
        s.preset = None;
        assert_eq!(markup(&s), "");
    }
}
