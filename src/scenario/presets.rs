//! The scenario library: every behaviour the course notes describe, as a
//! scenario value. Texts for people live in the app's i18n tables; the
//! one-line description here is for the command line.

use super::*;
use crate::tcp::Call::{Close, Connect, Listen, Send, Shutdown};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Opening,
    Closing,
    LossAndDelay,
    Errors,
}

pub struct Preset {
    pub name: &'static str,
    pub group: Group,
    build: fn() -> Scenario,
}

impl Preset {
    pub fn scenario(&self) -> Scenario {
        (self.build)()
    }

    /// The command line's one-line English description. A function, not a
    /// field of the table, so the page (which shows each lesson in its own
    /// language from the words pack) does not carry these strings.
    pub fn description(&self) -> &'static str {
        match self.name {
            "handshake" => "three-way handshake: SYN, SYN,ACK, ACK",
            "client-close" => {
                "handshake, then the client closes: the four-way close and 2MSL TIME-WAIT"
            }
            "socket-example" => "the course's Python socket example: hello, byebye, close",
            "simultaneous-open" => {
                "both sides connect at once: SYN-SENT -> SYN-RECEIVED -> ESTABLISHED"
            }
            "server-close" => {
                "HTTP/1.0 style: the server closes first and the client goes CLOSE-WAIT"
            }
            "three-segment-close" => {
                "the passive side's ACK rides on its FIN: FIN-WAIT-1 -> TIME-WAIT directly"
            }
            "simultaneous-close" => "both sides close at once: FIN-WAIT-1 -> CLOSING -> TIME-WAIT",
            "old-segment-in-time-wait" => {
                "a stale copy of a data segment arrives during TIME-WAIT and dies there"
            }
            "half-close" => "after the client's FIN the server still sends data (half-close)",
            "lost-syn" => "the first SYN is lost and retransmitted after 1 s",
            "syn-timeout" => "every SYN is lost: backoff 1, 2, 4 … s, then connect() times out",
            "lost-syn-ack" => "the SYN,ACK is lost: both sides retransmit",
            "lost-handshake-ack" => {
                "the third handshake ACK is lost: the server stays SYN-RECEIVED"
            }
            "syn-received-timeout" => {
                "no handshake ACK ever arrives: the server gives up and returns to LISTEN"
            }
            "lost-fin" => "the client's FIN is lost and retransmitted",
            "lost-fin-ack" => "the ACK of the client's FIN is lost: the FIN is retransmitted",
            "lost-last-ack" => {
                "the last ACK is lost: TIME-WAIT acknowledges the retransmitted FIN again"
            }
            "delayed-syn" => {
                "the SYN is delayed past the RTO: a spurious retransmission and a duplicate"
            }
            "stress" => "about 1,000 segments: a bulk transfer during a half-close with losses",
            "refused" => "nobody listens: the SYN is answered with RST,ACK (connection refused)",
            "old-duplicate-syn" => {
                "a stale SYN arrives first: RST, back to LISTEN, then the real handshake"
            }
            "abort" => "the client aborts: RST, and the server reports a reset",
            _ => "",
        }
    }
}

pub const CLIENT_PORT: u16 = 52528;
pub const SERVER_PORT: u16 = 80;
pub const CLIENT_ISN: u32 = 1000;
pub const SERVER_ISN: u32 = 5000;
pub const DEFAULT_PRESET: &str = "client-close";

fn base(client: Vec<Step>, server: Vec<Step>) -> Scenario {
    Scenario {
        title: None,
        note: None,
        profile: ProfileName::Rfc,
        client_to_server_ms: 50,
        server_to_client_ms: 50,
        mss: 1460,
        client: HostSetup {
            port: CLIENT_PORT,
            isn: CLIENT_ISN,
            script: client,
            delayed_ack_ms: None,
        },
        server: HostSetup {
            port: SERVER_PORT,
            isn: SERVER_ISN,
            script: server,
            delayed_ack_ms: None,
        },
        isn_seed: None,
        faults: Faults::new(),
        injections: Vec::new(),
        client_profile: None,
        server_profile: None,
    }
}

/// Both hosts with the usual ports, numbers and link, and nothing to do:
/// where a scenario written from scratch starts.
pub fn blank() -> Scenario {
    base(Vec::new(), Vec::new())
}

fn with_faults(mut s: Scenario, faults: &[(&str, Fault)]) -> Scenario {
    for (id, f) in faults {
        s.faults.insert(id.to_string(), *f);
    }
    s
}

/// The course notes' four-way close: the client closes first, the server
/// acknowledges at once and closes 100 ms after `recv()` returns 0.
fn client_close() -> Scenario {
    base(
        vec![Step::at(0, Connect), Step::when_established(100, Close)],
        vec![Step::at(0, Listen), Step::on_eof(100, Close)],
    )
}

fn handshake() -> Scenario {
    base(vec![Step::at(0, Connect)], vec![Step::at(0, Listen)])
}

/// The course notes' Python socket example: the server sends b'hello', the
/// client answers b'byebye' and closes; the server closes after recv() returns 0.
fn socket_example() -> Scenario {
    base(
        vec![
            Step::at(0, Connect),
            Step::when_established(150, Send(6)),
            Step::when_established(200, Close),
        ],
        vec![
            Step::at(0, Listen),
            Step::when_established(0, Send(5)),
            Step::on_eof(50, Close),
        ],
    )
}

/// HTTP/1.0 style: the server answers and closes first.
fn server_close() -> Scenario {
    base(
        vec![
            Step::at(0, Connect),
            Step::when_established(0, Send(100)),
            Step::on_eof(100, Close),
        ],
        vec![
            Step::at(0, Listen),
            Step::when_established(100, Send(300)),
            Step::when_established(100, Close),
        ],
    )
}

/// The server's delayed ACK lets its ACK ride on its FIN.
fn three_segment_close() -> Scenario {
    let mut s = base(
        vec![Step::at(0, Connect), Step::when_established(100, Close)],
        vec![Step::at(0, Listen), Step::on_eof(0, Close)],
    );
    s.server.delayed_ack_ms = Some(40);
    s
}

fn simultaneous_close() -> Scenario {
    // The client is established at 100 ms and the server at 150 ms: both close at 200 ms.
    base(
        vec![Step::at(0, Connect), Step::when_established(100, Close)],
        vec![Step::at(0, Listen), Step::when_established(50, Close)],
    )
}

fn simultaneous_open() -> Scenario {
    base(
        vec![Step::at(0, Connect), Step::when_established(400, Close)],
        vec![Step::at(0, Connect), Step::on_eof(100, Close)],
    )
}

/// The client shuts down its sending side (shutdown(SHUT_WR)) and keeps
/// reading: a client that called close() instead would answer the data
/// with RST under Linux (RFC 1122 4.2.2.13).
fn half_close() -> Scenario {
    base(
        vec![Step::at(0, Connect), Step::when_established(100, Shutdown)],
        vec![
            Step::at(0, Listen),
            Step::on_eof(50, Send(1000)),
            Step::on_eof(300, Close),
        ],
    )
}

fn syn_timeout() -> Scenario {
    // Enough for every profile: rfc sends 8 SYNs before R2, linux-5 7, linux 11.
    let mut s = client_close();
    s.faults.insert("c.syn".into(), Fault::Drop);
    for n in 2..=11 {
        s.faults.insert(format!("c.syn.{n}"), Fault::Drop);
    }
    s
}

/// The client ACKs the SYN,ACK but every ACK is lost, and it has nothing to send.
fn syn_received_timeout() -> Scenario {
    let mut s = handshake();
    s.faults.insert("c.ack1".into(), Fault::Drop);
    for n in 2..=6 {
        s.faults.insert(format!("c.ack1.{n}"), Fault::Drop);
    }
    s.profile = ProfileName::Linux;
    s
}

fn lost_handshake_ack() -> Scenario {
    let s = base(
        vec![Step::at(0, Connect), Step::when_established(2000, Close)],
        vec![Step::at(0, Listen), Step::on_eof(100, Close)],
    );
    with_faults(s, &[("c.ack1", Fault::Drop)])
}

fn lost_fin_ack() -> Scenario {
    // The server closes late, so the client's FIN timer fires first.
    let s = base(
        vec![Step::at(0, Connect), Step::when_established(100, Close)],
        vec![Step::at(0, Listen), Step::on_eof(1500, Close)],
    );
    with_faults(s, &[("s.ack2", Fault::Drop)])
}

fn old_duplicate_syn() -> Scenario {
    let mut s = with_faults(client_close(), &[("c.syn", Fault::Delay(150))]);
    s.injections.push(Injection {
        at_ms: 0,
        from: Host::Client,
        flags: Flags::SYN,
        seq: CLIENT_ISN - 100,
        ack: 0,
        len: 0,
    });
    s
}

/// The first SYN arrives after its retransmission has already opened the
/// connection; the client closes late enough that the duplicate meets ESTABLISHED.
fn delayed_syn() -> Scenario {
    let s = base(
        vec![Step::at(0, Connect), Step::when_established(1000, Close)],
        vec![Step::at(0, Listen), Step::on_eof(100, Close)],
    );
    with_faults(s, &[("c.syn", Fault::Delay(1500))])
}

/// A server segment is held up in the network long enough that its
/// retransmission does the work and the connection closes; the stale copy
/// then arrives while the client is in TIME-WAIT, which absorbs it.
fn old_segment_in_time_wait() -> Scenario {
    let s = base(
        vec![Step::at(0, Connect), Step::when_established(1400, Close)],
        vec![
            Step::at(0, Listen),
            Step::when_established(0, Send(100)),
            Step::on_eof(100, Close),
        ],
    );
    with_faults(s, &[("s.data1", Fault::Delay(3000))])
}

fn refused() -> Scenario {
    base(vec![Step::at(0, Connect)], vec![])
}

fn abort() -> Scenario {
    base(
        vec![
            Step::at(0, Connect),
            Step::when_established(100, Call::Abort),
        ],
        vec![Step::at(0, Listen)],
    )
}

/// Roughly a thousand segments: the server streams 500 kB after the client's
/// FIN (a half-close) while the link loses every 40th segment of each side.
pub fn stress() -> Scenario {
    // shutdown(): the client still reads the 500 kB after its FIN.
    let mut s = base(
        vec![Step::at(0, Connect), Step::when_established(100, Shutdown)],
        vec![
            Step::at(0, Listen),
            Step::on_eof(50, Send(500_000)),
            Step::on_eof(60, Close),
        ],
    );
    s.mss = 1000;
    s.profile = ProfileName::Linux;
    for n in (20..520).step_by(40) {
        s.faults.insert(format!("s{n}"), Fault::Drop);
        s.faults.insert(format!("c{}", n + 7), Fault::Drop);
        s.faults.insert(format!("s{}", n + 13), Fault::Delay(30));
    }
    // Counted as ids for brevity, kept as names like every preset's faults.
    super::naming::name_faults(&mut s);
    s
}

pub static PRESETS: &[Preset] = &[
    Preset {
        name: "handshake",
        group: Group::Opening,
        build: handshake,
    },
    Preset {
        name: "client-close",
        group: Group::Closing,
        build: client_close,
    },
    Preset {
        name: "socket-example",
        group: Group::Opening,
        build: socket_example,
    },
    Preset {
        name: "simultaneous-open",
        group: Group::Opening,
        build: simultaneous_open,
    },
    Preset {
        name: "server-close",
        group: Group::Closing,
        build: server_close,
    },
    Preset {
        name: "three-segment-close",
        group: Group::Closing,
        build: three_segment_close,
    },
    Preset {
        name: "simultaneous-close",
        group: Group::Closing,
        build: simultaneous_close,
    },
    Preset {
        name: "old-segment-in-time-wait",
        group: Group::Closing,
        build: old_segment_in_time_wait,
    },
    Preset {
        name: "half-close",
        group: Group::Closing,
        build: half_close,
    },
    Preset {
        name: "lost-syn",
        group: Group::LossAndDelay,
        build: || with_faults(client_close(), &[("c.syn", Fault::Drop)]),
    },
    Preset {
        name: "syn-timeout",
        group: Group::LossAndDelay,
        build: syn_timeout,
    },
    Preset {
        name: "lost-syn-ack",
        group: Group::LossAndDelay,
        build: || with_faults(client_close(), &[("s.synack", Fault::Drop)]),
    },
    Preset {
        name: "lost-handshake-ack",
        group: Group::LossAndDelay,
        build: lost_handshake_ack,
    },
    Preset {
        name: "syn-received-timeout",
        group: Group::LossAndDelay,
        build: syn_received_timeout,
    },
    Preset {
        name: "lost-fin",
        group: Group::LossAndDelay,
        build: || with_faults(client_close(), &[("c.fin1", Fault::Drop)]),
    },
    Preset {
        name: "lost-fin-ack",
        group: Group::LossAndDelay,
        build: lost_fin_ack,
    },
    Preset {
        name: "lost-last-ack",
        group: Group::LossAndDelay,
        build: || with_faults(client_close(), &[("c.ack2", Fault::Drop)]),
    },
    Preset {
        name: "delayed-syn",
        group: Group::LossAndDelay,
        build: delayed_syn,
    },
    Preset {
        name: "stress",
        group: Group::LossAndDelay,
        build: stress,
    },
    Preset {
        name: "refused",
        group: Group::Errors,
        build: refused,
    },
    Preset {
        name: "old-duplicate-syn",
        group: Group::Errors,
        build: old_duplicate_syn,
    },
    Preset {
        name: "abort",
        group: Group::Errors,
        build: abort,
    },
];

pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

pub fn by_name(name: &str) -> Option<Scenario> {
    find(name).map(Preset::scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_names_are_unique() {
        let mut names: Vec<_> = PRESETS.iter().map(|p| p.name).collect();
        for p in PRESETS {
            p.scenario()
                .validate()
                .unwrap_or_else(|e| panic!("{}: {e}", p.name));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), PRESETS.len());
        assert!(find(DEFAULT_PRESET).is_some());
    }
}
