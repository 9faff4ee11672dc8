//! Runs written as pcapng captures (`capture::write`, `synack pcap`): read
//! back by synack's own reader they give the same segments; read by tshark
//! (Wireshark's reader, which no one here wrote) every field and comment is
//! what the trace says, and Wireshark's own analysis sees the retransmissions.

mod common;
use common::*;
use synack::capture::{self, write, TcpOption};
use synack::scenario::{presets, Fault, Host};
use synack::tcp::ProfileName;
use synack::trace::Trace;

/// (µs after the first packet, from the client, flags, seq, ack, len) of
/// each segment of the trace, in the order they were sent.
fn expected(trace: &Trace) -> Vec<(u64, bool, String, u32, u32, u32)> {
    let mut segs: Vec<_> = trace.segments.iter().collect();
    segs.sort_by_key(|s| s.sent);
    let first = segs.first().map_or(0, |s| s.sent);
    // A capture knows no roles: the host of its first packet reads as the
    // client (which one that is in a simultaneous open is the file's order).
    let opener = segs.first().map_or(Host::Client, |s| s.from);
    segs.iter()
        .map(|s| {
            let h = &s.header;
            (
                (s.sent - first) * 1000,
                s.from == opener,
                h.flags.to_string(),
                h.seq.0,
                if h.flags.ack { h.ack.0 } else { 0 },
                h.len,
            )
        })
        .collect()
}

fn runs() -> Vec<(String, Trace, u32)> {
    let mut out = Vec::new();
    for name in presets::PRESETS.iter().map(|p| p.name) {
        for profile in ProfileName::ALL {
            for fault in [
                None,
                Some(("c1", Fault::Drop)),
                Some(("s1", Fault::Delay(300))),
            ] {
                let mut s = preset(name);
                s.profile = profile;
                if let Some((id, f)) = fault {
                    s = with(s, &[(id, f)]);
                }
                out.push((format!("{name} {profile:?} {fault:?}"), run(&s), s.mss));
            }
        }
    }
    out
}

#[test]
fn every_run_reads_back_as_the_same_segments() {
    for (what, trace, mss) in runs() {
        let bytes = synack::explain::pcapng(&trace, mss).unwrap();
        let read = capture::open(&bytes).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        let got: Vec<_> = read
            .connections
            .iter()
            .flat_map(|c| c.segments.iter())
            .map(|s| {
                (
                    s.time_us,
                    s.from_client,
                    s.flags.to_string(),
                    s.seq,
                    s.ack,
                    s.len,
                )
            })
            .collect();
        let mut got_sorted = got.clone();
        got_sorted.sort_by_key(|g| g.0);
        assert_eq!(got_sorted, expected(&trace), "{what}");
        // Each SYN carries the scenario's MSS.
        for c in &read.connections {
            for s in c.segments.iter().filter(|s| s.flags.syn) {
                assert_eq!(s.options, [TcpOption::Mss(mss as u16)], "{what}");
            }
        }
        assert_eq!(read.other_packets, 0, "{what}");
    }
}

#[test]
fn a_run_too_long_for_a_file_is_refused_whole() {
    let mut trace = run(&preset("handshake"));
    let one = trace.segments[0].clone();
    trace.segments = vec![one; write::MAX_SEGMENTS + 1];
    assert_eq!(
        synack::explain::pcapng(&trace, 1460),
        Err(write::WriteError::TooLong(write::MAX_SEGMENTS + 1))
    );
    assert_eq!(
        write::WriteError::TooLong(100_001).message(),
        "the run has 100001 segments, more than the 100000 a capture file is written for"
    );
}

fn temp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("synack-pcap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_str().unwrap().to_string()
}

#[test]
fn synack_pcap_writes_the_file_or_says_why_not() {
    let path = temp("lost-syn.pcapng");
    let (code, out, err) = cli(&["pcap", "--preset", "lost-syn", "-o", &path]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        &bytes[..4],
        &[0x0A, 0x0D, 0x0D, 0x0A],
        "a pcapng section header"
    );
    let script = temp("passive-close.pcapng");
    let (code, _, err) = cli(&[
        "pcap",
        "--pkt",
        "tests/drill/passive-close.pkt",
        "-o",
        &script,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        capture::open(&std::fs::read(&script).unwrap())
            .unwrap()
            .connections
            .len(),
        1
    );
    for (args, said) in [
        (vec!["pcap", "--preset", "handshake"], "synack: pcap needs -o FILE.pcapng\n"),
        (
            vec!["pcap", "--preset", "handshake", "--lang", "zh", "-o", "x.pcapng"],
            "synack: pcap does not take --lang: a capture's packet comments are in English, as Wireshark's own fields are\n",
        ),
    ] {
        let (code, _, err) = cli(&args);
        assert_eq!((code, err.as_str()), (2, said), "{args:?}");
    }
}

/// tshark's reading of a file: one line per packet, tab-separated fields.
fn tshark(path: &str, fields: &[&str], filter: Option<&str>) -> Option<(Vec<Vec<String>>, String)> {
    let mut args = vec!["-r", path, "-n", "-T", "fields", "-E", "separator=/t"];
    for f in fields {
        args.extend(["-e", f]);
    }
    if let Some(f) = filter {
        args.extend(["-Y", f]);
    }
    let out = std::process::Command::new("tshark")
        .args(&args)
        .output()
        .ok()?;
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let stderr = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.contains("Running as user \"root\""))
        .collect::<Vec<_>>()
        .join("\n");
    Some((lines, stderr))
}

#[test]
fn tshark_reads_every_preset_as_the_trace_says() {
    if std::process::Command::new("tshark")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("tshark check skipped: no tshark on this machine (Debian's package `tshark`)");
        return;
    }
    for name in presets::PRESETS.iter().map(|p| p.name) {
        let mut s = preset(name);
        s.profile = ProfileName::Linux;
        let trace = run(&s);
        let path = temp(&format!("{name}.pcapng"));
        std::fs::write(&path, synack::explain::pcapng(&trace, s.mss).unwrap()).unwrap();
        let (rows, stderr) = tshark(
            &path,
            &[
                "tcp.flags",
                "tcp.seq_raw",
                "tcp.ack_raw",
                "tcp.len",
                "frame.comment",
            ],
            None,
        )
        .unwrap();
        assert_eq!(stderr, "", "{name}: tshark's warnings");
        let mut segs: Vec<_> = trace.segments.iter().collect();
        segs.sort_by_key(|s| s.sent);
        assert_eq!(rows.len(), segs.len(), "{name}");
        for (row, seg) in rows.iter().zip(&segs) {
            let h = &seg.header;
            let flags = u8::from(h.flags.fin)
                | u8::from(h.flags.syn) << 1
                | u8::from(h.flags.rst) << 2
                | u8::from(h.flags.psh) << 3
                | u8::from(h.flags.ack) << 4;
            assert_eq!(row[0], format!("0x{flags:04x}"), "{name} {}: flags", seg.id);
            assert_eq!(row[1], h.seq.0.to_string(), "{name} {}: seq", seg.id);
            if h.flags.ack {
                assert_eq!(row[2], h.ack.0.to_string(), "{name} {}: ack", seg.id);
            }
            assert_eq!(row[3], h.len.to_string(), "{name} {}: len", seg.id);
            assert!(
                row[4].starts_with(&format!("synack {}: ", seg.id)),
                "{name}: comment {}",
                row[4]
            );
        }
        // Wireshark's own analysis: every segment the model sent again, it
        // calls a retransmission too, or "out-of-order" when it leaves within
        // Wireshark's few milliseconds of later data (the stress run's fast
        // retransmits). It also calls a simultaneous open's SYN,ACK one: the
        // same seq as that side's SYN.
        let (flagged, _) = tshark(&path, &["frame.number"], Some("tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.out_of_order")).unwrap();
        let flagged: Vec<usize> = flagged
            .iter()
            .filter_map(|r| r[0].parse::<usize>().ok())
            .collect();
        // After a reset Wireshark starts the conversation over, and a SYN sent
        // again reads as a new one (old-duplicate-syn): checked up to the first RST.
        let reset = segs
            .iter()
            .position(|s| s.header.flags.rst)
            .unwrap_or(segs.len());
        for (k, seg) in segs.iter().enumerate().take(reset) {
            if seg.retransmission_of.is_some() && seg.header.seq_len() > 0 {
                assert!(
                    flagged.contains(&(k + 1)),
                    "{name}: {} sent again, not flagged by Wireshark",
                    seg.id
                );
            }
        }
    }
}

#[test]
fn tcpdump_prints_the_handshake_and_the_close_as_the_trace_has_them() {
    let path = temp("client-close-tcpdump.pcapng");
    std::fs::write(
        &path,
        synack::explain::pcapng(&run(&preset("client-close")), 1460).unwrap(),
    )
    .unwrap();
    let Ok(out) = std::process::Command::new("tcpdump")
        .args(["-r", &path, "-nn"])
        .env("TZ", "UTC")
        .output()
    else {
        println!("tcpdump check skipped: no tcpdump on this machine (Debian's package `tcpdump`)");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "00:00:00.000000 IP 192.0.2.1.52528 > 198.51.100.2.80: Flags [S], seq 1000, win 65535, options [mss 1460], length 0",
            "00:00:00.050000 IP 198.51.100.2.80 > 192.0.2.1.52528: Flags [S.], seq 5000, ack 1001, win 65535, options [mss 1460], length 0",
            "00:00:00.100000 IP 192.0.2.1.52528 > 198.51.100.2.80: Flags [.], ack 1, win 65535, length 0",
            "00:00:00.200000 IP 192.0.2.1.52528 > 198.51.100.2.80: Flags [F.], seq 1, ack 1, win 65535, length 0",
            "00:00:00.250000 IP 198.51.100.2.80 > 192.0.2.1.52528: Flags [.], ack 2, win 65535, length 0",
            "00:00:00.350000 IP 198.51.100.2.80 > 192.0.2.1.52528: Flags [F.], seq 1, ack 2, win 65535, length 0",
            "00:00:00.400000 IP 192.0.2.1.52528 > 198.51.100.2.80: Flags [.], ack 2, win 65535, length 0",
        ]
    );
}

/// A capture taken on the server (`--at server`), as tcpdump there would take
/// it: the client's packets when they arrive, the lost one absent, so
/// Wireshark itself finds the gap the loss left.
#[test]
fn on_one_host_the_capture_has_what_reached_it_and_wireshark_finds_the_gap() {
    use synack::trace::Fate;
    // socket-example without c4, the client's 6 bytes: its FIN (c5) arrives first.
    let s = with(preset("socket-example"), &[("c4", Fault::Drop)]);
    let trace = run(&s);
    let point = write::CapturePoint::At(Host::Server);
    let bytes = synack::explain::pcapng_at(&trace, s.mss, point).unwrap();
    let read = capture::open(&bytes).unwrap();
    let mut expected: Vec<(u64, bool, u32, String)> = trace
        .segments
        .iter()
        .filter(|x| x.fate != Fate::Dropped)
        .map(|x| {
            let at = if x.from == Host::Client {
                x.arrives.unwrap()
            } else {
                x.sent
            };
            (at, x.from == Host::Client, x.header.seq.0, x.id.clone())
        })
        .collect();
    expected.sort_by_key(|e| e.0);
    let first = expected[0].0;
    let got: Vec<(u64, bool, u32)> = read.connections[0]
        .segments
        .iter()
        .map(|x| (x.time_us, x.from_client, x.seq))
        .collect();
    let want: Vec<(u64, bool, u32)> = expected
        .iter()
        .map(|e| ((e.0 - first) * 1000, e.1, e.2))
        .collect();
    assert_eq!(got, want, "the server's view");
    assert!(
        !expected.iter().any(|e| e.3 == "c4"),
        "the lost segment is not there"
    );
    // tshark: "previous segment not captured" on the FIN that came after the gap.
    let path = temp("socket-example-at-server.pcapng");
    std::fs::write(&path, &bytes).unwrap();
    let Some((rows, stderr)) = tshark(
        &path,
        &["frame.number", "tcp.seq_raw", "tcp.len"],
        Some("tcp.analysis.lost_segment"),
    ) else {
        println!("tshark check skipped: no tshark on this machine (Debian's package `tshark`)");
        return;
    };
    assert_eq!(stderr, "");
    let fin = expected.iter().position(|e| e.3 == "c5").unwrap() + 1;
    assert_eq!(
        rows,
        [vec![fin.to_string(), "1007".into(), "0".into()]],
        "Wireshark's lost_segment"
    );
    // Taken where each packet leaves its sender, the lost one is there: no gap.
    let senders = temp("socket-example-senders.pcapng");
    std::fs::write(&senders, synack::explain::pcapng(&trace, s.mss).unwrap()).unwrap();
    let (rows, _) = tshark(
        &senders,
        &["frame.number"],
        Some("tcp.analysis.lost_segment"),
    )
    .unwrap();
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn the_capture_point_is_one_host_or_refused() {
    let path = temp("at-client.pcapng");
    let (code, _, err) = cli(&[
        "pcap", "--preset", "lost-syn", "--at", "client", "-o", &path,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    // On the client, the lost SYN left (it is in the file); the server never saw it.
    let on_client = capture::open(&std::fs::read(&path).unwrap()).unwrap();
    let on_server = temp("at-server.pcapng");
    let (code, _, _) = cli(&[
        "pcap", "--preset", "lost-syn", "--at", "server", "-o", &on_server,
    ]);
    assert_eq!(code, 0);
    let on_server = capture::open(&std::fs::read(&on_server).unwrap()).unwrap();
    let count = |c: &synack::capture::Capture| {
        c.connections
            .iter()
            .map(|c| c.segments.len())
            .sum::<usize>()
    };
    let trace = run(&preset("lost-syn"));
    assert_eq!(count(&on_client), trace.segments.len());
    assert_eq!(count(&on_server), trace.segments.len() - 1);
    for (args, said) in [
        (
            vec![
                "pcap", "--preset", "lost-syn", "--at", "router", "-o", &path,
            ],
            "synack: --at takes client or server (tcpdump on that host), not 'router'\n",
        ),
        (
            vec!["trace", "--preset", "lost-syn", "--at", "client"],
            "synack: --at is for `synack pcap` (where the capture is taken)\n",
        ),
    ] {
        let (code, _, err) = cli(&args);
        assert_eq!((code, err.as_str()), (2, said), "{args:?}");
    }
}
