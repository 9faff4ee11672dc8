//! Explanations generated from the trace itself, so the words can never drift
//! from what is drawn: why a segment was sent, why its numbers are what they
//! are, and what it does to the receiver. The sentences are templates of the
//! word tables (`Word::Ex…`) filled with the trace's hosts, ids and numbers:
//! the page's first load carries only the language it shows.

use crate::i18n::{fill, t, Lang, Word};
use crate::scenario::Host;
use crate::tcp::{State, TimerAction, TimerKind};
use crate::trace::{EventKind, Fate, Numbering, Numbers, SegmentRecord, Shown, Trace, TraceCause};
use std::fmt::Display;

pub(crate) fn host_name(lang: Lang, host: Host) -> &'static str {
    t(
        lang,
        match host {
            Host::Client => Word::ExTheClient,
            Host::Server => Word::ExTheServer,
        },
    )
}

/// Sentence case for the English host names ("the client" → "The client").
pub(crate) fn capital(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// `word` in `lang` with its places filled.
fn say(lang: Lang, word: Word, args: &[&dyn Display]) -> String {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    fill(t(lang, word), &args)
}

/// What goes between two sentences: Chinese needs no space after its 。
fn gap(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "",
        Lang::En => " ",
    }
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
    let mut parts = Vec::new();
    for l in numbers.letters() {
        if !used
            .iter()
            .any(|u| matches!(u, Shown::Letter(c, _) if *c == l.name))
        {
            continue;
        }
        let (who, v) = (host_name(lang, l.owner), l.value);
        parts.push(match l.name {
            'x' | 'y' => say(lang, Word::ExLetterIsn, &[&l.name, &v, &who]),
            'U' => say(lang, Word::ExLetterU, &[&v, &who]),
            'V' => say(lang, Word::ExLetterV, &[&v, &who]),
            _ => say(lang, Word::ExLetterW, &[&v, &who]),
        });
    }
    (!parts.is_empty()).then(|| {
        say(
            lang,
            Word::ExLetters,
            &[&parts.join(t(lang, Word::ListJoin))],
        )
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
    let mut out = vec![why(trace, index, lang, &n)];

    // What it does at the other end.
    let effect = match s.fate {
        Fate::Dropped if s.header.seq_len() > 0 && !s.injected => {
            say(lang, Word::ExLostRetransmit, &[&peer, &me])
        }
        Fate::Dropped => say(lang, Word::ExLostPureAck, &[&peer]),
        _ => {
            let changes = state_change_caused_by(trace, index);
            let copy = trace.segments.iter().find(|c| c.copy_of == Some(index));
            let delay = match (s.fate, copy) {
                (Fate::Delayed, _) => say(lang, Word::ExDelayed, &[&s.extra_delay_ms]),
                (_, Some(c)) => say(lang, Word::ExCopyLater, &[&c.id, &c.extra_delay_ms]),
                _ => String::new(),
            };
            let before = if delay.is_empty() {
                String::new()
            } else {
                format!("{delay}{}", gap(lang))
            };
            match changes.first() {
                // A packetdrill script's side has no states to stay in.
                None if trace.script_side == Some(s.to()) => delay,
                Some((h, from, to)) => say(
                    lang,
                    Word::ExArrivalMoves,
                    &[&before, &host_name(lang, *h), from, to],
                ),
                None => {
                    let st = s
                        .arrives
                        .map(|a| trace.state_at(s.to(), a))
                        .unwrap_or(State::Closed);
                    say(lang, Word::ExStays, &[&before, &capital(peer), &st])
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
    if let Some(orig) = s.copy_of.map(|o| &trace.segments[o]) {
        say(lang, Word::ExCopy, &[&orig.id, &seq, &s.extra_delay_ms])
    } else if s.injected {
        say(lang, Word::ExOldSyn, &[&seq])
    } else if let Some(orig) = s.retransmission_of.map(|o| &trace.segments[o]) {
        let word = if sent_by_timeout(trace, s) {
            Word::ExRetransmitRto
        } else {
            Word::ExSentAgain
        };
        say(lang, word, &[&orig.id])
    } else if f.rst && f.ack {
        say(lang, Word::ExRstAck, &[&me, &seq, &ack, &peer])
    } else if f.rst {
        say(lang, Word::ExRst, &[&seq, &me])
    } else if f.syn && !f.ack {
        say(lang, Word::ExFirstHandshake, &[&me, &seq])
    } else if f.syn && f.ack {
        let ack_is = sum(ack.minus(1), 1, ack);
        say(lang, Word::ExSecondHandshake, &[&ack_is, &seq, &me])
    } else if f.fin {
        say(lang, Word::ExFin, &[&capital(me), &seq, &ack])
    } else if s.header.len > 0 {
        let end = seq.plus(s.header.len);
        say(
            lang,
            Word::ExData,
            &[&s.header.len, &seq, &end.minus(1), &peer, &end],
        )
    } else if let Some(ctl) = acked_control(trace, index) {
        let what = if ctl.header.flags.syn { "SYN" } else { "FIN" };
        let ack_is = sum(ack.minus(1), 1, ack);
        if ctl.header.flags.syn && ctl.header.flags.ack {
            say(
                lang,
                Word::ExThirdHandshake,
                &[&ack_is, &peer, &ctl.id, &seq],
            )
        } else {
            say(lang, Word::ExAcksControl, &[&peer, &what, &ctl.id, &ack_is])
        }
    } else if let Some(data) = acked_data(trace, index) {
        let start = n.show(s.to(), data.header.seq.0, index);
        let len = data.header.len;
        let ack_is = sum(start, len, ack);
        say(
            lang,
            Word::ExAcksData,
            &[&peer, &len, &data.id, &ack_is, &me],
        )
    } else {
        say(lang, Word::ExPureAck, &[&ack, &me])
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
    let (time, host, from, to, cause) = state_event(trace, event)?;
    let because = match cause {
        TraceCause::Call(call) => say(lang, Word::ExBecauseCall, &[&call.name()]),
        TraceCause::Segment(i) => {
            let s = &trace.segments[i];
            say(lang, Word::ExBecauseSegment, &[&s.id, &s.header.flags])
        }
        TraceCause::Timer(TimerKind::TimeWait) => t(lang, Word::ExBecause2msl).to_string(),
        TraceCause::Timer(TimerKind::FinWait2) => t(lang, Word::ExBecauseFw2).to_string(),
        TraceCause::Timer(TimerKind::Retransmit) | TraceCause::RetriesExhausted => {
            t(lang, Word::ExBecauseRetries).to_string()
        }
        // (What "inferred" means is said once, in the capture panel, not at
        // every step of the narration.)
        TraceCause::Inferred(rule) => crate::capture::words::rule_text(rule, lang).to_string(),
    };
    let who = capital(host_name(lang, host));
    let at = trace.clock.text(time);
    Some(say(
        lang,
        Word::ExStateChange,
        &[&at, &who, &from, &to, &because],
    ))
}

/// The transition a state event records, in the words of RFC 9293's figure 5
/// (event / action): "ESTABLISHED → FIN-WAIT-1 on close(), sends c3 FIN,ACK".
/// The action is the segment the host sent at that same moment, if any, so a
/// projector shows what a tooltip would. Only events before `shown` count
/// (a quiz may be holding back the segment that is the answer).
pub fn transition(trace: &Trace, event: usize, lang: Lang, shown: usize) -> Option<String> {
    let (at, host, from, to, cause) = state_event(trace, event)?;
    let on = match cause {
        TraceCause::Call(call) => say(lang, Word::ExOnCall, &[&call.name()]),
        TraceCause::Segment(i) => {
            let s = &trace.segments[i];
            say(lang, Word::ExOnSegment, &[&s.id, &s.header.flags])
        }
        TraceCause::Timer(TimerKind::TimeWait) => t(lang, Word::ExOn2msl).into(),
        TraceCause::Timer(TimerKind::FinWait2) => t(lang, Word::ExOnFw2).into(),
        TraceCause::Timer(TimerKind::Retransmit) | TraceCause::RetriesExhausted => {
            t(lang, Word::ExOnRetries).into()
        }
        TraceCause::Inferred(rule) => say(
            lang,
            Word::ExOnInferred,
            &[&crate::capture::words::rule_text(rule, lang)],
        ),
    };
    // Whatever this host sends at the same instant, before its next state change.
    let sends = trace.events[event + 1..shown.clamp(event + 1, trace.events.len())]
        .iter()
        .take_while(|later| later.t == at)
        .take_while(|later| !matches!(later.kind, EventKind::State { host: h, .. } if h == host))
        .find_map(|later| match later.kind {
            EventKind::Sent { seg } if trace.segments[seg].from == host => {
                Some(&trace.segments[seg])
            }
            _ => None,
        });
    let action = sends.map_or(String::new(), |s| {
        say(lang, Word::ExSends, &[&s.id, &s.header.flags])
    });
    Some(format!("{from} → {to} {on}{action}"))
}

/// The run as a pcapng capture (`capture::write`), each packet's comment
/// explaining the segment in English, as Wireshark's own fields are written.
pub fn pcapng(trace: &Trace, mss: u32) -> Result<Vec<u8>, crate::capture::write::WriteError> {
    pcapng_at(trace, mss, crate::capture::write::CapturePoint::Senders)
}

/// The same, taken at `point` (on one host, as tcpdump there would).
pub fn pcapng_at(
    trace: &Trace,
    mss: u32,
    point: crate::capture::write::CapturePoint,
) -> Result<Vec<u8>, crate::capture::write::WriteError> {
    let numbers = Numbers::of(trace, crate::trace::Numbering::Absolute);
    crate::capture::write::pcapng(trace, mss, point, &|i| why(trace, i, Lang::En, &numbers))
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
