//! 100,000 random and mutated packetdrill scripts: the reader either reads
//! one or names a line within the script, and whatever it reads runs to the
//! end without a panic.

mod common;
use common::Rng;
use synack::drill::{self, Options};
use synack::scenario::Fault;
use synack::tcp::ProfileName;

const PIECES: [&str; 24] = [
    "<",
    ">",
    "S",
    "S.",
    "F.",
    "R",
    "R.",
    "P.",
    ".",
    "0:0(0)",
    "1:101(100)",
    "ack",
    "win",
    "<mss 1460>",
    "+0",
    "+.1",
    "*",
    "1~2",
    "close(3) = 0",
    "listen(3, 1) = 0",
    "connect(3, ..., ...) = 0",
    "write(3, ..., 10) = 10",
    "%{",
    "`x`",
];

fn mutate(rng: &mut Rng, source: &str) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(4) {
        let n = lines.len().max(1);
        match rng.below(7) {
            0 if !lines.is_empty() => {
                lines.remove(rng.below(n));
            }
            1 if !lines.is_empty() => {
                let l = lines[rng.below(n)].clone();
                lines.insert(rng.below(n), l);
            }
            2 if lines.len() > 1 => lines.swap(rng.below(n), rng.below(n)),
            3 if !lines.is_empty() => {
                // Replace one word with a piece of the language, or junk.
                let i = rng.below(n);
                let mut words: Vec<String> = lines[i].split(' ').map(str::to_string).collect();
                let w = rng.below(words.len());
                words[w] = if rng.below(4) == 0 {
                    format!("{}", rng.next() % 100_000)
                } else {
                    PIECES[rng.below(PIECES.len())].to_string()
                };
                lines[i] = words.join(" ");
            }
            4 if !lines.is_empty() => {
                // Flip one byte to a random printable one.
                let i = rng.below(n);
                let mut bytes = lines[i].clone().into_bytes();
                if !bytes.is_empty() {
                    let k = rng.below(bytes.len());
                    bytes[k] = 32 + (rng.next() % 95) as u8;
                }
                lines[i] = String::from_utf8(bytes).unwrap_or_default();
            }
            5 => {
                let line: Vec<&str> = (0..1 + rng.below(6))
                    .map(|_| PIECES[rng.below(PIECES.len())])
                    .collect();
                lines.insert(rng.below(n), line.join(" "));
            }
            _ => lines.truncate(rng.below(n + 1)),
        }
    }
    lines.join("\n")
}

#[test]
fn mutated_scripts_never_panic() {
    let mut corpus: Vec<String> = Vec::new();
    for dir in ["tests/drill", "tests/drill/fail"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "pkt") {
                corpus.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let mut rng = Rng(0x005e_ed0f_d811);
    let (mut read, mut ran) = (0, 0);
    for case in 0..100_000 {
        let base = &corpus[case % corpus.len()];
        let text = mutate(&mut rng, base);
        match drill::read(&text) {
            Ok(script) => {
                read += 1;
                // Running is the costly half: one case in four, both ways of timing.
                if case % 4 == 0 {
                    let options = Options {
                        profile: ProfileName::Linux,
                        ignore_timing: case % 8 == 0,
                        strict: false,
                    };
                    // And half of those with the link dropping, delaying or
                    // copying some of the script's segments, as a user can.
                    let mut faults = drill::Faults::new();
                    if case % 8 == 4 {
                        for _ in 0..rng.below(4) {
                            let id = format!("{}{}", ["c", "s"][rng.below(2)], 1 + rng.below(6));
                            let ms = rng.below(3_000) as u64;
                            let fault =
                                [Fault::Drop, Fault::Delay(ms), Fault::Duplicate(ms)][rng.below(3)];
                            faults.insert(id, fault);
                        }
                    }
                    let report = drill::run_with_faults(&script, options, &faults);
                    assert!(
                        report
                            .failures
                            .iter()
                            .all(|f| f.line >= 1 && f.line <= text.lines().count().max(1)),
                        "{text}"
                    );
                    ran += 1;
                }
            }
            Err(e) => assert!(
                e.line >= 1 && e.line <= text.lines().count().max(1),
                "line {} of {text}",
                e.line
            ),
        }
    }
    assert!(
        read > 10_000 && ran > 2_000,
        "the mutations still produce scripts that read ({read}) and run ({ran})"
    );
}
