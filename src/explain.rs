//! Explanations generated from the trace itself, so the words can never drift
//! from what is drawn: why a segment was sent, why its numbers are what they
//! are, and what it does to the receiver.

use crate::i18n::Lang;
use crate::scenario::Host;
use crate::tcp::{State, TimerAction, TimerKind};
use crate::trace::{EventKind, Fate, Numbering, Numbers, SegmentRecord, Shown, Trace, TraceCause};

pub(crate) fn host_name(lang: Lang, host: Host) -> &'static str {
    match (lang, host) {
        (Lang::En, Host::Client) => "the client",
        (Lang::En, Host::Server) => "the server",
        (Lang::Zh, Host::Client) => "客户端",
        (Lang::Zh, Host::Server) => "服务器",
    }
}

/// Sentence case for the English host names ("the client" → "The client").
pub(crate) fn capital(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// `base + k = result`; in letters the sum is its own answer (`U + 1`).
fn sum(base: Shown, k: u32, result: Shown) -> String {
    if result.is_letter() {
        format!("{base} + {k}")
    } else {
        format!("{base} + {k} = {result}")
    }
}

/// Which letter is which, for the letters this segment's numbers use.
fn letters_named(numbers: &Numbers, used: &[Shown], lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let mut parts = Vec::new();
    for l in numbers.letters() {
        if !used
            .iter()
            .any(|u| matches!(u, Shown::Letter(c, _) if *c == l.name))
        {
            continue;
        }
        let (who, v) = (host_name(lang, l.owner), l.value);
        parts.push(match (l.name, zh) {
            ('x' | 'y', false) => format!("{} = {v} is {who}'s initial sequence number", l.name),
            ('x' | 'y', true) => format!("{} = {v} 是{who}的初始序号", l.name),
            ('U', false) => format!("U = {v} is the seq of the first FIN ({who} closes first)"),
            ('U', true) => format!("U = {v} 是第一个 FIN 的序号（{who}先关闭）"),
            ('V', false) => format!("V = {v} is {who}'s seq when it acknowledged that FIN"),
            ('V', true) => format!("V = {v} 是{who}确认该 FIN 时的序号"),
            (_, false) => format!("W = {v} is the seq of {who}'s own FIN"),
            (_, true) => format!("W = {v} 是{who}自己的 FIN 的序号"),
        });
    }
    (!parts.is_empty()).then(|| match zh {
        true => format!("字母：{}。", parts.join("；")),
        false => format!("Letters: {}.", parts.join("; ")),
    })
}

/// The segment, from the same sender, that `s` acknowledges the SYN or FIN of, if any.
fn acked_control(trace: &Trace, index: usize) -> Option<&SegmentRecord> {
    let s = &trace.segments[index];
    trace.segments[..index].iter().rev().find(|o| {
        o.from == s.to()
            && o.arrives.is_some_and(|a| a <= s.sent)
            && (o.header.flags.syn || o.header.flags.fin)
            && o.header.seq.add(o.header.seq_len()) == s.header.ack
    })
}

/// The peer's data segment whose last byte this segment's ACK covers, if any.
fn acked_data(trace: &Trace, index: usize) -> Option<&SegmentRecord> {
    let s = &trace.segments[index];
    trace.segments[..index].iter().rev().find(|o| {
        o.from == s.to()
            && o.header.len > 0
            && o.arrives.is_some_and(|a| a <= s.sent)
            && o.header.seq.add(o.header.len) == s.header.ack
    })
}

fn state_change_caused_by(trace: &Trace, index: usize) -> Vec<(Host, State, State)> {
    trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::State {
                host,
                from,
                to,
                cause: TraceCause::Segment(i),
            } if i == index => Some((host, from, to)),
            _ => None,
        })
        .collect()
}

fn sent_by_timeout(trace: &Trace, s: &SegmentRecord) -> bool {
    trace.events.iter().any(|e| {
        e.t == s.sent
            && matches!(e.kind, EventKind::Timer { host, timer: TimerKind::Retransmit, action: TimerAction::Fired, .. } if host == s.from)
    })
}

/// Two or three sentences about one segment: why it was sent, what it does
/// at the other end, and which letter is which.
pub fn segment(trace: &Trace, index: usize, lang: Lang, numbering: Numbering) -> Vec<String> {
    let s = &trace.segments[index];
    let n = Numbers::of(trace, numbering);
    let (me, peer) = (host_name(lang, s.from), host_name(lang, s.to()));
    let (seq, ack) = (n.seq(trace, index), n.ack(trace, index));
    let zh = lang == Lang::Zh;
    let mut out = vec![why(trace, index, lang, &n)];

    // What it does at the other end.
    let effect = match s.fate {
        Fate::Dropped => {
            let occupies = s.header.seq_len() > 0 && !s.injected;
            match (occupies, zh) {
                (true, false) => format!("Lost in the network: {peer} never sees it, so {me} will retransmit it when its RTO expires."),
                (true, true) => format!("在网络中丢失：{peer}收不到它，{me}将在 RTO 到期后超时重传。"),
                (false, false) => format!("Lost in the network. A pure ACK is never retransmitted by itself; {peer}'s own timer will resend whatever it was waiting to have acknowledged."),
                (false, true) => format!("在网络中丢失。纯 ACK 不会被单独重传；{peer}自己的计时器会重传仍未被确认的报文段。"),
            }
        }
        _ => {
            let changes = state_change_caused_by(trace, index);
            let copy = trace.segments.iter().find(|c| c.copy_of == Some(index));
            let delay = match (s.fate, copy, zh) {
                (Fate::Delayed, _, true) => format!("它被额外延迟了 {} ms。", s.extra_delay_ms),
                (Fate::Delayed, _, false) => {
                    format!("It was held up an extra {} ms. ", s.extra_delay_ms)
                }
                (_, Some(c), true) => {
                    format!(
                        "链路还会在 {} ms 后再交付一个副本（{}）。",
                        c.extra_delay_ms, c.id
                    )
                }
                (_, Some(c), false) => format!(
                    "The link also delivers a copy ({}) {} ms later. ",
                    c.id, c.extra_delay_ms
                ),
                _ => String::new(),
            };
            match (changes.first(), zh) {
                // A packetdrill script's side has no states to stay in.
                (None, _) if trace.script_side == Some(s.to()) => delay.trim_end().to_string(),
                (Some((h, from, to)), false) => format!(
                    "{delay}On arrival {} moves from {from} to {to}.",
                    host_name(lang, *h)
                ),
                (Some((h, from, to)), true) => {
                    format!("{delay}到达后{}从 {from} 进入 {to}。", host_name(lang, *h))
                }
                (None, false) => {
                    let st = s
                        .arrives
                        .map(|a| trace.state_at(s.to(), a))
                        .unwrap_or(State::Closed);
                    format!("{delay}{} stays in {st}.", capital(peer))
                }
                (None, true) => {
                    let st = s
                        .arrives
                        .map(|a| trace.state_at(s.to(), a))
                        .unwrap_or(State::Closed);
                    format!("{delay}{peer}保持 {st} 状态。")
                }
            }
        }
    };
    out.push(effect);
    out.extend(letters_named(&n, &[seq, ack], lang));
    out
}

/// The first sentence about a segment: why it was sent (also what the
/// narration says during playback).
pub fn why(trace: &Trace, index: usize, lang: Lang, n: &Numbers) -> String {
    let s = &trace.segments[index];
    let (me, peer) = (host_name(lang, s.from), host_name(lang, s.to()));
    let f = s.header.flags;
    let (seq, ack) = (n.seq(trace, index), n.ack(trace, index));
    let zh = lang == Lang::Zh;
    if let Some(orig) = s.copy_of.map(|o| &trace.segments[o]) {
        if zh {
            format!("网络复制出的 {} 的副本：链路在原报文段之后 {} ms 又交付了一次同样的报文段（seq={seq}）。接收方只能按序号判断它是重复的。", orig.id, s.extra_delay_ms)
        } else {
            format!("A copy of {} made by the network: the link delivers the same segment (seq={seq}) a second time, {} ms after the original. Only its numbers tell the receiver it is a duplicate.", orig.id, s.extra_delay_ms)
        }
    } else if s.injected {
        if zh {
            format!("一个来自早先连接的失效的连接请求报文段（seq={seq}），在网络中滞留后才到达。")
        } else {
            format!("An old duplicate SYN (seq={seq}) from an earlier connection that lingered in the network.")
        }
    } else if let Some(orig) = s.retransmission_of.map(|o| &trace.segments[o]) {
        match (sent_by_timeout(trace, s), zh) {
            (true, false) => format!("Retransmission of {}: no acknowledgement came back before the retransmission timer (RTO) expired.", orig.id),
            (true, true) => format!("{} 的超时重传：重传计时器（RTO）到期前没有收到确认。", orig.id),
            (false, false) => format!("Sent again (same seq as {}) in answer to a duplicate or a partial acknowledgement.", orig.id),
            (false, true) => format!("再次发送（与 {} 序号相同），回应重复的报文段或部分确认。", orig.id),
        }
    } else if f.rst {
        match (f.ack, zh) {
            (true, false) => format!("A reset: {me} refuses or aborts the connection. seq={seq}, ack={ack} so that {peer} accepts it."),
            (true, true) => format!("复位报文：{me}拒绝或中止连接。seq={seq}，ack={ack}，使{peer}能够接受它。"),
            (false, false) => format!("A reset with seq={seq} (the ack number it answers): the segment it answers belongs to no connection {me} knows."),
            (false, true) => format!("复位报文，seq={seq}（即所回应报文段的确认号）：{me}不认识被回应的那个连接。"),
        }
    } else if f.syn && !f.ack {
        if zh {
            format!(
                "第一次握手：{me}把标志位 SYN 置为 1，随机选择初始序号 seq={seq}，请求建立连接。"
            )
        } else {
            format!("First handshake: {me} sets SYN and picks its initial sequence number seq={seq} to ask for a connection.")
        }
    } else if f.syn && f.ack {
        let ack_is = sum(ack.minus(1), 1, ack);
        if zh {
            format!("第二次握手：SYN 和 ACK 都置为 1。ack = {ack_is}，因为一个 SYN 占用一个序号；seq={seq} 是{me}的初始序号。")
        } else {
            format!("Second handshake: SYN and ACK. ack = {ack_is} because a SYN occupies one sequence number; seq={seq} is {me}'s own initial sequence number.")
        }
    } else if f.fin {
        if zh {
            format!("{}调用了 close()：FIN 表示这个方向不再发送数据（半关闭）。seq={seq}；FIN 也占用一个序号。ACK 位照常置 1，确认号 ack={ack}。", capital(me))
        } else {
            format!("{} called close(): FIN says no more data in this direction (a half-close). seq={seq}; a FIN occupies one sequence number too. ACK is set as on every segment after the first SYN, ack={ack}.", capital(me))
        }
    } else if s.header.len > 0 {
        let end = seq.plus(s.header.len);
        if zh {
            format!(
                "携带 {} 字节数据，序号 {seq} 到 {}；对方将以 ack={end} 确认。",
                s.header.len,
                end.minus(1)
            )
        } else {
            format!("Carries {} bytes, sequence numbers {seq} to {}; {peer} will acknowledge with ack={end}.", s.header.len, end.minus(1))
        }
    } else if let Some(ctl) = acked_control(trace, index) {
        let what = if ctl.header.flags.syn { "SYN" } else { "FIN" };
        let ack_is = sum(ack.minus(1), 1, ack);
        let third = ctl.header.flags.syn && ctl.header.flags.ack;
        match (third, zh) {
            (true, false) => format!("Third handshake: ack = {ack_is} acknowledges {peer}'s SYN ({}); seq={seq}.", ctl.id),
            (true, true) => format!("第三次握手：ack = {ack_is}，确认{peer}的 SYN（{}）；seq={seq}。", ctl.id),
            (false, false) => format!("Acknowledges {peer}'s {what} ({}): ack = {ack_is}, because a {what} occupies one sequence number.", ctl.id),
            (false, true) => format!("确认{peer}的 {what}（{}）：ack = {ack_is}，因为 {what} 占用一个序号。", ctl.id),
        }
    } else if let Some(data) = acked_data(trace, index) {
        let start = n.show(s.to(), data.header.seq.0, index);
        let len = data.header.len;
        let ack_is = sum(start, len, ack);
        if zh {
            format!(
                "确认{peer}的 {len} 字节数据（{}）：ack = {ack_is}，即{me}期望收到的下一个序号。",
                data.id
            )
        } else {
            format!("Acknowledges {peer}'s {len} bytes ({}): ack = {ack_is}, the next sequence number {me} expects.", data.id)
        }
    } else if zh {
        format!("纯确认报文：ack={ack} 表示{me}期望收到的下一个序号。")
    } else {
        format!("A pure acknowledgement: ack={ack} is the next sequence number {me} expects.")
    }
}

/// One sentence about a state change (the narration during playback).
/// A state event's time and fields, or None for any other event.
fn state_event(trace: &Trace, event: usize) -> Option<(u64, Host, State, State, TraceCause)> {
    let e = trace.events.get(event)?;
    match e.kind {
        EventKind::State {
            host,
            from,
            to,
            cause,
        } => Some((e.t, host, from, to, cause)),
        _ => None,
    }
}

pub fn state_change(trace: &Trace, event: usize, lang: Lang) -> Option<String> {
    let (t, host, from, to, cause) = state_event(trace, event)?;
    let who = host_name(lang, host);
    let zh = lang == Lang::Zh;
    let because = match cause {
        TraceCause::Call(call) => {
            if zh {
                format!("应用调用了 {}()", call.name())
            } else {
                format!("the application called {}()", call.name())
            }
        }
        TraceCause::Segment(i) => {
            let s = &trace.segments[i];
            if zh {
                format!("收到 {}（{}）", s.id, s.header.flags)
            } else {
                format!("{} ({}) arrived", s.id, s.header.flags)
            }
        }
        TraceCause::Timer(TimerKind::TimeWait) => {
            if zh {
                "等待 2MSL 结束".to_string()
            } else {
                "the 2MSL wait is over".to_string()
            }
        }
        TraceCause::Timer(TimerKind::FinWait2) => {
            if zh {
                "FIN-WAIT-2 超时".to_string()
            } else {
                "the FIN-WAIT-2 limit expired".to_string()
            }
        }
        TraceCause::Timer(TimerKind::Retransmit) | TraceCause::RetriesExhausted => {
            if zh {
                "重传次数用尽".to_string()
            } else {
                "it ran out of retransmissions".to_string()
            }
        }
        // (What "inferred" means is said once, in the capture panel, not at
        // every step of the narration.)
        TraceCause::Inferred(rule) => crate::capture::words::rule_text(rule, lang).to_string(),
    };
    Some(if zh {
        format!(
            "{}：{who}从 {from} 进入 {to}，因为{because}。",
            crate::diagram::seconds(t)
        )
    } else {
        format!(
            "{}: {} goes from {from} to {to} because {because}.",
            crate::diagram::seconds(t),
            capital(who)
        )
    })
}

/// The transition a state event records, in the words of RFC 9293's figure 5
/// (event / action): "ESTABLISHED → FIN-WAIT-1 on close(), sends c3 FIN,ACK".
/// The action is the segment the host sent at that same moment, if any, so a
/// projector shows what a tooltip would. Only events before `shown` count
/// (a quiz may be holding back the segment that is the answer).
pub fn transition(trace: &Trace, event: usize, lang: Lang, shown: usize) -> Option<String> {
    let (t, host, from, to, cause) = state_event(trace, event)?;
    let zh = lang == Lang::Zh;
    let on = match cause {
        TraceCause::Call(call) if zh => format!("调用 {}()", call.name()),
        TraceCause::Call(call) => format!("on {}()", call.name()),
        TraceCause::Segment(i) => {
            let s = &trace.segments[i];
            if zh {
                format!("收到 {} {}", s.id, s.header.flags)
            } else {
                format!("on receiving {} {}", s.id, s.header.flags)
            }
        }
        TraceCause::Timer(TimerKind::TimeWait) if zh => "2MSL 超时".into(),
        TraceCause::Timer(TimerKind::TimeWait) => "when 2MSL expires".into(),
        TraceCause::Timer(TimerKind::FinWait2) if zh => "FIN-WAIT-2 超时".into(),
        TraceCause::Timer(TimerKind::FinWait2) => "when the FIN-WAIT-2 limit expires".into(),
        TraceCause::Timer(TimerKind::Retransmit) | TraceCause::RetriesExhausted if zh => {
            "重传次数用尽".into()
        }
        TraceCause::Timer(TimerKind::Retransmit) | TraceCause::RetriesExhausted => {
            "when its retransmissions run out".into()
        }
        TraceCause::Inferred(rule) if zh => {
            format!("（推断）{}", crate::capture::words::rule_text(rule, lang))
        }
        TraceCause::Inferred(rule) => {
            format!(
                "(inferred) {}",
                crate::capture::words::rule_text(rule, lang)
            )
        }
    };
    // Whatever this host sends at the same instant, before its next state change.
    let sends = trace.events[event + 1..shown.clamp(event + 1, trace.events.len())]
        .iter()
        .take_while(|later| later.t == t)
        .take_while(|later| !matches!(later.kind, EventKind::State { host: h, .. } if h == host))
        .find_map(|later| match later.kind {
            EventKind::Sent { seg } if trace.segments[seg].from == host => {
                Some(&trace.segments[seg])
            }
            _ => None,
        });
    let action = match (sends, zh) {
        (Some(s), true) => format!("，发送 {} {}", s.id, s.header.flags),
        (Some(s), false) => format!(", sends {} {}", s.id, s.header.flags),
        (None, _) => String::new(),
    };
    Some(format!("{from} → {to} {on}{action}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn trace(name: &str) -> Trace {
        crate::run(&presets::by_name(name).unwrap())
    }

    #[test]
    fn handshake_arithmetic_is_spelled_out_from_the_trace() {
        let t = trace("handshake");
        let s1 = segment(&t, 1, Lang::En, Numbering::Absolute);
        assert!(s1[0].contains("ack = 1000 + 1 = 1001"), "{s1:?}");
        assert_eq!(
            s1[1],
            "On arrival the client moves from SYN-SENT to ESTABLISHED."
        );
        let c2 = segment(&t, 2, Lang::Zh, Numbering::Relative);
        assert!(c2[0].starts_with("第三次握手：ack = 0 + 1 = 1"), "{c2:?}");
        assert_eq!(c2[1], "到达后服务器从 SYN-RECEIVED 进入 ESTABLISHED。");
    }

    #[test]
    fn a_dropped_syn_says_it_will_be_retransmitted_and_the_copy_says_why() {
        let t = trace("lost-syn");
        assert!(segment(&t, 0, Lang::En, Numbering::Absolute)[1]
            .contains("will retransmit it when its RTO expires"));
        assert!(
            segment(&t, 1, Lang::En, Numbering::Absolute)[0].starts_with("Retransmission of c1")
        );
        assert!(segment(&t, 1, Lang::Zh, Numbering::Absolute)[0].contains("超时重传"));
    }

    #[test]
    fn an_ack_of_data_spells_out_the_byte_count() {
        let t = trace("half-close");
        let c4 = t.segment_index("c4").unwrap();
        assert_eq!(
            segment(&t, c4, Lang::En, Numbering::Absolute)[0],
            "Acknowledges the server's 1000 bytes (s3): ack = 5001 + 1000 = 6001, the next sequence number the client expects."
        );
        assert!(segment(&t, c4, Lang::Zh, Numbering::Relative)[0].contains("ack = 1 + 1000 = 1001"));
    }

    #[test]
    fn fin_ack_explains_the_fin_and_narration_names_the_cause() {
        let t = trace("client-close");
        let s2 = segment(&t, 4, Lang::En, Numbering::Absolute);
        assert!(
            s2[0].contains("Acknowledges the client's FIN (c3): ack = 1001 + 1 = 1002"),
            "{s2:?}"
        );
        let i = t
            .events
            .iter()
            .position(|e| {
                matches!(
                    e.kind,
                    EventKind::State {
                        to: State::TimeWait,
                        ..
                    }
                )
            })
            .unwrap();
        let line = state_change(&t, i, Lang::En).unwrap();
        assert_eq!(
            line,
            "400 ms: The client goes from FIN-WAIT-2 to TIME-WAIT because s3 (FIN,ACK) arrived."
        );
    }

    #[test]
    fn transitions_read_as_event_and_action() {
        let t = trace("client-close");
        let lines: Vec<String> = (0..t.events.len())
            .filter_map(|i| {
                transition(&t, i, Lang::En, usize::MAX).map(|l| format!("{:?} {l}", host_of(&t, i)))
            })
            .collect();
        assert_eq!(
            lines,
            [
                "Server CLOSED → LISTEN on listen()",
                "Client CLOSED → SYN-SENT on connect(), sends c1 SYN",
                "Server LISTEN → SYN-RECEIVED on receiving c1 SYN, sends s1 SYN,ACK",
                "Client SYN-SENT → ESTABLISHED on receiving s1 SYN,ACK, sends c2 ACK",
                "Server SYN-RECEIVED → ESTABLISHED on receiving c2 ACK",
                "Client ESTABLISHED → FIN-WAIT-1 on close(), sends c3 FIN,ACK",
                "Server ESTABLISHED → CLOSE-WAIT on receiving c3 FIN,ACK, sends s2 ACK",
                "Client FIN-WAIT-1 → FIN-WAIT-2 on receiving s2 ACK",
                "Server CLOSE-WAIT → LAST-ACK on close(), sends s3 FIN,ACK",
                "Client FIN-WAIT-2 → TIME-WAIT on receiving s3 FIN,ACK, sends c4 ACK",
                "Server LAST-ACK → CLOSED on receiving c4 ACK",
                "Client TIME-WAIT → CLOSED when 2MSL expires",
            ]
        );
        let i = (0..t.events.len())
            .find(|&i| {
                transition(&t, i, Lang::Zh, usize::MAX).is_some_and(|l| l.contains("FIN-WAIT-1"))
            })
            .unwrap();
        assert_eq!(
            transition(&t, i, Lang::Zh, usize::MAX).unwrap(),
            "ESTABLISHED → FIN-WAIT-1 调用 close()，发送 c3 FIN,ACK"
        );
        // While a quiz holds back c3, the transition does not give it away.
        let sent = (i..t.events.len())
            .find(|&k| matches!(t.events[k].kind, EventKind::Sent { seg } if t.segments[seg].id == "c3"))
            .unwrap();
        assert_eq!(
            transition(&t, i, Lang::En, sent).unwrap(),
            "ESTABLISHED → FIN-WAIT-1 on close()"
        );
    }

    fn host_of(t: &Trace, i: usize) -> Host {
        match t.events[i].kind {
            EventKind::State { host, .. } => host,
            _ => unreachable!(),
        }
    }
}
