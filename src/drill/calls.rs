//! The script's system calls on the endpoint, with what each returns as the
//! kernel would: descriptors from `socket()` and `accept()`, `O_NONBLOCK`
//! (connect and accept return at once), blocking calls that return when the
//! connection is established or fails (`0...0.2 accept(3, …) = 4`), and
//! the errno of a failed call (ECONNREFUSED, ETIMEDOUT, EINPROGRESS,
//! EAGAIN, EPIPE, ECONNRESET).

use super::read::{Syscall, Time};
use super::{seconds, Failure, Run};
use crate::i18n::{EditorWord, Said};
use crate::tcp::{Call, ErrorKind, State};
use crate::trace::EventKind;

/// Linux's shortest delayed-ACK timeout (TCP_DELACK_MIN), used once a
/// script turns quick acknowledgements off with TCP_QUICKACK 0.
const DELAYED_ACK_MS: u64 = 40;

/// What a descriptor of the script is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// From `socket()`: it becomes the connection (connect) or the listener.
    Socket,
    Listener,
    /// From `accept()`.
    Accepted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Descriptor {
    pub fd: i64,
    pub role: Role,
    pub nonblocking: bool,
}

/// A blocking connect or accept that has not returned yet.
#[derive(Clone, Debug)]
pub(super) struct Waiting {
    pub line: usize,
    pub call: Syscall,
    /// When the script expects it to return (µs).
    pub due_us: u64,
    /// When it was called: packetdrill's tolerance for its return grows
    /// with how long it blocks.
    pub start_us: u64,
}

/// What a call returned: a value and, for -1, the errno.
type Returned = (i64, Option<&'static str>);

fn synchronized(s: State) -> bool {
    !matches!(
        s,
        State::Closed | State::Listen | State::SynSent | State::SynReceived
    )
}

impl Run<'_> {
    fn descriptor(&mut self, call: &Syscall) -> Option<&mut Descriptor> {
        let fd = call.args.first()?.trim().parse::<i64>().ok()?;
        self.fds.iter_mut().find(|d| d.fd == fd)
    }

    /// The endpoint's answer to a connect, or None while it is still trying.
    fn connect_result(&self) -> Option<Returned> {
        match (self.endpoint.state(), self.last_error) {
            (s, _) if synchronized(s) => Some((0, None)),
            (_, Some(ErrorKind::Refused)) => Some((-1, Some("ECONNREFUSED"))),
            (_, Some(ErrorKind::TimedOut)) => Some((-1, Some("ETIMEDOUT"))),
            (_, Some(ErrorKind::Reset)) => Some((-1, Some("ECONNRESET"))),
            _ => None,
        }
    }

    /// The descriptor accept returns, once the handshake has completed.
    fn accept_result(&mut self) -> Option<Returned> {
        if !synchronized(self.endpoint.state()) && !self.accepted {
            return None;
        }
        self.accepted = true;
        let fd = (3..).find(|fd| self.fds.iter().all(|d| d.fd != *fd))?;
        self.fds.push(Descriptor {
            fd,
            role: Role::Accepted,
            nonblocking: false,
        });
        Some((fd, None))
    }

    /// What read(fd, …, n) returns now: bytes in order, 0 at the end of the
    /// stream, ECONNRESET after a reset; None while there is nothing yet.
    fn read_result(&mut self, call: &Syscall) -> Option<Returned> {
        let asked = call
            .args
            .get(2)
            .and_then(|a| a.trim().parse::<u64>().ok())
            .unwrap_or(u64::MAX);
        if self.endpoint.unread() > 0 {
            let n = self.endpoint.read(asked);
            return Some((i64::try_from(n).unwrap_or(i64::MAX), None));
        }
        match self.last_error {
            Some(ErrorKind::Reset) => Some((-1, Some("ECONNRESET"))),
            _ if self.end_of_file => Some((0, None)),
            _ => None,
        }
    }

    /// Called after everything the endpoint does: a blocking call whose
    /// answer has come returns now.
    pub(super) fn settle_waiting(&mut self, us: u64) {
        let Some(waiting) = self.waiting.take() else {
            return;
        };
        let result = match waiting.call.name.as_str() {
            "connect" => self.connect_result(),
            "read" | "recv" => self.read_result(&waiting.call),
            _ => self.accept_result(),
        };
        match result {
            Some(returned) => {
                self.compare(waiting.line, &waiting.call, returned);
                let tolerance = self
                    .script
                    .tolerance(waiting.due_us.saturating_sub(waiting.start_us));
                let on_time = us + tolerance >= waiting.due_us && us <= waiting.due_us + tolerance;
                if !on_time && !self.options.ignore_timing {
                    let said = Said::new(
                        EditorWord::DrillReturnedLate,
                        [
                            waiting.call.name.clone(),
                            seconds(us),
                            seconds(waiting.due_us),
                        ],
                    );
                    self.fail(waiting.line, said);
                }
            }
            None => self.waiting = Some(waiting),
        }
    }

    /// At the end of the script (`us`), a call still blocked fails its line
    /// with `why`: it was still due to block (`DrillStillBlocking`, real
    /// packetdrill's error), or it was due and never returned
    /// (`DrillNotReturned`).
    pub(super) fn left_blocked(&mut self, why: EditorWord, us: u64) {
        if let Some(w) = self.waiting.take() {
            let said = Said::new(why, [w.call.name.clone(), seconds(us)]);
            self.fail(w.line, said);
        }
    }

    fn fail(&mut self, line: usize, said: Said<EditorWord>) {
        self.failures.push(Failure {
            line,
            segment: None,
            said,
        });
    }

    /// The script's expected value and errno against what the call returned.
    fn compare(&mut self, line: usize, call: &Syscall, (got, errno): Returned) {
        let value_differs = call.returns.is_some_and(|want| want != got);
        // Linux defines EWOULDBLOCK as EAGAIN: a script may write either.
        let errno_differs = got < 0
            && call
                .errno
                .as_deref()
                .is_some_and(|e| Some(same_errno(e)) != errno.map(same_errno));
        if value_differs || errno_differs {
            let got_text = match errno {
                Some(e) => format!("{got} {e}"),
                None => got.to_string(),
            };
            let name = call.name.clone();
            let said = match (&call.returns, &call.errno) {
                (Some(v), Some(e)) => Said::new(
                    EditorWord::DrillReturnedOther,
                    [name, got_text, format!("{v} {e}")],
                ),
                (Some(v), None) => Said::new(
                    EditorWord::DrillReturnedOther,
                    [name, got_text, v.to_string()],
                ),
                (None, _) => Said::new(EditorWord::DrillReturnedUnexpected, [name, got_text]),
            };
            self.fail(line, said);
        }
    }

    fn act(&mut self, us: u64, call: Call) {
        let ms = us / 1000;
        let host = self.local;
        self.record(us, EventKind::Call { host, call });
        self.endpoint.call(ms, call);
    }

    /// The errno of a write on a connection that cannot send.
    fn write_error(&self) -> &'static str {
        match self.last_error {
            Some(ErrorKind::Reset | ErrorKind::Refused) => "ECONNRESET",
            _ => "EPIPE",
        }
    }

    pub(super) fn call(&mut self, line: usize, us: u64, due_us: u64, call: &Syscall) {
        let state = self.endpoint.state();
        let nonblocking = self.descriptor(call).is_some_and(|d| d.nonblocking);
        let role = self.descriptor(call).map(|d| d.role);
        let mut returned: Option<Returned> = None;
        let mut blocks = false;
        match call.name.as_str() {
            "socket" => {
                let fd = call.returns.filter(|&fd| fd >= 0).unwrap_or(3);
                let nonblocking = call
                    .args
                    .get(1)
                    .is_some_and(|a| a.contains("SOCK_NONBLOCK"));
                self.fds.push(Descriptor {
                    fd,
                    role: Role::Socket,
                    nonblocking,
                });
            }
            "fcntl" => {
                let on = call.args.get(2).is_some_and(|a| a.contains("O_NONBLOCK"));
                if let Some(d) = self.descriptor(call) {
                    d.nonblocking = on;
                }
                returned = Some((0, None));
            }
            "listen" => {
                if let Some(d) = self.descriptor(call) {
                    d.role = Role::Listener;
                }
                self.act(us, Call::Listen);
                returned = Some((0, None));
            }
            "connect" => {
                self.act(us, Call::Connect);
                if nonblocking {
                    returned = Some((-1, Some("EINPROGRESS")));
                } else {
                    blocks = true;
                }
            }
            "accept" => match self.accept_result() {
                Some(r) => returned = Some(r),
                None if nonblocking => returned = Some((-1, Some("EAGAIN"))),
                None => blocks = true,
            },
            "read" | "recv" => match self.read_result(call) {
                Some(r) => returned = Some(r),
                None if nonblocking => returned = Some((-1, Some("EAGAIN"))),
                None => blocks = true,
            },
            "write" | "send" => {
                let n = call
                    .args
                    .get(2)
                    .and_then(|a| a.trim().parse::<u32>().ok())
                    .unwrap_or(0);
                let open = matches!(state, State::Established | State::CloseWait);
                if open && n > 0 {
                    self.act(us, Call::Send(n));
                    returned = Some((i64::from(n), None));
                } else if !open {
                    returned = Some((-1, Some(self.write_error())));
                }
            }
            "shutdown"
                if call
                    .args
                    .get(1)
                    .is_some_and(|a| a.contains("SHUT_WR") || a.contains("SHUT_RDWR")) =>
            {
                self.act(us, Call::Shutdown);
                returned = Some((0, None));
            }
            "close" => {
                // Closing the listener after accept leaves the connection alone;
                // before it, a connection not yet accepted is reset (Linux).
                let listener_only = role == Some(Role::Listener) && self.accepted;
                let pending = role == Some(Role::Listener) && state != State::Listen;
                if !listener_only {
                    let abort = self.linger_zero || pending;
                    self.act(us, if abort { Call::Abort } else { Call::Close });
                }
                if let Some(fd) = call.args.first().and_then(|a| a.trim().parse::<i64>().ok()) {
                    self.fds.retain(|d| d.fd != fd);
                }
                returned = Some((0, None));
            }
            "setsockopt" => {
                let value: String = call
                    .args
                    .get(3)
                    .map(|a| a.chars().filter(|c| !c.is_whitespace()).collect())
                    .unwrap_or_default();
                let option = call.args.get(2).map_or("", |a| a.trim());
                if option == "TCP_QUICKACK" {
                    // TCP_QUICKACK 0 leaves quick-ACK mode: ACKs wait for a reason to ride.
                    self.endpoint.set_quickack(value != "[0]", DELAYED_ACK_MS);
                } else if option == "SO_LINGER" {
                    self.linger_zero =
                        value.contains("onoff=1") && value.contains("linger=0") || value == "{1,0}";
                }
                returned = Some((0, None));
            }
            _ => {}
        }
        self.drain(us, None);
        if blocks {
            self.waiting = Some(Waiting {
                line,
                call: call.clone(),
                due_us,
                start_us: us,
            });
            self.settle_waiting(us);
        } else if let Some(r) = returned {
            self.compare(line, call, r);
        }
    }
}

/// When a call must return: at its `...end`, else at once. The end is in
/// the start's clock: after `+a...b` both count from the statement before
/// (`base_us`); after an absolute start, a `+b` counts from the start.
pub(super) fn due(call: &Syscall, base_us: u64, start_us: u64, relative: bool) -> u64 {
    let end = match call.ends {
        Some(Time::At(us) | Time::After(us)) if relative => base_us.saturating_add(us),
        Some(Time::At(us)) => us,
        Some(Time::After(us)) => start_us.saturating_add(us),
        _ => start_us,
    };
    end.min(super::read::MAX_TIME_US)
}

/// Linux defines EWOULDBLOCK as EAGAIN: a script may write either.
fn same_errno(e: &str) -> &str {
    if e == "EWOULDBLOCK" {
        "EAGAIN"
    } else {
        e
    }
}
