//! `synack drill FILE.pkt`, and `trace --pkt` / `render --pkt`.

use crate::drill::{self, Options, Report};
use crate::i18n::Lang;
use crate::tcp::ProfileName;
use crate::trace::{json_lines_numbered, plain_lines_numbered, Numbering};
use std::io::Write;

struct Args {
    path: String,
    options: Options,
    json: bool,
    numbering: Numbering,
    output: Option<String>,
    lang: Lang,
    /// `--define NAME[=VALUE]`, for `#ifdef` lines and as words in the script.
    defines: drill::Defines,
    /// `--expand`: print the script as the stack's packetdrill would read it.
    expand: bool,
}

fn parse(args: &[String], file_flag: Option<&str>) -> Result<Args, String> {
    let mut a = Args {
        path: String::new(),
        options: Options {
            profile: ProfileName::Linux,
            ignore_timing: false,
            strict: false,
        },
        json: false,
        numbering: Numbering::Absolute,
        output: None,
        lang: Lang::En,
        defines: drill::Defines::new(),
        expand: false,
    };
    let mut o = super::Options::new(args);
    while let Some(item) = o.next()? {
        let arg = match item {
            super::Item::Value(v) if file_flag.is_none() && a.path.is_empty() => {
                a.path = v;
                continue;
            }
            super::Item::Value(v) => {
                return Err(format!("unknown option '{v}' for a packetdrill script"))
            }
            super::Item::Option(name) => name,
        };
        let arg = arg.as_str();
        let mut value = || o.value(arg);
        match arg {
            "--profile" => {
                let v = value()?;
                a.options.profile = super::profile_arg(&v)?;
            }
            "--define" | "-D" => {
                let v = value()?;
                a.defines.add(&v).ok_or_else(|| {
                    format!("--define {v}: expected NAME or NAME=VALUE, NAME made of letters, digits and _")
                })?;
            }
            "--expand" if file_flag.is_none() => a.expand = true,
            "--ignore-timing" => a.options.ignore_timing = true,
            "--strict" => a.options.strict = true,
            "--json" => a.json = true,
            "--relative" => a.numbering = Numbering::Relative,
            "--numbers" => a.numbering = super::numbering_arg(&value()?)?,
            "-o" | "--output" => a.output = Some(value()?),
            "--lang" => {
                let v = value()?;
                a.lang =
                    Lang::parse(&v).ok_or_else(|| format!("unknown language '{v}' (en or zh)"))?;
            }
            flag if Some(flag) == file_flag => a.path = value()?,
            other => return Err(format!("unknown option '{other}' for a packetdrill script")),
        }
    }
    if a.path.is_empty() {
        return Err("give the packetdrill script: FILE.pkt".into());
    }
    Ok(a)
}

fn defines(a: &Args) -> drill::Defines {
    a.defines.clone().for_stack(a.options.profile)
}

fn load(a: &Args) -> Result<Report, String> {
    let text =
        std::fs::read_to_string(&a.path).map_err(|e| format!("cannot read {}: {e}", a.path))?;
    let script = drill::read_with(&text, &defines(a))
        .map_err(|e| format!("{}:{}: {}", a.path, e.line, e.why))?;
    Ok(drill::run(&script, a.options))
}

/// `--expand`: the script with its `#ifdef` lines decided for the profile's
/// stack and its defined names replaced, for a packetdrill that has no
/// `#ifdef` (the kernel check runs the Linux branch so).
fn expand(a: &Args, out: &mut dyn Write) -> Result<i32, String> {
    if a.json || a.options.ignore_timing || a.options.strict {
        return Err(
            "--expand prints the script; it takes no --json, --ignore-timing or --strict".into(),
        );
    }
    let text =
        std::fs::read_to_string(&a.path).map_err(|e| format!("cannot read {}: {e}", a.path))?;
    let expanded = defines(a)
        .apply(&text)
        .map_err(|e| format!("{}:{}: {}", a.path, e.line, e.why))?;
    out.write_all(expanded.as_bytes())
        .map_err(|e| format!("cannot write the script: {e}"))?;
    Ok(0)
}

/// `synack drill`: exit 0 when every expectation held, 1 when one failed.
pub fn drill(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let a = parse(args, None)?;
    if a.expand {
        return expand(&a, out);
    }
    let report = load(&a)?;
    if a.json {
        for f in &report.failures {
            let seg = f.segment.map(|i| report.trace.segments[i].id.clone());
            let line = serde_json::json!({ "line": f.line, "segment": seg, "failure": f.said.to_string() });
            let _ = writeln!(out, "{line}");
        }
        let summary = serde_json::json!({
            "statements": report.statements, "checked": report.checked,
            "skipped": report.skipped.len(), "failures": report.failures.len(),
        });
        let _ = writeln!(out, "{summary}");
    } else {
        for line in report.lines(&a.path) {
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(if report.failures.is_empty() { 0 } else { 1 })
}

/// `trace --pkt` and `render --pkt`: the run, printed or drawn, each failed
/// expectation marked on its segment.
pub fn trace_or_render(
    command: &str,
    args: &[String],
    point: crate::capture::write::CapturePoint,
    out: &mut dyn Write,
) -> Result<(), String> {
    let a = parse(args, Some("--pkt"))?;
    let report = load(&a)?;
    if command == "pcap" {
        let path = a.output.clone().ok_or("pcap needs -o FILE.pcapng")?;
        // A script says no MSS of its own: the model's default.
        let bytes =
            crate::explain::pcapng_at(&report.trace, 1460, point).map_err(|e| e.message())?;
        return std::fs::write(&path, bytes).map_err(|e| format!("cannot write {path}: {e}"));
    }
    if command == "render" {
        let path = a.output.clone().ok_or("render needs -o FILE.svg")?;
        let mut diagram = crate::diagram::layout(
            &report.trace,
            &crate::diagram::View {
                numbering: a.numbering,
                ..Default::default()
            },
        );
        let failed: Vec<usize> = report.failures.iter().filter_map(|f| f.segment).collect();
        crate::diagram::mark_failed(&mut diagram, &failed);
        let svg = crate::diagram::svg::standalone(&diagram, &report.trace, a.lang, (40_000, 8080));
        return std::fs::write(&path, svg).map_err(|e| format!("cannot write {path}: {e}"));
    }
    if a.output.is_some() {
        return Err("-o is for `synack render`; trace prints to standard output".into());
    }
    let lines = if a.json {
        json_lines_numbered(&report.trace, a.numbering)
    } else {
        plain_lines_numbered(&report.trace, a.numbering)
    };
    for line in lines.into_iter().chain(report.lines(&a.path)) {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}
