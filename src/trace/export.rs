//! The trace as text: one readable line per event, or one JSON object per line.

use super::*;
use serde_json::Value;

fn cause_text(trace: &Trace, cause: TraceCause) -> String {
    match cause {
        TraceCause::Call(call) => call.name().to_string(),
        TraceCause::Segment(i) => format!("recv {}", trace.segments[i].id),
        TraceCause::Timer(timer) => format!("{}-timeout", timer.as_str()),
        TraceCause::RetriesExhausted => "retries-exhausted".to_string(),
        TraceCause::Inferred(rule) => format!("inferred: {}", rule.as_str()),
    }
}

fn call_text(call: Call) -> String {
    match call {
        Call::Send(n) => format!("send({n})"),
        other => format!("{}()", other.name()),
    }
}

fn notice_text(notice: Notice) -> String {
    match notice {
        Notice::ConnectReturns => "connect() returns".into(),
        Notice::AcceptReturns => "accept() returns".into(),
        Notice::Received(n) => format!("recv() returns {n} bytes"),
        Notice::RecvEof => "recv() returns 0 (end of file)".into(),
    }
}

/// Builds a JSON object whose keys keep the order they were given in, so the
/// lines read in the documented order (serde_json's map would sort them).
struct Ordered(Vec<(&'static str, Value)>);

impl Ordered {
    fn line(self) -> String {
        let fields: Vec<String> = self
            .0
            .into_iter()
            .map(|(k, v)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", fields.join(","))
    }
}

/// One JSON object per event, in the shapes the `synack trace --json` contract fixes.
/// Calls, application notices and arrivals are left out: they are implied
/// by the state and segment lines, and the contract names only these four.
pub fn json_lines(trace: &Trace) -> Vec<String> {
    json_lines_numbered(trace, Numbering::Absolute)
}

/// `json_lines` with seq and ack as `numbering` shows them (letters as
/// strings: `"x+1"`).
pub fn json_lines_numbered(trace: &Trace, numbering: Numbering) -> Vec<String> {
    let numbers = Numbers::of(trace, numbering);
    let number = |shown: Shown| match shown {
        Shown::Plain(n) => Value::from(n),
        letter => Value::from(letter.to_string()),
    };
    // Each segment's name (`c.syn.2`), the id faults keep whatever else changes.
    let names = trace.names();
    // `t` is always milliseconds; a capture on the microsecond clock says its µs too.
    let ms = |t: u64| t / trace.clock.per_ms();
    let mut lines = Vec::new();
    for e in &trace.events {
        let head = |event: &'static str| {
            let mut f = vec![("t", Value::from(ms(e.t))), ("event", Value::from(event))];
            if trace.clock == super::Clock::Us {
                f.insert(1, ("t_us", Value::from(e.t)));
            }
            f
        };
        let fields = match &e.kind {
            EventKind::State {
                host,
                from,
                to,
                cause,
            } => {
                let mut f = head("state");
                f.extend([
                    ("host", Value::from(host.name())),
                    ("from", Value::from(from.name())),
                    ("to", Value::from(to.name())),
                    ("cause", Value::from(cause_text(trace, *cause))),
                ]);
                if let TraceCause::Inferred(rule) = cause {
                    if let Some(cause) = f.iter_mut().find(|(k, _)| *k == "cause") {
                        cause.1 = Value::from(rule.as_str());
                    }
                    f.push(("inferred", Value::from(true)));
                }
                f
            }
            EventKind::Sent { seg } => {
                let s = &trace.segments[*seg];
                let mut f = head("segment");
                f.extend([
                    ("id", Value::from(s.id.as_str())),
                    ("from", Value::from(s.from.name())),
                    ("to", Value::from(s.to().name())),
                    ("flags", Value::from(s.header.flags.names())),
                    ("seq", number(numbers.seq(trace, *seg))),
                    ("ack", number(numbers.ack(trace, *seg))),
                    ("len", Value::from(s.header.len)),
                    (
                        "arrives",
                        s.arrives.map(|a| Value::from(ms(a))).unwrap_or(Value::Null),
                    ),
                    ("fate", Value::from(s.fate.as_str())),
                ]);
                // A network's copy is no host's transmission: it has no name.
                if let Some(name) = names[*seg].as_deref() {
                    let at = f
                        .iter()
                        .position(|(k, _)| *k == "id")
                        .map_or(f.len(), |i| i + 1);
                    f.insert(at, ("name", Value::from(name)));
                }
                if let Some(o) = s.copy_of {
                    f.push(("copy_of", Value::from(trace.segments[o].id.as_str())));
                }
                if let Some(c) = &trace.captured {
                    let captured = &c.segments[*seg];
                    f.push(("window", Value::from(captured.window)));
                    f.push(("time_us", Value::from(captured.time_us)));
                }
                f
            }
            EventKind::Mark { seg, mark } => {
                let mut f = head("mark");
                f.extend([
                    ("mark", Value::from(mark.name())),
                    ("id", Value::from(trace.segments[*seg].id.as_str())),
                ]);
                match *mark {
                    super::captured::Mark::Retransmission { of, after_ms, .. } => {
                        f.push(("of", Value::from(trace.segments[of].id.as_str())));
                        f.push(("after_ms", Value::from(after_ms)));
                    }
                    super::captured::Mark::DuplicateAck { of, count } => {
                        f.push(("of", Value::from(trace.segments[of].id.as_str())));
                        f.push(("count", Value::from(count)));
                    }
                    super::captured::Mark::HandshakeRtt { us } => f.push(("us", Value::from(us))),
                    super::captured::Mark::LostAfterCapture { resent, after_ms } => {
                        f.push(("resent", Value::from(trace.segments[resent].id.as_str())));
                        f.push(("after_ms", Value::from(after_ms)));
                    }
                    super::captured::Mark::Reset(reason) => {
                        f.push(("reason", Value::from(format!("{reason:?}").to_lowercase())))
                    }
                    _ => {}
                }
                f
            }
            EventKind::Timer {
                host,
                timer,
                action,
                ..
            } => {
                let mut f = head("timer");
                f.extend([
                    ("host", Value::from(host.name())),
                    ("timer", Value::from(timer.as_str())),
                    ("action", Value::from(action.as_str())),
                ]);
                f
            }
            EventKind::Error { host, error } => {
                let mut f = head("error");
                f.extend([
                    ("host", Value::from(host.name())),
                    ("error", Value::from(error.as_str())),
                ]);
                f
            }
            _ => continue,
        };
        lines.push(Ordered(fields).line());
    }
    lines
}

/// One readable line per event.
pub fn plain_lines(trace: &Trace) -> Vec<String> {
    plain_lines_numbered(trace, Numbering::Absolute)
}

/// `plain_lines` with seq and ack as `numbering` shows them.
pub fn plain_lines_numbered(trace: &Trace, numbering: Numbering) -> Vec<String> {
    let numbers = Numbers::of(trace, numbering);
    // Seconds, to the unit the trace keeps (ms, or µs for a short capture).
    let secs = |t: u64| match trace.clock {
        super::Clock::Ms => format!("{:.3}s", t as f64 / 1000.0),
        super::Clock::Us => format!("{:.6}s", t as f64 / 1_000_000.0),
    };
    let mut lines = Vec::new();
    for e in &trace.events {
        let t = format!("{:>10}", secs(e.t));
        let text = match &e.kind {
            EventKind::Call { host, call } => {
                format!("{:<6} calls {}", host.name(), call_text(*call))
            }
            EventKind::Notice { host, notice } => {
                format!("{:<6} {}", host.name(), notice_text(*notice))
            }
            EventKind::State {
                host,
                from,
                to,
                cause,
            } => {
                format!(
                    "{:<6} {} -> {}  ({})",
                    host.name(),
                    from,
                    to,
                    cause_text(trace, *cause)
                )
            }
            EventKind::Sent { seg } => {
                let s = &trace.segments[*seg];
                let fate = match (s.fate, s.arrives) {
                    (Fate::Dropped, _) => "DROPPED".to_string(),
                    (Fate::Delayed, Some(a)) => {
                        format!("delayed +{} ms, arrives {}", s.extra_delay_ms, secs(a))
                    }
                    (_, Some(a)) => format!("arrives {}", secs(a)),
                    (_, None) => String::new(),
                };
                let rtx = match s.retransmission_of {
                    Some(i) => format!(" [retransmission of {}]", trace.segments[i].id),
                    None if s.injected => " [old duplicate]".to_string(),
                    None => String::new(),
                };
                format!(
                    "{:<6} {} {} -> {}: {}{}  {}",
                    s.from.name(),
                    s.id,
                    s.from.name(),
                    s.to().name(),
                    numbers.label(trace, *seg),
                    rtx,
                    fate
                )
            }
            EventKind::Arrived { seg } => {
                let s = &trace.segments[*seg];
                format!("{:<6} receives {}", s.to().name(), s.id)
            }
            EventKind::Timer {
                host,
                timer,
                action,
                deadline,
            } => match deadline {
                Some(d) => format!(
                    "{:<6} {} timer {} (expires {})",
                    host.name(),
                    timer.as_str(),
                    action.as_str(),
                    secs(*d)
                ),
                None => format!(
                    "{:<6} {} timer {}",
                    host.name(),
                    timer.as_str(),
                    action.as_str()
                ),
            },
            EventKind::Error { host, error } => {
                format!("{:<6} ERROR {}", host.name(), error.as_str())
            }
            EventKind::Mark { seg, mark } => format!(
                "{:<6} {}: {}",
                "",
                trace.segments[*seg].id,
                super::captured_words::mark_text(*mark, trace, crate::i18n::Lang::En)
            ),
        };
        lines.push(format!("{t}  {text}"));
    }
    if let Some(why) = &trace.cut_short {
        lines.push(format!("(trace cut short: {why})"));
    }
    lines
}
