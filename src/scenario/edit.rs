//! What the scenario editor can do to a scenario, as plain data: the page
//! turns clicks and keystrokes into `Edit`s, `apply` makes the new scenario,
//! and the reducer keeps the old one for undo. Natively testable, like the
//! rest of the core.
//!
//! Typed numbers are checked field by field (`NumberField::parse`) with a
//! message in the page's language, so an invalid value never reaches the
//! engine; `apply` then validates the whole scenario as a file or link would.

use super::{limits, Fault, Host, Scenario, ScenarioError, Step, Trigger};
use crate::i18n::{Arg, Lang, Word};
use crate::tcp::{Call, ProfileName};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Title(String),
    Note(String),
    Latency {
        from: Host,
        ms: u64,
    },
    Mss(u32),
    /// None: ACK at once; Some(ms): hold a pure ACK up to ms.
    DelayedAck {
        host: Host,
        ms: Option<u64>,
    },
    Port {
        host: Host,
        port: u16,
    },
    Isn {
        host: Host,
        isn: u32,
    },
    /// None: the fixed ISNs; Some(seed): both drawn from the seed.
    Seed(Option<u64>),
    /// "New numbers": the next seed (and random numbers if they were fixed).
    NewNumbers,
    Profile(ProfileName),
    /// One host's own stack (None: the scenario's).
    HostProfile {
        host: Host,
        profile: Option<ProfileName>,
    },
    AddStep {
        host: Host,
    },
    RemoveStep {
        host: Host,
        index: usize,
    },
    DuplicateStep {
        host: Host,
        index: usize,
    },
    /// Swap the step with its neighbour above (`up`) or below.
    MoveStep {
        host: Host,
        index: usize,
        up: bool,
    },
    SetStep {
        host: Host,
        index: usize,
        step: Step,
    },
    Fault {
        id: String,
        fault: Option<Fault>,
    },
    ClearFaults,
}

impl Edit {
    /// The field this edit changes, if it is one typed into: further edits
    /// of the same field (typing 3, 30, 300) are one step to undo, not three.
    pub fn field(&self) -> Option<String> {
        match self {
            Edit::Title(_) => Some("title".into()),
            Edit::Note(_) => Some("note".into()),
            Edit::Latency { from, .. } => Some(format!("latency-{}", from.name())),
            Edit::Mss(_) => Some("mss".into()),
            Edit::DelayedAck { host, .. } => Some(format!("dack-{}", host.name())),
            Edit::Port { host, .. } => Some(format!("port-{}", host.name())),
            Edit::Isn { host, .. } => Some(format!("isn-{}", host.name())),
            Edit::Seed(Some(_)) => Some("seed".into()),
            Edit::SetStep { host, index, .. } => Some(format!("step-{}-{index}", host.name())),
            _ => None,
        }
    }
}

fn script(s: &mut Scenario, host: Host) -> &mut Vec<Step> {
    match host {
        Host::Client => &mut s.client.script,
        Host::Server => &mut s.server.script,
    }
}

fn no_step(host: Host, index: usize) -> ScenarioError {
    ScenarioError::new(Word::ScenarioNoStep, [host.into(), Arg::from(index + 1)])
}

/// The scenario after `edit`, validated; the caller keeps the old one when
/// this fails, so the last good diagram stays.
pub fn apply(before: &Scenario, edit: &Edit) -> Result<Scenario, ScenarioError> {
    let mut s = before.clone();
    match edit {
        // An empty title or note is no title or note.
        Edit::Title(text) => s.title = Some(text.clone()).filter(|t| !t.trim().is_empty()),
        Edit::Note(text) => s.note = Some(text.clone()).filter(|t| !t.trim().is_empty()),
        Edit::Latency { from, ms } => match from {
            Host::Client => s.client_to_server_ms = *ms,
            Host::Server => s.server_to_client_ms = *ms,
        },
        Edit::Mss(mss) => s.mss = *mss,
        Edit::DelayedAck { host, ms } => match host {
            Host::Client => s.client.delayed_ack_ms = *ms,
            Host::Server => s.server.delayed_ack_ms = *ms,
        },
        Edit::Port { host, port } => match host {
            Host::Client => s.client.port = *port,
            Host::Server => s.server.port = *port,
        },
        Edit::Isn { host, isn } => {
            // Typing a number means the numbers are fixed from now on.
            s.isn_seed = None;
            match host {
                Host::Client => s.client.isn = *isn,
                Host::Server => s.server.isn = *isn,
            }
        }
        Edit::Seed(seed) => s.isn_seed = *seed,
        Edit::NewNumbers => s.isn_seed = Some(s.isn_seed.map_or(1, |n| n.wrapping_add(1))),
        Edit::Profile(p) => s.profile = *p,
        Edit::HostProfile { host, profile } => match host {
            Host::Client => s.client_profile = *profile,
            Host::Server => s.server_profile = *profile,
        },
        Edit::AddStep { host } => {
            let steps = script(&mut s, *host);
            if steps.len() >= limits::MAX_STEPS {
                return Err(ScenarioError::new(
                    Word::ScenarioStepsFull,
                    [limits::MAX_STEPS],
                ));
            }
            // A new step does what a step most often does next: close at the end.
            let after = if steps.is_empty() {
                Trigger::Start
            } else {
                Trigger::Established
            };
            steps.push(Step {
                call: if steps.is_empty() {
                    Call::Connect
                } else {
                    Call::Close
                },
                after,
                delay_ms: 0,
            });
        }
        Edit::RemoveStep { host, index } => {
            let steps = script(&mut s, *host);
            if *index >= steps.len() {
                return Err(no_step(*host, *index));
            }
            steps.remove(*index);
        }
        Edit::DuplicateStep { host, index } => {
            let steps = script(&mut s, *host);
            let step = *steps.get(*index).ok_or_else(|| no_step(*host, *index))?;
            if steps.len() >= limits::MAX_STEPS {
                return Err(ScenarioError::new(
                    Word::ScenarioStepsFull,
                    [limits::MAX_STEPS],
                ));
            }
            steps.insert(index + 1, step);
        }
        Edit::MoveStep { host, index, up } => {
            let steps = script(&mut s, *host);
            let other = if *up {
                index.checked_sub(1)
            } else {
                Some(index + 1)
            };
            match other {
                Some(o) if o < steps.len() && *index < steps.len() => steps.swap(*index, o),
                _ => return Err(no_step(*host, *index)),
            }
        }
        Edit::SetStep { host, index, step } => {
            let slot = script(&mut s, *host)
                .get_mut(*index)
                .ok_or_else(|| no_step(*host, *index))?;
            *slot = *step;
        }
        Edit::Fault { id, fault } => s.set_fault(id, *fault),
        Edit::ClearFaults => s.faults.clear(),
    }
    s.validate()?;
    Ok(s)
}

/// A number typed into one of the editor's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberField {
    LatencyMs,
    Mss,
    /// 0 turns delayed ACK off.
    DelayedAckMs,
    Port,
    Isn,
    Seed,
    StepDelayMs,
    SendBytes,
    FaultMs,
}

impl NumberField {
    /// Inclusive bounds.
    pub fn range(self) -> (u64, u64) {
        use limits::*;
        match self {
            NumberField::LatencyMs => (0, MAX_LATENCY_MS),
            NumberField::Mss => (MIN_MSS as u64, MAX_MSS as u64),
            NumberField::DelayedAckMs => (0, MAX_DELAYED_ACK_MS),
            NumberField::Port => (1, u16::MAX as u64),
            NumberField::Isn => (0, u32::MAX as u64),
            NumberField::Seed => (0, u32::MAX as u64),
            NumberField::StepDelayMs => (0, MAX_STEP_DELAY_MS),
            NumberField::SendBytes => (1, MAX_SEND_BYTES),
            NumberField::FaultMs => (0, MAX_DELAY_MS),
        }
    }

    /// What the field must hold, in words: the whole message when it does not.
    pub fn rule(self, lang: Lang) -> String {
        let (lo, hi) = self.range();
        let (lo, hi) = (grouped(lo), grouped(hi));
        let zh = lang == Lang::Zh;
        match self {
            NumberField::LatencyMs if zh => format!("单向时延必须是 {lo} 到 {hi} 之间的整数毫秒"),
            NumberField::LatencyMs => {
                format!("the latency must be a whole number of milliseconds from {lo} to {hi}")
            }
            NumberField::Mss if zh => format!("MSS 必须在 {lo} 到 {hi} 之间"),
            NumberField::Mss => format!("MSS must be between {lo} and {hi}"),
            NumberField::DelayedAckMs if zh => {
                format!("延迟确认必须是 0（关闭）到 {hi} 之间的整数毫秒")
            }
            NumberField::DelayedAckMs => format!(
                "the delayed ACK must be 0 (off) or a whole number of milliseconds up to {hi}"
            ),
            NumberField::Port if zh => format!("端口号必须是 {lo} 到 {hi} 之间的整数"),
            NumberField::Port => format!("a port must be a whole number from {lo} to {hi}"),
            NumberField::Isn if zh => format!("初始序号必须是 {lo} 到 {hi} 之间的整数"),
            NumberField::Isn => {
                format!("an initial sequence number must be a whole number from {lo} to {hi}")
            }
            NumberField::Seed if zh => format!("种子必须是 {lo} 到 {hi} 之间的整数"),
            NumberField::Seed => format!("a seed must be a whole number from {lo} to {hi}"),
            NumberField::StepDelayMs | NumberField::FaultMs if zh => {
                format!("延迟必须是 {lo} 到 {hi} 之间的整数毫秒")
            }
            NumberField::StepDelayMs | NumberField::FaultMs => {
                format!("the delay must be a whole number of milliseconds from {lo} to {hi}")
            }
            NumberField::SendBytes if zh => format!("发送的字节数必须是 {lo} 到 {hi} 之间的整数"),
            NumberField::SendBytes => {
                format!("a send must be a whole number of bytes from {lo} to {hi}")
            }
        }
    }

    /// The value typed, or the rule it breaks. Spaces and thousands
    /// separators are allowed ("1,000"), nothing else.
    pub fn parse(self, text: &str, lang: Lang) -> Result<u64, String> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
            .collect();
        let (lo, hi) = self.range();
        match digits.parse::<u64>() {
            Ok(v) if (lo..=hi).contains(&v) && !digits.starts_with('+') => Ok(v),
            _ => Err(self.rule(lang)),
        }
    }
}

/// 600000 → "600,000", as the field messages print their bounds.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
