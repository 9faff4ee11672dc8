use super::*;
use crate::scenario::{Host, Step};
use crate::tcp::Call;

fn link(preset: &str) -> Link {
    Link::for_preset(preset).unwrap()
}

#[test]
fn the_common_case_is_readable() {
    let mut l = link("lost-syn");
    l.scenario.faults.insert("s.synack".into(), Fault::Drop);
    l.scenario.faults.insert("c.ack1".into(), Fault::Delay(300));
    l.cursor = Some(1200);
    assert_eq!(
        encode(&l),
        "v2/p=lost-syn&drop=c.syn,s.synack&delay=c.ack1:300&t=1200"
    );
    assert_eq!(
        decode(&format!("https://example.org/synack/#{}", encode(&l))).unwrap(),
        l
    );
}

#[test]
fn every_view_setting_round_trips() {
    let mut l = link("client-close");
    l.scenario.profile = ProfileName::Linux;
    l.scenario.client_to_server_ms = 20;
    l.scenario.isn_seed = Some(7);
    l.showing.numbering = crate::trace::Numbering::Relative;
    l.lang = Some(Lang::Zh);
    l.showing.theme = Theme::Dark;
    l.showing.embed = true;
    l.showing.range = Some((0, 500));
    l.autoplay = true;
    let text = encode(&l);
    assert_eq!(text, "v2/p=client-close&prof=linux&lat=20,50&seed=7&rel=1&lang=zh&theme=dark&embed=1&from=0&to=500&autoplay=1");
    assert_eq!(decode(&text).unwrap(), l);
}

#[test]
fn a_custom_scenario_is_packed() {
    let mut l = link("handshake");
    l.scenario
        .client
        .script
        .push(Step::when_established(10, Call::Send(42)));
    let text = encode(&l);
    assert!(text.starts_with("v2/p=handshake&z="), "{text}");
    let back = decode(&text).unwrap();
    assert_eq!(back.scenario, l.scenario);
    assert_eq!(back.preset.as_deref(), Some("handshake"));
}

/// Links made by earlier releases; they must keep opening, forever.
#[test]
fn fixture_links_still_open() {
    let l = decode("#v1/p=lost-last-ack&lang=zh").unwrap();
    assert_eq!(
        (l.preset.as_deref(), l.lang),
        (Some("lost-last-ack"), Some(Lang::Zh))
    );
    let l = decode("#v1/p=client-close&drop=c1&delay=s1:300&t=900&rel=1").unwrap();
    let t = crate::run(&l.scenario);
    assert_eq!(t.segment("c2").unwrap().sent, 1000);
    assert!(l.showing.numbering == crate::trace::Numbering::Relative && l.cursor == Some(900));
    let l = decode("v1/p=three-segment-close&prof=linux&embed=1&from=0&to=400").unwrap();
    assert_eq!(l.showing.range, Some((0, 400)));
}

/// A v1 link's ids were counted in the run with all its faults at once; it
/// opens on that very run, its faults named.
#[test]
fn v1_fault_ids_open_as_they_did() {
    let l = decode("#v1/p=lost-syn&drop=c1,s2&delay=c3:300&t=1200").unwrap();
    let mut by_ordinal = presets::by_name("lost-syn").unwrap();
    by_ordinal.faults.clear();
    for (id, f) in [
        ("c1", Fault::Drop),
        ("s2", Fault::Drop),
        ("c3", Fault::Delay(300)),
    ] {
        by_ordinal.faults.insert(id.into(), f);
    }
    assert_eq!(crate::run(&l.scenario), crate::run(&by_ordinal));
    let keys: Vec<_> = l.scenario.faults.keys().map(String::as_str).collect();
    assert_eq!(keys, ["c.ack1", "c.syn", "s.ack2"]);
    // The preset's own drop, delivered by its old id.
    let l = decode("#v1/p=lost-last-ack&deliver=c4").unwrap();
    assert!(l.scenario.faults.is_empty());
    // In a v1 link, `delay=c1` on lost-syn replaced the preset's drop of c1.
    let l = decode("#v1/p=lost-syn&delay=c1:300").unwrap();
    assert_eq!(l.scenario.faults.get("c.syn"), Some(&Fault::Delay(300)));
    assert_eq!(l.scenario.faults.len(), 1);
}

#[test]
fn bad_links_get_a_human_message() {
    let cases = [
        (
            "#v3/p=handshake",
            "link version 'v3' is not known to this synack (it reads v1 and v2)",
        ),
        (
            "#hello",
            "this is not a synack link (it should start with #v2/)",
        ),
        (
            "#v2/p=handshake&drop=c.fin01",
            "'c.fin01' is not a segment id (c1, s2 …)",
        ),
        ("#v1/p=nope", "unknown scenario 'nope'"),
        (
            "#v1/p=handshake&drop=c99",
            "segment c99 does not exist in this scenario",
        ),
        (
            "#v1/p=handshake&drop=zz",
            "'zz' is not a segment id (c1, s2 …)",
        ),
        (
            "#v1/p=handshake&lat=1000000000000",
            "Client → Server latency 1000000000000 ms is over the limit of 60000 ms",
        ),
        (
            "#v1/p=handshake&lat=abc",
            "'lat' must be a whole number, not 'abc'",
        ),
        (
            "#v1/p=handshake&delay=c1",
            "a delay is written id:ms, not 'c1'",
        ),
        (
            "#v1/p=handshake&bogus=1",
            "unknown setting 'bogus' in the link",
        ),
        (
            "#v1/z=!!!",
            "the packed scenario is not valid base64url (the link may be cut off)",
        ),
        (
            "#v1/z=AAAA",
            "the packed scenario does not unpack (the link may be cut off or too large)",
        ),
        ("#v1/t=5", "the link names no scenario (p=… or z=…)"),
        (
            "#v1/p=handshake&from=9&to=3",
            "'from' must not be after 'to'",
        ),
    ];
    for (input, message) in cases {
        let error = decode(input).unwrap_err();
        assert_eq!(error.to_string(), message, "{input}");
        // The Chinese page says it in Chinese: the same sentence, its own words.
        let zh = error.0.text(crate::i18n::Lang::Zh);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{input}: {zh}"
        );
    }
    assert_eq!(
        decode("#v2/p=handshake&garbage=1")
            .unwrap_err()
            .0
            .text(crate::i18n::Lang::Zh),
        "链接中有未知的设置“garbage”"
    );
    assert_eq!(
        decode("#v2/p=handshake&lat=70000")
            .unwrap_err()
            .0
            .text(crate::i18n::Lang::Zh),
        "客户端→服务器的单向时延 70000 ms 超过上限 60000 ms"
    );
    let huge = format!("#v1/p=handshake&drop={}", "c1,".repeat(3000));
    assert!(decode(&huge)
        .unwrap_err()
        .to_string()
        .contains("over the limit of 8192"));
    let many: Vec<String> = (1..=600).map(|n| format!("c{n}")).collect();
    assert!(decode(&format!("#v1/p=handshake&drop={}", many.join(",")))
        .unwrap_err()
        .to_string()
        .contains("faults"));
}

#[test]
fn a_truncated_packed_link_fails_cleanly() {
    let mut l = link("handshake");
    l.scenario.server.script.push(Step::at(5, Call::Send(10)));
    let text = encode(&l);
    for cut in [text.len() - 1, text.len() - 5, text.len() / 2] {
        let message = decode(&text[..cut]).unwrap_err().to_string();
        assert!(message.starts_with("the packed scenario"), "{message}");
    }
    assert_eq!(
        decode(&text)
            .unwrap()
            .scenario
            .host(Host::Server)
            .script
            .len(),
        2
    );
}

#[test]
fn a_preset_fault_that_a_profile_never_reaches_is_let_go() {
    // linux-5 gives up after 7 SYNs; the preset drops 11 for every profile.
    let l = decode("#v2/p=syn-timeout&prof=linux-5").unwrap();
    assert!(l.scenario.faults.contains_key("c.syn.11"));
    let t = crate::run(&l.scenario);
    assert_eq!(t.segments.len(), 7);
    let mut l = link("lost-syn");
    l.scenario.faults.remove("c.syn");
    assert_eq!(encode(&l), "v2/p=lost-syn&deliver=c.syn");
    assert_eq!(decode(&encode(&l)).unwrap(), l);
}

#[test]
fn packed_links_of_format_1_still_open() {
    // Made by the 2026-11-22 release (format 1, before titles and notes).
    let l =
        decode("#v1/z=ASwA0_8BADIymASwmgPoBwIBAAADAWQBKFCIJwIAAAADAmQAAAICYzMBrAICczEAAA").unwrap();
    let mut expected = presets::by_name("client-close").unwrap();
    expected.mss = 536;
    expected.client.delayed_ack_ms = Some(40);
    // Its faults were ids (c3, s1), now the names of those segments.
    expected.faults.insert("c.ack1".into(), Fault::Delay(300));
    expected.faults.insert("s.synack".into(), Fault::Drop);
    assert_eq!(l.scenario, expected);
    assert_eq!(l.preset, None);
}

#[test]
fn packed_links_of_format_2_still_open_with_one_stack() {
    // Made by the 2026-12-07 release (format 2, before a stack per host):
    // lost-fin under rfc, titled, the extra ACK (c5 then) dropped.
    let l = decode("#v2/z=2.AQpBIGxvc3QgRklOAAAyMrQLsJoD6AcCAQAAAwFkAFCIJwIAAAADAmQAAAIGYy5hY2syAAZjLmZpbjEAAA").unwrap();
    let mut expected = presets::by_name("lost-fin").unwrap();
    expected.title = Some("A lost FIN".into());
    expected.profile = ProfileName::Rfc;
    expected.faults.insert("c.ack2".into(), Fault::Drop);
    assert_eq!(l.scenario, expected);
    assert_eq!(
        (l.scenario.client_profile, l.scenario.server_profile),
        (None, None)
    );
    // Written again, it is today's format, and reads back the same.
    let again = encode(&l);
    assert!(again.contains("z=3."), "{again}");
    assert_eq!(decode(&again).unwrap().scenario, expected);
}

#[test]
fn a_stack_per_host_travels_in_both_forms() {
    let mut l = link("handshake");
    l.scenario.client_profile = Some(ProfileName::Windows);
    l.scenario.server_profile = Some(ProfileName::FreeBsd);
    let text = encode(&l);
    assert_eq!(
        text,
        "v2/p=handshake&prof.client=windows&prof.server=freebsd"
    );
    assert_eq!(decode(&text).unwrap(), l);
    // Packed with a title, the same.
    l.scenario.title = Some("Windows against FreeBSD".into());
    let packed = encode(&l);
    assert!(packed.contains("z=3."), "{packed}");
    assert_eq!(decode(&packed).unwrap(), l);
    assert!(decode("#v2/p=handshake&prof.client=beos").is_err());
}

#[test]
fn duplicates_are_readable_and_titles_travel_packed() {
    let mut l = Link::for_preset("client-close").unwrap();
    l.scenario
        .faults
        .insert("s.ack2".into(), Fault::Duplicate(100));
    l.scenario.faults.insert("c.ack1".into(), Fault::Delay(300));
    assert_eq!(
        encode(&l),
        "v2/p=client-close&delay=c.ack1:300&dup=s.ack2:100"
    );
    assert_eq!(decode(&encode(&l)).unwrap().scenario, l.scenario);
    assert_eq!(
        decode("#v1/p=client-close&dup=s2").unwrap_err().to_string(),
        "a dup is written id:ms, not 's2'"
    );

    l.scenario.title = Some("Week 5 <b>lab</b>".into());
    l.scenario.note = Some("Watch s2' arrive in TIME-WAIT & be re-acknowledged.".into());
    l.editor = true;
    let text = encode(&l);
    assert!(
        text.starts_with("v2/p=client-close&z=") && text.ends_with("&edit=1"),
        "{text}"
    );
    let back = decode(&text).unwrap();
    assert_eq!((&back.scenario, back.editor), (&l.scenario, true));

    l.scenario.title = Some("x".repeat(101));
    assert_eq!(
        decode(&encode(&l)).unwrap_err().to_string(),
        "the title has 101 characters, over the limit of 100"
    );
}

#[test]
fn teaching_links_carry_the_quiz_the_lock_and_the_letters() {
    let l = decode("#v1/p=client-close&num=letters&quiz=states,numbers&lock=1").unwrap();
    assert_eq!(l.showing.numbering, crate::trace::Numbering::Letters);
    assert_eq!(
        l.showing.quiz,
        Some(crate::quiz::Kinds {
            flags: false,
            numbers: true,
            states: true
        })
    );
    assert!(l.showing.locked);
    assert_eq!(
        encode(&l),
        "v2/p=client-close&num=letters&quiz=numbers,states&lock=1"
    );
    assert_eq!(
        decode("#v1/p=handshake&quiz=1").unwrap().showing.quiz,
        Some(crate::quiz::Kinds::ALL)
    );
    assert_eq!(decode("#v1/p=handshake&quiz=0").unwrap().showing.quiz, None);
    assert_eq!(
        decode("#v1/p=handshake&quiz=colours")
            .unwrap_err()
            .to_string(),
        "quiz=colours: expected 1, or flags, numbers, states (comma-separated)"
    );
    assert_eq!(
        decode("#v1/p=handshake&num=roman").unwrap_err().to_string(),
        "num=roman: expected absolute, relative or letters"
    );
}

#[test]
fn a_script_travels_in_the_link() {
    let mut l = link("handshake");
    let text = "0 listen(3, 1) = 0\n+0 < S 0:0(0) win 65535\n+0 > S. 0:0(0) ack 1 <...>\n";
    l.script = Some(("lab 1.pkt".into(), text.into()));
    let back = decode(&format!("#{}", encode(&l))).unwrap();
    assert_eq!(
        back.script,
        Some(("lab 1.pkt".to_string(), text.to_string()))
    );
    // The user's faults on the script's segments travel beside it.
    l.script_faults = [
        ("c2".to_string(), Fault::Drop),
        ("c3".to_string(), Fault::Delay(300)),
        ("c4".to_string(), Fault::Duplicate(20)),
    ]
    .into();
    l.script_profile = ProfileName::Rfc;
    let written = encode(&l);
    assert!(
        written.ends_with("&sdrop=c2&sdelay=c3:300&sdup=c4:20&sprof=rfc"),
        "{written}"
    );
    let back = decode(&format!("#{written}")).unwrap();
    assert_eq!(back.script_faults, l.script_faults);
    assert_eq!(back.script_profile, ProfileName::Rfc);
    assert!(back.scenario.faults.is_empty(), "not the scenario's faults");
    assert_eq!(
        decode("#v1/p=handshake&sdrop=c2").unwrap_err().to_string(),
        "sdrop, sdelay and sdup are for a script, and the link has none (pkt=…)"
    );
    assert_eq!(
        decode(&format!("#{written}").replace("sdelay=c3:300", "sdelay=c3"))
            .unwrap_err()
            .to_string(),
        "a delay is written id:ms, not 'c3'"
    );
    assert_eq!(
        decode("#v1/p=handshake&pkt=_w").unwrap_err().to_string(),
        "pkt=: the script in the link is not text"
    );
    assert_eq!(
        decode("#v1/p=handshake&pkt=A").unwrap_err().to_string(),
        "pkt=: the script in the link is cut off or too long"
    );
    // Too long for a link: left out rather than making one nobody can open.
    l.script = Some(("big.pkt".into(), "x".repeat(MAX_SCRIPT_BYTES + 1)));
    assert!(!encode(&l).contains("pkt="));
}

#[test]
fn a_broken_link_still_says_which_language_it_wants() {
    use crate::i18n::Lang;
    assert!(decode("#v2/p=nope&lang=zh").is_err());
    assert_eq!(lang_of("#v2/p=nope&lang=zh"), Some(Lang::Zh));
    assert_eq!(
        lang_of("https://x.org/synack/#v9/lang=zh&p=handshake"),
        Some(Lang::Zh)
    );
    assert_eq!(lang_of("#v2/p=handshake&lang=fr"), None);
    assert_eq!(lang_of("#v2/p=handshake&slang=zh"), None);
}
