use super::*;
use crate::scenario::presets;
use crate::tcp::State;

fn run_all(start: Scenario, edits: &[Edit]) -> Scenario {
    edits.iter().fold(start, |s, e| {
        apply(&s, e).unwrap_or_else(|err| panic!("{e:?}: {err}"))
    })
}

fn call(host: Host, index: usize, call: Call, after: Trigger, delay_ms: u64) -> Edit {
    Edit::SetStep {
        host,
        index,
        step: Step {
            call,
            after,
            delay_ms,
        },
    }
}

/// The course notes' Python socket example, written from nothing as a
/// teacher would in the editor: the server listens and closes when it reads
/// end of file; the client connects, sends, and closes.
#[test]
fn the_socket_example_built_step_by_step() {
    let (c, s) = (Host::Client, Host::Server);
    let scenario = run_all(
        presets::blank(),
        &[
            Edit::AddStep { host: s },
            call(s, 0, Call::Listen, Trigger::Start, 0),
            Edit::AddStep { host: s },
            call(s, 1, Call::Close, Trigger::Eof, 50),
            Edit::AddStep { host: c },
            Edit::AddStep { host: c },
            call(c, 1, Call::Send(6), Trigger::Established, 150),
            Edit::DuplicateStep { host: c, index: 1 },
            call(c, 2, Call::Close, Trigger::Established, 200),
            Edit::Title("Python socket example".into()),
        ],
    );
    assert_eq!(
        scenario.client.script,
        [
            Step::at(0, Call::Connect),
            Step::when_established(150, Call::Send(6)),
            Step::when_established(200, Call::Close),
        ]
    );
    assert_eq!(scenario.title.as_deref(), Some("Python socket example"));
    let t = crate::run(&scenario);
    let segs: Vec<String> = t
        .segments
        .iter()
        .map(|x| {
            format!(
                "{} {} {} {} {}",
                x.id, x.header.flags, x.header.seq.0, x.header.ack.0, x.header.len
            )
        })
        .collect();
    assert_eq!(
        segs,
        [
            "c1 SYN 1000 0 0",
            "s1 SYN,ACK 5000 1001 0",
            "c2 ACK 1001 5001 0",
            "c3 ACK,PSH 1001 5001 6",
            // Both leave at 300 ms: the close was due before the data arrived.
            "c4 FIN,ACK 1007 5001 0",
            "s2 ACK 5001 1007 0",
            "s3 ACK 5001 1008 0",
            "s4 FIN,ACK 5001 1008 0",
            "c5 ACK 1008 5002 0",
        ]
    );
    assert_eq!(t.final_state(Host::Client), State::Closed);
    assert_eq!(
        t.states(Host::Server),
        [
            State::Closed,
            State::Listen,
            State::SynReceived,
            State::Established,
            State::CloseWait,
            State::LastAck,
            State::Closed
        ]
    );
}

#[test]
fn steps_move_duplicate_and_go_within_bounds() {
    let h = Host::Client;
    let s = presets::by_name("client-close").unwrap();
    let moved = apply(
        &s,
        &Edit::MoveStep {
            host: h,
            index: 1,
            up: true,
        },
    )
    .unwrap();
    assert_eq!(
        moved.client.script,
        [s.client.script[1], s.client.script[0]]
    );
    assert_eq!(
        apply(
            &s,
            &Edit::MoveStep {
                host: h,
                index: 0,
                up: true
            }
        )
        .unwrap_err()
        .to_string(),
        "Client: the script has no step 1"
    );
    assert_eq!(
        apply(
            &s,
            &Edit::MoveStep {
                host: h,
                index: 1,
                up: false
            }
        )
        .unwrap_err()
        .to_string(),
        "Client: the script has no step 2"
    );
    assert_eq!(
        apply(&s, &Edit::RemoveStep { host: h, index: 0 })
            .unwrap()
            .client
            .script,
        [s.client.script[1]]
    );
    let mut full = s.clone();
    full.client.script = vec![Step::at(0, Call::Connect); limits::MAX_STEPS];
    for edit in [
        Edit::AddStep { host: h },
        Edit::DuplicateStep { host: h, index: 0 },
    ] {
        assert_eq!(
            apply(&full, &edit).unwrap_err().to_string(),
            "a script holds at most 64 steps"
        );
    }
}

#[test]
fn numbers_fixed_or_from_a_seed() {
    let s = presets::by_name("handshake").unwrap();
    let seeded = apply(&s, &Edit::NewNumbers).unwrap();
    assert_eq!(seeded.isn_seed, Some(1));
    let again = apply(&seeded, &Edit::NewNumbers).unwrap();
    assert_eq!(again.isn_seed, Some(2));
    assert_ne!(again.isn(Host::Client), seeded.isn(Host::Client));
    let typed = apply(
        &again,
        &Edit::Isn {
            host: Host::Server,
            isn: 7,
        },
    )
    .unwrap();
    assert_eq!(
        (
            typed.isn_seed,
            typed.isn(Host::Server),
            typed.isn(Host::Client)
        ),
        (None, 7, 1000)
    );
    assert_eq!(crate::run(&typed).segments[1].header.seq.0, 7);
}

#[test]
fn invalid_scenarios_are_refused_and_blank_text_is_no_title() {
    let s = presets::by_name("handshake").unwrap();
    assert_eq!(
        apply(
            &s,
            &Edit::Latency {
                from: Host::Server,
                ms: 60_001
            }
        )
        .unwrap_err()
        .to_string(),
        "Server → Client latency 60001 ms is over the limit of 60000 ms"
    );
    let titled = apply(&s, &Edit::Title("  ".into())).unwrap();
    assert_eq!(titled.title, None);
    let dup = apply(
        &s,
        &Edit::Fault {
            id: "s1".into(),
            fault: Some(Fault::Duplicate(100)),
        },
    )
    .unwrap();
    assert_eq!(dup.faults.get("s1"), Some(&Fault::Duplicate(100)));
    assert!(apply(&dup, &Edit::ClearFaults).unwrap().faults.is_empty());
}

#[test]
fn typed_numbers_say_what_is_wrong_in_both_languages() {
    let f = NumberField::FaultMs;
    assert_eq!(f.parse("300", Lang::En), Ok(300));
    assert_eq!(f.parse(" 1,500 ", Lang::En), Ok(1500));
    for bad in [
        "",
        "-5",
        "1.5",
        "soon",
        "600001",
        "+3",
        "99999999999999999999999",
    ] {
        assert_eq!(
            f.parse(bad, Lang::En),
            Err("the delay must be a whole number of milliseconds from 0 to 600,000".into()),
            "{bad:?}"
        );
    }
    assert_eq!(
        NumberField::Mss.parse("0", Lang::En),
        Err("MSS must be between 1 and 65,495".into())
    );
    assert_eq!(
        NumberField::Mss.parse("0", Lang::Zh),
        Err("MSS 必须在 1 到 65,495 之间".into())
    );
    assert_eq!(NumberField::Port.parse("65535", Lang::En), Ok(65535));
    assert_eq!(
        NumberField::Isn.parse("4294967295", Lang::En),
        Ok(u32::MAX as u64)
    );
    assert_eq!(grouped(4_294_967_295), "4,294,967,295");
    assert_eq!(grouped(500), "500");
}
