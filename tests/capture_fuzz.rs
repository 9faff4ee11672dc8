//! Random and mutated capture files never make the reader or the inference
//! panic or spin. Seeded from the real captures; SYNACK_FUZZ_CASES sets the
//! number of cases (100,000 by default, as CI runs it).

mod common;
use common::Rng;
use std::time::{Duration, Instant};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/captures/");

fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(DIR).unwrap() {
        let path = entry.unwrap().path();
        if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("pcap" | "pcapng")
        ) {
            let mut bytes = std::fs::read(&path).unwrap();
            // The 300-connection file is mutated through its first 6 KB only, to keep CI fast.
            bytes.truncate(6 * 1024);
            out.push(bytes);
        }
    }
    out.sort();
    out
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut b = seeds[rng.below(seeds.len())].clone();
    match rng.below(10) {
        // Random bytes, sometimes behind a real file header.
        0 => {
            let n = rng.below(600);
            let keep = if rng.below(2) == 0 {
                24.min(b.len())
            } else {
                0
            };
            b.truncate(keep);
            b.extend((0..n).map(|_| rng.next() as u8));
        }
        1 => b.truncate(rng.below(b.len() + 1)),
        2 => {
            // A header field (lengths, link type, byte order) set to an extreme.
            let at = rng.below(b.len());
            let v = [0u8, 0xff, 0x7f, 0x80][rng.below(4)];
            for x in b.iter_mut().skip(at).take(4) {
                *x = v;
            }
        }
        3 => {
            // Splice two files.
            let other = &seeds[rng.below(seeds.len())];
            let cut = rng.below(b.len());
            b.truncate(cut);
            b.extend_from_slice(&other[rng.below(other.len())..]);
        }
        _ => {
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(b.len());
                b[at] ^= 1 << rng.below(8);
            }
        }
    }
    b
}

#[test]
fn mutated_captures_never_panic_and_finish_quickly() {
    let cases: usize = std::env::var("SYNACK_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let seeds = seeds();
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let (mut opened, mut slowest) = (0usize, Duration::ZERO);
    for case in 0..cases {
        let bytes = mutate(&mut rng, &seeds);
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| {
            if let Ok(capture) = synack::capture::open(&bytes) {
                for c in capture.connections.iter().take(4) {
                    let trace = synack::capture::infer(c);
                    let _ = synack::diagram::layout(
                        &trace,
                        &synack::diagram::View {
                            numbering: synack::trace::Numbering::Letters,
                            frame: synack::diagram::Frame::fit(350.0),
                        },
                    );
                }
                true
            } else {
                false
            }
        });
        let took = started.elapsed();
        slowest = slowest.max(took);
        match result {
            Ok(ok) => opened += ok as usize,
            Err(_) => panic!(
                "case {case} panicked; bytes: {:?}",
                &bytes[..bytes.len().min(200)]
            ),
        }
        assert!(
            took < Duration::from_millis(500),
            "case {case} took {took:?}"
        );
    }
    eprintln!("{cases} cases, {opened} opened as captures, slowest {slowest:?}");
    assert!(
        opened > cases / 20,
        "the mutations still reach the TCP reader ({opened} opened)"
    );
}
