//! What the user chose: each host's script, the timer profile, the link,
//! the initial sequence numbers and the faults. Presets are values of this type.

pub mod edit;
pub mod faults;
pub mod file;
pub mod naming;
pub mod presets;

use crate::i18n::{Arg, Said, Word};
use crate::tcp::{Call, Flags, ProfileName};
pub use faults::Faults;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    Client,
    Server,
}

impl Host {
    pub fn name(self) -> &'static str {
        match self {
            Host::Client => "client",
            Host::Server => "server",
        }
    }

    /// Its name on screen ("Client", "客户端"): one word for every view.
    pub fn word(self) -> crate::i18n::Word {
        match self {
            Host::Client => crate::i18n::Word::HostClient,
            Host::Server => crate::i18n::Word::HostServer,
        }
    }

    pub fn peer(self) -> Host {
        match self {
            Host::Client => Host::Server,
            Host::Server => Host::Client,
        }
    }

    /// The letter that starts this host's segment ids (`c1`, `s2`).
    pub fn letter(self) -> char {
        match self {
            Host::Client => 'c',
            Host::Server => 's',
        }
    }
}

/// What a script step waits for before its delay starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    /// The start of the run.
    #[default]
    Start,
    /// `connect()` or `accept()` returned: the host reached ESTABLISHED.
    Established,
    /// `recv()` returned 0: the peer's FIN reached the application.
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub call: Call,
    #[serde(default)]
    pub after: Trigger,
    /// Milliseconds after the trigger.
    #[serde(default)]
    pub delay_ms: u64,
}

impl Step {
    pub fn at(delay_ms: u64, call: Call) -> Step {
        Step {
            call,
            after: Trigger::Start,
            delay_ms,
        }
    }
    pub fn when_established(delay_ms: u64, call: Call) -> Step {
        Step {
            call,
            after: Trigger::Established,
            delay_ms,
        }
    }
    pub fn on_eof(delay_ms: u64, call: Call) -> Step {
        Step {
            call,
            after: Trigger::Eof,
            delay_ms,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSetup {
    pub port: u16,
    pub isn: u32,
    pub script: Vec<Step>,
    /// Hold a pure ACK this long so it can ride on data or a FIN (Linux's delayed ACK).
    #[serde(default)]
    pub delayed_ack_ms: Option<u64>,
}

/// What the link does to one segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fault {
    Drop,
    /// Extra one-way delay in milliseconds.
    Delay(u64),
    /// The link delivers the segment twice: a copy arrives this many
    /// milliseconds after the original. (Appended last: packed links number
    /// the variants, so the older ones keep their numbers.)
    Duplicate(u64),
}

/// A segment the network produces by itself: an old duplicate from an
/// earlier connection that was still wandering the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Injection {
    pub at_ms: u64,
    pub from: Host,
    pub flags: Flags,
    pub seq: u32,
    #[serde(default)]
    pub ack: u32,
    #[serde(default)]
    pub len: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// A teacher's own title and "what to notice" note, shown where a
    /// preset's lesson is. Plain text, never interpreted as markup.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub profile: ProfileName,
    pub client_to_server_ms: u64,
    pub server_to_client_ms: u64,
    pub mss: u32,
    pub client: HostSetup,
    pub server: HostSetup,
    /// When set, both ISNs are drawn from this seed instead of the fixed values.
    #[serde(default)]
    pub isn_seed: Option<u64>,
    /// Segment id (`c1`, `s2`, `o1`) to what the link does to it.
    #[serde(default)]
    pub faults: Faults,
    #[serde(default)]
    pub injections: Vec<Injection>,
    /// A stack per host (a Windows client against a Linux server): each
    /// overrides `profile` for that host. Last, so a packed link made before
    /// them reads as these two left unset (`link::packed`).
    #[serde(default)]
    pub client_profile: Option<ProfileName>,
    #[serde(default)]
    pub server_profile: Option<ProfileName>,
}

/// Bounds that keep every run small and every link sane.
pub mod limits {
    pub const MAX_LATENCY_MS: u64 = 60_000;
    pub const MAX_DELAY_MS: u64 = 600_000;
    pub const MAX_FAULTS: usize = 500;
    pub const MAX_STEPS: usize = 64;
    pub const MAX_SEND_BYTES: u64 = 4_000_000;
    pub const MAX_STEP_DELAY_MS: u64 = 3_600_000;
    pub const MAX_INJECTIONS: usize = 16;
    pub const MIN_MSS: u32 = 1;
    pub const MAX_MSS: u32 = 65_495;
    pub const MAX_TITLE_CHARS: usize = 100;
    pub const MAX_NOTE_CHARS: usize = 600;
    pub const MAX_DELAYED_ACK_MS: u64 = 500;
}

/// Why a scenario is refused, said in the reader's language where it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError(pub Said<Word>);

impl ScenarioError {
    pub fn new<A: Into<Arg>>(word: Word, args: impl IntoIterator<Item = A>) -> ScenarioError {
        ScenarioError(Said::new(word, args))
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ScenarioError {}

/// A segment id as used in faults: `c` or `s` (or `o` for an injected old
/// duplicate) followed by a transmission ordinal starting at 1.
pub fn parse_segment_id(id: &str) -> Option<(char, u32)> {
    let mut chars = id.chars();
    let letter = chars.next().filter(|c| matches!(c, 'c' | 's' | 'o'))?;
    let digits = chars.as_str();
    if digits.is_empty()
        || digits.len() > 6
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || digits.starts_with('0')
    {
        return None;
    }
    Some((letter, digits.parse().ok()?))
}

impl Scenario {
    /// The stack `host` runs: its own, or the scenario's.
    pub fn profile_of(&self, host: Host) -> ProfileName {
        match host {
            Host::Client => self.client_profile,
            Host::Server => self.server_profile,
        }
        .unwrap_or(self.profile)
    }

    /// Whether the two hosts run different stacks.
    pub fn mixed_stacks(&self) -> bool {
        self.profile_of(Host::Client) != self.profile_of(Host::Server)
    }

    pub fn host(&self, host: Host) -> &HostSetup {
        match host {
            Host::Client => &self.client,
            Host::Server => &self.server,
        }
    }

    pub fn latency(&self, from: Host) -> u64 {
        match from {
            Host::Client => self.client_to_server_ms,
            Host::Server => self.server_to_client_ms,
        }
    }

    /// The ISN each host starts from, fixed or drawn from the seed.
    pub fn isn(&self, host: Host) -> u32 {
        match self.isn_seed {
            None => self.host(host).isn,
            Some(seed) => {
                // splitmix64: a fixed, portable mix so a seed means the same ISNs everywhere.
                let mut z =
                    seed.wrapping_add(0x9e37_79b9_7f4a_7c15u64.wrapping_mul(1 + host as u64));
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                (z ^ (z >> 31)) as u32
            }
        }
    }

    pub fn set_fault(&mut self, id: &str, fault: Option<Fault>) {
        match fault {
            Some(f) => {
                self.faults.insert(id.to_string(), f);
            }
            None => {
                self.faults.remove(id);
            }
        }
    }

    /// Reject what no teacher means and what would make a run huge; name the limit.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        use limits::*;
        fn err<A: Into<Arg>>(
            word: Word,
            args: impl IntoIterator<Item = A>,
        ) -> Result<(), ScenarioError> {
            Err(ScenarioError::new(word, args))
        }
        for (word, text, max) in [
            (Word::ScenarioTitleTooLong, &self.title, MAX_TITLE_CHARS),
            (Word::ScenarioNoteTooLong, &self.note, MAX_NOTE_CHARS),
        ] {
            let chars = text.as_deref().map_or(0, |t| t.chars().count());
            if chars > max {
                return err(word, [chars, max]);
            }
        }
        for (from, to, ms) in [
            (Host::Client, Host::Server, self.client_to_server_ms),
            (Host::Server, Host::Client, self.server_to_client_ms),
        ] {
            if ms > MAX_LATENCY_MS {
                return err(
                    Word::ScenarioLatencyTooLong,
                    [from.into(), to.into(), Arg::from(ms), MAX_LATENCY_MS.into()],
                );
            }
        }
        if !(MIN_MSS..=MAX_MSS).contains(&self.mss) {
            return err(Word::ScenarioMss, [self.mss, MIN_MSS, MAX_MSS]);
        }
        if self.faults.len() > MAX_FAULTS {
            return err(Word::ScenarioTooManyFaults, [self.faults.len(), MAX_FAULTS]);
        }
        for (id, fault) in &self.faults {
            if parse_segment_id(id).is_none() && !naming::is_name(id) {
                return err(Word::ScenarioBadSegmentId, [id]);
            }
            match fault {
                Fault::Delay(ms) if *ms > MAX_DELAY_MS => {
                    return err(
                        Word::ScenarioDelayTooLong,
                        [id.into(), Arg::from(*ms), MAX_DELAY_MS.into()],
                    );
                }
                Fault::Duplicate(ms) if *ms > MAX_DELAY_MS => {
                    return err(
                        Word::ScenarioCopyTooLate,
                        [id.into(), Arg::from(*ms), MAX_DELAY_MS.into()],
                    );
                }
                _ => {}
            }
        }
        if self.injections.len() > MAX_INJECTIONS {
            return err(
                Word::ScenarioTooManyInjections,
                [self.injections.len(), MAX_INJECTIONS],
            );
        }
        for host in [Host::Client, Host::Server] {
            let setup = self.host(host);
            if setup.port == 0 {
                return err(Word::ScenarioPortZero, [host]);
            }
            if setup.script.len() > MAX_STEPS {
                return err(
                    Word::ScenarioTooManySteps,
                    [host.into(), setup.script.len().into(), Arg::from(MAX_STEPS)],
                );
            }
            let mut bytes = 0u64;
            for step in &setup.script {
                if step.delay_ms > MAX_STEP_DELAY_MS {
                    return err(
                        Word::ScenarioStepWait,
                        [
                            host.into(),
                            step.delay_ms.into(),
                            Arg::from(MAX_STEP_DELAY_MS),
                        ],
                    );
                }
                if let Call::Send(n) = step.call {
                    bytes += n as u64;
                }
            }
            if bytes > MAX_SEND_BYTES {
                return err(
                    Word::ScenarioSendTooMuch,
                    [host.into(), bytes.into(), Arg::from(MAX_SEND_BYTES)],
                );
            }
            if setup.delayed_ack_ms.is_some_and(|d| d > MAX_DELAYED_ACK_MS) {
                return err(
                    Word::ScenarioDelayedAckTooLong,
                    [host.into(), Arg::from(MAX_DELAYED_ACK_MS)],
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_ids_parse_strictly() {
        assert_eq!(parse_segment_id("c1"), Some(('c', 1)));
        assert_eq!(parse_segment_id("s12"), Some(('s', 12)));
        assert_eq!(parse_segment_id("o1"), Some(('o', 1)));
        for bad in ["", "c", "c0", "x1", "c01", "c-1", "c1a", "c9999999", "ñ1"] {
            assert_eq!(parse_segment_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn validation_names_the_limit() {
        let mut s = presets::by_name("handshake").unwrap();
        s.client_to_server_ms = 1_000_000_000_000;
        assert_eq!(
            s.validate().unwrap_err().to_string(),
            "Client → Server latency 1000000000000 ms is over the limit of 60000 ms"
        );
        let mut s = presets::by_name("handshake").unwrap();
        s.faults.insert("q7".into(), Fault::Drop);
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .contains("'q7' is not a segment id"));
    }

    #[test]
    fn seeded_isns_are_stable_and_differ_per_host() {
        let mut s = presets::by_name("handshake").unwrap();
        s.isn_seed = Some(42);
        let (c, sv) = (s.isn(Host::Client), s.isn(Host::Server));
        assert_ne!(c, sv);
        assert_eq!((c, sv), (s.isn(Host::Client), s.isn(Host::Server)));
    }
}
