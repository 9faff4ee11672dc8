//! The textbook's letters (x, y for the handshake; U, V, W for the close),
//! checked against the course notes' formulas and across every preset.

mod common;
use synack::scenario::{presets, Host};
use synack::trace::{Numbering, Numbers, Shown, Trace};

fn run(name: &str) -> Trace {
    synack::run(&presets::by_name(name).unwrap())
}

/// `id FLAGS seq=… ack=…` for every segment, in letters.
fn lettered(name: &str) -> Vec<String> {
    let t = run(name);
    let n = Numbers::of(&t, Numbering::Letters);
    (0..t.segments.len())
        .map(|i| format!("{} {}", t.segments[i].id, n.label(&t, i)))
        .collect()
}

#[test]
fn handshake_is_x_and_y() {
    assert_eq!(
        lettered("handshake"),
        [
            "c1 SYN seq=x",
            "s1 SYN,ACK seq=y ack=x+1",
            "c2 ACK seq=x+1 ack=y+1"
        ]
    );
}

#[test]
fn client_close_is_the_notes_four_segments() {
    assert_eq!(
        lettered("client-close")[3..],
        [
            "c3 FIN,ACK seq=U ack=y+1",
            "s2 ACK seq=V ack=U+1",
            "s3 FIN,ACK seq=W ack=U+1",
            "c4 ACK seq=U+1 ack=W+1",
        ]
    );
}

#[test]
fn server_close_puts_u_on_the_server() {
    let l = lettered("server-close");
    let close: Vec<&str> = l
        .iter()
        .map(String::as_str)
        .filter(|s| s.contains("U") || s.contains("W"))
        .collect();
    assert_eq!(
        close,
        [
            "s4 FIN,ACK seq=U ack=x+101",
            // The client's ACK of the server's 300 bytes expects the FIN next.
            "c4 ACK seq=x+101 ack=U",
            "c5 ACK seq=V ack=U+1",
            "c6 FIN,ACK seq=W ack=U+1",
            "s5 ACK seq=U+1 ack=W+1",
        ]
    );
}

#[test]
fn three_segment_close_merges_v_into_w() {
    assert_eq!(
        lettered("three-segment-close")[3..],
        [
            "c3 FIN,ACK seq=U ack=y+1",
            "s2 FIN,ACK seq=W ack=U+1",
            "c4 ACK seq=U+1 ack=W+1"
        ]
    );
}

#[test]
fn half_close_data_moves_w_not_u() {
    let t = run("half-close");
    let n = Numbers::of(&t, Numbering::Letters);
    let l = lettered("half-close");
    assert_eq!(
        l[3..],
        [
            "c3 FIN,ACK seq=U ack=y+1",
            "s2 ACK seq=V ack=U+1",
            "s3 ACK,PSH seq=V ack=U+1 len=1000",
            "c4 ACK seq=U+1 ack=V+1000",
            "s4 FIN,ACK seq=W ack=U+1",
            "c5 ACK seq=U+1 ack=W+1",
        ]
    );
    let value = |c: char| n.letters().iter().find(|l| l.name == c).unwrap().value;
    assert_eq!(value('W'), value('V') + 1000);
    assert_eq!(value('U'), 1001);
}

#[test]
fn simultaneous_close_names_the_first_fin_u() {
    assert_eq!(
        lettered("simultaneous-close")[3..],
        [
            "c3 FIN,ACK seq=U ack=y+1",
            // Sent before the client's FIN arrived: its ack is x+1, the same number as U.
            "s2 FIN,ACK seq=W ack=U",
            "s3 ACK seq=W+1 ack=U+1",
            "c4 ACK seq=U+1 ack=W+1",
        ]
    );
    // No V: the server never acknowledged U before sending its own FIN.
    let t = run("simultaneous-close");
    let names: String = Numbers::of(&t, Numbering::Letters)
        .letters()
        .iter()
        .map(|l| l.name)
        .collect();
    assert_eq!(names, "xyUW");
}

#[test]
fn a_retransmitted_fin_keeps_u_and_a_reset_to_a_syn_keeps_its_zero() {
    let l = lettered("lost-fin");
    assert_eq!(l[3], "c3 FIN,ACK seq=U ack=y+1");
    assert_eq!(l[4], "c4 FIN,ACK seq=U ack=y+1");
    assert_eq!(
        lettered("refused"),
        ["c1 SYN seq=x", "s1 RST,ACK seq=0 ack=x+1"]
    );
}

#[test]
fn every_number_of_every_preset_reads_back_to_its_value() {
    for p in presets::PRESETS {
        let t = run(p.name);
        let n = Numbers::of(&t, Numbering::Letters);
        for i in 0..t.segments.len() {
            let s = &t.segments[i];
            let mut numbers = vec![(n.seq(&t, i), s.from, s.header.seq.0)];
            if s.header.flags.ack {
                numbers.push((n.ack(&t, i), s.to(), s.header.ack.0));
            }
            for (shown, owner, value) in numbers {
                assert_eq!(
                    n.value_of(&shown.to_string(), owner),
                    Some(value),
                    "{} {} {shown}",
                    p.name,
                    s.id
                );
            }
            // Whatever a connection's own segments carry has a letter, except
            // a reset's zero and an ack field without the ACK flag.
            let seq = n.seq(&t, i);
            if !(s.injected || s.header.flags.rst && s.header.seq.0 == 0) {
                assert!(
                    matches!(seq, Shown::Letter(..)),
                    "{} {} seq={seq}",
                    p.name,
                    s.id
                );
            }
        }
    }
}

#[test]
fn typed_answers_read_in_either_numbering() {
    let t = run("client-close");
    let n = Numbers::of(&t, Numbering::Letters);
    let (c, s) = (Host::Client, Host::Server);
    assert_eq!(n.value_of("U+1", c), Some(1002));
    assert_eq!(n.value_of(" y + 1 ", s), Some(5001));
    assert_eq!(
        n.value_of("5001", s),
        Some(5001),
        "an absolute number is right in letters too"
    );
    assert_eq!(n.value_of("W-1", s), Some(5000));
    assert_eq!(n.value_of("U+1", s), None, "U is the client's number here");
    assert_eq!(
        n.value_of("u+1", c),
        None,
        "letters are as the notes write them"
    );
    assert_eq!(n.value_of("Q", c), None);
    assert_eq!(n.value_of("y+", s), None);
    let relative = Numbers::of(&t, Numbering::Relative);
    assert_eq!(relative.value_of("1", s), Some(5001));
    assert_eq!(relative.value_of("y+1", s), None);
    assert_eq!(
        Numbers::of(&t, Numbering::Absolute).value_of("5001", s),
        Some(5001)
    );
}

#[test]
fn the_command_prints_letters_and_keeps_relative_as_an_alias() {
    let (code, out, _) = common::cli(&["trace", "--preset", "handshake", "--numbers", "letters"]);
    assert_eq!(code, 0);
    assert!(out.contains("SYN,ACK seq=y ack=x+1"), "{out}");
    let (_, json, _) = common::cli(&[
        "trace",
        "--preset",
        "handshake",
        "--numbers",
        "letters",
        "--json",
    ]);
    assert!(json.contains(r#""seq":"y","ack":"x+1""#), "{json}");
    let (_, rel, _) = common::cli(&["trace", "--preset", "handshake", "--relative"]);
    assert!(rel.contains("SYN,ACK seq=0 ack=1"), "{rel}");
    let (code, _, err) = common::cli(&["trace", "--preset", "handshake", "--numbers", "roman"]);
    assert_eq!(
        (code, err.trim()),
        (
            2,
            "synack: --numbers takes absolute, relative or letters, not 'roman'"
        )
    );
}
