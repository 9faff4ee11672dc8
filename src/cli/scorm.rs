//! `synack scorm (--preset … | --scenario … | --link …) [faults] [--scorm 1.2|2004]
//! [--dist DIR] [--lang …] -o FILE.zip`: the lesson as a SCORM package of
//! the built page (`./dist` by default), which an LMS imports as an activity.

use super::{parse_trace_args, SMOLTCP};
use crate::scorm::{self, Edition};
use std::path::Path;

/// Every file under `dir`, as (path relative to it with `/`, bytes), sorted.
fn read_build(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                let name = path.strip_prefix(root).unwrap_or(&path);
                let name: Vec<String> = name
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                let body = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                out.push((name.join("/"), body));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

pub fn scorm(args: &[String]) -> Result<(), String> {
    let mut rest = Vec::new();
    let mut edition = Edition::Scorm12;
    let mut dist = "dist".to_string();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--scorm" => {
                let v = it.next().ok_or("--scorm needs 1.2 or 2004")?;
                edition = Edition::parse(v)
                    .ok_or_else(|| format!("--scorm takes 1.2 or 2004, not '{v}'"))?;
            }
            "--dist" => {
                dist = it
                    .next()
                    .ok_or("--dist needs the built page's folder")?
                    .clone()
            }
            "--json" | "--numbers" | "--relative" => {
                return Err(format!(
                "scorm does not take {arg}: the package holds the page, which has its own controls"
            ))
            }
            _ => rest.push(arg.clone()),
        }
    }
    let parsed = parse_trace_args(&rest)?;
    if parsed.smoltcp.contains(&true) {
        return Err(format!("{SMOLTCP} runs on the command line and in the Compare view; a package's page cannot run it yet"));
    }
    let path = parsed.output.clone().ok_or("scorm needs -o FILE.zip")?;
    let build = read_build(Path::new(&dist))
        .map_err(|why| format!("{why} (build the page first: trunk build --release --offline)"))?;
    // The lesson as the page opens it: the link's own settings if it came
    // from one, and otherwise embedded with its quiz on, which reports the score.
    let from_link = parsed.link.is_some();
    let mut link = parsed.link.unwrap_or_else(crate::link::Link::default_link);
    link.scenario = parsed.scenario;
    link.preset = parsed.preset.clone();
    if !from_link {
        link.showing.embed = true;
        link.showing.quiz = Some(crate::quiz::Kinds::ALL);
    }
    if parsed.lang_given {
        link.lang = Some(parsed.lang);
        link.hant = parsed.hant;
    }
    let lang = link.lang.unwrap_or_default();
    let title = scorm::title(
        parsed.preset.as_deref(),
        link.scenario.title.as_deref(),
        lang,
    );
    let title = if link.hant {
        crate::i18n::hant::to_hant(&title)
    } else {
        title
    };
    let id = parsed.preset.unwrap_or_else(|| "lesson".into());
    let fragment = format!("#{}", crate::link::encode(&link));
    let zip = scorm::package(edition, &id, &title, &fragment, build).map_err(|e| e.message())?;
    std::fs::write(&path, zip).map_err(|e| format!("cannot write {path}: {e}"))
}
