//! The words for inferred states and marks, in English and 简体中文, shared
//! by the page, the narration, the exports and the command.

use super::captured::{Mark, RstReason, Rule};
use crate::i18n::Lang;
use crate::trace::Trace;

/// The rule that produced an inferred state, as a clause ("sent SYN").
pub fn rule_text(rule: Rule, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match rule {
        Rule::AnsweredSyn if zh => "它回应了 SYN，所以此前一直在监听",
        Rule::AnsweredSyn => "it answered a SYN, so it was listening",
        Rule::NoHandshakeSeen if zh => "抓包从连接中途开始，没有看到握手",
        Rule::NoHandshakeSeen => "the capture starts mid-connection, no handshake seen",
        Rule::SentSyn if zh => "发送了 SYN",
        Rule::SentSyn => "sent SYN",
        Rule::SentSynAck if zh => "回应 SYN，发送了 SYN,ACK",
        Rule::SentSynAck => "sent SYN,ACK in reply to a SYN",
        Rule::AckedPeerSyn if zh => "发送了对方 SYN 的确认",
        Rule::AckedPeerSyn => "sent the ACK of the peer's SYN",
        Rule::SynAcknowledged if zh => "自己的 SYN 被确认",
        Rule::SynAcknowledged => "its SYN was acknowledged",
        Rule::SentFin if zh => "发送了 FIN",
        Rule::SentFin => "sent FIN",
        Rule::AckedPeerFin if zh => "确认了对方的 FIN，自己还没发 FIN",
        Rule::AckedPeerFin => "acknowledged the peer's FIN before sending its own",
        Rule::FinAcknowledged if zh => "自己的 FIN 被确认，还没看到对方的 FIN",
        Rule::FinAcknowledged => "its FIN acknowledged, peer's FIN not yet seen",
        Rule::SimultaneousClose if zh => "自己的 FIN 尚未被确认时确认了对方的 FIN",
        Rule::SimultaneousClose => {
            "acknowledged the peer's FIN while its own FIN was not yet acknowledged"
        }
        Rule::BothFinsDone if zh => "自己的 FIN 被确认后，发送了对方 FIN 的确认",
        Rule::BothFinsDone => "sent the ACK of the peer's FIN after its own FIN was acknowledged",
        Rule::LastAckAcknowledged if zh => "自己的 FIN 被确认（最后的 ACK）",
        Rule::LastAckAcknowledged => "its FIN was acknowledged (the last ACK)",
        Rule::SentRst if zh => "发送了 RST",
        Rule::SentRst => "sent RST",
        Rule::ReceivedRst if zh => "收到了 RST",
        Rule::ReceivedRst => "received RST",
    }
}

/// Why a state seen in a capture is only inferred, for the explanation.
pub fn inferred_note(lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        "（推断：根据抓包点看到的报文段。主机的状态在报文段离开或到达该主机时改变，而不是在抓包点。）"
    } else {
        " (inferred from the segments seen at the capture point; a host's state changes when a segment leaves or reaches that host, not the capture point)"
    }
}

fn rst_text(reason: RstReason, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match reason {
        RstReason::Refused if zh => "RST 回应了 SYN：该端口没有程序在监听（连接被拒绝）",
        RstReason::Refused => "RST in reply to a SYN: nothing listens on that port (connection refused)",
        RstReason::Abort if zh => {
            "RST 来自一个没发过 FIN 的连接：中止（SO_LINGER {1, 0}，或关闭时还有未读数据）"
        }
        RstReason::Abort => "RST from an open connection that sent no FIN: an abort (SO_LINGER {1, 0}, or close() with unread data)",
        RstReason::AfterClose if zh => "RST 来自已经关闭的一方：有报文段到达了它已不再拥有的连接",
        RstReason::AfterClose => "RST from a side that had closed: a segment arrived for a connection it no longer has",
        RstReason::Unknown if zh => "RST：连接被重置",
        RstReason::Unknown => "RST: the connection is reset",
    }
}

fn ms(us: u64) -> String {
    if us < 10_000 {
        format!("{}.{:03} ms", us / 1000, us % 1000)
    } else {
        format!("{} ms", us / 1000)
    }
}

/// A duration as it reads best: `2.345 s` or `0.211 ms`. Integer
/// arithmetic only: float formatting would cost the page 15 KB.
pub fn duration(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{}.{:03} s", us / 1_000_000, us / 1000 % 1000)
    } else {
        format!("{}.{:03} ms", us / 1000, us % 1000)
    }
}

/// A capture time in seconds with its microseconds: `0.200505`.
pub fn seconds_us(us: u64) -> String {
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

/// A mark in words, naming the segments it refers to by their ids.
pub fn mark_text(mark: Mark, trace: &Trace, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let id = |i: usize| trace.segments.get(i).map_or("?", |s| s.id.as_str());
    match mark {
        Mark::Retransmission { of, after_ms, spurious: false } if zh => {
            format!("{} 的重传，间隔 {after_ms} ms", id(of))
        }
        Mark::Retransmission { of, after_ms, spurious: false } => {
            format!("retransmission of {}, retransmitted after {after_ms} ms", id(of))
        }
        Mark::Retransmission { of, after_ms, spurious: true } if zh => format!(
            "{} 的伪重传（间隔 {after_ms} ms）：{} 已被确认，但确认在途中丢失了",
            id(of),
            id(of)
        ),
        Mark::Retransmission { of, after_ms, spurious: true } => format!(
            "spurious retransmission of {} after {after_ms} ms: {} had been acknowledged, the acknowledgement was lost",
            id(of),
            id(of)
        ),
        Mark::ProbablyLost if zh => "可能丢失：后来被重传，而对方从未确认它".into(),
        Mark::ProbablyLost => {
            "probably lost: retransmitted later without the peer ever acknowledging it".into()
        }
        Mark::DuplicateAck { of, count } if zh => format!("{} 的第 {count} 个重复 ACK", id(of)),
        Mark::DuplicateAck { of, count } => format!("duplicate ACK #{count} of {}", id(of)),
        Mark::DSack if zh => "D-SACK：接收方报告它收到了重复的报文段（RFC 2883）".into(),
        Mark::DSack => "D-SACK: the receiver reports a segment it received twice (RFC 2883)".into(),
        Mark::OutOfOrder if zh => "乱序：新数据的序号低于已发送的数据".into(),
        Mark::OutOfOrder => "out of order: new data below what was already sent".into(),
        Mark::ZeroWindow if zh => "零窗口：接收方没有空间了".into(),
        Mark::ZeroWindow => "zero window: the receiver has no room".into(),
        Mark::Reset(reason) => rst_text(reason, lang).into(),
        Mark::HandshakeRtt { us } if zh => {
            format!("握手往返时间 {}（抓包点上 SYN → ACK）", ms(us))
        }
        Mark::HandshakeRtt { us } => {
            format!("handshake round trip {} (SYN → ACK at the capture point)", ms(us))
        }
    }
}
