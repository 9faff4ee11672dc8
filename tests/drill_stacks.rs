//! tests/drill/stacks/: scripts in FreeBSD's tcp-testsuite style, each
//! stack's answer in an `#ifdef` branch of its own, run against every
//! profile. Each branch is that stack's source read (cited in the script);
//! the Linux branch also runs on the real kernel (scripts/kernel_check.sh).

mod common;
use common::{cli, script_states, scripts_in};
use synack::drill::{self, defines::stack_names, Defines, Options};
use synack::scenario::Host;
use synack::tcp::{ProfileName, State};

fn options(profile: ProfileName) -> Options {
    Options {
        profile,
        ignore_timing: false,
        strict: false,
    }
}

/// The script run on `profile`'s model with `branches`' #ifdef names.
fn run(name: &str, profile: ProfileName, branches: ProfileName) -> drill::Report {
    let text = std::fs::read_to_string(format!("tests/drill/stacks/{name}.pkt")).unwrap();
    let script = drill::read_with(&text, &Defines::new().for_stack(branches)).unwrap();
    drill::run(&script, options(profile))
}

/// What the endpoint sent from `from_ms` on: flags, seq, ack (absolute), ms.
fn sent_from(r: &drill::Report, from_ms: u64) -> Vec<String> {
    r.trace
        .segments
        .iter()
        .filter(|s| s.from == r.local && s.sent >= from_ms)
        .map(|s| {
            format!(
                "{} {} {} @{}",
                s.header.flags, s.header.seq.0, s.header.ack.0, s.sent
            )
        })
        .collect()
}

#[test]
fn every_stacks_script_passes_on_every_profile_with_its_own_branch() {
    // script, then per profile in ProfileName::ALL order (rfc, linux,
    // linux-5, freebsd, macos, windows, lwip): the segments checked.
    let expected: [(&str, [usize; 7]); 4] = [
        ("lost-syn", [4, 7, 4, 4, 7, 2, 3]),
        ("time-wait-new-syn", [6, 6, 6, 6, 6, 6, 6]),
        ("time-wait-old-syn", [6, 6, 6, 5, 6, 6, 6]),
        ("time-wait-rst", [5, 5, 5, 5, 5, 5, 5]),
    ];
    let found = scripts_in("tests/drill/stacks");
    assert_eq!(
        found,
        expected.map(|(n, _)| n.to_string()),
        "every script is listed here"
    );
    for (name, checked) in expected {
        for (profile, checked) in ProfileName::ALL.into_iter().zip(checked) {
            let path = format!("tests/drill/stacks/{name}.pkt");
            let (code, out, err) = cli(&["drill", &path, "--profile", profile.as_str()]);
            assert_eq!(
                (code, err.as_str()),
                (0, ""),
                "{name} on {profile:?}: {out}"
            );
            assert!(
                out.ends_with(&format!("{checked} segments checked, 0 skipped\n")),
                "{name} on {profile:?}: {out}"
            );
        }
    }
}

#[test]
fn each_stack_names_itself_for_ifdef() {
    let names: Vec<&[&str]> = ProfileName::ALL.into_iter().map(stack_names).collect();
    assert_eq!(
        names,
        [
            &["STANDARD"][..],
            &["Linux"],
            &["Linux", "Linux5"],
            &["FreeBSD"],
            &["Darwin"],
            &["Windows"],
            &["lwIP"]
        ]
    );
}

#[test]
fn a_new_syn_in_time_wait_without_a_listener_as_each_stack_answers_it() {
    // The client's TIME-WAIT begins at 200 ms (the drill runs it from ISS 0
    // and IRS 0: its last ACK is seq 2 ack 2); the SYN seq 1000 comes at 300 ms.
    let ack = "ACK 2 2 @300".to_string();
    let reset = "RST,ACK 0 1001 @300".to_string();
    for (profile, reply, after) in [
        (ProfileName::Rfc, &ack, State::TimeWait),
        (ProfileName::Linux, &ack, State::TimeWait),
        (ProfileName::FreeBsd, &reset, State::Closed),
        (ProfileName::MacOs, &ack, State::TimeWait),
        (ProfileName::Lwip, &reset, State::TimeWait),
        (ProfileName::Windows, &ack, State::TimeWait),
    ] {
        let r = run("time-wait-new-syn", profile, profile);
        assert!(r.failures.is_empty(), "{profile:?}");
        assert_eq!(r.local, Host::Client);
        assert_eq!(sent_from(&r, 300)[0], *reply, "{profile:?}");
        assert_eq!(script_states(&r).last(), Some(&after), "{profile:?}");
        // Another stack's answer fails: the branches say something.
        let other = if *reply == ack {
            ProfileName::FreeBsd
        } else {
            ProfileName::Linux
        };
        assert!(
            !run("time-wait-new-syn", profile, other).failures.is_empty(),
            "{profile:?} with {other:?}'s branch"
        );
    }
}

#[test]
fn an_old_syn_in_time_wait_is_acknowledged_except_by_freebsd() {
    for profile in ProfileName::ALL {
        let r = run("time-wait-old-syn", profile, profile);
        assert!(r.failures.is_empty(), "{profile:?}");
        let expected: &[&str] = if profile == ProfileName::FreeBsd {
            &["ACK 2 2 @1300"]
        } else {
            &["ACK 2 2 @300", "ACK 2 2 @1300"]
        };
        assert_eq!(sent_from(&r, 300), expected, "{profile:?}");
    }
    assert!(!run(
        "time-wait-old-syn",
        ProfileName::FreeBsd,
        ProfileName::Linux
    )
    .failures
    .is_empty());
    assert!(!run(
        "time-wait-old-syn",
        ProfileName::Linux,
        ProfileName::FreeBsd
    )
    .failures
    .is_empty());
}

#[test]
fn a_listener_in_time_wait_reopens_from_snd_nxt_plus_65537_on_linux() {
    let text = std::fs::read_to_string("tests/drill/time-wait-syn-reopens.pkt").unwrap();
    let script = drill::read(&text).unwrap();
    let r = drill::run(&script, options(ProfileName::Linux));
    assert!(r.failures.is_empty());
    let iss = r
        .trace
        .segments
        .iter()
        .find(|s| s.from == r.local)
        .unwrap()
        .header
        .seq
        .0;
    let last = r.trace.segments.last().unwrap();
    assert_eq!(
        (
            last.header.flags.to_string(),
            last.header.seq.0.wrapping_sub(iss),
            last.header.ack.0
        ),
        ("SYN,ACK".to_string(), 65_539, 1_001)
    );
    assert_eq!(
        &script_states(&r)[script_states(&r).len() - 3..],
        [State::TimeWait, State::Listen, State::SynReceived]
    );
    // RFC 9293 has no such rule: the SYN inside the window gets a challenge ACK.
    let r = drill::run(&script, options(ProfileName::Rfc));
    assert_eq!(r.failures.len(), 1);
    assert_eq!(
        r.trace.segments.last().unwrap().header.flags.to_string(),
        "ACK"
    );
}
