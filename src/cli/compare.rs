//! `synack compare (--preset NAME | --scenario FILE | --link URL)
//! --profiles A,B,… [faults] [--json]`: one scenario under several stacks,
//! each compared with the first.

use super::{parse_trace_args, profile_arg};
use crate::compare::{describe, differences, summary, why, Difference};
use crate::i18n::{t, EditorWord, Lang};
use crate::tcp::ProfileName;
use serde_json::{json, Value};
use std::io::Write;

pub fn compare(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let mut rest = Vec::new();
    let mut profiles: Vec<ProfileName> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--profiles" => {
                let list = it
                    .next()
                    .ok_or("--profiles needs a list, e.g. linux,freebsd")?;
                for name in list.split(',') {
                    let p = profile_arg(name.trim())?;
                    if profiles.contains(&p) {
                        return Err(format!("--profiles names {} twice", p.as_str()));
                    }
                    profiles.push(p);
                }
            }
            "--profile" => {
                return Err("compare takes --profiles A,B,…: the stacks to run side by side".into())
            }
            "--lang" | "--numbers" | "--relative" | "-o" | "--output" => {
                return Err(format!(
                    "compare does not take {arg}: it prints what differs, in English (or --json)"
                ))
            }
            _ => rest.push(arg.clone()),
        }
    }
    if profiles.len() < 2 {
        return Err("compare needs --profiles with at least two stacks, e.g. linux,freebsd".into());
    }
    let parsed = parse_trace_args(&rest)?;
    let runs: Vec<(ProfileName, crate::trace::Trace)> = profiles
        .iter()
        .map(|&p| {
            // Both hosts on the stack compared (a host's own stack is set aside).
            let mut s = parsed.scenario.clone();
            s.profile = p;
            (s.client_profile, s.server_profile) = (None, None);
            (p, crate::sim::run(&s))
        })
        .collect();
    let (base_name, base) = &runs[0];
    let word = |p: ProfileName| t(Lang::En, p.word());
    for (name, run) in &runs[1..] {
        let found = differences(base, run);
        let reasons = why(&base_name.profile(), &name.profile(), &found, Lang::En);
        if parsed.json {
            for d in &found {
                let line = json_line(*base_name, *name, d);
                if writeln!(out, "{line}").is_err() {
                    return Ok(()); // stdout closed (piped to head): not our error
                }
            }
            continue;
        }
        let _ = writeln!(out, "{}", summary(*base_name, *name, found.len(), Lang::En));
        for d in &found {
            let _ = writeln!(
                out,
                "  {}",
                describe(d, word(*base_name), word(*name), Lang::En)
            );
        }
        if !found.is_empty() && !reasons.is_empty() {
            let _ = writeln!(out, "  {}:", t(Lang::En, EditorWord::CompareBecause));
            for r in reasons {
                let _ = writeln!(out, "    {r}");
            }
        }
    }
    Ok(())
}

fn json_line(base: ProfileName, other: ProfileName, d: &Difference) -> String {
    let ms = |v: Option<u64>| match v {
        None => Value::Null,
        Some(u64::MAX) => Value::from("end"),
        Some(ms) => Value::from(ms),
    };
    let v = match d {
        Difference::Sent {
            name,
            base_ms,
            other_ms,
        } => json!({"base": base.as_str(), "profile": other.as_str(), "kind": "sent",
            "segment": name, "base_ms": ms(*base_ms), "ms": ms(*other_ms)}),
        Difference::Lasts {
            host,
            state,
            base_ms,
            other_ms,
        } => json!({"base": base.as_str(), "profile": other.as_str(), "kind": "lasts",
            "host": host.name(), "state": state.name(), "base_ms": ms(*base_ms), "ms": ms(*other_ms)}),
    };
    v.to_string()
}
