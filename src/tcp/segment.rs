//! The TCP header fields this model uses.

use super::seq::Seq;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Control bits. Printed and serialised in the order SYN, RST, FIN, ACK, PSH.
#[derive(Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Flags {
    #[serde(default)]
    pub syn: bool,
    #[serde(default)]
    pub rst: bool,
    #[serde(default)]
    pub fin: bool,
    #[serde(default)]
    pub ack: bool,
    #[serde(default)]
    pub psh: bool,
}

impl Flags {
    pub const SYN: Flags = Flags {
        syn: true,
        rst: false,
        fin: false,
        ack: false,
        psh: false,
    };
    pub const SYN_ACK: Flags = Flags {
        syn: true,
        rst: false,
        fin: false,
        ack: true,
        psh: false,
    };
    pub const ACK: Flags = Flags {
        syn: false,
        rst: false,
        fin: false,
        ack: true,
        psh: false,
    };
    pub const RST: Flags = Flags {
        syn: false,
        rst: true,
        fin: false,
        ack: false,
        psh: false,
    };
    pub const RST_ACK: Flags = Flags {
        syn: false,
        rst: true,
        fin: false,
        ack: true,
        psh: false,
    };

    pub fn names(&self) -> Vec<&'static str> {
        let mut names = Vec::with_capacity(3);
        for (on, name) in [
            (self.syn, "SYN"),
            (self.rst, "RST"),
            (self.fin, "FIN"),
            (self.ack, "ACK"),
            (self.psh, "PSH"),
        ] {
            if on {
                names.push(name);
            }
        }
        names
    }

    pub fn parse_name(name: &str) -> Option<Flags> {
        let mut flags = Flags::default();
        match name.trim().to_ascii_uppercase().as_str() {
            "SYN" => flags.syn = true,
            "RST" => flags.rst = true,
            "FIN" => flags.fin = true,
            "ACK" => flags.ack = true,
            "PSH" => flags.psh = true,
            _ => return None,
        }
        Some(flags)
    }

    pub fn union(self, other: Flags) -> Flags {
        Flags {
            syn: self.syn || other.syn,
            rst: self.rst || other.rst,
            fin: self.fin || other.fin,
            ack: self.ack || other.ack,
            psh: self.psh || other.psh,
        }
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.names().join(","))
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: Seq,
    pub ack: Seq,
    pub flags: Flags,
    pub window: u16,
    /// Payload bytes (SYN and FIN are not counted here).
    pub len: u32,
}

impl Segment {
    /// Sequence space the segment occupies: data plus one for SYN and one for FIN.
    pub fn seq_len(&self) -> u32 {
        self.len + self.flags.syn as u32 + self.flags.fin as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_print_in_the_fixed_order() {
        let all = Flags {
            syn: true,
            rst: true,
            fin: true,
            ack: true,
            psh: true,
        };
        assert_eq!(all.to_string(), "SYN,RST,FIN,ACK,PSH");
        assert_eq!(Flags::SYN_ACK.to_string(), "SYN,ACK");
        assert_eq!(
            Flags::parse_name("fin")
                .unwrap()
                .union(Flags::ACK)
                .to_string(),
            "FIN,ACK"
        );
        assert_eq!(Flags::parse_name("URG"), None);
    }

    #[test]
    fn syn_and_fin_each_occupy_one_sequence_number() {
        let seg = Segment {
            src_port: 1,
            dst_port: 2,
            seq: Seq(10),
            ack: Seq(0),
            flags: Flags {
                syn: true,
                fin: true,
                ..Flags::default()
            },
            window: 0,
            len: 5,
        };
        assert_eq!(seg.seq_len(), 7);
    }
}
