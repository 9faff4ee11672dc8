//! Real Linux captures (tests/captures/, see its README): every segment as
//! tcpdump read it, each host's inferred states, and the marks. tcpdump's
//! reading (the `.txt` beside each file) is the oracle for the segments.

use synack::capture::{self, Capture, Mark};
use synack::scenario::Host;
use synack::tcp::State;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/captures/");

fn open(name: &str) -> Capture {
    let bytes = std::fs::read(format!("{DIR}{name}")).unwrap();
    capture::open(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// One line of tcpdump's reading, as (source port, destination port, what it printed).
fn tcpdump_lines(name: &str) -> Vec<(u16, u16, String)> {
    let text = std::fs::read_to_string(format!("{DIR}{name}")).unwrap();
    text.lines()
        .filter_map(|line| {
            let rest = &line[line.find(" IP")?..];
            let (addrs, fields) = rest.split_once(": Flags ")?;
            let mut parts = addrs.split_whitespace().skip(1);
            let port = |a: &str| {
                a.rsplit('.')
                    .next()
                    .unwrap()
                    .trim_end_matches(':')
                    .parse::<u16>()
                    .unwrap()
            };
            let src = port(parts.next()?);
            parts.next()?; // ">"
            let dst = port(parts.next()?);
            Some((src, dst, fields.to_string()))
        })
        .collect()
}

/// A captured segment printed as tcpdump prints it: flags, then seq (for a
/// segment with sequence space or data), ack, length; SYNs in absolute
/// numbers, everything after in relative ones, as tcpdump does.
fn tcpdump_form(c: &capture::Connection, i: usize, isns: (u32, u32)) -> String {
    let s = &c.segments[i];
    let f = s.flags;
    let mut flags = String::new();
    for (on, letter) in [
        (f.fin, 'F'),
        (f.syn, 'S'),
        (f.rst, 'R'),
        (f.psh, 'P'),
        (f.ack, '.'),
    ] {
        if on {
            flags.push(letter);
        }
    }
    let (own, peer) = if s.from_client {
        isns
    } else {
        (isns.1, isns.0)
    };
    let (seq, ack) = if f.syn {
        (s.seq, s.ack)
    } else {
        (s.seq.wrapping_sub(own), s.ack.wrapping_sub(peer))
    };
    let mut out = format!("[{flags}]");
    if s.seq_len() > 0 || f.rst || s.len > 0 {
        if s.len > 0 {
            out += &format!(", seq {seq}:{}", seq.wrapping_add(s.len));
        } else {
            out += &format!(", seq {seq}");
        }
    }
    if f.ack {
        out += &format!(", ack {ack}");
    }
    out += &format!(", win {}", s.window);
    out += &format!(", length {}", s.len);
    out
}

/// tcpdump's fields reduced to the same form (options dropped).
fn reduced(fields: &str) -> String {
    let mut out = Vec::new();
    let flags_end = fields.find(']').unwrap() + 1;
    out.push(fields[..flags_end].to_string());
    for part in fields[flags_end..].split(", ") {
        let part = part.trim_start_matches(',').trim();
        if part.starts_with("seq ") || part.starts_with("ack ") || part.starts_with("win ") {
            out.push(part.to_string());
        } else if let Some(len) = part.strip_prefix("length ") {
            out.push(format!("length {}", len.split(':').next().unwrap()));
        }
    }
    out.join(", ")
}

fn check_against_tcpdump(pcap: &str, txt: &str, connections: usize) {
    let cap = open(pcap);
    assert_eq!(cap.connections.len(), connections, "{pcap}: connections");
    let lines = tcpdump_lines(txt);
    let total: usize = cap.connections.iter().map(|c| c.segments.len()).sum();
    assert_eq!(
        total,
        lines.len(),
        "{pcap}: every packet is in one connection"
    );
    for c in &cap.connections {
        let trace = capture::infer(c);
        let theirs: Vec<String> = lines
            .iter()
            .filter(|(s, d, _)| {
                (*s, *d) == (c.client.port, c.server.port)
                    || (*d, *s) == (c.client.port, c.server.port)
            })
            .map(|(_, _, f)| reduced(f))
            .collect();
        let ours: Vec<String> = (0..c.segments.len())
            .map(|i| tcpdump_form(c, i, trace.isns))
            .collect();
        assert_eq!(ours, theirs, "{pcap}: connection {}", c.client);
    }
}

#[test]
fn every_capture_reads_as_tcpdump_reads_it() {
    check_against_tcpdump("http10-server-close.pcapng", "http10-server-close.txt", 1);
    check_against_tcpdump("three-connections.pcap", "three-connections.txt", 3);
    check_against_tcpdump("ipv6-http10.pcap", "ipv6-http10.txt", 1);
    check_against_tcpdump("abort-linger0-any.pcap", "abort-linger0-any.txt", 1);
    check_against_tcpdump("lost-server-fin-twice.pcap", "lost-server-fin-twice.txt", 1);
    check_against_tcpdump("lost-three-synacks.pcap", "lost-three-synacks.txt", 1);
    check_against_tcpdump("lost-handshake-ack.pcap", "lost-handshake-ack.txt", 1);
    check_against_tcpdump("lost-last-ack.pcap", "lost-last-ack.txt", 1);
    check_against_tcpdump(
        "many-short-connections.pcap",
        "many-short-connections.txt",
        300,
    );
}

#[test]
fn endpoints_and_endings() {
    let c = open("three-connections.pcap");
    let ends: Vec<String> = c
        .connections
        .iter()
        .map(|k| format!("{} {} {}", k.client, k.server, k.ending().as_str()))
        .collect();
    assert_eq!(
        ends,
        [
            "10.88.0.1:42188 10.88.0.2:8080 closed",
            "10.88.0.1:42194 10.88.0.2:8080 closed",
            "10.88.0.1:42200 10.88.0.2:8080 closed",
        ]
    );
    let v6 = open("ipv6-http10.pcap");
    assert_eq!(v6.connections[0].client.to_string(), "[fd88::1]:58814");
    assert_eq!(
        v6.connections[0].segments[0].options[0],
        capture::TcpOption::Mss(1440)
    );
    let abort = open("abort-linger0-any.pcap");
    assert_eq!(abort.connections[0].ending(), capture::Ending::Reset);
    // Snap length 96: the payload is cut, its real length kept.
    let many = open("many-short-connections.pcap");
    let response = &many.connections[0].segments[5];
    assert!(response.truncated && response.len > 40, "{response:?}");
}

/// The states of a client that closes first, through a four-segment close.
fn client_closes_first() -> (Vec<State>, Vec<State>) {
    use State::*;
    (
        vec![Closed, SynSent, Established, FinWait1, TimeWait],
        vec![
            Closed,
            Listen,
            SynReceived,
            Established,
            CloseWait,
            LastAck,
            Closed,
        ],
    )
}

fn states(name: &str) -> (Vec<State>, Vec<State>) {
    let trace = capture::infer(&open(name).connections[0]);
    (trace.states(Host::Client), trace.states(Host::Server))
}

#[test]
fn each_hosts_states_are_inferred_from_what_crossed_the_wire() {
    use State::*;
    assert_eq!(
        states("http10-server-close.pcapng"),
        (
            vec![Closed, SynSent, Established, CloseWait, LastAck, Closed],
            vec![
                Closed,
                Listen,
                SynReceived,
                Established,
                FinWait1,
                FinWait2,
                TimeWait
            ],
        )
    );
    // Its FIN's acknowledgement rode on the server's lost FIN: FIN-WAIT-1
    // lasts until the SACKed ACK at 404 ms, TIME-WAIT starts with its last ACK.
    assert_eq!(
        states("lost-server-fin-twice.pcap"),
        (
            vec![Closed, SynSent, Established, FinWait1, FinWait2, TimeWait],
            client_closes_first().1,
        )
    );
    assert_eq!(states("lost-three-synacks.pcap"), client_closes_first());
    assert_eq!(
        states("abort-linger0-any.pcap"),
        (
            vec![Closed, SynSent, Established, Closed],
            vec![Closed, Listen, SynReceived, Established, Closed],
        )
    );
    // Three-segment close over IPv6: the client's FIN carries the ACK of the server's.
    assert_eq!(
        states("ipv6-http10.pcap"),
        (
            vec![Closed, SynSent, Established, CloseWait, LastAck, Closed],
            vec![Closed, Listen, SynReceived, Established, FinWait1, TimeWait],
        )
    );
    let trace = capture::infer(&open("lost-server-fin-twice.pcap").connections[0]);
    let fw1 = trace
        .events
        .iter()
        .find(|e| {
            matches!(
                e.kind,
                synack::trace::EventKind::State {
                    to: State::FinWait2,
                    ..
                }
            )
        })
        .unwrap();
    assert_eq!(fw1.t, 404);
}

fn marks(name: &str) -> Vec<String> {
    let trace = capture::infer(&open(name).connections[0]);
    trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            synack::trace::EventKind::Mark { seg, mark } => Some(match mark {
                Mark::Retransmission {
                    of,
                    after_ms,
                    spurious,
                } => format!(
                    "{} {}retransmission of {} after {after_ms} ms",
                    trace.segments[seg].id,
                    if spurious { "spurious " } else { "" },
                    trace.segments[of].id
                ),
                Mark::HandshakeRtt { .. } => format!("{} handshake-rtt", trace.segments[seg].id),
                other => format!("{} {}", trace.segments[seg].id, other.name()),
            }),
            _ => None,
        })
        .collect()
}

#[test]
fn retransmissions_and_losses_are_named() {
    // Captured beside the server, dropped at the client: s2 passed here and
    // the client sent its FIN again 204 ms later, when s2 (its ACK) would
    // have reached it within 0.04 ms. c4 answers that loss: not spurious.
    assert_eq!(
        marks("lost-server-fin-twice.pcap"),
        [
            "c2 handshake-rtt",
            "s2 lost-after-capture",
            "c4 retransmission of c3 after 204 ms",
            "s3 d-sack",
            "s4 retransmission of s2 after 207 ms",
            "s4 probably-lost",
            "s5 retransmission of s2 after 208 ms",
        ]
    );
    assert_eq!(
        marks("lost-three-synacks.pcap"),
        [
            "s1 probably-lost",
            "s2 retransmission of s1 after 1021 ms",
            "s2 probably-lost",
            // The SYN,ACK that acknowledged c1 first was lost: a retransmission
            // answering that loss (s2 is on its way as c2 leaves; s1 decides).
            "c2 retransmission of c1 after 1021 ms",
            "s3 retransmission of s1 after 0 ms",
            // s3 acknowledged c2's SYN, yet c3 repeats it 1,023 ms later.
            "s3 lost-after-capture",
            "c3 retransmission of c1 after 1023 ms",
            "s4 retransmission of s1 after 1023 ms",
            "c4 handshake-rtt",
        ]
    );
    assert_eq!(
        marks("abort-linger0-any.pcap"),
        ["c2 handshake-rtt", "c3 reset"]
    );
    let trace = capture::infer(&open("lost-three-synacks.pcap").connections[0]);
    assert_eq!(trace.segment("s4").unwrap().retransmission_of, Some(1));
}

/// The two captures made for a loss after the capture point
/// (`scripts/record_capture.sh`): tcpdump beside the server, the client's
/// pure ACK dropped at the server's input hook.
#[test]
fn an_ack_lost_after_the_capture_point_is_inferred_from_the_retransmission_it_did_not_stop() {
    use State::*;
    // The handshake's ACK (c2) is on the wire, yet the server sends its
    // SYN,ACK again 1,011 ms later: c2 never reached it. The server stays in
    // SYN-RECEIVED until the client's second ACK (c3).
    assert_eq!(
        marks("lost-handshake-ack.pcap"),
        [
            "c2 lost-after-capture",
            "c2 handshake-rtt",
            "s2 retransmission of s1 after 1011 ms",
        ]
    );
    let trace = capture::infer(&open("lost-handshake-ack.pcap").connections[0]);
    let established = |host: Host| {
        trace.events.iter().find_map(|e| match e.kind {
            synack::trace::EventKind::State {
                host: h,
                to: Established,
                ..
            } if h == host => Some(e.t),
            _ => None,
        })
    };
    assert_eq!(
        (established(Host::Client), established(Host::Server)),
        (Some(0), Some(1011))
    );
    assert_eq!(states("lost-handshake-ack.pcap"), client_closes_first());
    // The last ACK (c4) is on the wire, yet the FIN comes again 207 ms later:
    // the server stays in LAST-ACK until the ACK of the retransmitted FIN.
    assert_eq!(
        marks("lost-last-ack.pcap"),
        [
            "c2 handshake-rtt",
            "c4 lost-after-capture",
            "s3 retransmission of s2 after 207 ms",
        ]
    );
    assert_eq!(states("lost-last-ack.pcap"), client_closes_first());
    let trace = capture::infer(&open("lost-last-ack.pcap").connections[0]);
    let closed_at = trace.events.iter().rev().find_map(|e| match e.kind {
        synack::trace::EventKind::State {
            host: Host::Server,
            to: Closed,
            ..
        } => Some(e.t),
        _ => None,
    });
    assert_eq!(closed_at, Some(414));
    // In words, as the page and the CLI say it.
    let said = synack::trace::captured_words::mark_text(
        synack::capture::Mark::LostAfterCapture {
            resent: 6,
            after_ms: 207,
        },
        &trace,
        synack::i18n::Lang::En,
    );
    assert_eq!(
        said,
        "probably lost after the capture point: s3 repeats what this acknowledged, 207 ms after it passed here, time enough to arrive"
    );
}

/// Timing is what tells the two apart: the same packets with the server's
/// SYN,ACK retransmitted 1 ms after the client's ACK passed (an ACK still on
/// its way: spurious, the server stays as it was), and without the handshake
/// (no round trip to time: spurious, as Wireshark says).
#[test]
fn a_retransmission_sooner_than_the_round_trip_is_spurious() {
    let mut frames = records("lost-handshake-ack.pcap");
    // s2 and c3 moved to 1 ms after c2 (the server's round trip here: 23 µs).
    let (sec, usec) = (frames[2].0, frames[2].1 + 1_000);
    for f in &mut frames[3..5] {
        (f.0, f.1) = (sec, usec);
    }
    let c = capture::open(&pcap(1, false, false, &frames[..5])).unwrap();
    let trace = capture::infer(&c.connections[0]);
    let said: Vec<String> = trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            synack::trace::EventKind::Mark { seg, mark } => {
                Some(format!("{} {}", trace.segments[seg].id, mark.name()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(said, ["c2 handshake-rtt", "s2 spurious-retransmission"]);
    use State::*;
    assert_eq!(
        trace.states(Host::Server),
        vec![Closed, Listen, SynReceived, Established]
    );
    // No handshake in the file: nothing to time the ACK against.
    let cut = capture::open(&pcap(1, false, false, &records("lost-last-ack.pcap")[3..])).unwrap();
    let trace = capture::infer(&cut.connections[0]);
    let retransmitted = trace.events.iter().find_map(|e| match e.kind {
        synack::trace::EventKind::Mark {
            mark: Mark::Retransmission { spurious, .. },
            ..
        } => Some(spurious),
        _ => None,
    });
    assert_eq!(retransmitted, Some(true));
}

#[test]
fn bad_files_say_what_is_wrong() {
    use capture::CaptureError::*;
    let good = std::fs::read(format!("{DIR}lost-server-fin-twice.pcap")).unwrap();
    assert_eq!(
        capture::open(b"hello, not a capture").unwrap_err(),
        NotACapture
    );
    assert_eq!(
        capture::open(&good[..good.len() - 7]).unwrap_err(),
        Truncated
    );
    let mut linktype = good.clone();
    linktype[20] = 147; // a user link type
    assert_eq!(capture::open(&linktype).unwrap_err(), UnknownLinkType(147));
    assert_eq!(capture::open(&good[..24]).unwrap_err(), NoTcp(0));
    let msg = capture::CaptureError::TooLarge(70 * 1024 * 1024).message(synack::i18n::Lang::En);
    assert_eq!(
        msg,
        "the file is 70 MB, over the limit of 64 MB for a capture"
    );
}

// ---- The same packets in every container and link type the reader takes ----

/// The records of a little-endian microsecond pcap file: (seconds, micros, frame).
fn records(name: &str) -> Vec<(u32, u32, Vec<u8>)> {
    let b = std::fs::read(format!("{DIR}{name}")).unwrap();
    let u32le = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let mut out = Vec::new();
    let mut at = 24;
    while at + 16 <= b.len() {
        let (sec, usec, caplen) = (u32le(at), u32le(at + 4), u32le(at + 8) as usize);
        out.push((sec, usec, b[at + 16..at + 16 + caplen].to_vec()));
        at += 16 + caplen;
    }
    out
}

/// A pcap file of `frames` (already in `linktype`'s form), in either byte order.
fn pcap(linktype: u32, big_endian: bool, nanos: bool, frames: &[(u32, u32, Vec<u8>)]) -> Vec<u8> {
    let w32 = |v: u32| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let w16 = |v: u16| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let mut out = Vec::new();
    out.extend(w32(if nanos { 0xa1b2_3c4d } else { 0xa1b2_c3d4 }));
    out.extend(w16(2));
    out.extend(w16(4));
    out.extend(w32(0));
    out.extend(w32(0));
    out.extend(w32(65535));
    out.extend(w32(linktype));
    for (sec, usec, frame) in frames {
        out.extend(w32(*sec));
        out.extend(w32(if nanos { usec * 1000 } else { *usec }));
        out.extend(w32(frame.len() as u32));
        out.extend(w32(frame.len() as u32));
        out.extend(frame);
    }
    out
}

/// A pcapng block: type, total length, body (padded), total length.
fn block(kind: u32, body: &[u8]) -> Vec<u8> {
    let mut body = body.to_vec();
    while body.len() % 4 != 0 {
        body.push(0);
    }
    let len = (body.len() + 12) as u32;
    [
        kind.to_le_bytes().to_vec(),
        len.to_le_bytes().to_vec(),
        body,
        len.to_le_bytes().to_vec(),
    ]
    .concat()
}

/// A pcapng file with two interfaces: Ethernet (0) and raw IP (1); odd
/// packets go on the second, their Ethernet header removed.
fn pcapng_two_interfaces(frames: &[(u32, u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = block(
        0x0A0D_0D0A,
        &[
            0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ],
    );
    for linktype in [1u16, 101] {
        let mut idb = linktype.to_le_bytes().to_vec();
        idb.extend([0, 0]);
        idb.extend(65535u32.to_le_bytes());
        out.extend(block(1, &idb));
    }
    for (i, (sec, usec, frame)) in frames.iter().enumerate() {
        let (iface, data) = if i % 2 == 1 {
            (1u32, &frame[14..])
        } else {
            (0u32, &frame[..])
        };
        let ts = *sec as u64 * 1_000_000 + *usec as u64;
        let mut epb = iface.to_le_bytes().to_vec();
        epb.extend(((ts >> 32) as u32).to_le_bytes());
        epb.extend((ts as u32).to_le_bytes());
        epb.extend((data.len() as u32).to_le_bytes());
        epb.extend((data.len() as u32).to_le_bytes());
        epb.extend(data);
        out.extend(block(6, &epb));
    }
    out
}

fn wrapped(
    frames: &[(u32, u32, Vec<u8>)],
    f: impl Fn(&[u8]) -> Vec<u8>,
) -> Vec<(u32, u32, Vec<u8>)> {
    frames.iter().map(|(s, u, fr)| (*s, *u, f(fr))).collect()
}

/// The segments of a file's only connection, as flags seq ack len, with times.
fn segment_list(bytes: &[u8]) -> Vec<String> {
    let c = capture::open(bytes).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(c.connections.len(), 1);
    c.connections[0]
        .segments
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {} {} {}",
                s.time_us, s.from_client, s.flags, s.seq, s.ack, s.len
            )
        })
        .collect()
}

#[test]
fn every_container_and_link_type_gives_the_same_segments() {
    let frames = records("lost-server-fin-twice.pcap");
    let expected = segment_list(&pcap(1, false, false, &frames));
    assert_eq!(expected.len(), 10);
    let ethertype = |f: &[u8]| [f[12], f[13]];
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("big-endian, nanoseconds", pcap(1, true, true, &frames)),
        (
            "802.1Q tag",
            pcap(
                1,
                false,
                false,
                &wrapped(&frames, |f| {
                    [&f[..12], &[0x81, 0x00, 0x00, 0x2a], &f[12..]].concat()
                }),
            ),
        ),
        (
            "raw IP",
            pcap(101, false, false, &wrapped(&frames, |f| f[14..].to_vec())),
        ),
        (
            "Linux cooked v1",
            pcap(
                113,
                false,
                false,
                &wrapped(&frames, |f| {
                    [
                        &[0, 0, 0, 1, 0, 6][..],
                        &f[6..12],
                        &[0, 0],
                        &ethertype(f),
                        &f[14..],
                    ]
                    .concat()
                }),
            ),
        ),
        (
            "Linux cooked v2",
            pcap(
                276,
                false,
                false,
                &wrapped(&frames, |f| {
                    [
                        &ethertype(f)[..],
                        &[0, 0],
                        &2u32.to_be_bytes(),
                        &[0, 1, 0, 6],
                        &f[6..12],
                        &[0, 0],
                        &f[14..],
                    ]
                    .concat()
                }),
            ),
        ),
        (
            "BSD loopback",
            pcap(
                0,
                false,
                false,
                &wrapped(&frames, |f| [&2u32.to_le_bytes()[..], &f[14..]].concat()),
            ),
        ),
        ("pcapng, two interfaces", pcapng_two_interfaces(&frames)),
    ];
    for (what, bytes) in cases {
        let c = capture::open(&bytes).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(c.connections.len(), 1, "{what}");
        assert_eq!(segment_list(&bytes), expected, "{what}");
    }
}

#[test]
fn a_capture_that_starts_mid_connection_names_the_first_sender_client() {
    let frames = records("lost-server-fin-twice.pcap");
    // From c3 (the client's FIN) on: no handshake seen.
    let cut = pcap(1, false, false, &frames[3..]);
    let c = capture::open(&cut).unwrap();
    let k = &c.connections[0];
    assert!(k.client_guessed);
    assert_eq!(k.names[0], "10.88.0.1:36488");
    assert_eq!(k.ending(), capture::Ending::NoHandshake);
    let trace = capture::infer(k);
    use State::*;
    assert_eq!(
        trace.states(Host::Client),
        vec![Closed, Established, FinWait1, FinWait2, TimeWait]
    );
    assert_eq!(
        trace.states(Host::Server),
        vec![Closed, Established, CloseWait, LastAck, Closed]
    );
}

#[test]
fn duplicate_acks_and_zero_windows_are_named() {
    // As if the client's request (c3) were lost: the server acknowledges only
    // the handshake, twice, while the request is outstanding; then its real
    // ACK of the request, and after it one with a window of 0.
    let mut frames = records("three-connections.pcap");
    frames.truncate(10);
    let client_isn = u32::from_be_bytes(frames[0].2[38..42].try_into().unwrap());
    let mut handshake_ack = frames[4].2.clone();
    handshake_ack[42..46].copy_from_slice(&(client_isn + 1).to_be_bytes());
    let (sec, usec) = (frames[4].0, frames[4].1);
    frames.insert(4, (sec, usec, handshake_ack.clone()));
    frames.insert(5, (sec, usec, handshake_ack));
    let mut closed = frames[6].2.clone();
    closed[48..50].copy_from_slice(&[0, 0]);
    frames.insert(7, (sec, usec, closed));
    let c = capture::open(&pcap(1, false, false, &frames)).unwrap();
    let trace = capture::infer(&c.connections[0]);
    let names: Vec<String> = trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            synack::trace::EventKind::Mark { seg, mark }
                if !matches!(mark, Mark::HandshakeRtt { .. }) =>
            {
                Some(format!("{} {}", trace.segments[seg].id, mark.name()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(names, ["s3 duplicate-ack", "s5 zero-window"]);
    let dup = trace
        .marks(trace.segment_index("s3").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        dup,
        Mark::DuplicateAck {
            of: trace.segment_index("s2").unwrap(),
            count: 1
        }
    );
}

#[test]
fn a_connection_over_within_a_millisecond_keeps_its_microseconds() {
    use synack::trace::Clock;
    let c = open("many-short-connections.pcap");
    let t = capture::infer(&c.connections[0]);
    assert_eq!(t.clock, Clock::Us);
    // The file's own timestamps (µs after the SYN), read with Python's struct.
    let sent: Vec<u64> = t.segments.iter().map(|s| s.sent).collect();
    assert_eq!(sent, [0, 17, 31, 67, 72, 159, 174, 189, 205, 211]);
    assert_eq!(t.clock.text(t.end_ms), "211 µs");
    assert_eq!(t.clock.text(1250), "1.25 ms");
    // The diagram's ticks and the break words use the same clock.
    let d = synack::diagram::layout(&t, &synack::diagram::View::default());
    assert_eq!(d.clock, Clock::Us);
    // A connection that lasts seconds stays on the millisecond clock.
    let long = capture::infer(&open("lost-three-synacks.pcap").connections[0]);
    assert_eq!(long.clock, Clock::Ms);
}
