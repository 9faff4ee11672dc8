//! The `synack` command: its output and its exit status on bad input.

use std::process::Command;

fn synack(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn presets_lists_one_per_line_with_a_description() {
    let (code, out, _) = synack(&["presets"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), synack::presets::PRESETS.len());
    assert!(lines
        .iter()
        .any(|l| l.starts_with("handshake  three-way handshake")));
    // Every preset has its own words, none left empty.
    for (line, preset) in lines.iter().zip(synack::presets::PRESETS) {
        let words = line.strip_prefix(preset.name).unwrap().trim();
        assert!(words.len() > 20, "{line}");
    }
}

#[test]
fn json_trace_has_the_documented_shapes() {
    let (code, out, err) = synack(&["trace", "--preset", "lost-syn", "--json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        r#"{"t":0,"event":"state","host":"server","from":"CLOSED","to":"LISTEN","cause":"listen"}"#
    );
    assert_eq!(
        lines[1],
        r#"{"t":0,"event":"state","host":"client","from":"CLOSED","to":"SYN-SENT","cause":"connect"}"#
    );
    assert_eq!(
        lines[2],
        r#"{"t":0,"event":"timer","host":"client","timer":"retransmit","action":"armed"}"#
    );
    assert_eq!(
        lines[3],
        r#"{"t":0,"event":"segment","id":"c1","name":"c.syn","from":"client","to":"server","flags":["SYN"],"seq":1000,"ack":0,"len":0,"arrives":null,"fate":"dropped"}"#
    );
    assert!(lines.contains(
        &r#"{"t":1000,"event":"timer","host":"client","timer":"retransmit","action":"fired"}"#
    ));
    assert!(lines.contains(
        &r#"{"t":1000,"event":"segment","id":"c2","name":"c.syn.2","from":"client","to":"server","flags":["SYN"],"seq":1000,"ack":0,"len":0,"arrives":1050,"fate":"delivered"}"#
    ));
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(["state", "segment", "timer", "error"].contains(&v["event"].as_str().unwrap()));
    }
}

#[test]
fn options_change_the_run() {
    let (code, out, _) = synack(&[
        "trace",
        "--preset",
        "client-close",
        "--profile",
        "linux",
        "--latency",
        "10",
        "--delay",
        "c1=300",
        "--drop",
        "s2",
        "--json",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains(r#""id":"c1","name":"c.syn","from":"client","to":"server","flags":["SYN"],"seq":1000,"ack":0,"len":0,"arrives":310,"fate":"delayed""#));
    assert!(out.contains(r#""id":"s2","#) && out.contains(r#""fate":"dropped""#));
    assert!(out.contains(r#"{"t":60540,"event":"state","host":"client","from":"TIME-WAIT","to":"CLOSED","cause":"time-wait-timeout"}"#), "{out}");
}

#[test]
fn timeout_error_line() {
    let (_, out, _) = synack(&[
        "trace",
        "--preset",
        "syn-timeout",
        "--profile",
        "linux",
        "--json",
    ]);
    assert!(out.contains(r#"{"t":131000,"event":"error","host":"client","error":"timed-out"}"#));
}

#[test]
fn scenario_file_is_read() {
    let path = std::env::temp_dir().join("synack-cli-test-scenario.json");
    let s = synack::presets::by_name("refused").unwrap();
    std::fs::write(&path, serde_json::to_string(&s).unwrap()).unwrap();
    let (code, out, _) = synack(&["trace", "--scenario", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("RST,ACK seq=0 ack=1001"));
}

#[test]
fn bad_input_is_one_line_on_stderr_and_status_2() {
    let bad_json = std::env::temp_dir().join("synack-cli-bad.json");
    std::fs::write(&bad_json, "{ not json").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["trace", "--preset", "nope"],
            "synack: unknown preset 'nope' (`synack presets` lists them)",
        ),
        (
            vec!["trace", "--preset", "handshake", "--drop", "c99"],
            "synack: no segment c99 in this trace (it has c1 s1 c2)",
        ),
        (
            vec!["trace", "--preset", "handshake", "--drop", "x1"],
            "synack: 'x1' is not a segment id (expected c1, s2 … or a name such as c.fin1)",
        ),
        (
            vec!["trace", "--preset", "handshake", "--delay", "c1=soon"],
            "synack: the delay must be a whole number of milliseconds, not 'soon'",
        ),
        (
            vec!["trace", "--preset", "handshake", "--delay", "c1"],
            "synack: --delay takes ID=MS, not 'c1'",
        ),
        (
            vec!["trace", "--preset", "handshake", "--profile", "bsd"],
            "synack: unknown profile 'bsd' (rfc, linux, linux-5, freebsd, macos, windows, lwip, or smoltcp)",
        ),
        (
            vec!["trace", "--preset", "handshake", "--latency", "99999999"],
            "synack: Client → Server latency 99999999 ms is over the limit of 60000 ms",
        ),
        (vec!["trace", "--preset"], "synack: --preset needs a value"),
        (
            vec!["trace"],
            "synack: trace needs --preset NAME, --scenario FILE.json or --link URL",
        ),
        (
            vec!["trace", "--link", "#v1/p=nope"],
            "synack: the link could not be read: unknown scenario 'nope'",
        ),
        (
            vec!["render", "--preset", "handshake"],
            "synack: render needs -o FILE.svg",
        ),
        (
            vec!["trace", "--preset", "handshake", "-o", "x.svg"],
            "synack: -o is for `synack render`; trace prints to standard output",
        ),
        (
            vec!["trace", "--preset", "handshake", "--duplicate", "c1"],
            "synack: --duplicate takes ID=MS, not 'c1'",
        ),
        (
            vec!["trace", "--preset", "handshake", "--duplicate", "c1=later"],
            "synack: the copy's delay must be a whole number of milliseconds, not 'later'",
        ),
        (vec!["scenario"], "synack: scenario takes --preset NAME"),
        (
            vec!["scenario", "--preset", "nope"],
            "synack: unknown preset 'nope' (`synack presets` lists them)",
        ),
        (
            vec!["link", "--preset", "handshake", "--json"],
            "synack: link prints the fragment; -o and --json are not for it",
        ),
        (
            vec!["link", "--preset", "handshake", "--duplicate", "c9=5"],
            "synack: no segment c9 in this trace (it has c1 s1 c2)",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = synack(&args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(out, "");
        assert_eq!(err.trim_end(), expected, "{args:?}");
    }
    let (code, _, err) = synack(&["trace", "--scenario", bad_json.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("synack: ")
            && err.contains("is not a valid scenario")
            && err.lines().count() == 1,
        "{err}"
    );
    let (code, _, err) = synack(&["bogus"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("synack: unknown command 'bogus'"));
}

#[test]
fn a_share_link_reproduces_the_same_trace() {
    let (code, from_link, _) = synack(&[
        "trace",
        "--link",
        "https://example.org/synack/#v1/p=client-close&drop=c1&delay=s1:300&prof=linux",
        "--json",
    ]);
    assert_eq!(code, 0);
    let (_, from_flags, _) = synack(&[
        "trace",
        "--preset",
        "client-close",
        "--drop",
        "c1",
        "--delay",
        "s1=300",
        "--profile",
        "linux",
        "--json",
    ]);
    assert_eq!(from_link, from_flags);
}

/// `synack render ARGS -o FILE`, checked to succeed silently; the SVG written.
fn render(args: &[&str]) -> String {
    let path = std::env::temp_dir().join(format!("synack-render-{}.svg", args.join("-")));
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", path.to_str().unwrap()]);
    let (code, out, err) = synack(&all);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn render_writes_a_standalone_svg_with_one_element_per_segment() {
    let svg = render(&["--preset", "lost-last-ack", "--lang", "zh"]);
    let (_, json, _) = synack(&["trace", "--preset", "lost-last-ack", "--json"]);
    let segments = json
        .lines()
        .filter(|l| l.contains(r#""event":"segment""#))
        .count();
    assert_eq!(segments, 9);
    // Parse it as XML and count the segment groups.
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let groups = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-seg").is_some())
        .count();
    assert_eq!(groups, segments);
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(svg.contains("客户端") && svg.contains(r#"data-seg="c4" data-fate="dropped""#));
}

#[test]
fn render_in_chinese_keeps_call_names_as_code_and_translates_the_rest() {
    let svg = render(&["--preset", "client-close", "--lang", "zh"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let calls: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("call mono"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        calls,
        [
            "listen()",
            "connect()",
            "connect() 返回",
            "accept() 返回",
            "close()",
            "recv() 返回 0",
            "close()",
            "recv() 返回 0",
        ]
    );
    assert!(
        !svg.contains("returns"),
        "an English word left in the Chinese SVG"
    );
    let english = render(&["--preset", "client-close"]);
    assert!(english.contains("accept() returns") && english.contains("recv() returns 0"));
}

/// A preset's scenario file and its share link both give back the preset's trace.
#[test]
fn every_preset_survives_scenario_file_and_link() {
    for p in synack::presets::PRESETS {
        let (code, json, err) = synack(&["scenario", "--preset", p.name]);
        assert_eq!((code, err.as_str()), (0, ""), "{}", p.name);
        let path = std::env::temp_dir().join(format!("synack-preset-{}.json", p.name));
        std::fs::write(&path, &json).unwrap();
        let (_, expected, _) = synack(&["trace", "--preset", p.name, "--json"]);
        let (code, from_file, err) =
            synack(&["trace", "--scenario", path.to_str().unwrap(), "--json"]);
        assert_eq!((code, err.as_str()), (0, ""), "{}", p.name);
        assert_eq!(from_file, expected, "{} from its scenario file", p.name);

        let (code, link, _) = synack(&["link", "--preset", p.name]);
        // Readable: the preset's name, then any faults it brings along.
        let readable = format!("#v2/p={}", p.name);
        assert!(
            code == 0 && (link.trim() == readable || link.starts_with(&(readable + "&"))),
            "{link}"
        );
        let (_, from_link, _) = synack(&["trace", "--link", link.trim(), "--json"]);
        assert_eq!(from_link, expected, "{} from its link", p.name);
        let (code, packed, _) = synack(&["link", "--scenario", path.to_str().unwrap()]);
        assert!(code == 0 && packed.starts_with("#v2/z="), "{packed}");
        let (_, from_packed, _) = synack(&["trace", "--link", packed.trim(), "--json"]);
        assert_eq!(from_packed, expected, "{} from its packed link", p.name);
    }
}

#[test]
fn link_carries_the_faults_given_on_the_command_line() {
    let faults = ["--drop", "c3", "--delay", "s1=300", "--duplicate", "s3=100"];
    let with = |head: &[&'static str], tail: &[&'static str]| -> Vec<&'static str> {
        head.iter().chain(&faults).chain(tail).copied().collect()
    };
    let (code, link, err) = synack(&with(&["link", "--preset", "client-close"], &[]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        link,
        "#v2/p=client-close&drop=c.fin1&delay=s.synack:300&dup=s.fin1:100\n"
    );
    let (_, direct, _) = synack(&with(&["trace", "--preset", "client-close"], &["--json"]));
    let (_, via_link, _) = synack(&["trace", "--link", link.trim(), "--json"]);
    assert_eq!(via_link, direct);
    assert!(direct.contains(r#""id":"s3'""#));
}

const CAPTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/captures/");

#[test]
fn connections_and_pcap_traces() {
    let file = format!("{CAPTURES}three-connections.pcap");
    let (code, out, _) = synack(&["connections", &file]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().collect::<Vec<_>>(), [
        "1  10.88.0.1:42188  10.88.0.2:8080  10 packets  start 0.000000 s  duration 0.247 ms  closed",
        "2  10.88.0.1:42194  10.88.0.2:8080  10 packets  start 0.200505 s  duration 0.300 ms  closed",
        "3  10.88.0.1:42200  10.88.0.2:8080  10 packets  start 0.401060 s  duration 0.322 ms  closed",
    ]);
    let lost = format!("{CAPTURES}lost-server-fin-twice.pcap");
    let (code, out, _) = synack(&["trace", "--pcap", &lost, "--json", "--relative"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    // s2 passed the capture point and never reached the client: c4 is its answer.
    assert!(lines.contains(&r#"{"t":200,"event":"mark","mark":"lost-after-capture","id":"s2","resent":"c4","after_ms":204}"#), "{out}");
    assert!(lines.contains(&r#"{"t":404,"event":"mark","mark":"retransmission","id":"c4","of":"c3","after_ms":204}"#), "{out}");
    assert!(lines.contains(&r#"{"t":404,"event":"state","host":"client","from":"FIN-WAIT-1","to":"FIN-WAIT-2","cause":"fin-acknowledged","inferred":true}"#), "{out}");
    assert!(lines.contains(&r#"{"t":0,"event":"segment","id":"s1","name":"s.synack","from":"server","to":"client","flags":["SYN","ACK"],"seq":0,"ack":1,"len":0,"arrives":0,"fate":"delivered","window":65160,"time_us":17}"#), "{out}");
    // A connection over in 211 µs: `t` stays milliseconds, `t_us` says the microseconds.
    let short = format!("{CAPTURES}many-short-connections.pcap");
    let (code, out, _) = synack(&["trace", "--pcap", &short, "--connection", "1", "--json"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l
                .starts_with(r#"{"t":0,"t_us":17,"event":"segment","id":"s1","name":"s.synack","#)),
        "{out}"
    );
    let (_, plain, _) = synack(&["trace", "--pcap", &short, "--connection", "1"]);
    assert!(
        plain.contains(" 0.000017s  server s1 server -> client: SYN,ACK"),
        "{plain}"
    );
    let svg = std::env::temp_dir().join("synack-capture-test.svg");
    let (code, _, err) = synack(&[
        "render",
        "--pcap",
        &file,
        "--connection",
        "2",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(">10.88.0.1:42194</text>") && text.contains(r#"class="hatch""#));
}

#[test]
fn bad_captures_and_options_are_one_line_and_status_2() {
    let three = format!("{CAPTURES}three-connections.pcap");
    let notes = format!("{CAPTURES}README.md");
    for (args, message) in [
        (vec!["trace", "--pcap", three.as_str()], "synack: the capture holds 3 connections: choose one with --connection N (`synack connections FILE` lists them)"),
        (vec!["trace", "--pcap", three.as_str(), "--connection", "4"], "synack: --connection must be a number from 1 to 3, not '4'"),
        (vec!["connections", notes.as_str()], &format!("synack: {notes}: this is not a pcap or pcapng capture (its header is not one)")),
        (vec!["connections", "/nonexistent.pcap"], "synack: cannot read /nonexistent.pcap: No such file or directory (os error 2)"),
        (vec!["trace", "--pcap", three.as_str(), "--drop", "c1"], "synack: unknown option '--drop' with --pcap"),
    ] {
        let (code, out, err) = synack(&args);
        assert_eq!((code, out.as_str(), err.trim_end()), (2, "", message), "{args:?}");
    }
}

#[test]
fn replay_prints_the_scenario_and_compare_says_whether_it_matches() {
    let abort = format!("{CAPTURES}abort-linger0-any.pcap");
    let (code, out, _) = synack(&["replay", &abort, "--compare"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let v6 = format!("{CAPTURES}ipv6-http10.pcap");
    let (code, out, _) = synack(&["replay", &v6, "--compare"]);
    assert_eq!(
        (code, out.trim_end()),
        (
            1,
            "c4: the capture has ACK seq=19 ack=25, the model sends ACK seq=19 ack=26"
        )
    );
    // The JSON is what --scenario reads, and it runs.
    let (code, json, _) = synack(&["replay", &abort]);
    assert_eq!(code, 0);
    let file = std::env::temp_dir().join("synack-replay-test.json");
    std::fs::write(&file, json).unwrap();
    let (code, out, err) = synack(&["trace", "--scenario", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("c3 client -> server: RST,ACK"), "{out}");
}

/// An option a command would read and then ignore is refused, with why.
#[test]
fn options_a_command_does_not_honour_are_refused() {
    let pkt = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/drill/abort.pkt");
    for (args, says) in [
        (
            vec!["trace", "--preset", "handshake", "--lang", "zh"],
            "trace does not take --lang",
        ),
        (
            vec![
                "render",
                "--preset",
                "handshake",
                "--json",
                "-o",
                "/tmp/x.svg",
            ],
            "render does not take --json",
        ),
        (
            vec!["drill", pkt, "-o", "/tmp/x.svg"],
            "drill does not take -o",
        ),
        (
            vec!["drill", pkt, "--lang", "zh"],
            "drill does not take --lang",
        ),
        (
            vec!["drill", pkt, "--numbers", "relative"],
            "drill does not take --numbers",
        ),
        (
            vec!["trace", "--pcap", "x.pcap", "--lang", "en"],
            "trace does not take --lang",
        ),
        (
            vec!["load", "--count", "3", "--keepalive", "0"],
            "--keepalive is requests per connection, from 1 to 1000000, not 0",
        ),
    ] {
        let (code, out, err) = synack(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(
            err.starts_with("synack: ") && err.contains(says),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn link_from_a_link_keeps_the_teachers_quiz_lock_and_language() {
    let (code, first, err) = synack(&["link", "--preset", "lost-syn", "--lang", "zh"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(first.contains("lang=zh"), "{first}");
    let with_quiz = format!("{}&quiz=1&lock=1", first.trim());
    let (code, again, err) = synack(&["link", "--link", &with_quiz, "--drop", "s1"]);
    assert_eq!((code, err.as_str()), (0, ""));
    for part in ["quiz=1", "lock=1", "lang=zh", "drop=c.syn,s.synack"] {
        assert!(again.contains(part), "{part} missing from {again}");
    }
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_an_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .arg("trace")
        .arg(std::ffi::OsStr::from_bytes(b"--preset\xff"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("synack: argument 2 (--preset\u{fffd}) is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn words_prints_a_language_pack_the_page_can_read() {
    use synack::i18n::{pack, Lang, Word, Words};
    let (code, out, err) = synack(&["words", "zh"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let (words, whole) = pack::parse(&out, Lang::Zh).unwrap();
    assert!(whole);
    assert_eq!(words.len(), Word::ALL.len());
    assert_eq!(words[Word::HostServer as usize], "服务器");
    assert_eq!(
        words[Word::LessonHandshakeTitle as usize],
        Word::LessonHandshakeTitle.text(Lang::Zh)
    );
    assert_eq!(
        synack(&["words", "fr"]),
        (
            2,
            String::new(),
            "synack: no language 'fr' (en or zh)\n".into()
        )
    );
    assert_eq!(synack(&["words"]).0, 2);
    assert_eq!(synack(&["words", "en", "zh"]).0, 2);
    assert_eq!(synack(&["words", "en", "--lesson"]).0, 2);
    assert_eq!(synack(&["words", "xx", "--first"]).0, 2);
}

#[test]
fn words_first_and_lessons_make_the_first_load_s_pack() {
    use synack::i18n::{pack, Lang, Word, Words};
    let (code, first, err) = synack(&["words", "en", "--first"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let (words, whole) = pack::parse(&first, Lang::En).unwrap();
    assert!(!whole, "a first pack says so in its header");
    assert_eq!(words[Word::Play as usize], Word::Play.text(Lang::En));
    assert_eq!(words[Word::LessonLostFinTitle as usize], "Lost FIN");
    assert_eq!(words[Word::LessonLostFinNotice as usize], "");
    assert_eq!(words[Word::LinkTooLong as usize], "");
    assert_eq!(words[Word::FieldSeq as usize], "");
    // Each preset's lesson, one line a word: `PRESET INDEX TEXT`.
    let (code, lessons, _) = synack(&["words", "zh", "--lessons"]);
    assert_eq!(code, 0);
    let lost_fin: Vec<&str> = lessons
        .lines()
        .filter(|l| l.starts_with("lost-fin "))
        .collect();
    assert_eq!(
        lost_fin,
        [format!(
            "lost-fin {} {}",
            Word::LessonLostFinNotice as usize,
            Word::LessonLostFinNotice.text(Lang::Zh)
        )]
    );
    assert_eq!(synack(&["presets", "--default"]).1, "client-close\n");
}

#[test]
fn options_read_alike_in_every_command_and_unknown_ones_are_named() {
    // `--name=value` is `--name value`.
    assert_eq!(
        synack(&["trace", "--preset=lost-syn", "--drop=c2"]).1,
        synack(&["trace", "--preset", "lost-syn", "--drop", "c2"]).1
    );
    let pcap = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/captures/lost-server-fin-twice.pcap"
    );
    for (args, said) in [
        (
            vec!["connections", pcap, "--json"],
            "synack: unknown option '--json' for connections\n",
        ),
        (
            vec!["connections", pcap, pcap],
            "synack: connections takes one capture file\n",
        ),
        (
            vec!["replay", pcap, "other.pcap"],
            "synack: replay takes one capture file, not also 'other.pcap'\n",
        ),
        (
            vec!["load", "--count", "3", "extra"],
            "synack: unknown option 'extra' for load\n",
        ),
        (vec!["load", "--count"], "synack: --count needs a value\n"),
        (
            vec!["trace", "--preset", "handshake", "stray"],
            "synack: unknown option 'stray'\n",
        ),
    ] {
        assert_eq!(
            synack(&args),
            (2, String::new(), said.to_string()),
            "{args:?}"
        );
    }
    // An option that takes no value refuses one.
    let (code, _, err) = synack(&["trace", "--preset", "handshake", "--json=yes"]);
    assert_eq!(code, 2);
    assert!(err.contains("--json"), "{err}");
}

/// `synack compare`: the same scenario under several stacks, each against
/// the first, segment by segment (by name) and state by state, with the
/// profile numbers behind what differs.
#[test]
fn compare_names_what_each_stack_does_differently_and_why() {
    let (code, out, err) = synack(&[
        "compare",
        "--preset",
        "syn-timeout",
        "--profiles",
        "linux,freebsd,windows",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "FreeBSD against Linux: 10 differences",
            "  c.syn.3: sent at 2 s under Linux, 3.2 s under FreeBSD",
            "  c.syn.4: sent at 3 s under Linux, 7.4 s under FreeBSD",
        ]
    );
    assert!(
        lines.contains(&"  c.syn.8: sent at 11 s under Linux only"),
        "{out}"
    );
    assert!(
        lines.contains(&"  Client SYN-SENT: lasts 131 s under Linux, 75 s under FreeBSD"),
        "{out}"
    );
    assert!(
        lines.contains(
            &"    the slop added to every RTO after the first: 200 ms on FreeBSD, none on Linux"
        ),
        "{out}"
    );
    assert!(
        lines.contains(
            &"    connect() gives up at 75 s on FreeBSD, after 6 retransmissions on Linux"
        ),
        "{out}"
    );
    // Only the reasons behind these differences: nothing about TIME-WAIT here.
    assert!(!out.contains("TIME-WAIT"), "{out}");
    assert!(
        lines.contains(&"Windows against Linux: 11 differences"),
        "{out}"
    );
    assert!(
        lines.contains(&"  c.syn.2: sent at 1 s under Linux, 3 s under Windows"),
        "{out}"
    );
    // A stack against itself: nothing differs.
    let (_, same, _) = synack(&[
        "compare",
        "--preset",
        "client-close",
        "--profiles",
        "linux,linux-5",
    ]);
    assert_eq!(same, "Linux 5 against Linux: the same\n");
    let (_, json, _) = synack(&[
        "compare",
        "--preset",
        "client-close",
        "--profiles",
        "linux,macos",
        "--json",
    ]);
    assert!(
        json.lines().any(|l| l == r#"{"base":"linux","base_ms":60000,"host":"client","kind":"lasts","ms":30000,"profile":"macos","state":"TIME-WAIT"}"#),
        "{json}"
    );
    for (args, said) in [
        (
            vec!["compare", "--preset", "handshake"],
            "compare needs --profiles with at least two stacks, e.g. linux,freebsd",
        ),
        (
            vec!["compare", "--preset", "handshake", "--profiles", "linux"],
            "compare needs --profiles with at least two stacks, e.g. linux,freebsd",
        ),
        (
            vec![
                "compare",
                "--preset",
                "handshake",
                "--profiles",
                "linux,solaris",
            ],
            "unknown profile 'solaris' (rfc, linux, linux-5, freebsd, macos, windows, lwip, or smoltcp)",
        ),
        (
            vec![
                "compare",
                "--preset",
                "handshake",
                "--profiles",
                "linux,linux",
            ],
            "--profiles names linux twice",
        ),
        (
            vec!["compare", "--preset", "handshake", "--profile", "linux"],
            "compare takes --profiles A,B,…: the stacks to run side by side",
        ),
        (
            vec![
                "compare",
                "--preset",
                "handshake",
                "--profiles",
                "linux,macos",
                "--lang",
                "zh",
            ],
            "compare does not take --lang: it prints what differs, in English (or --json)",
        ),
    ] {
        let (code, _, err) = synack(&args);
        assert_eq!(
            (code, err.trim()),
            (2, format!("synack: {said}").as_str()),
            "{args:?}"
        );
    }
}

/// Three pairs of stacks (FreeBSD, macOS and lwIP, each against Linux) on
/// three presets: every difference and every reason, exactly. Each figure is
/// the one the stacks' tests above pin (a lost FIN, a lost last ACK, a
/// simultaneous close); the reasons name only the numbers behind them.
#[test]
fn compare_lists_three_pairs_on_three_presets_exactly() {
    let expected: [(&str, &[&str]); 3] = [
        (
            "lost-fin",
            &[
        "FreeBSD against Linux: 7 differences",
        "  c.fin1.2: sent at 500 ms under Linux, 700 ms under FreeBSD",
        "  s.ack2: sent at 552 ms under Linux, 750 ms under FreeBSD",
        "  s.fin1: sent at 650 ms under Linux, 850 ms under FreeBSD",
        "  c.ack2: sent at 700 ms under Linux, 900 ms under FreeBSD",
        "  Client FIN-WAIT-1: lasts 402 ms under Linux, 600 ms under FreeBSD",
        "  Client FIN-WAIT-2: lasts 98 ms under Linux, 100 ms under FreeBSD",
        "  Server ESTABLISHED: lasts 400 ms under Linux, 600 ms under FreeBSD",
        "  because:",
        "    other timeouts on FreeBSD double each time, up to 512×; on Linux they double each time",
        "    the slop added to every RTO after the first: 200 ms on FreeBSD, none on Linux",
        "    the floor under a measured RTO: 30 ms on FreeBSD, 200 ms under its variance term on Linux",
        "    an orphaned FIN-WAIT-2 ends after 600 s on FreeBSD, ends after 60 s on Linux",
        "    FreeBSD delays the ACK of data 40 ms, a second segment's and a FIN's at once, Linux delays an owed ACK (a FIN's to its next timer tick, data's 40 ms)",
        "macOS against Linux: 8 differences",
        "  c.fin1.2: sent at 500 ms under Linux, 700 ms under macOS",
        "  s.ack2: sent at 552 ms under Linux, 750 ms under macOS",
        "  s.fin1: sent at 650 ms under Linux, 850 ms under macOS",
        "  c.ack2: sent at 700 ms under Linux, 900 ms under macOS",
        "  Client FIN-WAIT-1: lasts 402 ms under Linux, 600 ms under macOS",
        "  Client FIN-WAIT-2: lasts 98 ms under Linux, 100 ms under macOS",
        "  Client TIME-WAIT: lasts 60 s under Linux, 30 s under macOS",
        "  Server ESTABLISHED: lasts 400 ms under Linux, 600 ms under macOS",
        "  because:",
        "    other timeouts on macOS double each time, up to 64×; on Linux they double each time",
        "    the slop added to every RTO after the first: 200 ms once established on macOS, none on Linux",
        "    the floor under a measured RTO: 100 ms on macOS, 200 ms under its variance term on Linux",
        "    TIME-WAIT lasts 30 s on macOS, 60 s on Linux",
        "    macOS delays the ACK of data 100 ms, on a timer that ticks every 100 ms, a second segment's and a FIN's at once, Linux delays an owed ACK (a FIN's to its next timer tick, data's 40 ms)",
        "lwIP against Linux: 8 differences",
        "  c.fin1.2: sent at 500 ms under Linux, 2.5 s under lwIP",
        "  s.ack2: sent at 552 ms under Linux, 2.55 s under lwIP",
        "  s.fin1: sent at 650 ms under Linux, 2.65 s under lwIP",
        "  c.ack2: sent at 700 ms under Linux, 2.7 s under lwIP",
        "  Client FIN-WAIT-1: lasts 402 ms under Linux, 2.4 s under lwIP",
        "  Client FIN-WAIT-2: lasts 98 ms under Linux, 100 ms under lwIP",
        "  Client TIME-WAIT: lasts 60 s under Linux, 120.3 s under lwIP",
        "  Server ESTABLISHED: lasts 400 ms under Linux, 2.4 s under lwIP",
        "  because:",
        "    lwIP waits 3 s before its first retransmission, Linux 1 s",
        "    other timeouts on lwIP double each time, up to 128×; on Linux they double each time",
        "    TIME-WAIT lasts 120 s on lwIP, 60 s on Linux",
        "    an orphaned FIN-WAIT-2 ends after 20 s on lwIP, ends after 60 s on Linux",
        "    lwIP measures round trips and runs its retransmission timer in ticks of 500 ms (a round trip shorter than a tick counts as none), Linux in milliseconds",
        "    lwIP delays the ACK of data to its next 250 ms timer tick, a second segment's and a FIN's at once, Linux delays an owed ACK (a FIN's to its next timer tick, data's 40 ms)",
            ][..],
        ),
        (
            "lost-last-ack",
            &[
        "FreeBSD against Linux: 7 differences",
        "  s.ack2: sent at 252 ms under Linux, 250 ms under FreeBSD",
        "  s.fin1.2: sent at 650 ms under Linux, 850 ms under FreeBSD",
        "  c.ack2.2: sent at 700 ms under Linux, 900 ms under FreeBSD",
        "  Client FIN-WAIT-1: lasts 102 ms under Linux, 100 ms under FreeBSD",
        "  Client FIN-WAIT-2: lasts 98 ms under Linux, 100 ms under FreeBSD",
        "  Client TIME-WAIT: lasts 60.3 s under Linux, 60.5 s under FreeBSD",
        "  Server LAST-ACK: lasts 400 ms under Linux, 600 ms under FreeBSD",
        "  because:",
        "    other timeouts on FreeBSD double each time, up to 512×; on Linux they double each time",
        "    the slop added to every RTO after the first: 200 ms on FreeBSD, none on Linux",
        "    the floor under a measured RTO: 30 ms on FreeBSD, 200 ms under its variance term on Linux",
        "    an orphaned FIN-WAIT-2 ends after 600 s on FreeBSD, ends after 60 s on Linux",
        "    FreeBSD delays the ACK of data 40 ms, a second segment's and a FIN's at once, Linux delays an owed ACK (a FIN's to its next timer tick, data's 40 ms)",
        "macOS against Linux: 7 differences",
        "  s.ack2: sent at 252 ms under Linux, 250 ms under macOS",
        "  s.fin1.2: sent at 650 ms under Linux, 850 ms under macOS",
        "  c.ack2.2: sent at 700 ms under Linux, 900 ms under macOS",
        "  Client FIN-WAIT-1: lasts 102 ms under Linux, 100 ms under macOS",
        "  Client FIN-WAIT-2: lasts 98 ms under Linux, 100 ms under macOS",
        "  Client TIME-WAIT: lasts 60.3 s under Linux, 30.5 s under macOS",
        "  Server LAST-ACK: lasts 400 ms under Linux, 600 ms under macOS",
        "  because:",
        "    other timeouts on macOS double each time, up to 64×; on Linux they double each time",
        "    the slop added to every RTO after the first: 200 ms once established on macOS, none on Linux",
        "    the floor under a measured RTO: 100 ms on macOS, 200 ms under its variance term on Linux",
        "    TIME-WAIT lasts 30 s on macOS, 60 s on Linux",
        "    macOS delays the ACK of data 100 ms, on a timer that ticks every 100 ms, a second segment's and a FIN's at once, Linux delays an owed ACK (a FIN's to its next timer tick, data's 40 ms)",
        "lwIP against Linux: 7 differences",
        "  s.ack2: sent at 252 ms under Linux, 250 ms under lwIP",
        "  s.fin1.2: sent at 650 ms under Linux, 2.5 s under lwIP",
        "  c.ack2.2: sent at 700 ms under Linux, 2.55 s under lwIP",
        "  Client FIN-WAIT-1: lasts 102 ms under Linux, 100 ms under lwIP",
        "  Client FIN-WAIT-2: lasts 98 ms under Linux, 100 ms under lwIP",
        "  Client TIME-WAIT: lasts 60.3 s under Linux, 122.6 s under lwIP",
        "  Server LAST-ACK: lasts 400 ms under Linux, 2.25 s under lwIP",
        "  because:",
        "    lwIP waits 3 s before its first retransmission, Linux 1 s",
        "    other timeouts on lwIP double each time, up to 128×; on Linux they double each time",
        "    TIME-WAIT lasts 120 s on lwIP, 60 s on Linux",
        "    an orphaned FIN-WAIT-2 ends after 20 s on lwIP, ends after 60 s on Linux",
        "    lwIP measures round trips and runs its retransmission timer in ticks of 500 ms (a round trip shorter than a tick counts as none), Linux in milliseconds",
        "    lwIP delays the ACK of data to its next 250 ms timer tick, a second segment's and a FIN's at once, Linux delays an owed ACK (a FIN's to its next timer tick, data's 40 ms)",
            ][..],
        ),
        (
            "simultaneous-close",
            &[
        "FreeBSD against Linux: the same",
        "macOS against Linux: 2 differences",
        "  Client TIME-WAIT: lasts 60 s under Linux, 30 s under macOS",
        "  Server TIME-WAIT: lasts 60 s under Linux, 30 s under macOS",
        "  because:",
        "    TIME-WAIT lasts 30 s on macOS, 60 s on Linux",
        "lwIP against Linux: 2 differences",
        "  Client TIME-WAIT: lasts 60 s under Linux, 120.2 s under lwIP",
        "  Server TIME-WAIT: lasts 60 s under Linux, 120.2 s under lwIP",
        "  because:",
        "    TIME-WAIT lasts 120 s on lwIP, 60 s on Linux",
            ][..],
        ),
    ];
    for (preset, lines) in expected {
        let (code, out, err) = synack(&[
            "compare",
            "--preset",
            preset,
            "--profiles",
            "linux,freebsd,macos,lwip",
        ]);
        assert_eq!((code, err.as_str()), (0, ""), "{preset}");
        assert_eq!(out.lines().collect::<Vec<_>>(), lines, "{preset}");
    }
}

#[test]
fn render_and_link_speak_traditional_chinese_with_lang_zh_hant() {
    let dir = std::env::temp_dir().join(format!("synack-hant-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("close.svg");
    let path = path.to_str().unwrap();
    let (code, _, err) = synack(&[
        "render",
        "--preset",
        "client-close",
        "--lang",
        "zh-Hant",
        "-o",
        path,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let svg = std::fs::read_to_string(path).unwrap();
    assert!(
        svg.contains("客戶端") && svg.contains("伺服器"),
        "Traditional words"
    );
    assert!(
        !svg.contains("客户端") && !svg.contains("服务器"),
        "no Simplified left"
    );
    let (_, simplified, _) = synack(&[
        "render",
        "--preset",
        "client-close",
        "--lang",
        "zh",
        "-o",
        path,
    ]);
    assert_eq!(simplified, "");
    assert!(std::fs::read_to_string(path).unwrap().contains("客户端"));
    let (_, link, _) = synack(&["link", "--preset", "handshake", "--lang", "zh-Hant"]);
    assert_eq!(link, "#v2/p=handshake&lang=zh-Hant\n");
    // A zh-TW tag reads as Traditional too; a language that is not one is refused.
    let (_, link, _) = synack(&["link", "--preset", "handshake", "--lang", "zh-TW"]);
    assert_eq!(link, "#v2/p=handshake&lang=zh-Hant\n");
    let (code, _, err) = synack(&[
        "render",
        "--preset",
        "handshake",
        "--lang",
        "fr",
        "-o",
        path,
    ]);
    assert_eq!(
        (code, err.as_str()),
        (2, "synack: unknown language 'fr' (en, zh or zh-Hant)\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
