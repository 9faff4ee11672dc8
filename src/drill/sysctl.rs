//! Shell lines in backticks (`` `sysctl -q net.ipv4.tcp_syn_retries=2` ``):
//! the sysctls the profile models become settings the run applies at the
//! line's time, as the kernel reads its sysctls when it needs them; every
//! other command (`../common/defaults.sh`, `tc`, `ip`) is reported skipped.

use crate::i18n::{EditorWord, Said};
use crate::tcp::{GiveUp, Profile};

/// A sysctl the `linux` profiles model, with its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// `tcp_syn_retries`: SYN retransmissions before connect() fails.
    SynRetries(u32),
    /// `tcp_synack_retries`: SYN,ACK retransmissions before the request is dropped.
    SynackRetries(u32),
    /// `tcp_syn_linear_timeouts`: SYN retransmissions at the initial RTO.
    SynLinearTimeouts(u32),
    /// `tcp_fin_timeout` (seconds): the orphaned FIN-WAIT-2 limit.
    FinTimeoutS(u32),
    /// `tcp_invalid_ratelimit` (ms; 0: no limit).
    InvalidRatelimitMs(u32),
    /// `tcp_rfc1337`: 1 keeps TIME-WAIT through an RST (RFC 1337).
    Rfc1337(bool),
}

impl Setting {
    pub fn apply(self, profile: &mut Profile) {
        match self {
            Setting::SynRetries(n) => profile.syn_give_up = GiveUp::AfterRetries(n),
            Setting::SynackRetries(n) => profile.synack_give_up = GiveUp::AfterRetries(n),
            Setting::SynLinearTimeouts(n) => profile.syn_linear_timeouts = n,
            Setting::FinTimeoutS(s) => profile.fin_wait_2_timeout_ms = Some(u64::from(s) * 1000),
            Setting::InvalidRatelimitMs(ms) => {
                profile.invalid_ratelimit = (ms > 0).then_some(crate::tcp::RateLimit {
                    count: 1,
                    per_ms: u64::from(ms),
                })
            }
            Setting::Rfc1337(on) => profile.time_wait_ignores_rst = on,
        }
    }
}

/// What one backtick line says: the settings it makes, and why each other
/// part of it is not played.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShellLine {
    pub settings: Vec<Setting>,
    pub skipped: Vec<Said<EditorWord>>,
}

/// Reads the commands of a backtick line (`;`, `&&` and new lines split them).
pub fn read_shell(command: &str) -> ShellLine {
    let mut out = ShellLine::default();
    for part in command.split([';', '\n']).flat_map(|p| p.split("&&")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match sysctl_assignments(part) {
            Some(assignments) => {
                for (name, value) in assignments {
                    match setting(name, value) {
                        Ok(Some(s)) => out.settings.push(s),
                        Ok(None) => {}
                        Err(why) => out.skipped.push(why),
                    }
                }
            }
            None => out
                .skipped
                .push(Said::new(EditorWord::DrillSkipShellCommand, [part])),
        }
    }
    out
}

/// `sysctl [-q] [-w] NAME=VALUE…` → its assignments; None if it is another command.
fn sysctl_assignments(command: &str) -> Option<Vec<(&str, &str)>> {
    let mut words = command.split_whitespace();
    if words.next()? != "sysctl" {
        return None;
    }
    let mut assignments = Vec::new();
    for word in words {
        if let Some(flags) = word.strip_prefix('-') {
            // -q (quiet) and -w (write) change nothing; reading (-a, -n) is not setting.
            if !flags.chars().all(|c| c == 'q' || c == 'w') {
                return None;
            }
            continue;
        }
        assignments.push(word.split_once('=')?);
    }
    (!assignments.is_empty()).then_some(assignments)
}

/// One assignment: a setting, nothing to do (the model already is so), or why not.
fn setting(name: &str, value: &str) -> Result<Option<Setting>, Said<EditorWord>> {
    let key = name.replace('/', ".");
    let key = key.strip_prefix("net.ipv4.").unwrap_or(&key);
    let number = || {
        value
            .trim()
            .parse::<u32>()
            .map_err(|_| Said::new(EditorWord::DrillSysctlNotNumber, [name, value]))
    };
    Ok(Some(match key {
        "tcp_syn_retries" => Setting::SynRetries(number()?),
        "tcp_synack_retries" => Setting::SynackRetries(number()?),
        "tcp_syn_linear_timeouts" => Setting::SynLinearTimeouts(number()?),
        "tcp_fin_timeout" => Setting::FinTimeoutS(number()?),
        "tcp_invalid_ratelimit" => Setting::InvalidRatelimitMs(number()?),
        "tcp_rfc1337" => Setting::Rfc1337(number()? != 0),
        // The model sends no TCP options but MSS: without timestamps it is
        // what it already is; with them, it cannot be.
        "tcp_timestamps" if number()? == 0 => return Ok(None),
        "tcp_timestamps" => {
            return Err(Said::new(EditorWord::DrillSysctlTimestamps, [name, value]))
        }
        _ => return Err(Said::new(EditorWord::DrillSysctlNotModelled, [name])),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sysctls_become_settings_and_other_commands_are_reported() {
        let line = read_shell(
            "sysctl -q net.ipv4.tcp_syn_retries=2; sysctl -w net/ipv4/tcp_fin_timeout=5 && ../common/defaults.sh",
        );
        assert_eq!(
            line.settings,
            [Setting::SynRetries(2), Setting::FinTimeoutS(5)]
        );
        assert_eq!(
            line.skipped
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            ["shell command ../common/defaults.sh"]
        );
        let line = read_shell("sysctl -q net.ipv4.tcp_timestamps=0 net.ipv4.tcp_rfc1337=1 net.ipv4.tcp_invalid_ratelimit=0");
        assert_eq!(
            line.settings,
            [Setting::Rfc1337(true), Setting::InvalidRatelimitMs(0)]
        );
        assert!(line.skipped.is_empty());
    }

    #[test]
    fn what_the_model_cannot_be_is_said() {
        let said = |c: &str| {
            read_shell(c)
                .skipped
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            said("sysctl -q net.ipv4.tcp_timestamps=1"),
            ["net.ipv4.tcp_timestamps=1: the model sends no TCP timestamps"]
        );
        assert_eq!(
            said("sysctl -q net.ipv4.tcp_sack=0"),
            ["sysctl net.ipv4.tcp_sack is not modelled"]
        );
        assert_eq!(
            said("sysctl -q net.ipv4.tcp_syn_retries=two"),
            ["sysctl net.ipv4.tcp_syn_retries=two: not a number"]
        );
        assert_eq!(said("sysctl -a"), ["shell command sysctl -a"]);
    }

    #[test]
    fn settings_change_the_profile() {
        let mut p = Profile::LINUX;
        for s in read_shell("sysctl -q net.ipv4.tcp_syn_retries=2 net.ipv4.tcp_synack_retries=1 net.ipv4.tcp_syn_linear_timeouts=0 net.ipv4.tcp_invalid_ratelimit=0 net.ipv4.tcp_fin_timeout=3").settings {
            s.apply(&mut p);
        }
        assert_eq!(p.syn_give_up, GiveUp::AfterRetries(2));
        assert_eq!(p.synack_give_up, GiveUp::AfterRetries(1));
        assert_eq!(p.syn_linear_timeouts, 0);
        assert_eq!(p.invalid_ratelimit, None);
        assert_eq!(p.fin_wait_2_timeout_ms, Some(3000));
    }
}
