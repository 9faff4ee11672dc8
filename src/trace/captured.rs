//! What a trace holds of a capture: the connection as captured, the rule
//! behind each inferred state, and the marks (retransmission, probable loss,
//! …). Defined here, not in `capture`, so the record everything reads
//! depends on none of its producers; `capture` builds these and re-exports them.

use crate::tcp::Flags;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::IpAddr;

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
    pub fn word_key(self) -> crate::i18n::EditorWord {
        match self {
            Ending::Closed => crate::i18n::EditorWord::CaptureClosed,
            Ending::Reset => crate::i18n::EditorWord::CaptureReset,
            Ending::StillOpen => crate::i18n::EditorWord::CaptureOpen,
            Ending::NoHandshake => crate::i18n::EditorWord::CaptureNoHandshake,
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

/// Why an inferred state was entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Rule {
    /// It answered a SYN, so it was listening from the start.
    AnsweredSyn,
    /// The capture starts mid-connection.
    NoHandshakeSeen,
    SentSyn,
    SentSynAck,
    /// Sent the ACK of the peer's SYN.
    AckedPeerSyn,
    /// Its SYN was acknowledged by the peer.
    SynAcknowledged,
    SentFin,
    /// Acknowledged the peer's FIN before sending its own.
    AckedPeerFin,
    /// Its FIN was acknowledged, the peer's FIN not yet seen.
    FinAcknowledged,
    /// Acknowledged the peer's FIN while its own was not yet acknowledged.
    SimultaneousClose,
    /// Acknowledged (or received) the peer's FIN after its own FIN was acknowledged.
    BothFinsDone,
    /// Its FIN was acknowledged after it had acknowledged the peer's.
    LastAckAcknowledged,
    SentRst,
    ReceivedRst,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::AnsweredSyn => "answered-syn",
            Rule::NoHandshakeSeen => "no-handshake-seen",
            Rule::SentSyn => "sent-syn",
            Rule::SentSynAck => "sent-syn-ack",
            Rule::AckedPeerSyn => "acked-peer-syn",
            Rule::SynAcknowledged => "syn-acknowledged",
            Rule::SentFin => "sent-fin",
            Rule::AckedPeerFin => "acked-peer-fin",
            Rule::FinAcknowledged => "fin-acknowledged",
            Rule::SimultaneousClose => "simultaneous-close",
            Rule::BothFinsDone => "both-fins-done",
            Rule::LastAckAcknowledged => "last-ack-acknowledged",
            Rule::SentRst => "sent-rst",
            Rule::ReceivedRst => "received-rst",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RstReason {
    /// It answers a SYN: nothing listens on that port.
    Refused,
    /// From an open connection that never sent a FIN: an abort
    /// (SO_LINGER {1, 0}, or close() with unread data).
    Abort,
    /// Its sender had closed: a segment arrived for a connection it no longer has.
    AfterClose,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Mark {
    /// Repeats sequence space sent before: `of` is the first transmission,
    /// `after_ms` the time since the one before this.
    Retransmission {
        of: usize,
        after_ms: u64,
        /// The peer's acknowledgement of it had passed the capture point and
        /// was still on its way: nothing was lost, the timer ran out first.
        /// (When that acknowledgement was lost, it is a retransmission.)
        spurious: bool,
    },
    /// Retransmitted later without the peer ever acknowledging it.
    ProbablyLost,
    /// The same acknowledgement again while the peer has data outstanding;
    /// `of` is the first ACK with that number, `count` how many repeat it.
    DuplicateAck {
        of: usize,
        count: u32,
    },
    /// A SACK block below the acknowledgement: "I received that twice" (RFC 2883).
    DSack,
    /// New data below what the sender had already sent: it arrived out of order.
    OutOfOrder,
    ZeroWindow,
    Reset(RstReason),
    /// SYN → ACK at the capture point (Wireshark's iRTT).
    HandshakeRtt {
        us: u64,
    },
    /// An acknowledgement seen here that never reached its receiver: `resent`
    /// repeats what it acknowledged `after_ms` later, longer than it takes
    /// to go from the capture point to that host and back (a capture taken
    /// beside the sender of the acknowledgement, or a drop in the receiver's
    /// firewall).
    LostAfterCapture {
        resent: usize,
        after_ms: u64,
    },
}

impl Mark {
    pub fn name(&self) -> &'static str {
        match self {
            Mark::Retransmission { spurious: true, .. } => "spurious-retransmission",
            Mark::Retransmission { .. } => "retransmission",
            Mark::ProbablyLost => "probably-lost",
            Mark::DuplicateAck { .. } => "duplicate-ack",
            Mark::DSack => "d-sack",
            Mark::OutOfOrder => "out-of-order",
            Mark::ZeroWindow => "zero-window",
            Mark::Reset(_) => "reset",
            Mark::HandshakeRtt { .. } => "handshake-rtt",
            Mark::LostAfterCapture { .. } => "lost-after-capture",
        }
    }

    /// The segment did not reach its receiver: the diagram draws it as lost
    /// and "Replay in the model" drops it.
    pub fn is_loss(&self) -> bool {
        matches!(self, Mark::ProbablyLost | Mark::LostAfterCapture { .. })
    }
}
