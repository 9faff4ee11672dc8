//! Real captures: a pcap or pcapng file read into its TCP connections
//! (`open`), and one connection turned into a trace with each host's state
//! inferred and what happened named (`infer`). Core code: no browser crate,
//! tested natively against the Linux captures in `tests/captures/`.
//!
//! In the page the reading runs in the module loaded on first use (the
//! parsers are too large for the first load); the `Capture` crosses to the
//! page packed with postcard, and the page infers the trace itself.

mod infer;
mod marks;
mod read;
pub mod replay;
pub mod write;

pub use infer::infer;
// What a trace holds of a capture lives in `trace` (the record depends on
// none of its producers); the capture reader re-exports it under its old names.
pub use crate::trace::captured::{
    CapturedSegment, Connection, Ending, Endpoint, Mark, RstReason, Rule, TcpOption,
};
pub use crate::trace::captured_words as words;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_PACKETS: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Capture {
    pub connections: Vec<Connection>,
    /// Packets that were not TCP (ARP, UDP, …).
    pub other_packets: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureError {
    TooLarge(usize),
    TooManyPackets,
    NotACapture,
    Truncated,
    Malformed,
    UnknownLinkType(u16),
    NoTcp(usize),
}

impl CaptureError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            CaptureError::TooLarge(n) if zh => format!(
                "文件有 {} MB，超过了抓包文件 64 MB 的上限",
                n.div_ceil(1024 * 1024)
            ),
            CaptureError::TooLarge(n) => format!(
                "the file is {} MB, over the limit of 64 MB for a capture",
                n.div_ceil(1024 * 1024)
            ),
            CaptureError::TooManyPackets if zh => "文件超过 1,000,000 个分组的上限".into(),
            CaptureError::TooManyPackets => {
                "the file holds more than the limit of 1,000,000 packets".into()
            }
            CaptureError::NotACapture if zh => {
                "这不是 pcap 或 pcapng 抓包文件（文件头无法识别）".into()
            }
            CaptureError::NotACapture => {
                "this is not a pcap or pcapng capture (its header is not one)".into()
            }
            CaptureError::Truncated if zh => "抓包文件被截断了：最后一个分组不完整".into(),
            CaptureError::Truncated => {
                "the capture is cut short: its last packet is incomplete".into()
            }
            CaptureError::Malformed if zh => "抓包文件已损坏：有一个块无法读取".into(),
            CaptureError::Malformed => "the capture is damaged: a block cannot be read".into(),
            CaptureError::UnknownLinkType(t) if zh => format!(
                "不支持链路类型 {t}（支持以太网、Linux cooked v1/v2、原始 IP、BSD 回环）"
            ),
            CaptureError::UnknownLinkType(t) => format!(
                "link type {t} is not supported (Ethernet, Linux cooked v1 and v2, raw IP and BSD loopback are)"
            ),
            CaptureError::NoTcp(n) if zh => format!("文件中没有 TCP 报文段（{n} 个其他分组）"),
            CaptureError::NoTcp(n) => {
                format!("there is no TCP in this capture ({n} other packets)")
            }
        }
    }
}

/// Reads a capture file into its TCP connections, in the order they start.
pub fn open(bytes: &[u8]) -> Result<Capture, CaptureError> {
    let packets = read::read(bytes)?;
    let origin = packets
        .tcp
        .iter()
        .map(|p| p.segment.time_us)
        .min()
        .unwrap_or(0);
    let mut connections: Vec<Connection> = Vec::new();
    // The connection each pair of endpoints is in now.
    let mut current: std::collections::BTreeMap<(Endpoint, Endpoint), usize> =
        std::collections::BTreeMap::new();
    for p in packets.tcp {
        let src = Endpoint {
            addr: p.src.0,
            port: p.src.1,
        };
        let dst = Endpoint {
            addr: p.dst.0,
            port: p.dst.1,
        };
        let key = if src < dst { (src, dst) } else { (dst, src) };
        let opening = p.segment.flags.syn && !p.segment.flags.ack;
        let index = match current.get(&key) {
            // A new SYN after the old connection ended: the ports are used again.
            Some(&i) if !(opening && reusable(&connections[i], p.segment.seq)) => i,
            _ => {
                let (client, server, guessed) = if p.segment.flags.syn && p.segment.flags.ack {
                    (dst, src, false)
                } else {
                    (src, dst, !opening)
                };
                connections.push(Connection {
                    client,
                    server,
                    client_guessed: guessed,
                    names: [client.to_string(), server.to_string()],
                    segments: Vec::new(),
                });
                current.insert(key, connections.len() - 1);
                connections.len() - 1
            }
        };
        let c = &mut connections[index];
        let mut segment = p.segment;
        segment.time_us = segment.time_us.saturating_sub(origin);
        segment.from_client = src == c.client;
        c.segments.push(segment);
    }
    Ok(Capture {
        connections,
        other_packets: packets.other,
    })
}

/// A SYN with a new ISN on a pair whose connection has ended starts another.
fn reusable(old: &Connection, isn: u32) -> bool {
    let first_syn = old
        .segments
        .iter()
        .find(|s| s.flags.syn && !s.flags.ack)
        .map(|s| s.seq);
    first_syn != Some(isn) && matches!(old.ending(), Ending::Closed | Ending::Reset)
}

#[cfg(test)]
mod tests;
