//! The commands that read a capture: `synack connections FILE`, and
//! `synack trace|render --pcap FILE [--connection N]`.

use crate::capture::{self, Capture, Connection};
use crate::i18n::Lang;
use crate::trace::{json_lines_numbered, plain_lines_numbered, Numbering};
use std::io::Write;

fn load(path: &str) -> Result<Capture, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    if meta.len() > capture::MAX_FILE_BYTES as u64 {
        return Err(capture::CaptureError::TooLarge(meta.len() as usize).message(Lang::En));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    capture::open(&bytes).map_err(|e| format!("{path}: {}", e.message(Lang::En)))
}

/// One line per connection: index, client, server, packets, start, duration, ending.
pub fn listing(c: &Capture) -> Vec<String> {
    c.connections
        .iter()
        .enumerate()
        .map(|(i, k)| {
            format!(
                "{}  {}  {}  {} packets  start {} s  duration {}  {}{}",
                i + 1,
                k.client,
                k.server,
                k.segments.len(),
                crate::capture::words::seconds_us(k.start_us()),
                crate::capture::words::duration(k.duration_us()),
                k.ending().as_str(),
                if k.client_guessed {
                    "  (client: the side that sent first)"
                } else {
                    ""
                }
            )
        })
        .collect()
}

pub fn connections(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let mut o = super::Options::new(args);
    let mut path = None;
    while let Some(item) = o.next()? {
        match item {
            super::Item::Value(file) if path.is_none() => path = Some(file),
            super::Item::Option(other) => {
                return Err(format!("unknown option '{other}' for connections"))
            }
            super::Item::Value(_) => return Err("connections takes one capture file".into()),
        }
    }
    let path = path.ok_or("connections takes one capture file")?;
    for line in listing(&load(&path)?) {
        let _ = writeln!(out, "{line}");
    }
    Ok(())
}

fn pick(c: &Capture, n: Option<&str>) -> Result<Connection, String> {
    let count = c.connections.len();
    let index = match n {
        None if count == 1 => 1,
        None => {
            return Err(format!(
                "the capture holds {count} connections: choose one with --connection N (`synack connections FILE` lists them)"
            ))
        }
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|i| (1..=count).contains(i))
            .ok_or_else(|| format!("--connection must be a number from 1 to {count}, not '{text}'"))?,
    };
    Ok(c.connections[index - 1].clone())
}

/// `trace --pcap` and `render --pcap`.
pub fn trace_or_render(command: &str, args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let (mut path, mut n, mut json, mut numbering, mut output, mut lang) =
        (None, None, false, Numbering::Absolute, None, Lang::En);
    let mut o = super::Options::new(args);
    while let Some(arg) = o.next_option(" with --pcap")? {
        let arg = arg.as_str();
        let mut value = || o.value(arg);
        match arg {
            "--pcap" => path = Some(value()?),
            "--connection" => n = Some(value()?),
            "--json" => json = true,
            "--relative" => numbering = Numbering::Relative,
            "--numbers" => numbering = super::numbering_arg(&value()?)?,
            "-o" | "--output" => output = Some(value()?),
            "--lang" => {
                let v = value()?;
                lang =
                    Lang::parse(&v).ok_or_else(|| format!("unknown language '{v}' (en or zh)"))?;
            }
            other => return Err(format!("unknown option '{other}' with --pcap")),
        }
    }
    let path = path.ok_or("--pcap needs a file")?;
    let connection = pick(&load(&path)?, n.as_deref())?;
    let trace = capture::infer(&connection);
    if command == "render" {
        let path = output.ok_or("render needs -o FILE.svg")?;
        let diagram = crate::diagram::layout(
            &trace,
            &crate::diagram::View {
                numbering,
                ..Default::default()
            },
        );
        let ports = (connection.client.port, connection.server.port);
        let svg = crate::diagram::svg::standalone(&diagram, &trace, lang, ports);
        return std::fs::write(&path, svg).map_err(|e| format!("cannot write {path}: {e}"));
    }
    if output.is_some() {
        return Err("-o is for `synack render`; trace prints to standard output".into());
    }
    let lines = if json {
        json_lines_numbered(&trace, numbering)
    } else {
        plain_lines_numbered(&trace, numbering)
    };
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}

/// `synack replay FILE [--connection N] [--compare]`: the derived scenario as
/// JSON, or the differences between it and the capture (exit 1 when any).
pub fn replay(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let (mut path, mut n, mut compare) = (None, None, false);
    let mut o = super::Options::new(args);
    while let Some(item) = o.next()? {
        match item {
            super::Item::Option(name) if name == "--connection" => n = Some(o.value(&name)?),
            super::Item::Option(name) if name == "--compare" => compare = true,
            super::Item::Option(other) => {
                return Err(format!("unknown option '{other}' for replay"))
            }
            super::Item::Value(file) if path.is_none() => path = Some(file),
            super::Item::Value(extra) => {
                return Err(format!("replay takes one capture file, not also '{extra}'"))
            }
        }
    }
    let path = path.ok_or("replay needs a capture file")?;
    let connection = pick(&load(&path)?, n.as_deref())?;
    let name = std::path::Path::new(&path)
        .file_name()
        .map_or(path.clone(), |f| f.to_string_lossy().into_owned());
    let (scenario, differences) = capture::replay::derive_noted(&connection, &name);
    if compare {
        for line in &differences {
            let _ = writeln!(out, "{line}");
        }
        return Ok(if differences.is_empty() { 0 } else { 1 });
    }
    let _ = write!(out, "{}", crate::scenario::file::to_json(&scenario));
    Ok(0)
}
