//! The `synack` command for course authors and tests. Every bad input ends
//! in one clear line on stderr and exit status 2; nothing panics.

use crate::capture::write::CapturePoint;
use crate::i18n::Lang;
use crate::scenario::{parse_segment_id, presets, Fault, Host, Scenario};
use crate::tcp::ProfileName;
use crate::trace::{json_lines_numbered, plain_lines_numbered, Numbering};
use std::io::Write;

mod capture;
mod compare;
mod drill;
mod load;
mod options;
mod scorm;

use options::{Item, Options};

const USAGE: &str = "usage:
  synack presets [--default]         (every preset; --default: the one a link without p= opens)
  synack scenario --preset NAME      (prints the preset as scenario JSON, what --scenario reads)
  synack trace  (--preset NAME | --scenario FILE.json | --link URL) [--profile NAME] [--latency MS]
                [--client-profile NAME] [--server-profile NAME]  (a stack per host)
                [--drop ID]... [--delay ID=MS]... [--duplicate ID=MS]... [--json]
  synack render (--preset NAME | --scenario FILE.json | --link URL) [same options] [--lang en|zh|zh-Hant]
                [--numbers absolute|relative|letters] -o FILE.svg
  (trace and render take --numbers; --relative is --numbers relative)
  synack pcap   (--preset NAME | --scenario FILE.json | --link URL | --pkt FILE.pkt) [faults]
                [--at client|server] -o FILE.pcapng
                (the run as a capture Wireshark, tshark and tcpdump open: real IPv4 and TCP headers,
                 each packet's comment says what it is, why it was sent, its sender's state, its fate;
                 taken where each packet leaves its sender, or --at one host as tcpdump there sees it:
                 the other's packets when they arrive, what the link lost absent)
  synack scorm  (--preset NAME | --scenario FILE.json | --link URL) [faults] [--scorm 1.2|2004]
                [--dist DIR] [--lang en|zh|zh-Hant] -o FILE.zip
                (the lesson as a SCORM package of the built page, ./dist by default: an LMS imports it
                 as an activity and its quiz's score goes to the gradebook; a --link keeps its settings,
                 otherwise the lesson is embedded with its quiz on)
  synack link   (--preset NAME | --scenario FILE.json | --link URL) [same options] [--lang en|zh]
                (prints the share link's fragment, #v2/…; from --link, its quiz, lock and script stay)
  synack pkt    (--preset NAME | --scenario FILE.json | --link URL) --side client|server [same options]
                [-o FILE.pkt]  (the run as a packetdrill script: that host under test, the other one the script)
  synack compare (--preset NAME | --scenario FILE.json | --link URL) --profiles A,B,… [faults] [--json]
                (the same scenario under each stack: what differs from the first, and why)
  synack connections FILE.pcap       (the TCP connections in a pcap or pcapng file, one a line)
  synack trace  --pcap FILE [--connection N] [--json] [--numbers …]
  synack render --pcap FILE [--connection N] [--numbers …] [--lang en|zh] -o FILE.svg
  synack load   (--rate N --duration S | --count N) [--closer server|client] [--profile NAME]
                [--ports A-B] [--linger0] [--tw-reuse] [--keepalive K] [--loss P --seed N] [--json]
  synack drill FILE.pkt [--profile NAME] [--define NAME[=VALUE]]… [--ignore-timing] [--strict] [--json]
                (runs a packetdrill script against one endpoint; exit 1 if an expectation fails;
                 #ifdef sees the profile's stack defined: STANDARD (rfc), Linux, FreeBSD, Darwin
                 (macos), lwIP, Windows, as FreeBSD's tcp-testsuite keeps each stack's answer)
  synack drill FILE.pkt --expand [--profile NAME] [--define …]  (prints the script with its #ifdef
                lines decided for that stack: what a packetdrill without #ifdef reads)
  synack trace  --pkt FILE.pkt [--json] [--numbers …]    synack render --pkt FILE.pkt -o FILE.svg
  synack replay FILE [--connection N]            (the captured connection as scenario JSON, for --scenario)
  synack replay FILE [--connection N] --compare  (how the model's run differs from the capture; exit 1 if it does)
  synack words en|zh [--first | --lessons]  (the page's words in one language: the pack the build
                serves; --first: the first load's pack, without the words no first screen shows;
                --lessons: every preset's lesson words, `PRESET INDEX TEXT`, for the first pack)

  NAME (--profile): rfc, linux, linux-5, freebsd, macos, windows, lwip (each stack's defaults,
  cited from its source in src/tcp/stacks.rs; windows: Microsoft's documented defaults),
  or smoltcp: the smoltcp crate itself, not a model of it (trace, render, pkt and compare).
  ID names a segment as the trace shows it: c1 is the client's first segment, s2 the server's
  second; each ID is read on the run with the faults given before it, as if clicked on screen.
  A fault is kept under the segment's name, which later faults do not move (c.syn, s.synack,
  c.fin1, s.data1, c.ack2, c.syn.2 for a second one; see `synack link`): an ID may be one.";

struct TraceArgs {
    scenario: Scenario,
    /// The preset the scenario came from (kept in links, for the lesson beside it).
    preset: Option<String>,
    json: bool,
    lang: Lang,
    numbering: Option<Numbering>,
    output: Option<String>,
    /// `--lang` given on the command line (the link's own language otherwise).
    lang_given: bool,
    /// `--lang zh-Hant`: Chinese in Traditional characters.
    hant: bool,
    /// The link it was read from: `synack link --link URL` keeps what the
    /// teacher put in it (quiz, lock, script, theme …) beyond the scenario.
    link: Option<crate::link::Link>,
    /// The hosts that run the real smoltcp (`--profile smoltcp`, or per host).
    smoltcp: crate::sim::RealHosts,
}

/// The name that picks the real smoltcp instead of a model's profile.
pub(crate) const SMOLTCP: &str = "smoltcp";

impl TraceArgs {
    fn run(&self) -> crate::trace::Trace {
        if self.smoltcp.contains(&true) {
            crate::sim::run_smoltcp(&self.scenario, self.smoltcp)
        } else {
            crate::sim::run(&self.scenario)
        }
    }
}

/// Options a command would read but does nothing with: refused with why,
/// never silently ignored. (command, option, why)
const UNHONOURED: &[(&str, &str, &str)] = &[
    (
        "pcap",
        "--json",
        "pcap writes a capture file; --json is for trace",
    ),
    (
        "pcap",
        "--lang",
        "a capture's packet comments are in English, as Wireshark's own fields are",
    ),
    (
        "pcap",
        "--numbers",
        "a capture holds the real sequence numbers; Wireshark shows them relative itself",
    ),
    (
        "pcap",
        "--relative",
        "a capture holds the real sequence numbers; Wireshark shows them relative itself",
    ),
    (
        "trace",
        "--lang",
        "trace prints segments and states, which have no language; --lang is for render",
    ),
    (
        "render",
        "--json",
        "render draws an SVG; --json is for trace",
    ),
    (
        "drill",
        "-o",
        "drill prints its report; use `synack render --pkt FILE -o FILE.svg` to draw it",
    ),
    (
        "drill",
        "--output",
        "drill prints its report; use `synack render --pkt FILE -o FILE.svg` to draw it",
    ),
    (
        "drill",
        "--lang",
        "drill's report is in English; --lang is for render",
    ),
    (
        "drill",
        "--numbers",
        "drill's report quotes the script's own numbers; --numbers is for trace and render",
    ),
    (
        "drill",
        "--relative",
        "drill's report quotes the script's own numbers; --relative is for trace and render",
    ),
];

/// `synack pkt … --side client|server [-o FILE.pkt]`: the scenario's run as
/// a packetdrill script with that host under test.
fn pkt(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let mut rest = Vec::new();
    let mut side = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--side" => {
                let v = it.next().ok_or("--side needs client or server")?;
                side = Some(match v.as_str() {
                    "client" => Host::Client,
                    "server" => Host::Server,
                    _ => return Err(format!("--side takes client or server, not '{v}'")),
                });
            }
            "--json" | "--lang" | "--numbers" | "--relative" => {
                return Err(format!(
                "pkt does not take {arg}: a packetdrill script has its own numbers and no language"
            ))
            }
            _ => rest.push(arg.clone()),
        }
    }
    let side = side.ok_or("pkt needs --side client or --side server: the host under test")?;
    let parsed = parse_trace_args(&rest)?;
    let trace = parsed.run();
    let title = parsed
        .preset
        .clone()
        .or_else(|| parsed.scenario.title.clone())
        .unwrap_or_else(|| "scenario".into());
    let script = crate::drill::export::export(&trace, side, parsed.scenario.mss, &title)
        .map_err(|why| format!("cannot write this run as a packetdrill script: {why}"))?;
    match parsed.output {
        Some(path) => {
            std::fs::write(&path, script).map_err(|e| format!("cannot write {path}: {e}"))
        }
        None => {
            let _ = out.write_all(script.as_bytes());
            Ok(())
        }
    }
}

/// The first option in `args` that `command` does not honour, as a message.
fn unhonoured(command: &str, args: &[String]) -> Option<String> {
    args.iter().find_map(|arg| {
        UNHONOURED
            .iter()
            .find(|(c, opt, _)| *c == command && opt == arg)
            .map(|(_, opt, why)| format!("{command} does not take {opt}: {why}"))
    })
}

/// A profile's name as typed, or why not, naming every one there is.
fn profile_arg(v: &str) -> Result<ProfileName, String> {
    ProfileName::parse(v).ok_or_else(|| {
        let names: Vec<&str> = ProfileName::ALL.iter().map(|p| p.as_str()).collect();
        format!("unknown profile '{v}' ({})", names.join(", "))
    })
}

/// A stack for commands that run a scenario: a profile, or smoltcp.
fn stack_arg(v: &str) -> Result<ProfileName, String> {
    profile_arg(v).map_err(|_| {
        let names: Vec<&str> = ProfileName::ALL.iter().map(|p| p.as_str()).collect();
        format!("unknown profile '{v}' ({}, or {SMOLTCP})", names.join(", "))
    })
}

fn numbering_arg(v: &str) -> Result<Numbering, String> {
    Numbering::parse(v)
        .ok_or_else(|| format!("--numbers takes absolute, relative or letters, not '{v}'"))
}

fn parse_ms(text: &str, what: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| format!("{what} must be a whole number of milliseconds, not '{text}'"))
}

fn checked_id(id: &str) -> Result<String, String> {
    (parse_segment_id(id).is_some() || crate::scenario::naming::is_name(id))
        .then(|| id.to_string())
        .ok_or_else(|| {
            format!("'{id}' is not a segment id (expected c1, s2 … or a name such as c.fin1)")
        })
}

fn parse_trace_args(args: &[String]) -> Result<TraceArgs, String> {
    let mut preset: Option<String> = None;
    let mut file: Option<String> = None;
    let mut profile: Option<ProfileName> = None;
    let mut host_profiles: [Option<ProfileName>; 2] = [None, None];
    let mut smoltcp = [false, false];
    let mut latency: Option<u64> = None;
    let mut faults: Vec<(String, Fault)> = Vec::new();
    let mut json = false;
    let mut link: Option<crate::link::Link> = None;
    let mut lang = Lang::En;
    let mut lang_given = false;
    let mut hant = false;
    let mut numbering = None;
    let mut output = None;
    let mut o = Options::new(args);
    while let Some(arg) = o.next_option("")? {
        let arg = arg.as_str();
        match arg {
            "--preset" => preset = Some(o.value(arg)?),
            "--scenario" => file = Some(o.value(arg)?),
            "--profile" | "--client-profile" | "--server-profile" => {
                let v = &o.value(arg)?;
                let hosts: &[usize] = match arg {
                    "--client-profile" => &[0],
                    "--server-profile" => &[1],
                    _ => &[0, 1],
                };
                for &h in hosts {
                    smoltcp[h] = v == SMOLTCP;
                }
                if v != SMOLTCP {
                    match arg {
                        "--profile" => profile = Some(stack_arg(v)?),
                        _ => host_profiles[hosts[0]] = Some(stack_arg(v)?),
                    }
                }
            }
            "--latency" => latency = Some(parse_ms(&o.value(arg)?, "--latency")?),
            "--drop" => faults.push((checked_id(&o.value(arg)?)?, Fault::Drop)),
            "--delay" | "--duplicate" => {
                let v = &o.value(arg)?;
                let (id, ms) = v
                    .split_once('=')
                    .ok_or_else(|| format!("{arg} takes ID=MS, not '{v}'"))?;
                let fault = if arg == "--delay" {
                    Fault::Delay(parse_ms(ms, "the delay")?)
                } else {
                    Fault::Duplicate(parse_ms(ms, "the copy's delay")?)
                };
                faults.push((checked_id(id)?, fault));
            }
            "--json" => json = true,
            "--link" => {
                let text = &o.value(arg)?;
                link = Some(
                    crate::link::decode(text)
                        .map_err(|e| format!("the link could not be read: {e}"))?,
                );
            }
            "--lang" => {
                let v = &o.value(arg)?;
                lang = Lang::parse(v)
                    .ok_or_else(|| format!("unknown language '{v}' (en, zh or zh-Hant)"))?;
                hant = crate::i18n::hant::is_traditional(v);
                lang_given = true;
            }
            "--relative" => numbering = Some(Numbering::Relative),
            "--numbers" => numbering = Some(numbering_arg(&o.value(arg)?)?),
            "-o" | "--output" => output = Some(o.value(arg)?),
            other => return Err(format!("unknown option '{other}'")),
        }
    }
    let from_preset = preset.clone();
    let read_link = link.clone();
    let (mut scenario, preset) = match (preset, file, link) {
        (Some(name), None, None) => (
            presets::by_name(&name)
                .ok_or_else(|| format!("unknown preset '{name}' (`synack presets` lists them)"))?,
            from_preset,
        ),
        (None, Some(path), None) => {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let s = crate::scenario::file::from_json(&text)
                .map_err(|e| format!("{path} is not a valid scenario: {e}"))?;
            (s, None)
        }
        (None, None, Some(l)) => {
            // The command line's choice wins over the link's.
            numbering = numbering.or(Some(l.showing.numbering));
            if let (Some(lang_of_link), false) = (l.lang, lang_given) {
                lang = lang_of_link;
                hant = l.hant;
            }
            (l.scenario, l.preset)
        }
        (None, None, None) => {
            return Err("trace needs --preset NAME, --scenario FILE.json or --link URL".into())
        }
        _ => return Err("give only one of --preset, --scenario and --link".into()),
    };
    if let Some(p) = profile {
        scenario.profile = p;
    }
    let [client, server] = host_profiles;
    scenario.client_profile = client.or(scenario.client_profile);
    scenario.server_profile = server.or(scenario.server_profile);
    if let Some(ms) = latency {
        scenario.client_to_server_ms = ms;
        scenario.server_to_client_ms = ms;
    }
    scenario.validate().map_err(|e| e.to_string())?;
    // Checked one by one first: the run `add_faults` makes must be a valid one.
    for (id, fault) in &faults {
        let mut probe = scenario.clone();
        probe.faults.insert(id.clone(), *fault);
        probe.validate().map_err(|e| e.to_string())?;
    }
    crate::scenario::naming::add_faults(&mut scenario, &faults)?;
    scenario.validate().map_err(|e| e.to_string())?;
    Ok(TraceArgs {
        scenario,
        preset,
        json,
        lang,
        numbering,
        output,
        lang_given,
        hant,
        link: read_link,
        smoltcp,
    })
}

/// Runs the command; returns the exit status.
/// `pcap --at client|server`: where the capture is taken (the rest of the
/// arguments without it). Only pcap takes it.
fn capture_point(args: &[String]) -> Result<(Vec<String>, CapturePoint), String> {
    let mut rest = Vec::new();
    let mut point = CapturePoint::Senders;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg != "--at" {
            rest.push(arg.clone());
            continue;
        }
        if args.first().map(String::as_str) != Some("pcap") {
            return Err("--at is for `synack pcap` (where the capture is taken)".into());
        }
        point = match it.next().map(String::as_str) {
            Some("client") => CapturePoint::At(Host::Client),
            Some("server") => CapturePoint::At(Host::Server),
            other => {
                return Err(format!(
                    "--at takes client or server (tcpdump on that host), not '{}'",
                    other.unwrap_or("")
                ))
            }
        };
    }
    Ok((rest, point))
}

pub fn run_cli(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let fail = |err: &mut dyn Write, msg: &str| {
        let _ = writeln!(err, "synack: {msg}");
        2
    };
    let (args, point) = match capture_point(args) {
        Ok(split) => split,
        Err(why) => return fail(err, &why),
    };
    let args = &args[..];
    if let Some(why) = args.first().and_then(|c| unhonoured(c, &args[1..])) {
        return fail(err, &why);
    }
    match args.first().map(String::as_str) {
        Some("presets") if args.len() == 1 => {
            for p in presets::PRESETS {
                let _ = writeln!(out, "{}  {}", p.name, p.description());
            }
            0
        }
        // The preset a link without `p=` opens (boot.js fetches its lesson).
        Some("presets") if args.get(1..) == Some(&["--default".to_string()][..]) => {
            let _ = writeln!(out, "{}", presets::DEFAULT_PRESET);
            0
        }
        // The page's language packs, written by scripts/post_build.py: the
        // whole pack, the first pack, or every preset's lesson lines.
        Some("words") => {
            let pack = crate::i18n::pack::pack_text;
            let (code, text) = match args.get(1..).unwrap_or_default() {
                [code] => (code, Lang::parse(code).map(pack)),
                [code, flag] if flag == "--first" => (
                    code,
                    Lang::parse(code).map(crate::i18n::pack::first_pack_text),
                ),
                [code, flag] if flag == "--lessons" => {
                    (code, Lang::parse(code).map(crate::i18n::pack::lesson_lines))
                }
                _ => {
                    return fail(
                        err,
                        "words takes a language (en or zh), then nothing, --first or --lessons",
                    )
                }
            };
            match text {
                Some(text) => {
                    let _ = write!(out, "{text}");
                    0
                }
                None => fail(err, &format!("no language '{}' (en or zh)", code)),
            }
        }
        Some("scenario") => match args.get(1..).unwrap_or_default() {
            [flag, name] if flag == "--preset" => match presets::by_name(name) {
                Some(s) => {
                    let _ = write!(out, "{}", crate::scenario::file::to_json(&s));
                    0
                }
                None => fail(
                    err,
                    &format!("unknown preset '{name}' (`synack presets` lists them)"),
                ),
            },
            _ => fail(err, "scenario takes --preset NAME"),
        },
        Some("load") => match load::load(&args[1..], out) {
            Ok(()) => 0,
            Err(msg) => fail(err, &msg),
        },
        Some("replay") => match capture::replay(&args[1..], out) {
            Ok(code) => code,
            Err(msg) => fail(err, &msg),
        },
        Some("connections") => match capture::connections(&args[1..], out) {
            Ok(()) => 0,
            Err(msg) => fail(err, &msg),
        },
        Some("drill") => match drill::drill(&args[1..], out) {
            Ok(code) => code,
            Err(msg) => fail(err, &msg),
        },
        Some("compare") => match compare::compare(&args[1..], out) {
            Ok(()) => 0,
            Err(msg) => fail(err, &msg),
        },
        Some("scorm") => match scorm::scorm(&args[1..]) {
            Ok(()) => 0,
            Err(msg) => fail(err, &msg),
        },
        Some("pkt") => match pkt(&args[1..], out) {
            Ok(()) => 0,
            Err(msg) => fail(err, &msg),
        },
        Some(command @ ("trace" | "render" | "pcap")) if args.iter().any(|a| a == "--pkt") => {
            match drill::trace_or_render(command, &args[1..], point, out) {
                Ok(()) => 0,
                Err(msg) => fail(err, &msg),
            }
        }
        Some(command @ ("trace" | "render")) if args.iter().any(|a| a == "--pcap") => {
            match capture::trace_or_render(command, &args[1..], out) {
                Ok(()) => 0,
                Err(msg) => fail(err, &msg),
            }
        }
        Some(command @ ("trace" | "render" | "link" | "pcap")) => {
            let parsed = match parse_trace_args(&args[1..]) {
                Ok(p) => p,
                Err(msg) => return fail(err, &msg),
            };
            let trace = parsed.run();
            if command == "link" {
                if parsed.smoltcp.contains(&true) {
                    return fail(
                        err,
                        "smoltcp runs on the command line and in the Compare view; a link cannot hold it yet",
                    );
                }
                if parsed.output.is_some() || parsed.json {
                    return fail(
                        err,
                        "link prints the fragment; -o and --json are not for it",
                    );
                }
                // From a link: everything the teacher put in it stays.
                let mut link = parsed.link.unwrap_or_else(crate::link::Link::default_link);
                link.scenario = parsed.scenario;
                link.preset = parsed.preset;
                link.showing.numbering = parsed.numbering.unwrap_or_default();
                if parsed.lang_given {
                    link.lang = Some(parsed.lang);
                    link.hant = parsed.hant;
                }
                let _ = writeln!(out, "#{}", crate::link::encode(&link));
                return 0;
            }
            if command == "pcap" {
                let Some(path) = parsed.output else {
                    return fail(err, "pcap needs -o FILE.pcapng");
                };
                return match crate::explain::pcapng_at(&trace, parsed.scenario.mss, point) {
                    Ok(bytes) => match std::fs::write(&path, bytes) {
                        Ok(()) => 0,
                        Err(e) => fail(err, &format!("cannot write {path}: {e}")),
                    },
                    Err(why) => fail(err, &why.message()),
                };
            }
            if command == "render" {
                let Some(path) = parsed.output else {
                    return fail(err, "render needs -o FILE.svg");
                };
                let diagram = crate::diagram::layout(
                    &trace,
                    &crate::diagram::View {
                        numbering: parsed.numbering.unwrap_or_default(),
                        ..Default::default()
                    },
                );
                let ports = (parsed.scenario.client.port, parsed.scenario.server.port);
                let mut svg = crate::diagram::svg::standalone(&diagram, &trace, parsed.lang, ports);
                if parsed.hant && parsed.lang == Lang::Zh {
                    svg = crate::i18n::hant::to_hant(&svg);
                }
                return match std::fs::write(&path, svg) {
                    Ok(()) => 0,
                    Err(e) => fail(err, &format!("cannot write {path}: {e}")),
                };
            }
            if parsed.output.is_some() {
                return fail(
                    err,
                    "-o is for `synack render`; trace prints to standard output",
                );
            }
            let numbering = parsed.numbering.unwrap_or_default();
            let lines = if parsed.json {
                json_lines_numbered(&trace, numbering)
            } else {
                plain_lines_numbered(&trace, numbering)
            };
            for line in lines {
                if writeln!(out, "{line}").is_err() {
                    return 0; // stdout closed (e.g. piped to head): not our error
                }
            }
            0
        }
        Some("--help" | "-h" | "help") => {
            let _ = writeln!(out, "{USAGE}");
            0
        }
        Some(other) => fail(err, &format!("unknown command '{other}'\n{USAGE}")),
        None => fail(err, &format!("no command given\n{USAGE}")),
    }
}
