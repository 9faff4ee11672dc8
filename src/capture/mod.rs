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
pub mod words;

pub use infer::{infer, Rule};
pub use marks::{Mark, RstReason};

use crate::i18n::Lang;
use crate::tcp::Flags;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::IpAddr;

pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_PACKETS: usize = 1_000_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TcpOption {
    Mss(u16),
    WindowScale(u8),
    SackPermitted,
    /// SACK blocks (left edge, right edge), absolute.
    Sack(Vec<(u32, u32)>),
    /// TSval, TSecr.
    Timestamp(u32, u32),
}

impl TcpOption {
    /// As tcpdump prints them, with SACK edges relative to `base` when given.
    pub fn text(&self, base: Option<u32>) -> String {
        match self {
            TcpOption::Mss(n) => format!("mss {n}"),
            TcpOption::WindowScale(s) => format!("wscale {s}"),
            TcpOption::SackPermitted => "sackOK".into(),
            TcpOption::Sack(blocks) => {
                let shown = |n: u32| n.wrapping_sub(base.unwrap_or(0));
                let list: Vec<String> = blocks
                    .iter()
                    .map(|(l, r)| format!("{{{}:{}}}", shown(*l), shown(*r)))
                    .collect();
                format!("sack {} {}", blocks.len(), list.join(""))
            }
            TcpOption::Timestamp(v, e) => format!("TS val {v} ecr {e}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Endpoint {
    #[serde(with = "address_bytes")]
    pub addr: IpAddr,
    pub port: u16,
}

/// An address crosses to the page as its 4 or 16 bytes: serde's own form
/// would bring address parsing into the page's first load.
mod address_bytes {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::net::IpAddr;

    pub fn serialize<S: Serializer>(addr: &IpAddr, s: S) -> Result<S::Ok, S::Error> {
        match addr {
            IpAddr::V4(a) => s.serialize_bytes(&a.octets()),
            IpAddr::V6(a) => s.serialize_bytes(&a.octets()),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<IpAddr, D::Error> {
        let bytes = Vec::<u8>::deserialize(d)?;
        if let Ok(v4) = <[u8; 4]>::try_from(bytes.as_slice()) {
            Ok(IpAddr::from(v4))
        } else if let Ok(v6) = <[u8; 16]>::try_from(bytes.as_slice()) {
            Ok(IpAddr::from(v6))
        } else {
            Err(serde::de::Error::custom("an address is 4 or 16 bytes"))
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.addr {
            IpAddr::V4(a) => write!(f, "{a}:{}", self.port),
            IpAddr::V6(a) => write!(f, "[{a}]:{}", self.port),
        }
    }
}

/// One segment of a connection as captured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapturedSegment {
    /// Microseconds since the first packet of the file.
    pub time_us: u64,
    pub from_client: bool,
    pub flags: Flags,
    pub seq: u32,
    pub ack: u32,
    pub window: u16,
    pub len: u32,
    pub options: Vec<TcpOption>,
    pub truncated: bool,
}

impl CapturedSegment {
    pub fn seq_len(&self) -> u32 {
        self.len + self.flags.syn as u32 + self.flags.fin as u32
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ending {
    Closed,
    Reset,
    StillOpen,
    NoHandshake,
}

impl Ending {
    pub fn as_str(self) -> &'static str {
        match self {
            Ending::Closed => "closed",
            Ending::Reset => "reset",
            Ending::StillOpen => "still open",
            Ending::NoHandshake => "no handshake seen",
        }
    }
    pub fn word_key(self) -> &'static str {
        match self {
            Ending::Closed => "capture.closed",
            Ending::Reset => "capture.reset",
            Ending::StillOpen => "capture.open",
            Ending::NoHandshake => "capture.no_handshake",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub client: Endpoint,
    pub server: Endpoint,
    /// No SYN was seen: the client is only the side that sent first.
    pub client_guessed: bool,
    /// Client and server as printed (`10.88.0.1:36488`, `[fd88::1]:8080`),
    /// made once here so the page never formats an address itself.
    pub names: [String; 2],
    pub segments: Vec<CapturedSegment>,
}

impl Connection {
    pub fn start_us(&self) -> u64 {
        self.segments.first().map_or(0, |s| s.time_us)
    }
    pub fn duration_us(&self) -> u64 {
        self.segments
            .iter()
            .map(|s| s.time_us)
            .max()
            .unwrap_or(0)
            .saturating_sub(self.start_us())
    }
    pub fn ending(&self) -> Ending {
        let sent = |client: bool, f: fn(&Flags) -> bool| {
            self.segments
                .iter()
                .any(|s| s.from_client == client && f(&s.flags))
        };
        if !sent(true, |f| f.syn) && !sent(false, |f| f.syn) {
            Ending::NoHandshake
        } else if sent(true, |f| f.rst) || sent(false, |f| f.rst) {
            Ending::Reset
        } else if sent(true, |f| f.fin) && sent(false, |f| f.fin) {
            Ending::Closed
        } else {
            Ending::StillOpen
        }
    }
}

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
