//! The scenario library as students meet it: a title, what to notice and the
//! question each preset answers, in English and Simplified Chinese. The
//! questions are the ones the course notes ask (../shared/GLOSSARY.md).

use crate::i18n::Lang;
use crate::scenario::presets::{self, Group};

pub struct Entry {
    pub preset: &'static str,
    pub title: [&'static str; 2],
    pub notice: [&'static str; 2],
    pub question: Option<[&'static str; 2]>,
}

impl Entry {
    pub fn title(&self, lang: Lang) -> &'static str {
        self.title[lang as usize]
    }
    pub fn notice(&self, lang: Lang) -> &'static str {
        self.notice[lang as usize]
    }
    pub fn question(&self, lang: Lang) -> Option<&'static str> {
        self.question.map(|q| q[lang as usize])
    }
    pub fn group(&self) -> Group {
        presets::find(self.preset)
            .map(|p| p.group)
            .unwrap_or(Group::Errors)
    }
}

pub fn group_key(group: Group) -> crate::i18n::Word {
    match group {
        Group::Opening => crate::i18n::Word::GroupOpening,
        Group::Closing => crate::i18n::Word::GroupClosing,
        Group::LossAndDelay => crate::i18n::Word::GroupLoss,
        Group::Errors => crate::i18n::Word::GroupErrors,
    }
}

pub fn entry(preset: &str) -> Option<&'static Entry> {
    LIBRARY.iter().find(|e| e.preset == preset)
}

pub static LIBRARY: &[Entry] = &[
    Entry {
        preset: "handshake",
        title: ["Three-way handshake", "三次握手"],
        notice: [
            "The SYN and the SYN,ACK each use up one sequence number, so each answer acknowledges the other side's number plus one: ack = x+1, then ack = y+1. The server is in SYN-RECEIVED only for one round trip.",
            "SYN 和 SYN,ACK 各占用一个序号，所以确认号总是对方序号加一：ack = x+1，然后 ack = y+1。服务器只在一个往返时间内处于 SYN-RECEIVED。",
        ],
        question: Some(["Why does each side add one to the other's sequence number?", "为什么确认号是对方序号加一？"]),
    },
    Entry {
        preset: "client-close",
        title: ["Handshake and four-way close", "三次握手与四次挥手"],
        notice: [
            "The client's FIN (Seq=U) is acknowledged with Ack=U+1; the server then sends its own FIN (Seq=W) and the client answers Ack=W+1. The client waits 2MSL in TIME-WAIT before it is CLOSED; the server is CLOSED as soon as the last ACK arrives.",
            "客户端的 FIN（Seq=U）被以 Ack=U+1 确认；随后服务器发送自己的 FIN（Seq=W），客户端回复 Ack=W+1。客户端在 TIME-WAIT 中等待 2MSL 后才进入 CLOSED；服务器收到最后一个 ACK 就进入 CLOSED。",
        ],
        question: Some(["Why four waves to close but three to open?", "为什么建立连接三次握手，释放连接却要四次挥手？"]),
    },
    Entry {
        preset: "socket-example",
        title: ["The Python socket example", "Python 套接字示例"],
        notice: [
            "connect() and accept() return when the handshake completes; the data (hello, byebye) rides on segments with PSH,ACK; recv() returns 0 (end of file) when the peer's FIN arrives, and that is when the server calls close().",
            "握手完成时 connect() 和 accept() 返回；数据（hello、byebye）由 ACK,PSH 报文段携带；收到对方的 FIN 时 recv() 返回 0（文件结束符），服务器随后调用 close()。",
        ],
        question: None,
    },
    Entry {
        preset: "simultaneous-open",
        title: ["Simultaneous open", "同时打开"],
        notice: [
            "Both sides send a SYN at once. Each receives a SYN while in SYN-SENT, moves to SYN-RECEIVED and answers with SYN,ACK; each SYN,ACK then completes the connection. Four segments, no listener.",
            "双方同时发送 SYN。各自在 SYN-SENT 中收到 SYN，进入 SYN-RECEIVED 并回复 SYN,ACK；收到对方的 SYN,ACK 后连接建立。共四个报文段，没有监听方。",
        ],
        question: None,
    },
    Entry {
        preset: "server-close",
        title: ["Server closes first (HTTP/1.0)", "服务器先关闭（HTTP/1.0）"],
        notice: [
            "Either side may close first. Here the server does, so the client is the one in CLOSE-WAIT and LAST-ACK, and the server pays the TIME-WAIT.",
            "任何一方都可以主动关闭。这里服务器先关闭，因此客户端进入 CLOSE-WAIT 和 LAST-ACK，而服务器进入 TIME-WAIT。",
        ],
        question: Some(["Why can the client also be in CLOSE_WAIT?", "为什么客户端也会出现 CLOSE_WAIT？"]),
    },
    Entry {
        preset: "three-segment-close",
        title: ["Three-segment close", "三次挥手"],
        notice: [
            "The server delays its ACK (Linux does, for 40 ms); its application closes at once, so the ACK and the FIN leave together as one FIN,ACK. The client goes from FIN-WAIT-1 straight to TIME-WAIT.",
            "服务器延迟发送 ACK（Linux 默认约 40 ms）；其应用立即关闭，于是 ACK 和 FIN 合并为一个 FIN,ACK 报文段。客户端从 FIN-WAIT-1 直接进入 TIME-WAIT。",
        ],
        question: Some(["Can steps two and three of the close be one segment?", "第二次和第三次挥手能合并成一个报文段吗？"]),
    },
    Entry {
        preset: "simultaneous-close",
        title: ["Simultaneous close", "同时关闭"],
        notice: [
            "Both FINs cross in the network. Each side receives a FIN before the ACK of its own FIN, so it goes FIN-WAIT-1 → CLOSING, then TIME-WAIT when its FIN is acknowledged. Both sides wait 2MSL.",
            "双方的 FIN 在网络中交叉。各自在收到自己 FIN 的确认之前先收到对方的 FIN，于是 FIN-WAIT-1 → CLOSING，自己的 FIN 被确认后进入 TIME-WAIT。双方都要等待 2MSL。",
        ],
        question: Some(["How does the CLOSING state come about?", "CLOSING 状态是怎么出现的？"]),
    },
    Entry {
        preset: "old-segment-in-time-wait",
        title: ["Stale segment during TIME-WAIT", "TIME-WAIT 期间到达的旧报文段"],
        notice: [
            "The server's data (s2) is held up in the network; its retransmission does the work and the connection closes. The stale copy arrives 3.2 s in, while the client is still in TIME-WAIT with the same ports: the old connection absorbs it (an ACK), so it cannot be taken for data of a new connection. The closed server answers that ACK with RST, and the RST ends TIME-WAIT early: the 'TIME-WAIT assassination' of RFC 1337, which RFC 9293 and Linux (tcp_rfc1337 = 0) both allow.",
            "服务器的数据（s2）在网络中滞留；它的重传完成了传输，连接随后关闭。旧副本在 3.2 秒时才到达，此时客户端仍以相同端口处于 TIME-WAIT：旧连接吸收了它（回复 ACK），它就不会被误认为新连接的数据。已关闭的服务器对这个 ACK 回复 RST，RST 使 TIME-WAIT 提前结束，即 RFC 1337 所说的“TIME-WAIT 暗杀”，RFC 9293 和 Linux（tcp_rfc1337 = 0）都允许这样做。",
        ],
        question: Some(["What else does the 2MSL wait protect against?", "2MSL 等待还防止了什么？"]),
    },
    Entry {
        preset: "half-close",
        title: ["Half-close", "半关闭"],
        notice: [
            "After the client's FIN only the client-to-server direction is closed. The server, in CLOSE-WAIT, still sends 1000 bytes; the client in FIN-WAIT-2 acknowledges them (ack jumps by 1000). Only then does the server send its FIN.",
            "客户端发送 FIN 后，只有客户端到服务器的方向关闭了。处于 CLOSE-WAIT 的服务器仍发送 1000 字节；处于 FIN-WAIT-2 的客户端照常确认（ack 增加 1000）。之后服务器才发送自己的 FIN。",
        ],
        question: Some(["Why four waves and not three?", "为什么挥手要四次？"]),
    },
    Entry {
        preset: "lost-syn",
        title: ["Lost SYN", "SYN 丢失"],
        notice: [
            "Nothing comes back, so after the initial RTO of 1 s the client sends the same SYN again (same seq: it is the same request). The connection opens one second late.",
            "没有任何回应，客户端在初始 RTO（1 秒）后重发同一个 SYN（序号相同，是同一个请求）。连接晚一秒建立。",
        ],
        question: Some(["What is retransmission on timeout?", "什么是超时重传？"]),
    },
    Entry {
        preset: "syn-timeout",
        title: ["connect() times out", "connect() 超时"],
        notice: [
            "Each retry waits twice as long as the one before: 1, 2, 4, 8, 16, 32 s … (exponential backoff, RFC 6298). The RFC profile gives up after 3 minutes, Linux after 6 retries (127 s); connect() then fails with a timeout.",
            "每次重传的等待时间加倍：1、2、4、8、16、32 秒……（指数退避，RFC 6298）。RFC 配置 3 分钟后放弃，Linux 重传 6 次（127 秒）后放弃；connect() 以超时失败。",
        ],
        question: None,
    },
    Entry {
        preset: "lost-syn-ack",
        title: ["Lost SYN,ACK", "SYN,ACK 丢失"],
        notice: [
            "Both sides have a timer running: the client retransmits its SYN, the server its SYN,ACK. The server answers the repeated SYN with the SYN,ACK again, so the client may receive two and acknowledge both.",
            "双方都有计时器：客户端重传 SYN，服务器重传 SYN,ACK。服务器对重复的 SYN 再次回复 SYN,ACK，因此客户端可能收到两个并都加以确认。",
        ],
        question: None,
    },
    Entry {
        preset: "lost-handshake-ack",
        title: ["Lost third handshake", "第三次握手丢失"],
        notice: [
            "The client is ESTABLISHED as soon as it sends the ACK; the server, without it, stays SYN-RECEIVED and retransmits its SYN,ACK after 1 s. The client acknowledges again and the server is ESTABLISHED.",
            "客户端发出 ACK 后即进入 ESTABLISHED；服务器没有收到它，停留在 SYN-RECEIVED，1 秒后重传 SYN,ACK。客户端再次确认，服务器才进入 ESTABLISHED。",
        ],
        question: Some(["When do you see SYN_RCVD in netstat?", "什么时候能在 netstat 里看到 SYN_RCVD？"]),
    },
    Entry {
        preset: "syn-received-timeout",
        title: ["Handshake never completes", "握手始终无法完成"],
        notice: [
            "Every ACK from the client is lost. Linux retransmits the SYN,ACK 5 times (tcp_synack_retries), then forgets the half-open connection and the listener stays in LISTEN; the client believes it is connected.",
            "客户端的每个 ACK 都丢失了。Linux 重传 SYN,ACK 5 次（tcp_synack_retries）后丢弃这个半连接，监听套接字仍处于 LISTEN；客户端却以为连接已建立。",
        ],
        question: Some(["What happens to a half-open connection?", "半连接最后会怎样？"]),
    },
    Entry {
        preset: "lost-fin",
        title: ["Lost FIN", "FIN 丢失"],
        notice: [
            "The FIN occupies a sequence number, so it is retransmitted like data until it is acknowledged; the client stays in FIN-WAIT-1 meanwhile.",
            "FIN 占用一个序号，因此像数据一样被重传，直到被确认；在此期间客户端停留在 FIN-WAIT-1。",
        ],
        question: None,
    },
    Entry {
        preset: "lost-fin-ack",
        title: ["Lost ACK of the FIN", "FIN 的确认丢失"],
        notice: [
            "The server acknowledged the FIN but the ACK is lost. The client cannot tell the difference from a lost FIN: it retransmits the FIN, and the server, in CLOSE-WAIT, acknowledges it again.",
            "服务器确认了 FIN，但这个 ACK 丢失了。客户端无法区分这与 FIN 丢失：它重传 FIN，处于 CLOSE-WAIT 的服务器再次确认。",
        ],
        question: None,
    },
    Entry {
        preset: "lost-last-ack",
        title: ["Lost last ACK: why TIME-WAIT", "最后一个 ACK 丢失：为什么要 TIME-WAIT"],
        notice: [
            "The server in LAST-ACK never gets the last ACK, so it retransmits its FIN. Because the client is still in TIME-WAIT it can acknowledge that FIN again and restart its 2MSL wait; had it gone straight to CLOSED it would have answered with RST.",
            "处于 LAST-ACK 的服务器收不到最后的 ACK，于是重传 FIN。由于客户端仍在 TIME-WAIT，它能再次确认这个 FIN 并重新开始 2MSL 计时；如果它已直接进入 CLOSED，只能回复 RST。",
        ],
        question: Some(["Why does the client wait 2MSL?", "为什么客户端要等待2MSL？"]),
    },
    Entry {
        preset: "delayed-syn",
        title: ["SYN delayed past the RTO", "SYN 延迟超过 RTO"],
        notice: [
            "The first SYN is only slow, not lost, but the client cannot know: it retransmits after 1 s and the copy opens the connection. When the original finally arrives it is old (below the window), so the server just answers with an ACK and nothing changes.",
            "第一个 SYN 只是慢了而并未丢失，但客户端无从得知：1 秒后重传，由副本建立连接。原来的 SYN 最终到达时已是旧报文段（在窗口之外），服务器只回复一个 ACK，状态不变。",
        ],
        question: None,
    },
    Entry {
        preset: "stress",
        title: ["Bulk transfer during a half-close", "半关闭期间的大量数据传输"],
        notice: [
            "About a thousand segments: the server streams 500 kB after the client's FIN while the link loses some segments. Duplicate ACKs trigger fast retransmits; the receiver holds out-of-order data until the hole is filled.",
            "约一千个报文段：客户端发送 FIN 后服务器仍传输 500 kB，其间链路丢失部分报文段。重复确认触发快速重传；接收方缓存乱序数据直到空洞被填上。",
        ],
        question: None,
    },
    Entry {
        preset: "refused",
        title: ["Connection refused", "连接被拒绝"],
        notice: [
            "Nobody listens on port 80. The server's TCP answers the SYN with RST,ACK: seq=0 and ack=x+1, so the client accepts it, and connect() fails at once with 'connection refused'.",
            "80 端口上没有监听。服务器的 TCP 用 RST,ACK 回应 SYN：seq=0，ack=x+1，客户端接受它，connect() 立即以“连接被拒绝”失败。",
        ],
        question: None,
    },
    Entry {
        preset: "old-duplicate-syn",
        title: ["Old duplicate SYN: why three handshakes", "失效的连接请求：为什么是三次握手"],
        notice: [
            "A stale SYN from an earlier connection arrives first and the server answers it. Only the client knows it is stale: the ack does not match its own SYN, so it sends RST and the server returns to LISTEN. With a two-way handshake the server would already have opened a connection nobody wants.",
            "一个早先连接的失效 SYN 先到达，服务器回应了它。只有客户端知道它已失效：确认号与自己的 SYN 不符，于是发送 RST，服务器回到 LISTEN。若只有两次握手，服务器就已经建立了一个没人要的连接。",
        ],
        question: Some(["Why three handshakes and not two?", "为什么是三次握手而不是两次？"]),
    },
    Entry {
        preset: "abort",
        title: ["Abort with RST", "用 RST 中止连接"],
        notice: [
            "abort() (close with SO_LINGER 0) skips the four-way close: one RST and the connection is gone on both sides, with no TIME-WAIT. The server's application sees 'connection reset'.",
            "abort()（SO_LINGER 为 0 的 close）跳过四次挥手：一个 RST，双方的连接即被删除，没有 TIME-WAIT。服务器的应用看到“连接被重置”。",
        ],
        question: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_library_entry_in_both_languages() {
        for p in presets::PRESETS {
            let e = entry(p.name).unwrap_or_else(|| panic!("{} has no library entry", p.name));
            for text in e
                .title
                .iter()
                .chain(e.notice.iter())
                .chain(e.question.iter().flatten())
            {
                assert!(!text.trim().is_empty());
            }
        }
        assert_eq!(LIBRARY.len(), presets::PRESETS.len());
    }

    #[test]
    fn the_notes_questions_each_have_a_scenario() {
        let asked: Vec<&str> = LIBRARY
            .iter()
            .filter_map(|e| e.question(Lang::Zh))
            .collect();
        for q in [
            "为什么是三次握手而不是两次？",
            "为什么挥手要四次？",
            "为什么客户端要等待2MSL？",
            "什么时候能在 netstat 里看到 SYN_RCVD？",
            "CLOSING 状态是怎么出现的？",
            "为什么客户端也会出现 CLOSE_WAIT？",
        ] {
            assert!(asked.contains(&q), "{q}");
        }
    }
}
