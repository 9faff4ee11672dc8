//! Any run written as a pcapng capture that Wireshark, tshark and tcpdump
//! open as real traffic: a section header, one raw-IPv4 interface with
//! nanosecond timestamps, and an enhanced packet block per transmission, with
//! real IPv4 and TCP headers (checksums, the scenario's ports and ISNs, the
//! MSS option on SYNs, a payload of the segment's length). Each packet's
//! comment carries what the wire does not: the segment's name, why it was
//! sent, its sender's state, and what the link did to it.
//!
//! Written by hand (a few dozen lines of block layout) rather than with a
//! crate: the format is small and fixed, and the writer must not add to the
//! page's first load. The addresses are the documentation networks': the
//! client 192.0.2.1, the server 198.51.100.2 (RFC 5737).

use crate::scenario::Host;
use crate::tcp::State;
use crate::trace::{EventKind, Fate, Trace};

/// The most segments one file takes: a run this long is refused, never half written.
pub const MAX_SEGMENTS: usize = 100_000;

pub const CLIENT_ADDR: [u8; 4] = [192, 0, 2, 1];
pub const SERVER_ADDR: [u8; 4] = [198, 51, 100, 2];

/// LINKTYPE_RAW: each packet begins with its IP header.
const LINKTYPE_RAW: u16 = 101;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    TooLong(usize),
}

impl WriteError {
    pub fn message(&self) -> String {
        match self {
            WriteError::TooLong(n) => format!(
                "the run has {n} segments, more than the {MAX_SEGMENTS} a capture file is written for"
            ),
        }
    }
}

fn block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
    let length = (12 + body.len()) as u32;
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&length.to_le_bytes());
}

/// One option (code, value padded to 4 bytes).
fn option(body: &mut Vec<u8>, code: u16, value: &[u8]) {
    body.extend_from_slice(&code.to_le_bytes());
    body.extend_from_slice(&(value.len() as u16).to_le_bytes());
    body.extend_from_slice(value);
    body.resize(body.len().next_multiple_of(4), 0);
}

fn end_of_options(body: &mut Vec<u8>) {
    body.extend_from_slice(&[0, 0, 0, 0]);
}

/// The Internet checksum (RFC 1071) of the words given.
fn checksum(parts: &[&[u8]]) -> u16 {
    let mut sum: u32 = 0;
    for part in parts {
        for pair in part.chunks(2) {
            let word = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
            sum += u32::from(word);
        }
    }
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// The IPv4 packet carrying one segment.
fn packet(trace: &Trace, index: usize, mss: u32, ip_id: u16) -> Vec<u8> {
    let s = &trace.segments[index];
    let h = &s.header;
    let (src, dst) = match s.from {
        Host::Client => (CLIENT_ADDR, SERVER_ADDR),
        Host::Server => (SERVER_ADDR, CLIENT_ADDR),
    };
    let options: Vec<u8> = if h.flags.syn {
        let mss = mss.min(u32::from(u16::MAX)) as u16;
        [2, 4].into_iter().chain(mss.to_be_bytes()).collect()
    } else {
        Vec::new()
    };
    let tcp_header_len = 20 + options.len();
    let mut tcp = Vec::with_capacity(tcp_header_len + h.len as usize);
    tcp.extend_from_slice(&h.src_port.to_be_bytes());
    tcp.extend_from_slice(&h.dst_port.to_be_bytes());
    tcp.extend_from_slice(&h.seq.0.to_be_bytes());
    tcp.extend_from_slice(&(if h.flags.ack { h.ack.0 } else { 0 }).to_be_bytes());
    let flags = u8::from(h.flags.fin)
        | u8::from(h.flags.syn) << 1
        | u8::from(h.flags.rst) << 2
        | u8::from(h.flags.psh) << 3
        | u8::from(h.flags.ack) << 4;
    tcp.push(((tcp_header_len / 4) as u8) << 4);
    tcp.push(flags);
    tcp.extend_from_slice(&h.window.to_be_bytes());
    tcp.extend_from_slice(&[0, 0, 0, 0]); // checksum, urgent pointer
    tcp.extend_from_slice(&options);
    // The payload: its length is what the run says; its bytes, a pattern.
    tcp.extend((0..h.len).map(|i| b'a' + (i % 26) as u8));
    let tcp_len = tcp.len() as u16;
    let pseudo: Vec<u8> = src
        .iter()
        .chain(&dst)
        .copied()
        .chain([0, 6])
        .chain(tcp_len.to_be_bytes())
        .collect();
    let sum = checksum(&[&pseudo, &tcp]);
    tcp[16..18].copy_from_slice(&sum.to_be_bytes());
    let mut ip = Vec::with_capacity(20 + tcp.len());
    ip.extend_from_slice(&[0x45, 0]);
    ip.extend_from_slice(&(20 + tcp_len).to_be_bytes());
    ip.extend_from_slice(&ip_id.to_be_bytes());
    ip.extend_from_slice(&[0x40, 0, 64, 6, 0, 0]); // DF, TTL 64, TCP, checksum
    ip.extend_from_slice(&src);
    ip.extend_from_slice(&dst);
    let sum = checksum(&[&ip]);
    ip[10..12].copy_from_slice(&sum.to_be_bytes());
    ip.extend_from_slice(&tcp);
    ip
}

/// Each segment's sender's state when it left (the state after any change
/// the same moment made before it: close() → FIN-WAIT-1, then the FIN).
fn sender_states(trace: &Trace) -> Vec<Option<State>> {
    let mut now: [Option<State>; 2] = [None, None];
    let mut out = vec![None; trace.segments.len()];
    for e in &trace.events {
        match e.kind {
            EventKind::State { host, to, .. } => now[host as usize] = Some(to),
            EventKind::Sent { seg } => {
                if let Some(slot) = out.get_mut(seg) {
                    *slot = now[trace.segments[seg].from as usize];
                }
            }
            _ => {}
        }
    }
    out
}

/// What the packet's comment says: the name, why it was sent (`why`, from
/// the layer that explains segments), the sender's state, and what the link
/// did to it.
fn comment(
    trace: &Trace,
    index: usize,
    state: Option<State>,
    why: &dyn Fn(usize) -> String,
) -> String {
    let s = &trace.segments[index];
    let why = why(index);
    let host = match s.from {
        Host::Client => "client",
        Host::Server => "server",
    };
    let mut text = format!("synack {}: {why}", s.id);
    if let Some(state) = state {
        text.push_str(&format!(" The {host} is in {}.", state.name()));
    }
    let clock = |t: u64| trace.clock.text(t);
    match (s.fate, s.arrives) {
        (Fate::Dropped, _) => text.push_str(" Lost on the way: the other host never sees it."),
        (Fate::Delayed, Some(at)) => text.push_str(&format!(
            " Held back by the link: it arrives at {}.",
            clock(at)
        )),
        (Fate::Duplicated, Some(at)) => text.push_str(&format!(
            " The link delivers it twice; this copy arrives at {}.",
            clock(at)
        )),
        _ => {}
    }
    text
}

/// Where the capture is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CapturePoint {
    /// Each packet where it left its sender: every transmission is in the
    /// file, a lost one too (its comment says so).
    #[default]
    Senders,
    /// On one host, as tcpdump there would see it: its own packets when it
    /// sends them, the other's when they arrive; what the link lost never
    /// arrives, so Wireshark finds the gap itself.
    At(Host),
}

/// When `point` sees segment `i`, if it does.
fn seen_at(trace: &Trace, i: usize, point: CapturePoint) -> Option<u64> {
    let s = &trace.segments[i];
    match point {
        CapturePoint::Senders => Some(s.sent),
        // A copy the link made, or an old duplicate it delivered, never left this host.
        CapturePoint::At(host) if s.from == host => {
            (s.copy_of.is_none() && !s.injected).then_some(s.sent)
        }
        CapturePoint::At(_) => match s.fate {
            Fate::Dropped => None,
            _ => s.arrives,
        },
    }
}

/// The run as a pcapng file, each packet's comment saying why it was sent
/// in `why`'s words (`explain::pcapng` gives the explanations).
pub fn pcapng(
    trace: &Trace,
    mss: u32,
    point: CapturePoint,
    why: &dyn Fn(usize) -> String,
) -> Result<Vec<u8>, WriteError> {
    if trace.segments.len() > MAX_SEGMENTS {
        return Err(WriteError::TooLong(trace.segments.len()));
    }
    let mut out = Vec::new();
    // Section header: byte-order magic, version 1.0, length unknown (-1).
    let mut shb = Vec::new();
    shb.extend_from_slice(&0x1A2B_3C4Du32.to_le_bytes());
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&0u16.to_le_bytes());
    shb.extend_from_slice(&(-1i64).to_le_bytes());
    option(
        &mut shb,
        4,
        b"synack (simulated: the TCP model's run, not a real network)",
    );
    end_of_options(&mut shb);
    block(&mut out, 0x0A0D_0D0A, &shb);
    // One interface: raw IPv4, timestamps in nanoseconds (if_tsresol 9).
    let mut idb = Vec::new();
    idb.extend_from_slice(&LINKTYPE_RAW.to_le_bytes());
    idb.extend_from_slice(&0u16.to_le_bytes());
    idb.extend_from_slice(&0u32.to_le_bytes()); // no snapshot limit
    option(&mut idb, 2, b"synack");
    option(&mut idb, 9, &[9]);
    end_of_options(&mut idb);
    block(&mut out, 1, &idb);
    let states = sender_states(trace);
    let ns_per_unit = 1_000_000 / trace.clock.per_ms();
    // In the order the capture point sees them.
    let mut order: Vec<(u64, usize)> = (0..trace.segments.len())
        .filter_map(|i| seen_at(trace, i, point).map(|t| (t, i)))
        .collect();
    order.sort_by_key(|&(t, _)| t);
    let mut ip_ids = [0u16; 2];
    for (t, i) in order {
        let s = &trace.segments[i];
        let id = &mut ip_ids[s.from as usize];
        *id = id.wrapping_add(1);
        let data = packet(trace, i, mss, *id);
        let ns = t * ns_per_unit;
        let mut epb = Vec::with_capacity(32 + data.len() + 128);
        epb.extend_from_slice(&0u32.to_le_bytes()); // interface 0
        epb.extend_from_slice(&((ns >> 32) as u32).to_le_bytes());
        epb.extend_from_slice(&(ns as u32).to_le_bytes());
        epb.extend_from_slice(&(data.len() as u32).to_le_bytes());
        epb.extend_from_slice(&(data.len() as u32).to_le_bytes());
        epb.extend_from_slice(&data);
        epb.resize(epb.len().next_multiple_of(4), 0);
        option(&mut epb, 1, comment(trace, i, states[i], why).as_bytes());
        end_of_options(&mut epb);
        block(&mut out, 6, &epb);
    }
    Ok(out)
}
