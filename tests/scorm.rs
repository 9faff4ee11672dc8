//! `synack scorm`: a lesson as a SCORM package of the built page. Read back
//! by Python's zipfile (a reader no one here wrote); what an LMS does with
//! it is the e2e test's (scorm-again, both editions).

mod common;
use common::*;
use std::path::Path;

fn temp_dir(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("synack-scorm-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.to_str().unwrap().to_string()
}

/// A stand-in for `dist/`: a page, a file in a folder, and the worker the
/// package leaves out. Each test names its own: tests run at once in one
/// process, and one's `temp_dir` would empty the other's build midway.
fn fake_build(test: &str) -> String {
    let dist = temp_dir(&format!("dist-{test}"));
    std::fs::write(
        format!("{dist}/index.html"),
        "<!doctype html><title>synack</title>",
    )
    .unwrap();
    std::fs::create_dir_all(format!("{dist}/snippets/x")).unwrap();
    std::fs::write(format!("{dist}/snippets/x/a.js"), "export const a = 1;").unwrap();
    std::fs::write(
        format!("{dist}/sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    dist
}

/// The names and contents Python's zipfile reads, after it has checked
/// every CRC; `None` (and a line saying so) without Python.
fn python_reads(zip: &str) -> Option<Vec<(String, String)>> {
    let program = "import sys, zipfile, json\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps([[i.filename, z.read(i).decode('utf-8', 'replace')] for i in z.infolist()]))";
    match std::process::Command::new("python3")
        .args(["-c", program, zip])
        .output()
    {
        Ok(out) if out.status.success() => Some(serde_json::from_slice(&out.stdout).unwrap()),
        Ok(out) => panic!(
            "python3's zipfile refused {zip}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => {
            eprintln!("skipped: python3 is not installed (the zip's independent reader)");
            None
        }
    }
}

#[test]
fn a_lesson_becomes_a_package_with_its_manifest_and_the_whole_build() {
    let dist = fake_build("made");
    for (edition, schema, sco) in [
        (
            "1.2",
            "<schemaversion>1.2</schemaversion>",
            "adlcp:scormtype=\"sco\"",
        ),
        (
            "2004",
            "<schemaversion>2004 4th Edition</schemaversion>",
            "adlcp:scormType=\"sco\"",
        ),
    ] {
        let zip = format!("{}/lost-fin-{edition}.zip", temp_dir("out"));
        let (code, out, err) = cli(&[
            "scorm", "--preset", "lost-fin", "--scorm", edition, "--dist", &dist, "-o", &zip,
        ]);
        assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""), "{edition}");
        let Some(files) = python_reads(&zip) else {
            return;
        };
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["imsmanifest.xml", "index.html", "snippets/x/a.js"],
            "{edition}: no worker"
        );
        let manifest = &files[0].1;
        assert!(manifest.contains(schema), "{edition}: {manifest}");
        assert!(manifest.contains(sco), "{edition}");
        assert!(manifest.contains("<title>Lost FIN</title>"), "{edition}");
        // Launched embedded, with the quiz on, the lesson's own fault kept.
        assert!(
            manifest
                .contains("parameters=\"#v2/p=lost-fin&amp;drop=c.fin1&amp;embed=1&amp;quiz=1\""),
            "{edition}: {manifest}"
        );
        assert!(
            manifest.contains("<file href=\"snippets/x/a.js\"/>"),
            "{edition}"
        );
        assert_eq!(files[1].1, "<!doctype html><title>synack</title>");
    }
    // From a link, its own settings stay (no embed or quiz added); --lang is the title's too.
    let zip = format!("{}/link.zip", temp_dir("link"));
    let (code, _, err) = cli(&[
        "scorm",
        "--link",
        "#v2/p=lost-syn&num=relative",
        "--lang",
        "zh",
        "--dist",
        &dist,
        "-o",
        &zip,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    if let Some(files) = python_reads(&zip) {
        assert!(
            files[0]
                .1
                .contains("parameters=\"#v2/p=lost-syn&amp;drop=c.syn&amp;rel=1&amp;lang=zh\""),
            "{}",
            files[0].1
        );
        assert!(
            files[0].1.contains("<title>SYN 丢失</title>"),
            "{}",
            files[0].1
        );
    }
}

#[test]
fn a_package_that_cannot_be_made_says_why_and_writes_nothing() {
    let dist = fake_build("refused");
    let empty = temp_dir("empty");
    let out = format!("{}/never.zip", temp_dir("never"));
    for (args, said) in [
        (vec!["scorm", "--preset", "lost-fin", "--dist", &dist], "synack: scorm needs -o FILE.zip\n".to_string()),
        (
            vec!["scorm", "--preset", "lost-fin", "--scorm", "3", "--dist", &dist, "-o", &out],
            "synack: --scorm takes 1.2 or 2004, not '3'\n".into(),
        ),
        (
            vec!["scorm", "--preset", "lost-fin", "--dist", &empty, "-o", &out],
            "synack: the build has no index.html: build the page first (trunk build --release --offline)\n".into(),
        ),
        (
            vec!["scorm", "--preset", "lost-fin", "--json", "--dist", &dist, "-o", &out],
            "synack: scorm does not take --json: the package holds the page, which has its own controls\n".into(),
        ),
        (
            vec!["scorm", "--preset", "no-such", "--dist", &dist, "-o", &out],
            "synack: unknown preset 'no-such' (`synack presets` lists them)\n".into(),
        ),
    ] {
        let (code, _, err) = cli(&args);
        assert_eq!((code, err), (2, said), "{args:?}");
        assert!(!Path::new(&out).exists(), "{args:?}: nothing written");
    }
    let missing = format!("{empty}/nothing-here");
    let (code, _, err) = cli(&[
        "scorm", "--preset", "lost-fin", "--dist", &missing, "-o", &out,
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("synack: cannot read {missing}: ")),
        "{err}"
    );
    assert!(
        err.ends_with("(build the page first: trunk build --release --offline)\n"),
        "{err}"
    );
}
