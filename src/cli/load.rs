//! `synack load`: many short connections, summarised or as JSON lines.

use crate::load::{run_load, LoadScenario};
use crate::scenario::Host;
use std::io::Write;

fn number(flag: &str, v: &str) -> Result<u64, String> {
    v.parse::<u64>()
        .map_err(|_| format!("{flag} must be a whole number, not '{v}'"))
}

pub fn parse(args: &[String]) -> Result<(LoadScenario, bool), String> {
    let mut s = LoadScenario::default();
    let mut json = false;
    let (mut rate, mut duration) = (None, None);
    let mut o = super::Options::new(args);
    while let Some(flag) = o.next_option(" for load")? {
        let flag = flag.as_str();
        match flag {
            "--rate" => rate = Some(number(flag, &o.value(flag)?)?),
            "--duration" => duration = Some(number(flag, &o.value(flag)?)?),
            "--count" => s.count = Some(number(flag, &o.value(flag)?)?.min(u32::MAX as u64) as u32),
            "--keepalive" => {
                s.requests_per_connection = match number(flag, &o.value(flag)?)? {
                    n @ 1..=1_000_000 => n as u32,
                    n => {
                        return Err(format!(
                            "--keepalive is requests per connection, from 1 to 1000000, not {n}"
                        ))
                    }
                }
            }
            "--seed" => s.seed = number(flag, &o.value(flag)?)?,
            "--closer" => {
                s.closer = match o.value(flag)?.as_str() {
                    "server" => Host::Server,
                    "client" => Host::Client,
                    other => return Err(format!("--closer is server or client, not '{other}'")),
                }
            }
            "--profile" => {
                let v = o.value(flag)?;
                s.profile = super::profile_arg(&v)?;
            }
            "--ports" => {
                let v = o.value(flag).map_err(|_| "--ports needs a value, A-B")?;
                let range = v
                    .split_once('-')
                    .and_then(|(a, b)| Some((a.parse::<u16>().ok()?, b.parse::<u16>().ok()?)))
                    .filter(|(a, b)| 0 < *a && a <= b)
                    .ok_or_else(|| {
                        format!("--ports takes a range such as 32768-60999, not '{v}'")
                    })?;
                s.ports = range;
            }
            "--loss" => {
                let v = o.value(flag).map_err(|_| "--loss needs a probability")?;
                let p = v
                    .parse::<f64>()
                    .ok()
                    .filter(|p| (0.0..=1.0).contains(p))
                    .ok_or_else(|| format!("--loss is a probability from 0 to 1, not '{v}'"))?;
                s.loss_per_million = (p * 1e6).round() as u32;
            }
            "--linger0" => s.linger0 = true,
            "--tw-reuse" => s.tw_reuse = true,
            "--json" => json = true,
            other => return Err(format!("unknown option '{other}' for load")),
        }
    }
    match (s.count, rate, duration) {
        (Some(_), None, None) => {}
        (None, Some(r), Some(d)) if r > 0 && d > 0 => {
            if r > 100_000 || d > 3_600 || r * d > 2_000_000 {
                return Err("a load is at most 100,000 connections a second, 3,600 s and 2,000,000 connections".into());
            }
            s.rate_per_s = r as u32;
            s.duration_s = d as u32;
        }
        (None, None, None) => return Err("load needs --rate N --duration S, or --count N".into()),
        _ => return Err("give --rate with --duration (both above 0), or --count alone".into()),
    }
    if s.count.is_some_and(|n| n > 2_000_000) {
        return Err("--count is at most 2,000,000".into());
    }
    Ok((s, json))
}

pub fn load(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let (scenario, json) = parse(args)?;
    let trace = run_load(&scenario);
    let lines = if json {
        trace.json_lines()
    } else {
        trace.summary()
    };
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}
