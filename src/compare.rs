//! One scenario under several stacks: what differs between two runs of it,
//! segment by segment and state by state, and which of the profiles'
//! numbers explain it. Segments are matched by name (`c.syn.3`, the third
//! SYN), never by `c3`, so one run's extra segment does not shift the rest.

use crate::diagram::seconds;
use crate::i18n::{fill, t, EditorWord, Lang};
use crate::scenario::Host;
use crate::tcp::{Backoff, GiveUp, Profile, ProfileName, State};
use crate::trace::Trace;

/// One difference between a baseline run and another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// A segment (by name) sent at different times, or by one run only.
    Sent {
        name: String,
        base_ms: Option<u64>,
        other_ms: Option<u64>,
    },
    /// How long a host stays in a state the first time it enters it, or a
    /// state only one run reaches (None: never; u64::MAX: to the end).
    Lasts {
        host: Host,
        state: State,
        base_ms: Option<u64>,
        other_ms: Option<u64>,
    },
}

/// Every difference of `other` from `base`: segments first (in the order
/// the baseline sends them, then the other run's own), then states.
pub fn differences(base: &Trace, other: &Trace) -> Vec<Difference> {
    let (a, b) = (sent_by_name(base), sent_by_name(other));
    // Looked up by name: a long transfer has a thousand segments a side.
    let (in_a, in_b): (
        std::collections::HashMap<&str, u64>,
        std::collections::HashMap<&str, u64>,
    ) = (
        a.iter().map(|(n, t)| (n.as_str(), *t)).collect(),
        b.iter().map(|(n, t)| (n.as_str(), *t)).collect(),
    );
    let mut out = Vec::new();
    for (name, at) in &a {
        let there = in_b.get(name.as_str()).copied();
        if there != Some(*at) {
            out.push(Difference::Sent {
                name: name.clone(),
                base_ms: Some(*at),
                other_ms: there,
            });
        }
    }
    for (name, at) in &b {
        if !in_a.contains_key(name.as_str()) {
            out.push(Difference::Sent {
                name: name.clone(),
                base_ms: None,
                other_ms: Some(*at),
            });
        }
    }
    for host in [Host::Client, Host::Server] {
        let (x, y) = (stays(base, host), stays(other, host));
        let mut states: Vec<State> = x.iter().chain(&y).map(|&(s, _)| s).collect();
        states.dedup();
        let mut seen = Vec::new();
        for state in states {
            if seen.contains(&state) {
                continue;
            }
            seen.push(state);
            let find = |v: &[(State, u64)]| v.iter().find(|(s, _)| *s == state).map(|&(_, d)| d);
            let (d1, d2) = (find(&x), find(&y));
            if d1 != d2 {
                out.push(Difference::Lasts {
                    host,
                    state,
                    base_ms: d1,
                    other_ms: d2,
                });
            }
        }
    }
    out
}

/// Each named segment of a run and when it was sent (a link's copies have
/// no name of their own and are left out).
fn sent_by_name(t: &Trace) -> Vec<(String, u64)> {
    t.names()
        .into_iter()
        .zip(&t.segments)
        .filter_map(|(name, s)| name.map(|n| (n, s.sent)))
        .collect()
}

/// Each state `host` enters and how long it stays (u64::MAX if it is still
/// there when the run ends; the first stay only).
fn stays(t: &Trace, host: Host) -> Vec<(State, u64)> {
    let changes = t.state_changes(host);
    let mut out: Vec<(State, u64)> = Vec::new();
    for (i, &(at, state)) in changes.iter().enumerate() {
        if out.iter().any(|(s, _)| *s == state) {
            continue;
        }
        let lasts = changes.get(i + 1).map_or(u64::MAX, |&(next, _)| next - at);
        out.push((state, lasts));
    }
    out
}

/// What a profile number is about, so only the numbers behind a run's own
/// differences are given as their reasons.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Topic {
    Syn,
    SynAck,
    Retransmission,
    TimeWait,
    FinWait2,
    Close,
    Ack,
    Rst,
}

/// The topics a difference touches. A segment first sent at another time
/// is a knock-on effect of something earlier: only retransmissions
/// (`c.syn.2`), ACKs and resets point at a profile number themselves.
fn topics(d: &Difference) -> Vec<Topic> {
    match d {
        Difference::Sent { name, .. } => {
            let mut parts = name.split('.');
            let (what, again) = (parts.nth(1).unwrap_or(""), parts.next().is_some());
            match what {
                "syn" => vec![Topic::Syn],
                "synack" => vec![Topic::SynAck],
                "rst" => vec![Topic::Close, Topic::Rst],
                w if w.starts_with("ack") => vec![Topic::Ack],
                _ if again => vec![Topic::Retransmission],
                _ => Vec::new(),
            }
        }
        Difference::Lasts { state, .. } => match state {
            State::SynSent => vec![Topic::Syn],
            State::SynReceived | State::Listen => vec![Topic::SynAck],
            State::TimeWait => vec![Topic::TimeWait],
            State::FinWait2 => vec![Topic::FinWait2, Topic::Ack],
            _ => vec![Topic::Ack],
        },
    }
}

/// "FreeBSD against Linux: 10 differences".
pub fn summary(base: &str, other: &str, count: usize, lang: Lang) -> String {
    let against = fill(
        t(lang, EditorWord::CompareAgainst),
        &[other.into(), base.into()],
    );
    let count = match count {
        0 => t(lang, EditorWord::CompareSame).to_string(),
        1 => t(lang, EditorWord::CompareOne).to_string(),
        n => fill(t(lang, EditorWord::CompareMany), &[n.to_string()]),
    };
    format!("{against}{}{count}", t(lang, crate::i18n::Word::Colon))
}

/// The profile numbers behind `found`, in words a student reads.
pub fn why(base: &Profile, other: &Profile, found: &[Difference], lang: Lang) -> Vec<String> {
    let touched: Vec<Topic> = found.iter().flat_map(topics).collect();
    reasons(base, other, lang)
        .into_iter()
        .filter(|(about, _)| about.iter().any(|t| touched.contains(t)))
        .map(|(_, text)| text)
        .collect()
}

/// One difference in words: "c.syn.3: sent at 2 s under Linux, 3.2 s under FreeBSD".
pub fn describe(d: &Difference, base: &str, other: &str, lang: Lang) -> String {
    let say = |w: EditorWord, args: &[String]| fill(t(lang, w), args);
    let at = |ms: Option<u64>| ms.map_or(t(lang, EditorWord::DiffNever).to_string(), seconds);
    let lasts = |ms: Option<u64>| match ms {
        None => t(lang, EditorWord::DiffNever).to_string(),
        Some(u64::MAX) => t(lang, EditorWord::DiffToTheEnd).to_string(),
        Some(ms) => seconds(ms),
    };
    let (base, other) = (base.to_string(), other.to_string());
    match d {
        Difference::Sent {
            name,
            base_ms,
            other_ms,
        } => match (base_ms, other_ms) {
            (Some(_), None) => say(
                EditorWord::DiffSentOnly,
                &[name.clone(), at(*base_ms), base],
            ),
            (None, Some(_)) => say(
                EditorWord::DiffSentOnly,
                &[name.clone(), at(*other_ms), other],
            ),
            _ => say(
                EditorWord::DiffSent,
                &[name.clone(), at(*base_ms), base, at(*other_ms), other],
            ),
        },
        Difference::Lasts {
            host,
            state,
            base_ms,
            other_ms,
        } => say(
            EditorWord::DiffLasts,
            &[
                t(lang, host.word()).to_string(),
                state.name().to_string(),
                lasts(*base_ms),
                base,
                lasts(*other_ms),
                other,
            ],
        ),
    }
}

/// Every profile number that differs, with what it is about.
fn reasons(base: &Profile, other: &Profile, lang: Lang) -> Vec<(Vec<Topic>, String)> {
    use EditorWord as W;
    use Topic::*;
    let mut out: Vec<(Vec<Topic>, String)> = Vec::new();
    let word = |w: W| t(lang, w).to_string();
    let name = |p: &Profile| t(lang, p.name.word()).to_string();
    let (a, b) = (name(base), name(other));
    if base.rto_initial_ms != other.rto_initial_ms {
        let (x, y) = (seconds(other.rto_initial_ms), seconds(base.rto_initial_ms));
        out.push((
            vec![Syn, SynAck, Retransmission],
            fill(t(lang, W::ReasonRtoInitial), &[b.clone(), x, a.clone(), y]),
        ));
    }
    let syn = |p: &Profile| factors(p.syn_backoff, p.syn_linear_timeouts);
    if syn(base) != syn(other) {
        let (x, y) = (
            factors_words(&syn(other), lang),
            factors_words(&syn(base), lang),
        );
        out.push((
            vec![Syn],
            fill(t(lang, W::ReasonSynTimeouts), &[b.clone(), x, a.clone(), y]),
        ));
    }
    let rest = |p: &Profile| factors(p.backoff, 0);
    if rest(base) != rest(other) {
        let (x, y) = (
            factors_words(&rest(other), lang),
            factors_words(&rest(base), lang),
        );
        out.push((
            vec![SynAck, Retransmission],
            fill(
                t(lang, W::ReasonOtherTimeouts),
                &[b.clone(), x, a.clone(), y],
            ),
        ));
    }
    // The slop counts where it applies: XNU adds it only once established.
    let slop = |p: &Profile, handshake: bool| {
        if handshake && !p.slop_in_handshake {
            0
        } else {
            p.rto_slop_ms
        }
    };
    let mut about = Vec::new();
    if slop(base, true) != slop(other, true) {
        about.extend([Syn, SynAck]);
    }
    if slop(base, false) != slop(other, false) {
        about.push(Retransmission);
    }
    if !about.is_empty() {
        let said = |p: &Profile| match (p.rto_slop_ms, p.slop_in_handshake) {
            (0, _) => word(W::SlopNone),
            (ms, true) => seconds(ms),
            (ms, false) => fill(t(lang, W::SlopEstablished), &[seconds(ms)]),
        };
        out.push((
            about,
            fill(
                t(lang, W::ReasonSlop),
                &[said(other), b.clone(), said(base), a.clone()],
            ),
        ));
    }
    let floor = |p: &Profile| {
        let ms = seconds(p.rto_min_ms);
        if p.rto_min_on_variance {
            fill(t(lang, W::RtoMinOnVariance), &[ms])
        } else {
            ms
        }
    };
    if floor(base) != floor(other) && base.slow_timer_ms.is_none() && other.slow_timer_ms.is_none()
    {
        out.push((
            vec![Retransmission],
            fill(
                t(lang, W::ReasonRtoMin),
                &[floor(other), b.clone(), floor(base), a.clone()],
            ),
        ));
    }
    let give_up = |g: GiveUp| match g {
        GiveUp::AfterMs(ms) => fill(t(lang, W::GiveUpAt), &[seconds(ms)]),
        GiveUp::AfterRetries(n) => fill(t(lang, W::GiveUpAfter), &[n.to_string()]),
    };
    let mut say = |about: Vec<Topic>, w: W, x: String, y: String| {
        out.push((about, fill(t(lang, w), &[x, b.clone(), y, a.clone()])));
    };
    if base.syn_give_up != other.syn_give_up {
        say(
            vec![Syn],
            W::ReasonConnectGivesUp,
            give_up(other.syn_give_up),
            give_up(base.syn_give_up),
        );
    }
    if base.synack_give_up != other.synack_give_up {
        say(
            vec![SynAck],
            W::ReasonHalfOpen,
            give_up(other.synack_give_up),
            give_up(base.synack_give_up),
        );
    }
    if base.time_wait_ms != other.time_wait_ms {
        say(
            vec![TimeWait],
            W::ReasonTimeWait,
            seconds(other.time_wait_ms),
            seconds(base.time_wait_ms),
        );
    }
    if base.fin_wait_2_timeout_ms != other.fin_wait_2_timeout_ms {
        let fw2 = |p: &Profile| {
            p.fin_wait_2_timeout_ms.map_or(word(W::Fw2Forever), |ms| {
                fill(t(lang, W::Fw2After), &[seconds(ms)])
            })
        };
        say(vec![FinWait2], W::ReasonFinWait2, fw2(other), fw2(base));
    }
    // "{b} {x}, {a} {y}": the stack first, then what it does.
    let mut each = |about: Vec<Topic>, template: W, x: String, y: String| {
        out.push((
            about,
            fill(t(lang, template), &[b.clone(), x, a.clone(), y]),
        ));
    };
    if base.slow_timer_ms != other.slow_timer_ms {
        let clock = |p: &Profile| match p.slow_timer_ms {
            Some(tick) => fill(t(lang, W::TimerTicks), &[seconds(tick)]),
            None => word(W::TimerMs),
        };
        each(
            vec![Retransmission, SynAck],
            W::ReasonEach,
            clock(other),
            clock(base),
        );
    }
    if base.time_wait_ignores_rst != other.time_wait_ignores_rst {
        let rst = |p: &Profile| {
            word(if p.time_wait_ignores_rst {
                W::IgnoresRst
            } else {
                W::RstEndsTimeWait
            })
        };
        each(vec![Rst], W::ReasonEach, rst(other), rst(base));
    }
    if (base.delayed_ack, base.simple_delayed_ack) != (other.delayed_ack, other.simple_delayed_ack)
    {
        let acks = |p: &Profile| match (p.delayed_ack, p.simple_delayed_ack) {
            (Some(_), _) => word(W::DelaysAcks),
            (None, Some(d)) => {
                let wait = match d.tick_ms {
                    None => seconds(d.wait_ms),
                    Some(tick) if d.wait_ms == 0 => fill(t(lang, W::AckNextTick), &[seconds(tick)]),
                    Some(tick) => fill(t(lang, W::AckTicked), &[seconds(d.wait_ms), seconds(tick)]),
                };
                fill(t(lang, W::DelaysDataAcks), &[wait])
            }
            (None, None) => word(W::AcksAtOnce),
        };
        each(vec![Ack], W::ReasonEach, acks(other), acks(base));
    }
    if base.syncookie_ms.is_some() != other.syncookie_ms.is_some() {
        let cookies = |p: &Profile| {
            word(if p.syncookie_ms.is_some() {
                W::Syncookies
            } else {
                W::NoSyncookies
            })
        };
        each(
            vec![SynAck, Rst, Close],
            W::ReasonEach,
            cookies(other),
            cookies(base),
        );
    }
    if base.reset_on_close_with_unread != other.reset_on_close_with_unread {
        let close = |p: &Profile| {
            word(if p.reset_on_close_with_unread {
                W::ResetsOnClose
            } else {
                W::SendsFin
            })
        };
        each(vec![Close], W::ReasonCloseUnread, close(other), close(base));
    }
    out
}

/// How many RTOs each of the first thirteen timeouts lasts (the factor
/// after 0, 1, … expiries): the schedule, whatever table or rule gives it.
fn factors(b: Backoff, linear: u32) -> Vec<u64> {
    (0..13u32)
        .map(|shift| match b {
            Backoff::Doubling if shift <= linear => 1,
            Backoff::Doubling => 1 << (shift - linear),
            other => other.factor(shift),
        })
        .collect()
}

/// A schedule in words: "double each time, up to 512×", "stay at one RTO
/// for 5, then double, up to 64×", "never grow".
fn factors_words(f: &[u64], lang: Lang) -> String {
    let ones = f.iter().take_while(|&&x| x == 1).count();
    if ones == f.len() {
        return t(lang, EditorWord::BackoffNever).into();
    }
    let last = f[f.len() - 1];
    let cap = if f[f.len() - 2] == last {
        fill(t(lang, EditorWord::BackoffCap), &[last.to_string()])
    } else {
        String::new()
    };
    if ones == 1 {
        format!("{}{cap}", t(lang, EditorWord::BackoffDouble))
    } else {
        format!(
            "{}{cap}",
            fill(t(lang, EditorWord::BackoffLinear), &[ones.to_string()])
        )
    }
}

/// One column of a comparison: a model's profile, or the real smoltcp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Model(ProfileName),
    Smoltcp,
}

impl Column {
    /// Every column there is, in the one order: the profiles, then smoltcp.
    pub const ALL: [Column; 8] = [
        Column::Model(ProfileName::Rfc),
        Column::Model(ProfileName::Linux),
        Column::Model(ProfileName::Linux5),
        Column::Model(ProfileName::FreeBsd),
        Column::Model(ProfileName::MacOs),
        Column::Model(ProfileName::Windows),
        Column::Model(ProfileName::Lwip),
        Column::Smoltcp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Column::Model(p) => p.as_str(),
            Column::Smoltcp => "smoltcp",
        }
    }

    pub fn parse(text: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Its name on screen (a stack's name is the same in both languages).
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Column::Model(p) => t(lang, p.word()),
            Column::Smoltcp => "smoltcp",
        }
    }

    /// Its run of `scenario`, both hosts on it. The smoltcp run is made by
    /// the crate itself; only the module and the command line call this
    /// with it, so the page's first load does not link smoltcp.
    pub fn run(self, scenario: &crate::scenario::Scenario) -> Trace {
        let mut s = scenario.clone();
        (s.client_profile, s.server_profile) = (None, None);
        match self {
            Column::Model(p) => {
                s.profile = p;
                crate::sim::run(&s)
            }
            Column::Smoltcp => crate::sim::run_smoltcp(&s, [true, true]),
        }
    }

    /// The reasons between two columns: the models' numbers (smoltcp's are
    /// in its own code, not in a profile).
    pub fn why(self, other: Column, found: &[Difference], lang: Lang) -> Vec<String> {
        match (self, other) {
            (Column::Model(a), Column::Model(b)) => why(&a.profile(), &b.profile(), found, lang),
            _ => Vec::new(),
        }
    }
}

/// The stacks a Compare view shows (one to four), as a set: the first in
/// `Column::ALL`'s order is the one the others are compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stacks(u8);

impl Stacks {
    pub const MAX: usize = 4;
    /// What the view opens with: the stacks a class most often meets.
    pub const USUAL: Stacks = Stacks(0b0111010);

    fn bit(c: Column) -> u8 {
        let i = Column::ALL.iter().position(|&d| d == c).unwrap_or(0);
        1 << i
    }

    /// As it crosses from the module to the page; None for none or five.
    pub fn from_bits(bits: u8) -> Option<Stacks> {
        (1..=Stacks::MAX as u32)
            .contains(&bits.count_ones())
            .then_some(Stacks(bits))
    }

    /// One to four columns; None for none or more than four.
    pub fn of(list: &[Column]) -> Option<Stacks> {
        Stacks::from_bits(list.iter().fold(0u8, |b, &c| b | Stacks::bit(c)))
    }

    pub fn list(self) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|&c| self.contains(c))
            .collect()
    }

    pub fn contains(self, c: Column) -> bool {
        self.0 & Stacks::bit(c) != 0
    }

    /// With `c` added or taken away; None if that leaves none or five.
    pub fn toggled(self, c: Column) -> Option<Stacks> {
        Stacks::from_bits(self.0 ^ Stacks::bit(c))
    }

    /// As a link writes it: `linux,freebsd,macos`.
    pub fn text(self) -> String {
        let names: Vec<&str> = self.list().iter().map(|c| c.as_str()).collect();
        names.join(",")
    }

    pub fn parse(text: &str) -> Option<Stacks> {
        let list: Option<Vec<Column>> = text.split(',').map(Column::parse).collect();
        let list = list?;
        let stacks = Stacks::of(&list)?;
        // Each named once.
        (stacks.list().len() == list.len()).then_some(stacks)
    }

    /// As it crosses between the page and the module.
    pub fn bits(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_are_one_to_four_and_read_back() {
        assert_eq!(Stacks::USUAL.text(), "linux,freebsd,macos,windows");
        let s = Stacks::parse("windows,linux").unwrap();
        // Written in the one order, whatever order they were given in.
        assert_eq!(
            s.list(),
            [
                Column::Model(ProfileName::Linux),
                Column::Model(ProfileName::Windows)
            ]
        );
        assert_eq!(
            Stacks::parse("smoltcp,lwip").unwrap().text(),
            "lwip,smoltcp"
        );
        assert_eq!(Stacks::parse(&s.text()), Some(s));
        assert_eq!(Stacks::from_bits(s.bits()), Some(s));
        for bad in [
            "",
            "linux,linux",
            "linux,beos",
            "rfc,linux,linux-5,freebsd,macos",
        ] {
            assert_eq!(Stacks::parse(bad), None, "{bad}");
        }
        let col = Column::Model;
        assert_eq!(Stacks::USUAL.toggled(Column::Smoltcp), None);
        assert_eq!(
            Stacks::USUAL
                .toggled(col(ProfileName::MacOs))
                .map(Stacks::text),
            Some("linux,freebsd,windows".into())
        );
        assert_eq!(
            s.toggled(col(ProfileName::Linux))
                .unwrap()
                .toggled(col(ProfileName::Windows)),
            None
        );
        assert_eq!(Stacks::from_bits(0), None);
        assert_eq!(Stacks::from_bits(0b1111_1000), None);
    }
}
