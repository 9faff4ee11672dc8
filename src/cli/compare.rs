//! `synack compare (--preset NAME | --scenario FILE | --link URL)
//! --profiles A,B,… [faults] [--json]`: one scenario under several stacks,
//! each compared with the first.

use super::{parse_trace_args, stack_arg};
use crate::compare::{describe, differences, summary, Column, Difference};
use crate::i18n::{t, EditorWord, Lang};
use serde_json::{json, Value};
use std::io::Write;

pub fn compare(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let mut rest = Vec::new();
    let mut stacks: Vec<Column> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--profiles" => {
                let list = it
                    .next()
                    .ok_or("--profiles needs a list, e.g. linux,freebsd")?;
                for name in list.split(',').map(str::trim) {
                    let choice = match Column::parse(name) {
                        Some(c) => c,
                        None => Column::Model(stack_arg(name)?),
                    };
                    if stacks.contains(&choice) {
                        return Err(format!("--profiles names {} twice", choice.as_str()));
                    }
                    stacks.push(choice);
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
    if stacks.len() < 2 {
        return Err("compare needs --profiles with at least two stacks, e.g. linux,freebsd".into());
    }
    let parsed = parse_trace_args(&rest)?;
    let runs: Vec<(Column, crate::trace::Trace)> = stacks
        .iter()
        .map(|&c| (c, c.run(&parsed.scenario)))
        .collect();
    let (base_name, base) = &runs[0];
    for (name, run) in &runs[1..] {
        let found = differences(base, run);
        let reasons = base_name.why(*name, &found, Lang::En);
        if parsed.json {
            for d in &found {
                let line = json_line(base_name.as_str(), name.as_str(), d);
                if writeln!(out, "{line}").is_err() {
                    return Ok(()); // stdout closed (piped to head): not our error
                }
            }
            continue;
        }
        let (a, b) = (base_name.word(Lang::En), name.word(Lang::En));
        let _ = writeln!(out, "{}", summary(a, b, found.len(), Lang::En));
        for d in &found {
            let _ = writeln!(out, "  {}", describe(d, a, b, Lang::En));
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

fn json_line(base: &str, other: &str, d: &Difference) -> String {
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
        } => json!({"base": base, "profile": other, "kind": "sent",
            "segment": name, "base_ms": ms(*base_ms), "ms": ms(*other_ms)}),
        Difference::Lasts {
            host,
            state,
            base_ms,
            other_ms,
        } => json!({"base": base, "profile": other, "kind": "lasts",
            "host": host.name(), "state": state.name(), "base_ms": ms(*base_ms), "ms": ms(*other_ms)}),
    };
    v.to_string()
}
