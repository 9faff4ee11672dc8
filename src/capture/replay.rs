//! A captured connection as a scenario the engine can run ("replay in the
//! model"), and the differences between the two runs, named.
//!
//! Everything is read from the capture's inferred trace: when each host
//! reached ESTABLISHED, sent its FIN or its RST, when it saw the peer's FIN,
//! and which segments were probably lost.

use super::{infer, Connection, Mark};
use crate::i18n::Lang;
use crate::scenario::limits::{MAX_NOTE_CHARS, MAX_STEPS};
use crate::scenario::{presets, Fault, Host, Scenario, Step, Trigger};
use crate::tcp::{Call, ProfileName, State};
use crate::trace::{EventKind, Trace};

/// Linux's minimum delayed-ACK time (TCP_DELACK_MIN), used when the capture
/// shows a host holding its ACKs.
const LINUX_DELAYED_ACK_MS: u64 = 40;

fn state_time(trace: &Trace, host: Host, to: State) -> Option<u64> {
    trace.events.iter().find_map(|e| match e.kind {
        EventKind::State { host: h, to: t, .. } if h == host && t == to => Some(e.t),
        _ => None,
    })
}

/// A step `delay` ms after `trigger` fires, where the trigger itself fired at `at`.
fn step(call: Call, trigger: Trigger, at: u64, t: u64) -> Step {
    Step {
        call,
        after: trigger,
        delay_ms: t.saturating_sub(at),
    }
}

/// What one host did, in script steps.
fn script(trace: &Trace, c: &Connection, host: Host) -> Vec<Step> {
    let mine = |from_client: bool| from_client == (host == Host::Client);
    let mut steps = Vec::new();
    let opened = c
        .segments
        .iter()
        .position(|s| mine(s.from_client) && s.flags.syn);
    match opened.map(|i| &c.segments[i]) {
        Some(syn) if !syn.flags.ack => steps.push(Step {
            call: Call::Connect,
            after: Trigger::Start,
            delay_ms: syn.time_us / 1000,
        }),
        Some(_) => steps.push(Step {
            call: Call::Listen,
            after: Trigger::Start,
            delay_ms: 0,
        }),
        // Mid-connection: the model must open it itself.
        None if host == Host::Client => steps.push(Step {
            call: Call::Connect,
            after: Trigger::Start,
            delay_ms: 0,
        }),
        None => steps.push(Step {
            call: Call::Listen,
            after: Trigger::Start,
            delay_ms: 0,
        }),
    }
    let established = state_time(trace, host, State::Established).unwrap_or(0);
    // Each burst of new data: consecutive segments of this host with no data
    // from the peer between them, as one send() at the time the first left.
    let mut burst: Option<(u64, u32)> = None;
    let flush = |burst: &mut Option<(u64, u32)>, steps: &mut Vec<Step>| {
        if let Some((t, n)) = burst.take() {
            steps.push(step(Call::Send(n), Trigger::Established, established, t));
        }
    };
    for (i, s) in c.segments.iter().enumerate() {
        let ms = trace.segments[i].sent;
        if !mine(s.from_client) {
            if s.len > 0 {
                flush(&mut burst, &mut steps);
            }
            continue;
        }
        if s.len > 0 && trace.segments[i].retransmission_of.is_none() {
            let (t, n) = burst.unwrap_or((ms, 0));
            burst = Some((t, n + s.len));
        }
    }
    flush(&mut burst, &mut steps);
    // Its first FIN: a close() after it read the peer's FIN (end of file), or on its own.
    let eof = state_time(trace, host, State::CloseWait);
    let fin = c
        .segments
        .iter()
        .position(|s| mine(s.from_client) && s.flags.fin);
    if let Some(i) = fin {
        let t = trace.segments[i].sent;
        steps.push(match eof {
            Some(at) if at <= t => step(Call::Close, Trigger::Eof, at, t),
            _ => step(Call::Close, Trigger::Established, established, t),
        });
    }
    let rst = c
        .segments
        .iter()
        .position(|s| mine(s.from_client) && s.flags.rst);
    if let (Some(i), None) = (rst, fin) {
        steps.push(step(
            Call::Abort,
            Trigger::Established,
            established,
            trace.segments[i].sent,
        ));
    }
    steps.truncate(MAX_STEPS);
    steps
}

/// Does the capture show `host` holding a pure ACK (delayed ACK)? Its ACK of
/// the peer's FIN rode on its own FIN, sent at once: the ACK waited for it.
fn delays_acks(c: &Connection, host: Host) -> bool {
    let mine = |from_client: bool| from_client == (host == Host::Client);
    let peer_fin = c
        .segments
        .iter()
        .position(|s| !mine(s.from_client) && s.flags.fin);
    let Some(f) = peer_fin else { return false };
    let fin_end = c.segments[f]
        .seq
        .wrapping_add(c.segments[f].len)
        .wrapping_add(1);
    let ack = c.segments[f + 1..]
        .iter()
        .find(|s| mine(s.from_client) && s.flags.ack && s.ack == fin_end);
    ack.is_some_and(|a| a.flags.fin)
}

/// `derive`, with the differences of its run from the capture, which its
/// note tells a link's reader (a link never carries the capture itself).
/// One place for the command line and the page's "Replay in the model".
pub fn derive_noted(c: &Connection, file_name: &str) -> (Scenario, Vec<String>) {
    let mut scenario = derive(c, file_name);
    let differences = compare(&infer(c), &crate::run(&scenario));
    scenario.note = Some(note(&differences));
    (scenario, differences)
}

/// The scenario of a captured connection, under the `linux` profile.
pub fn derive(c: &Connection, file_name: &str) -> Scenario {
    let trace = infer(c);
    let mut s = presets::blank();
    s.profile = ProfileName::Linux;
    s.client.port = c.client.port;
    s.server.port = c.server.port;
    (s.client.isn, s.server.isn) = trace.isns;
    s.isn_seed = None;
    // Half the handshake's round trip each way (at least 1 ms: the model needs time to pass).
    let rtt_us = trace.events.iter().find_map(|e| match e.kind {
        EventKind::Mark {
            mark: Mark::HandshakeRtt { us },
            ..
        } => Some(us),
        _ => None,
    });
    let one_way = rtt_us.map_or(1, |us| (us / 2000).max(1));
    s.client_to_server_ms = one_way;
    s.server_to_client_ms = one_way;
    let mss = c.segments.iter().find_map(|seg| {
        seg.options.iter().find_map(|o| match o {
            super::TcpOption::Mss(m) => Some(*m as u32),
            _ => None,
        })
    });
    if let Some(mss) = mss {
        s.mss = mss;
    }
    s.client.script = script(&trace, c, Host::Client);
    s.server.script = script(&trace, c, Host::Server);
    for host in [Host::Client, Host::Server] {
        if delays_acks(c, host) {
            let setup = if host == Host::Client {
                &mut s.client
            } else {
                &mut s.server
            };
            setup.delayed_ack_ms = Some(LINUX_DELAYED_ACK_MS);
        }
    }
    // By name, not by id: the model's run of the scenario need not number
    // its segments as the capture does (an ACK more or less before them).
    for (i, name) in trace.names().into_iter().enumerate() {
        if let (Some(name), true) = (name, trace.marks(i).any(|m| m.is_loss())) {
            s.faults.insert(name, Fault::Drop);
        }
    }
    s.title = Some(
        format!("{file_name}: {} → {}", c.names[0], c.names[1])
            .chars()
            .take(crate::scenario::limits::MAX_TITLE_CHARS)
            .collect(),
    );
    s
}

/// Each difference between the captured run and the model's, one a line:
/// a segment only one of them has, or one whose flags, numbers or length
/// differ, or whose time is off by more than 10 % and 50 ms.
pub fn compare(captured: &Trace, model: &Trace) -> Vec<String> {
    compare_in(captured, model, Lang::En)
}

/// `compare`, worded in `lang`.
pub fn compare_in(captured: &Trace, model: &Trace, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    // Relative numbers: the model's ISNs are the capture's, but a retransmitted
    // or extra segment still reads the same way Wireshark would show it.
    let relative = |t: &Trace| crate::trace::Numbers::of(t, crate::trace::Numbering::Relative);
    let (in_capture, in_model) = (relative(captured), relative(model));
    for host in [Host::Client, Host::Server] {
        let of = |t: &Trace| -> Vec<usize> {
            (0..t.segments.len())
                .filter(|&i| t.segments[i].from == host && t.segments[i].copy_of.is_none())
                .collect()
        };
        let (a, b) = (of(captured), of(model));
        for k in 0..a.len().max(b.len()) {
            let line = match (a.get(k), b.get(k)) {
                (Some(&i), Some(&j)) => {
                    let (x, y) = (&captured.segments[i], &model.segments[j]);
                    let (lx, ly) = (in_capture.label(captured, i), in_model.label(model, j));
                    let off = x.sent.abs_diff(y.sent);
                    if lx != ly {
                        Some(match zh {
                            true => format!("{}：抓包中是 {lx}，模型发送的是 {ly}", x.id),
                            false => {
                                format!("{}: the capture has {lx}, the model sends {ly}", x.id)
                            }
                        })
                    } else if off > 50 && off * 10 > x.sent.max(y.sent) {
                        let (tx, ty) = (x.sent, y.sent);
                        Some(match zh {
                            true => format!("{}：抓包中在 {tx} ms 发送，模型中在 {ty} ms", x.id),
                            false => format!(
                                "{}: sent at {tx} ms in the capture, {ty} ms in the model",
                                x.id
                            ),
                        })
                    } else {
                        None
                    }
                }
                (Some(&i), None) => {
                    let (x, l) = (&captured.segments[i], in_capture.label(captured, i));
                    Some(match zh {
                        true => format!("{}：抓包中有 {l}，模型没有发送", x.id),
                        false => {
                            format!("{}: the capture has {l} that the model does not send", x.id)
                        }
                    })
                }
                (None, Some(&j)) => {
                    let (y, l) = (&model.segments[j], in_model.label(model, j));
                    Some(match zh {
                        true => format!("{}：模型发送了 {l}，抓包中没有", y.id),
                        false => format!("{}: the model sends {l} that the capture lacks", y.id),
                    })
                }
                (None, None) => None,
            };
            out.extend(line);
        }
    }
    out
}

/// The differences as a note for the replayed scenario (length-limited).
pub fn note(differences: &[String]) -> String {
    let text = if differences.is_empty() {
        "The model sends every segment the capture shows, with the same flags, numbers and times."
            .to_string()
    } else {
        format!("Differences from the capture: {}", differences.join("; "))
    };
    text.chars().take(MAX_NOTE_CHARS).collect()
}
