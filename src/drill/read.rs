//! Reads a packetdrill script: `--option=value` lines, then statements, each
//! a time (`0`, `+0.1`, `1.5`, `*`, `+0~+0.2`) and a system call or a TCP
//! segment line (`< S 0:0(0) win 65535 <mss 1460>`, `> S. 0:0(0) ack 1`).
//! What the model cannot play (`fcntl`, most socket options, shell commands,
//! `%{ python }%`) is read and kept as a skip with its reason.

use crate::i18n::{Arg, EditorWord, Said};
use crate::tcp::Flags;

/// No script is longer than this.
pub const MAX_STATEMENTS: usize = 10_000;
/// Nor does a script's clock go past an hour.
pub const MAX_TIME_US: u64 = 3_600_000_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    /// `--tolerance_usecs` (packetdrill's default: 4 ms).
    pub tolerance_us: u64,
    /// `--tolerance_percent` of the time since the event before (packetdrill's
    /// default: 12.5 %): the tolerance is the larger of the two.
    pub tolerance_percent: f64,
    pub statements: Vec<Statement>,
}

impl Script {
    /// How far from its time an event may happen, `gap_us` after the event
    /// before it (packetdrill's verify_time).
    pub fn tolerance(&self, gap_us: u64) -> u64 {
        let dynamic = (self.tolerance_percent / 100.0 * gap_us as f64) as u64;
        self.tolerance_us.max(dynamic)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// 1-based, in the file.
    pub line: usize,
    pub time: Time,
    pub what: What,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    /// Microseconds since the script began.
    At(u64),
    /// Microseconds after the statement before.
    After(u64),
    /// Between two times (`a~b`), each absolute or relative.
    Between(u64, u64, bool),
    /// Whenever (`*`).
    Any,
}

#[derive(Clone, Debug, PartialEq)]
pub enum What {
    Call(Syscall),
    /// `<`: the script sends it to the host under test.
    Inbound(SegmentLine),
    /// `>`: the host under test must send it.
    Outbound(SegmentLine),
    /// Read and not played, with why.
    Skip(Said<EditorWord>),
    /// Sysctls set by a shell line, applied at its time.
    Sysctl(Vec<super::sysctl::Setting>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Syscall {
    pub name: String,
    pub args: Vec<String>,
    /// The expected return value (`= 0`, `= -1`), if checkable.
    pub returns: Option<i64>,
    pub errno: Option<String>,
    /// A blocking call written `start...end`: when it must return, in the
    /// same clock as its start (`+` relative to the statement before).
    pub ends: Option<Time>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SegmentLine {
    pub flags: Flags,
    /// Relative sequence numbers as packetdrill writes them.
    pub start: u32,
    pub len: u32,
    pub ack: Option<u32>,
    pub win: Option<u32>,
    /// The `mss N` among its options: what an inbound SYN offers.
    pub mss: Option<u32>,
    /// Its TCP options as written between `<` and `>`, comma-separated
    /// without spaces around the commas (`mss 1460,nop,wscale 7`, or
    /// `...` for any); None when the line has none: packetdrill then
    /// expects an outbound segment to carry none.
    pub options: Option<String>,
    /// The text as written, for messages.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadError {
    pub line: usize,
    pub why: Said<EditorWord>,
}

fn fail<T, A: Into<Arg>>(
    line: usize,
    word: EditorWord,
    args: impl IntoIterator<Item = A>,
) -> Result<T, ReadError> {
    Err(ReadError {
        line,
        why: Said::new(word, args),
    })
}

fn refuse<T>(line: usize, word: EditorWord) -> Result<T, ReadError> {
    Err(ReadError {
        line,
        why: Said::just(word),
    })
}

/// Seconds as packetdrill writes them (`1`, `.1`, `0.250`) → microseconds.
fn seconds_us(text: &str) -> Option<u64> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 6 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(frac) || whole.len() > 7 {
        return None;
    }
    let w: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: u64 = format!("{frac:0<6}").parse().ok()?;
    Some(w * 1_000_000 + f)
}

fn time_of(text: &str, line: usize) -> Result<Time, ReadError> {
    let one = |t: &str| -> Result<(u64, bool), ReadError> {
        let (relative, t) = match t.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        match seconds_us(t) {
            Some(us) if us <= MAX_TIME_US => Ok((us, relative)),
            Some(_) => fail(line, EditorWord::DrillTimePastLimit, [t]),
            None => fail(line, EditorWord::DrillNotATime, [t]),
        }
    };
    if text == "*" {
        return Ok(Time::Any);
    }
    if let Some((a, b)) = text.split_once('~') {
        let ((a, rel), (b, _)) = (one(a)?, one(b)?);
        if b < a {
            return fail(line, EditorWord::DrillRangeBackwards, [text]);
        }
        return Ok(Time::Between(a, b, rel));
    }
    Ok(match one(text)? {
        (us, true) => Time::After(us),
        (us, false) => Time::At(us),
    })
}

/// Splits at top-level commas (not inside brackets or braces).
fn split_args(text: &str) -> Vec<String> {
    let (mut out, mut depth, mut cur) = (Vec::new(), 0i32, String::new());
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() || !out.is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

fn syscall(text: &str, line: usize) -> Result<What, ReadError> {
    let Some(open) = text.find('(') else {
        return fail(line, EditorWord::DrillNotALine, [text]);
    };
    let name = text[..open].trim().to_string();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return fail(line, EditorWord::DrillNotACallName, [name]);
    }
    // The closing parenthesis that matches the first one.
    let mut depth = 0;
    let mut close = None;
    for (i, c) in text.char_indices().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(close) = close else {
        return fail(line, EditorWord::DrillNoCloseParen, [name]);
    };
    let args = split_args(&text[open + 1..close]);
    let rest = text[close + 1..].trim();
    let (returns, errno) = match rest.strip_prefix('=') {
        None if rest.is_empty() => (None, None),
        None => return fail(line, EditorWord::DrillExpectedValue, [name.as_str(), rest]),
        Some(r) => {
            let mut words = r.split_whitespace();
            let value = words.next().unwrap_or("");
            // `= ...` or a symbolic value: not checked.
            let returns = value.parse::<i64>().ok();
            (
                returns,
                words
                    .next()
                    .filter(|w| w.starts_with('E'))
                    .map(str::to_string),
            )
        }
    };
    let known = [
        "socket",
        "bind",
        "listen",
        "accept",
        "connect",
        "write",
        "send",
        "read",
        "recv",
        "shutdown",
        "close",
        "setsockopt",
        "fcntl",
    ];
    if !known.contains(&name.as_str()) {
        return Ok(What::Skip(Said::new(EditorWord::DrillSkipCall, [name])));
    }
    // Modelled: SO_LINGER (close aborts), TCP_QUICKACK (delayed ACKs), and
    // O_NONBLOCK (connect and accept return at once). SO_REUSEADDR and
    // SO_REUSEPORT change nothing on the wire of one connection: they pass
    // through, returning 0, as packetdrill's scripts expect.
    let option = args
        .get(if name == "fcntl" { 1 } else { 2 })
        .map_or("", |a| a.as_str());
    let modelled = match name.as_str() {
        "setsockopt" => {
            PASSED_THROUGH.contains(&option) || ["SO_LINGER", "TCP_QUICKACK"].contains(&option)
        }
        "fcntl" => option == "F_SETFL",
        _ => true,
    };
    if !modelled {
        return Ok(What::Skip(Said::new(
            EditorWord::DrillSkipOption,
            [name.as_str(), option],
        )));
    }
    Ok(What::Call(Syscall {
        name,
        args,
        returns,
        errno,
        ends: None,
    }))
}

fn flags_of(token: &str, line: usize) -> Result<Flags, ReadError> {
    let mut f = Flags::default();
    for c in token.chars() {
        match c {
            'S' => f.syn = true,
            'F' => f.fin = true,
            'R' => f.rst = true,
            'P' => f.psh = true,
            '.' => f.ack = true,
            // ECN and urgent bits: read, not modelled.
            'E' | 'W' | 'U' => {}
            _ => return fail(line, EditorWord::DrillNotFlags, [token]),
        }
    }
    Ok(f)
}

fn number(token: Option<&str>, what: &str, line: usize) -> Result<u32, ReadError> {
    match token.and_then(|t| t.parse::<u32>().ok()) {
        Some(n) => Ok(n),
        None => fail(line, EditorWord::DrillNeedsNumber, [what]),
    }
}

fn segment(text: &str, line: usize) -> Result<SegmentLine, ReadError> {
    // Options in <…> and IP fields in […] are read and not compared.
    let mut plain = String::new();
    let mut options = String::new();
    let mut depth = 0;
    // Only the <…> part is TCP options: […] holds IP fields.
    let (mut tcp_options, mut in_angle): (Option<String>, bool) = (None, false);
    for c in text.chars() {
        match c {
            '<' | '[' => {
                depth += 1;
                if c == '<' {
                    in_angle = true;
                    tcp_options.get_or_insert_with(String::new);
                }
            }
            '>' | ']' => {
                depth -= 1;
                in_angle &= c != '>';
            }
            _ if depth == 0 => plain.push(c),
            _ => {
                options.push(c);
                if let (true, Some(o)) = (in_angle, tcp_options.as_mut()) {
                    o.push(c);
                }
            }
        }
    }
    let tcp_options = tcp_options.map(|o| {
        o.split(',')
            .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(",")
    });
    let mss = options.split(',').find_map(|o| {
        o.trim()
            .strip_prefix("mss")
            .and_then(|n| n.trim().parse::<u32>().ok())
    });
    if depth != 0 {
        return refuse(line, EditorWord::DrillOptionsOpen);
    }
    let mut words = plain.split_whitespace();
    let first = words.next().unwrap_or("");
    if ["udp", "icmp", "UDP", "ICMP"].contains(&first) {
        return fail(line, EditorWord::DrillNotTcp, [first]);
    }
    let flags = flags_of(first, line)?;
    let range = words.next().unwrap_or("");
    let parsed = range.split_once(':').and_then(|(a, rest)| {
        let (b, len) = rest.strip_suffix(')')?.split_once('(')?;
        Some((
            a.parse::<u32>().ok()?,
            b.parse::<u32>().ok()?,
            len.parse::<u32>().ok()?,
        ))
    });
    let Some((start, end, len)) = parsed else {
        return fail(line, EditorWord::DrillExpectedRange, [range]);
    };
    if end.wrapping_sub(start) != len {
        return fail(line, EditorWord::DrillRangeLength, [range]);
    }
    let (mut ack, mut win) = (None, None);
    while let Some(word) = words.next() {
        match word {
            "ack" => ack = Some(number(words.next(), "ack", line)?),
            "win" => win = Some(number(words.next(), "win", line)?),
            "urg" => {
                number(words.next(), "urg", line)?;
            }
            other => return fail(line, EditorWord::DrillNotSegmentPart, [other]),
        }
    }
    // An ack number without the ACK flag is carried, as packetdrill does
    // (the receiver ignores it; an outbound one is not compared).
    Ok(SegmentLine {
        flags,
        start,
        len,
        ack,
        win,
        mss,
        options: tcp_options,
        text: text.trim().to_string(),
    })
}

/// Socket options that change nothing this model puts on the wire.
pub(super) const PASSED_THROUGH: [&str; 2] = ["SO_REUSEADDR", "SO_REUSEPORT"];

pub fn read(source: &str) -> Result<Script, ReadError> {
    read_with(source, &super::Defines::new())
}

/// `read`, with the names given by `--define` (for `#ifdef` and as words).
pub fn read_with(source: &str, defines: &super::Defines) -> Result<Script, ReadError> {
    let source = defines.apply(source)?;
    let mut script = Script {
        tolerance_us: 4_000,
        tolerance_percent: 12.5,
        statements: Vec::new(),
    };
    let mut in_python = None;
    let mut in_comment = false;
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        if let Some(start) = in_python {
            if raw.contains("}%") {
                in_python = None;
                script.statements.push(Statement {
                    line: start,
                    time: Time::After(0),
                    what: What::Skip(Said::just(EditorWord::DrillSkipPython)),
                });
            }
            continue;
        }
        let mut text = raw.to_string();
        if in_comment {
            match text.find("*/") {
                Some(end) => {
                    text = text[end + 2..].to_string();
                    in_comment = false;
                }
                None => continue,
            }
        }
        if let Some(start) = text.find("/*") {
            match text[start..].find("*/") {
                Some(end) => text.replace_range(start..start + end + 2, ""),
                None => {
                    text.truncate(start);
                    in_comment = true;
                }
            }
        }
        if let Some(c) = text.find("//") {
            text.truncate(c);
        }
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(option) = text.strip_prefix("--") {
            let (key, value) = option.split_once('=').unwrap_or((option, ""));
            match key {
                "tolerance_usecs" => {
                    script.tolerance_us = match value.trim().parse::<u64>() {
                        Ok(us) if us <= MAX_TIME_US => us,
                        _ => return fail(line, EditorWord::DrillTolerance, [value]),
                    }
                }
                "tolerance_percent" => {
                    script.tolerance_percent = match value.trim().parse::<f64>() {
                        Ok(p) if (0.0..=100.0).contains(&p) => p,
                        _ => return fail(line, EditorWord::DrillTolerancePercent, [value]),
                    }
                }
                _ => {}
            }
            continue;
        }
        if script.statements.len() >= MAX_STATEMENTS {
            return fail(line, EditorWord::DrillTooManyStatements, [MAX_STATEMENTS]);
        }
        // packetdrill's init command: a shell line with no time, before any statement.
        if text.starts_with('`') && script.statements.is_empty() {
            push_shell(&mut script, line, Time::At(0), text);
            continue;
        }
        let (time_text, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        if time_text.starts_with("%{") || text.starts_with("%{") {
            if !text.contains("}%") {
                in_python = Some(line);
            } else {
                script.statements.push(Statement {
                    line,
                    time: Time::After(0),
                    what: What::Skip(Said::just(EditorWord::DrillSkipPython)),
                });
            }
            continue;
        }
        // A blocking call: `start...end`.
        let (time_text, ends) = match time_text.split_once("...") {
            Some((start, end)) => (start, Some(time_of(end, line)?)),
            None => (time_text, None),
        };
        if matches!(ends, Some(Time::Any | Time::Between(..))) {
            return refuse(line, EditorWord::DrillBlockingOneTime);
        }
        let time = time_of(time_text, line)?;
        let rest = rest.trim();
        let what = if rest.starts_with("%{") {
            if !rest.contains("}%") {
                in_python = Some(line);
                continue;
            }
            What::Skip(Said::just(EditorWord::DrillSkipPython))
        } else if rest.starts_with('`') {
            if ends.is_some() {
                return refuse(line, EditorWord::DrillOnlyCallBlocks);
            }
            push_shell(&mut script, line, time, rest);
            continue;
        } else if let Some(seg) = rest.strip_prefix('<') {
            What::Inbound(segment(seg, line)?)
        } else if let Some(seg) = rest.strip_prefix('>') {
            What::Outbound(segment(seg, line)?)
        } else {
            syscall(rest, line)?
        };
        let what = match (what, ends) {
            (What::Call(call), Some(_)) => What::Call(Syscall { ends, ..call }),
            (_, Some(_)) => return refuse(line, EditorWord::DrillOnlyCallBlocks),
            (what, None) => what,
        };
        script.statements.push(Statement { line, time, what });
    }
    if let Some(start) = in_python {
        return refuse(start, EditorWord::DrillPythonOpen);
    }
    check_descriptors(&script)?;
    Ok(script)
}

/// A shell line in backticks: its sysctls as one statement at its time,
/// then each part not played as a skip.
fn push_shell(script: &mut Script, line: usize, time: Time, text: &str) {
    let inner = text.trim_start_matches('`');
    let inner = inner.rsplit_once('`').map_or(inner, |(command, _)| command);
    let shell = super::sysctl::read_shell(inner);
    let mut time = time;
    if !shell.settings.is_empty() {
        script.statements.push(Statement {
            line,
            time,
            what: What::Sysctl(shell.settings),
        });
        time = Time::After(0);
    }
    for why in shell.skipped {
        script.statements.push(Statement {
            line,
            time,
            what: What::Skip(why),
        });
        time = Time::After(0);
    }
}

/// Every call names a descriptor that `socket()` or `accept()` returned and
/// no `close()` has closed, as the kernel would insist (EBADF): a script
/// that calls on another one is not what its author meant.
fn check_descriptors(script: &Script) -> Result<(), ReadError> {
    let mut open: Vec<i64> = Vec::new();
    for st in &script.statements {
        let What::Call(call) = &st.what else { continue };
        let fd = call.args.first().and_then(|a| a.parse::<i64>().ok());
        if call.name != "socket" {
            match fd {
                Some(fd) if !open.contains(&fd) => {
                    return fail(
                        st.line,
                        EditorWord::DrillBadDescriptor,
                        [call.name.clone(), fd.to_string()],
                    )
                }
                _ => {}
            }
        }
        match call.name.as_str() {
            "socket" | "accept" => open.extend(call.returns.filter(|&r| r >= 0)),
            "close" => open.retain(|&f| Some(f) != fd),
            _ => {}
        }
    }
    Ok(())
}
