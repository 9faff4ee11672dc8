//! Share links: the whole scenario and view in the URL fragment.
//!
//! The common case stays readable and editable by hand:
//! `#v2/p=lost-syn&drop=c.syn,s.synack&delay=c.ack1:300&t=1200`. A scenario
//! no compact form can hold is serde-serialised (postcard, behind a format
//! byte) and base64url-encoded behind the same prefix: `#v2/z=…`. Postcard
//! rather than JSON because serde_json cost 23 KB of the 200 KB gzipped download.
//!
//! `v2` keeps faults under segment names (`scenario::naming`), which earlier
//! faults do not move. `v1` links held ordinals (`drop=c4`), counted in the
//! run with all the link's faults; they are read that way and named, so they
//! open as they always did. Ids typed by hand (`drop=c4`) are read the same
//! way in either version. Every later release must keep opening both.

use crate::i18n::{Arg, Lang, Said, Word};
use crate::scenario::{naming, parse_segment_id, presets, Fault, Faults, Scenario};
use crate::tcp::ProfileName;
use crate::trace::Numbering;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const PREFIX: &str = "v2/";
/// Links made before faults were named.
pub const PREFIX_V1: &str = "v1/";
/// Longer links are refused before any parsing.
pub const MAX_LINK_BYTES: usize = 8 * 1024;

pub mod base64url;
mod packed;
pub use packed::{pack, unpack, OLDER_FORMAT};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system's prefers-color-scheme.
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub scenario: Scenario,
    /// The preset the scenario started from, if any.
    pub preset: Option<String>,
    pub cursor: Option<u64>,
    pub lang: Option<Lang>,
    /// Chinese in Traditional characters (`lang=zh-Hant`).
    pub hant: bool,
    /// How it is shown: the same settings the page's state holds.
    pub showing: Showing,
    pub autoplay: bool,
    /// The scenario editor is open.
    pub editor: bool,
    /// Made while a capture was shown: captures never go into links, so the
    /// page that opens it says the file must be opened again.
    pub capture: bool,
    /// A packetdrill script on screen: (file name, text). Scripts are small,
    /// so the link carries them (`pkt=`, base64url of `name\ntext`).
    pub script: Option<(String, String)>,
    /// What the user did to the script's own segments (`sdrop=c3`,
    /// `sdelay=c5:300`, `sdup=c2:20`), as a scenario's faults are written.
    pub script_faults: Faults,
    /// The script endpoint's timers, when not Linux's (`sprof=rfc`).
    pub script_profile: ProfileName,
    /// The Compare view is open on these stacks (`cmp=linux,freebsd`).
    pub compare: Option<crate::compare::Stacks>,
}

/// How a scenario is shown: declared once, kept in links, held by the page's
/// state and handed to the editor (which shows the teacher's quiz settings).
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Showing {
    pub numbering: Numbering,
    pub theme: Theme,
    /// Drawn inside a course page's frame (`?embed`).
    pub embed: bool,
    /// Playback locked to this range (embed `from=` / `to=`).
    pub range: Option<(u64, u64)>,
    /// Teaching mode: which steps the quiz asks (`quiz=1`, `quiz=states` …).
    pub quiz: Option<crate::quiz::Kinds>,
    /// The faults are the teacher's: no dropping or editing to peek.
    pub locked: bool,
    /// Presenter mode for a projector (`present=1`): the diagram and the
    /// step's explanation large, no toolbar, a clicker's keys step.
    pub present: bool,
}

/// The longest script a link carries.
pub const MAX_SCRIPT_BYTES: usize = 32_000;

impl Link {
    pub fn for_preset(name: &str) -> Option<Link> {
        Some(Link {
            scenario: presets::by_name(name)?,
            preset: Some(name.to_string()),
            cursor: None,
            lang: None,
            hant: false,
            showing: Showing::default(),
            autoplay: false,
            script: None,
            script_faults: Faults::new(),
            script_profile: ProfileName::Linux,
            editor: false,
            capture: false,
            compare: None,
        })
    }

    pub fn default_link() -> Link {
        Link::for_preset(presets::DEFAULT_PRESET).expect("the default preset exists")
    }
}

/// Why a link could not be opened, said in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError(pub Said<Word>);

impl LinkError {
    pub fn new<A: Into<Arg>>(word: Word, args: impl IntoIterator<Item = A>) -> LinkError {
        LinkError(Said::new(word, args))
    }

    pub fn just(word: Word) -> LinkError {
        LinkError(Said::just(word))
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

fn err<T, A: Into<Arg>>(word: Word, args: impl IntoIterator<Item = A>) -> Result<T, LinkError> {
    Err(LinkError::new(word, args))
}

fn refuse<T>(word: Word) -> Result<T, LinkError> {
    Err(LinkError::just(word))
}

/// Whether `s` is `base` with only what the compact form can say changed.
fn compact_base_matches(s: &Scenario, base: &Scenario) -> bool {
    let mut probe = base.clone();
    probe.profile = s.profile;
    probe.client_profile = s.client_profile;
    probe.server_profile = s.server_profile;
    probe.client_to_server_ms = s.client_to_server_ms;
    probe.server_to_client_ms = s.server_to_client_ms;
    probe.isn_seed = s.isn_seed;
    probe.client.isn = s.client.isn;
    probe.server.isn = s.server.isn;
    probe.faults = s.faults.clone();
    // A teacher's own title and note only travel packed.
    probe.title = s.title.clone();
    probe.note = s.note.clone();
    probe == *s && s.title.is_none() && s.note.is_none()
}

/// `drop=c1,s2&delay=c3:300&dup=s2:100`, each key after `prefix`.
fn fault_parts(prefix: &str, faults: &Faults, parts: &mut Vec<String>) {
    let drops: Vec<&str> = faults
        .iter()
        .filter(|(_, f)| **f == Fault::Drop)
        .map(|(id, _)| id.as_str())
        .collect();
    if !drops.is_empty() {
        parts.push(format!("{prefix}drop={}", drops.join(",")));
    }
    for (key, timed) in [("delay", Fault::Delay(0)), ("dup", Fault::Duplicate(0))] {
        let items: Vec<String> = faults
            .iter()
            .filter_map(|(id, f)| match (f, timed) {
                (Fault::Delay(ms), Fault::Delay(_))
                | (Fault::Duplicate(ms), Fault::Duplicate(_)) => Some(format!("{id}:{ms}")),
                _ => None,
            })
            .collect();
        if !items.is_empty() {
            parts.push(format!("{prefix}{key}={}", items.join(",")));
        }
    }
}

pub fn encode(link: &Link) -> String {
    let mut parts: Vec<String> = Vec::new();
    let s = &link.scenario;
    let base = link
        .preset
        .as_deref()
        .and_then(presets::by_name)
        .filter(|b| compact_base_matches(s, b));
    match (&link.preset, base) {
        (Some(name), Some(base)) => {
            parts.push(format!("p={name}"));
            if s.profile != base.profile {
                parts.push(format!("prof={}", s.profile.as_str()));
            }
            for (key, own) in [
                ("prof.client", s.client_profile),
                ("prof.server", s.server_profile),
            ] {
                if let Some(p) = own {
                    parts.push(format!("{key}={}", p.as_str()));
                }
            }
            if (s.client_to_server_ms, s.server_to_client_ms)
                != (base.client_to_server_ms, base.server_to_client_ms)
            {
                if s.client_to_server_ms == s.server_to_client_ms {
                    parts.push(format!("lat={}", s.client_to_server_ms));
                } else {
                    parts.push(format!(
                        "lat={},{}",
                        s.client_to_server_ms, s.server_to_client_ms
                    ));
                }
            }
            if let Some(seed) = s.isn_seed {
                parts.push(format!("seed={seed}"));
            }
            if (s.client.isn, s.server.isn) != (base.client.isn, base.server.isn) {
                parts.push(format!("isn={},{}", s.client.isn, s.server.isn));
            }
            fault_parts("", &s.faults, &mut parts);
            // Faults the preset has and this scenario does not.
            let delivered: Vec<&str> = base
                .faults
                .keys()
                .filter(|id| !s.faults.contains_key(id))
                .map(String::as_str)
                .collect();
            if !delivered.is_empty() {
                parts.push(format!("deliver={}", delivered.join(",")));
            }
        }
        _ => {
            // The preset it grew from is kept, so the lesson beside it stays.
            if let Some(name) = &link.preset {
                parts.push(format!("p={name}"));
            }
            parts.push(format!("z={}", pack(s)));
        }
    }
    if let Some(t) = link.cursor {
        parts.push(format!("t={t}"));
    }
    match link.showing.numbering {
        Numbering::Absolute => {}
        // The older `rel=1` keeps working in pages that predate letters.
        Numbering::Relative => parts.push("rel=1".into()),
        Numbering::Letters => parts.push("num=letters".into()),
    }
    if link.lang == Some(Lang::Zh) && link.hant {
        parts.push("lang=zh-Hant".into());
    } else if let Some(lang) = link.lang {
        parts.push(format!("lang={}", lang.code()));
    }
    match link.showing.theme {
        Theme::System => {}
        Theme::Light => parts.push("theme=light".into()),
        Theme::Dark => parts.push("theme=dark".into()),
    }
    if link.showing.embed {
        parts.push("embed=1".into());
    }
    if let Some((from, to)) = link.showing.range {
        parts.push(format!("from={from}&to={to}"));
    }
    if link.autoplay {
        parts.push("autoplay=1".into());
    }
    if link.editor {
        parts.push("edit=1".into());
    }
    if link.capture {
        parts.push("cap=1".into());
    }
    if let Some(stacks) = link.compare {
        parts.push(format!("cmp={}", stacks.text()));
    }
    if let Some(kinds) = link.showing.quiz {
        parts.push(format!("quiz={}", kinds.code()));
    }
    if link.showing.locked {
        parts.push("lock=1".into());
    }
    if link.showing.present {
        parts.push("present=1".into());
    }
    if let Some((name, text)) = link
        .script
        .as_ref()
        .filter(|(_, t)| t.len() <= MAX_SCRIPT_BYTES)
    {
        parts.push(format!(
            "pkt={}",
            base64url::encode(format!("{name}\n{text}").as_bytes())
        ));
        fault_parts("s", &link.script_faults, &mut parts);
        if link.script_profile != ProfileName::Linux {
            parts.push(format!("sprof={}", link.script_profile.as_str()));
        }
    }
    format!("{PREFIX}{}", parts.join("&"))
}

fn number(key: &str, value: &str) -> Result<u64, LinkError> {
    if value.is_empty() || value.len() > 20 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return err(Word::LinkNotWholeNumber, [key.to_string(), shorten(value)]);
    }
    value.parse().or_else(|_| err(Word::LinkNotANumber, [key]))
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        out.push('…');
    }
    out
}

fn flag(key: &str, value: &str) -> Result<bool, LinkError> {
    match value {
        "1" | "" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        other => err(Word::LinkNotFlag, [key.to_string(), shorten(other)]),
    }
}

fn segment_id(id: &str) -> Result<String, LinkError> {
    (parse_segment_id(id).is_some() || naming::is_name(id))
        .then(|| id.to_string())
        .ok_or_else(|| LinkError::new(Word::LinkNotSegmentId, [shorten(id)]))
}

/// The language a link asks for, even when the rest of it cannot be read:
/// the message saying what is wrong with it is then in that language.
pub fn lang_of(input: &str) -> Option<Lang> {
    let fragment = input.rsplit_once('#').map_or(input, |(_, f)| f);
    fragment
        .split(['&', '/'])
        .find_map(|part| part.strip_prefix("lang="))
        .and_then(Lang::parse)
}

/// Accepts a whole URL, a fragment with or without `#`, or the part after it;
/// reads every packed form ever made.
pub fn decode(input: &str) -> Result<Link, LinkError> {
    decode_with(input, packed::unpack_any)
}

/// `decode` for links of today's packed form: an older one is the error
/// `packed::OLDER_FORMAT` (the page hands those to the module loaded on first use).
pub fn decode_current(input: &str) -> Result<Link, LinkError> {
    decode_with(input, unpack)
}

fn decode_with(
    input: &str,
    unpack: fn(&str) -> Result<Scenario, LinkError>,
) -> Result<Link, LinkError> {
    if input.len() > MAX_LINK_BYTES {
        return err(Word::LinkTooLong, [input.len(), MAX_LINK_BYTES]);
    }
    let fragment = match input.find('#') {
        Some(i) => &input[i + 1..],
        None => input,
    };
    let fragment = fragment.trim();
    let Some(body) = fragment
        .strip_prefix(PREFIX)
        .or_else(|| fragment.strip_prefix(PREFIX_V1))
    else {
        return match fragment.split_once('/') {
            Some((v, _)) if v.starts_with('v') => err(Word::LinkVersionUnknown, [shorten(v)]),
            _ => refuse(Word::LinkNotSynack),
        };
    };
    let mut preset: Option<String> = None;
    let mut packed: Option<Scenario> = None;
    let mut link = Link::default_link();
    link.preset = None;
    let mut profile = None;
    let mut host_profiles = [None, None];
    let mut latency = None;
    let mut seed = None;
    let mut isns = None;
    let mut faults: Vec<(String, Fault)> = Vec::new();
    let mut script_faults: Vec<(String, Fault)> = Vec::new();
    let mut delivered: Vec<String> = Vec::new();
    let (mut from, mut to) = (None, None);
    for pair in body.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "p" => preset = Some(value.to_string()),
            "z" => packed = Some(unpack(value)?),
            "sprof" => {
                link.script_profile = ProfileName::parse(value)
                    .ok_or_else(|| LinkError::new(Word::LinkUnknownProfile, [shorten(value)]))?
            }
            "prof" | "prof.client" | "prof.server" => {
                let p = ProfileName::parse(value)
                    .ok_or_else(|| LinkError::new(Word::LinkUnknownProfile, [shorten(value)]))?;
                match key {
                    "prof.client" => host_profiles[0] = Some(p),
                    "prof.server" => host_profiles[1] = Some(p),
                    _ => profile = Some(p),
                }
            }
            "lat" => {
                latency = Some(match value.split_once(',') {
                    Some((a, b)) => (number(key, a)?, number(key, b)?),
                    None => {
                        let v = number(key, value)?;
                        (v, v)
                    }
                })
            }
            "seed" => seed = Some(number(key, value)?),
            "isn" => {
                let (a, b) = value
                    .split_once(',')
                    .ok_or_else(|| LinkError::just(Word::LinkIsnPair))?;
                let as_u32 =
                    |v: u64| u32::try_from(v).map_err(|_| LinkError::just(Word::LinkIsn32));
                isns = Some((as_u32(number(key, a)?)?, as_u32(number(key, b)?)?));
            }
            "drop" | "sdrop" => {
                let into = if key == "drop" {
                    &mut faults
                } else {
                    &mut script_faults
                };
                for id in value.split(',').filter(|s| !s.is_empty()) {
                    into.push((segment_id(id)?, Fault::Drop));
                }
            }
            "deliver" => {
                for id in value.split(',').filter(|s| !s.is_empty()) {
                    delivered.push(segment_id(id)?);
                }
            }
            "delay" | "dup" | "sdelay" | "sdup" => {
                let into = if key.starts_with('s') {
                    &mut script_faults
                } else {
                    &mut faults
                };
                let key = key.trim_start_matches('s');
                for item in value.split(',').filter(|s| !s.is_empty()) {
                    let (id, ms) = item.split_once(':').ok_or_else(|| {
                        LinkError::new(Word::LinkTimedFault, [key.to_string(), shorten(item)])
                    })?;
                    let ms = number(key, ms)?;
                    let fault = if key == "dup" {
                        Fault::Duplicate(ms)
                    } else {
                        Fault::Delay(ms)
                    };
                    into.push((segment_id(id)?, fault));
                }
            }
            "t" => link.cursor = Some(number(key, value)?),
            "rel" => {
                if flag(key, value)? {
                    link.showing.numbering = Numbering::Relative;
                }
            }
            "num" => {
                link.showing.numbering = Numbering::parse(value)
                    .ok_or_else(|| LinkError::new(Word::LinkNumbering, [shorten(value)]))?
            }
            "lang" => {
                link.lang = Some(
                    Lang::parse(value)
                        .ok_or_else(|| LinkError::new(Word::LinkLanguage, [shorten(value)]))?,
                );
                link.hant = crate::i18n::hant::is_traditional(value);
            }
            "theme" => {
                link.showing.theme = match value {
                    "dark" => Theme::Dark,
                    "light" => Theme::Light,
                    "system" => Theme::System,
                    other => return err(Word::LinkTheme, [shorten(other)]),
                }
            }
            "embed" => link.showing.embed = flag(key, value)?,
            "autoplay" => link.autoplay = flag(key, value)?,
            "edit" => link.editor = flag(key, value)?,
            "cap" => link.capture = flag(key, value)?,
            "cmp" => {
                link.compare = Some(
                    crate::compare::Stacks::parse(value)
                        .ok_or_else(|| LinkError::new(Word::LinkBadCompare, [shorten(value)]))?,
                )
            }
            "lock" => link.showing.locked = flag(key, value)?,
            "present" => link.showing.present = flag(key, value)?,
            "pkt" => {
                let bytes = base64url::decode(value)
                    .filter(|b| b.len() <= MAX_SCRIPT_BYTES + 300)
                    .ok_or_else(|| LinkError::just(Word::LinkScriptCut))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| LinkError::just(Word::LinkScriptNotText))?;
                let (name, body) = text.split_once('\n').unwrap_or(("script.pkt", &text));
                link.script = Some((name.to_string(), body.to_string()));
            }
            "quiz" => {
                link.showing.quiz = crate::quiz::Kinds::parse_optional(value)
                    .ok_or_else(|| LinkError::new(Word::LinkQuiz, [shorten(value)]))?
            }
            "from" => from = Some(number(key, value)?),
            "to" => to = Some(number(key, value)?),
            other => return err(Word::LinkUnknownSetting, [shorten(other)]),
        }
        if faults.len().max(script_faults.len()) > crate::scenario::limits::MAX_FAULTS {
            return err(
                Word::LinkTooManyFaults,
                [crate::scenario::limits::MAX_FAULTS],
            );
        }
    }
    let mut scenario = match (preset, packed) {
        (Some(name), Some(s)) => {
            presets::find(&name)
                .ok_or_else(|| LinkError::new(Word::LinkUnknownScenario, [shorten(&name)]))?;
            link.preset = Some(name);
            s
        }
        (Some(name), None) => {
            let s = presets::by_name(&name)
                .ok_or_else(|| LinkError::new(Word::LinkUnknownScenario, [shorten(&name)]))?;
            link.preset = Some(name);
            s
        }
        (None, Some(s)) => s,
        (None, None) => return refuse(Word::LinkNoScenario),
    };
    if let Some(p) = profile {
        scenario.profile = p;
    }
    let [client, server] = host_profiles;
    scenario.client_profile = client.or(scenario.client_profile);
    scenario.server_profile = server.or(scenario.server_profile);
    if let Some((a, b)) = latency {
        scenario.client_to_server_ms = a;
        scenario.server_to_client_ms = b;
    }
    if seed.is_some() {
        scenario.isn_seed = seed;
    }
    if let Some((c, s)) = isns {
        scenario.client.isn = c;
        scenario.server.isn = s;
    }
    for id in &delivered {
        // A v1 link names the preset's fault by the ordinal it had in the
        // preset's own run.
        let key = match (naming::is_fault_key(id), link.preset.as_deref()) {
            (false, Some(name)) => presets::by_name(name)
                .and_then(|p| crate::run(&p).fault_key(id))
                .unwrap_or_else(|| id.clone()),
            _ => id.clone(),
        };
        scenario.faults.remove(&key);
    }
    // A fault the link repeats from its preset counts as the preset's own.
    let explicit: Vec<String> = faults
        .iter()
        .filter(|(id, f)| scenario.faults.get(id) != Some(f))
        .map(|(id, _)| id.clone())
        .collect();
    for (id, fault) in faults {
        scenario.faults.insert(id, fault);
    }
    scenario.validate().map_err(|e| LinkError(e.0))?;
    // An id the link types must hit a segment (a name is kept even while its
    // segment is not sent: the fault waits for it, as on screen).
    let typed: Vec<&String> = explicit
        .iter()
        .filter(|id| !naming::is_fault_key(id))
        .collect();
    let missing = naming::name_faults(&mut scenario);
    if let Some(missing) = typed.iter().find(|id| missing.contains(id)) {
        return err(Word::LinkNoSuchSegment, [*missing]);
    }
    let trace_end = || crate::run(&scenario).end_ms;
    link.showing.range = match (from, to) {
        (None, None) => None,
        (Some(f), Some(t)) if f <= t => Some((f, t)),
        (Some(f), None) => Some((f, trace_end())),
        (None, Some(t)) => Some((0, t)),
        _ => return refuse(Word::LinkFromAfterTo),
    };
    link.scenario = scenario;
    if link.script.is_none() && !script_faults.is_empty() {
        return refuse(Word::LinkScriptFaultsAlone);
    }
    // Inserted one by one: collecting would sort, and sorting costs the page's size.
    for (id, fault) in script_faults {
        link.script_faults.insert(id, fault);
    }
    Ok(link)
}

#[cfg(test)]
mod tests;
