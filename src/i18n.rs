//! Every word of the interface in English and Simplified Chinese. RFC state
//! names and flag names stay in Latin letters in both, as courses write them.
//! Chinese terms follow the course notes (../shared/GLOSSARY.md).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// From a browser language tag such as `zh-CN` or `en-GB`.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// (key, English, 简体中文)
pub static TEXTS: &[(&str, &str, &str)] = &[
    ("app.tagline", "TCP open and close, segment by segment", "TCP 三次握手与四次挥手，逐个报文段演示"),
    ("host.client", "Client", "客户端"),
    ("host.server", "Server", "服务器"),
    ("picker.label", "Scenario", "场景"),
    ("group.opening", "Opening", "建立连接"),
    ("group.closing", "Closing", "释放连接"),
    ("group.loss", "Loss and delay", "丢包与延迟"),
    ("group.errors", "Errors and edge cases", "异常与边界情况"),
    ("profile.label", "Timers", "计时器"),
    ("profile.rfc", "RFC", "RFC"),
    ("profile.linux", "Linux", "Linux"),
    ("profile.linux5", "Linux 5", "Linux 5"),
    ("params.linear", "at 1 s, then doubling", "次间隔 1 秒，之后翻倍"),
    ("numbers.absolute", "Absolute numbers", "绝对序号"),
    ("numbers.relative", "Relative numbers", "相对序号"),
    ("numbers.letters", "Letters x, y, U, V, W", "字母 x、y、U、V、W"),
    ("quiz.button", "Quiz", "测验"),
    ("quiz.title", "Predict the next step", "预测下一步"),
    ("module.mismatch", "The page and its editor module are from different versions. Reload the page.", "页面与编辑器模块的版本不同，请重新加载页面。"),
    ("quiz.locked", "The teacher locked this scenario for the quiz: segments cannot be dropped, delayed or edited.", "老师为测验锁定了这个场景：不能丢弃、延迟或编辑报文段。"),
    ("play", "Play", "播放"),
    ("pause", "Pause", "暂停"),
    ("step.back", "Step back", "后退一步"),
    ("step.forward", "Step forward", "前进一步"),
    ("speed", "Speed", "速度"),
    ("scrub", "Playback position", "播放位置"),
    ("share", "Copy link", "复制链接"),
    ("embed", "Copy embed code", "复制嵌入代码"),
    ("copied", "Copied", "已复制"),
    ("reset", "Reset faults", "清除故障"),
    ("theme.dark", "Dark", "深色"),
    ("theme.light", "Light", "浅色"),
    ("export.svg", "Export SVG", "导出 SVG"),
    ("export.png", "Export PNG", "导出 PNG"),
    ("help", "Keyboard shortcuts", "键盘快捷键"),
    ("help.close", "Close", "关闭"),
    ("help.space", "play / pause", "播放 / 暂停"),
    ("help.arrows", "step back / forward", "后退 / 前进一步"),
    ("help.home_end", "start / end", "开始 / 结束"),
    ("help.d", "drop the focused segment", "丢弃当前报文段"),
    ("help.r", "reset all faults", "清除所有故障"),
    ("help.enter", "choose drop / delay for the focused segment", "为当前报文段选择丢弃 / 延迟"),
    ("state_diagram", "State diagram (RFC 9293)", "状态图（RFC 9293）"),
    ("inspector", "Segment", "报文段"),
    ("inspector.empty", "Click a segment (or focus it and press Enter) to see its header and drop or delay it.", "点击一个报文段（或聚焦后按 Enter）查看首部，并可丢弃或延迟它。"),
    ("drop", "Drop", "丢弃"),
    ("delay", "Delay", "延迟"),
    ("deliver", "Deliver", "正常送达"),
    ("delay.ms", "Extra delay in ms", "额外延迟（毫秒）"),
    ("field.ports", "Ports", "端口"),
    ("field.flags", "Flags", "标志位"),
    ("field.seq", "Sequence number", "序号"),
    ("field.ack", "Acknowledgement number", "确认号"),
    ("field.window", "Window", "窗口"),
    ("field.len", "Payload length", "数据长度"),
    ("field.sent", "Sent", "发送时间"),
    ("field.arrives", "Arrives", "到达时间"),
    ("field.fate", "Fate", "结果"),
    ("fate.delivered", "delivered", "已送达"),
    ("fate.dropped", "dropped", "已丢失"),
    ("fate.delayed", "delayed", "已延迟"),
    ("fate.duplicated", "delivered twice", "被重复交付"),
    ("retransmission_of", "retransmission of", "重传自"),
    ("old_duplicate", "old duplicate", "失效的报文段"),
    ("notice", "What to notice", "注意什么"),
    ("question", "Question", "问题"),
    ("narration", "Narration", "解说"),
    ("timer.rto", "RTO", "RTO"),
    ("timer.2msl", "2MSL", "2MSL"),
    ("timer.fw2", "FIN-WAIT-2 timeout", "FIN-WAIT-2 超时"),
    ("break", "compressed", "已压缩"),
    ("diagram.title", "TCP sequence diagram", "TCP 时序图"),
    ("diagram.desc", "Client and server lifelines with every segment as an arrow and each host's state along its lifeline.", "客户端和服务器的生命线，每个报文段是一支箭头，状态沿生命线标出。"),
    ("error.link", "This link could not be opened", "无法打开此链接"),
    ("error.loaded_default", "the default scenario is shown instead.", "已改为显示默认场景。"),
    ("error.panic", "Something went wrong inside synack. Reload the page; if it happens again, please report it with the link.", "synack 内部出错。请刷新页面；若再次出现，请连同链接一起报告。"),
    ("open_full", "open in synack", "在 synack 中打开"),
    ("cut_short", "The run was cut short", "运行被截断"),
    ("params", "Timer values", "计时器参数"),
    ("params.rto", "RTO initial / min / max", "RTO 初始 / 最小 / 最大"),
    ("params.syn_retries", "SYN gives up after", "SYN 放弃于"),
    ("params.synack_retries", "SYN,ACK gives up after", "SYN,ACK 放弃于"),
    ("params.msl", "MSL / TIME-WAIT", "MSL / TIME-WAIT"),
    ("params.fw2", "FIN-WAIT-2 limit", "FIN-WAIT-2 上限"),
    ("params.none", "none", "无"),
    ("params.retries", "retries", "次重传"),
    ("lang.switch", "中文", "English"),
    ("home", "Go to the start", "回到开头"),
    ("help.updown", "next / previous segment", "下一个 / 上一个报文段"),
    ("inspector.why", "Why", "说明"),
    ("editor", "Edit", "编辑"),
    ("editor.title", "Edit scenario", "编辑场景"),
    ("duplicate", "Duplicate", "重复交付"),
    ("file.error", "The scenario file could not be opened", "无法打开场景文件"),
    ("help.e", "open / close the editor", "打开 / 关闭编辑器"),
    ("help.undo", "undo / redo", "撤销 / 重做"),
    ("transition.none", "(no transition yet)", "（尚未转换）"),
    ("call.returns", "returns", "返回"),
    ("capture.lost_tag", "probably lost", "可能丢失"),
    ("load.button", "Many connections", "多连接"),
    ("replay.differences", "Differences from the capture (faint, underneath)", "与抓包的差异（下方浅色为抓包）"),
    ("replay.none", "none: the model sends every segment the capture shows, with the same flags, numbers and times", "无：模型发送的每个报文段都与抓包一致（标志、序号与时间）"),
    ("capture.open_button", "Open capture or script", "打开抓包或脚本"),
    ("capture.local", "Read in your browser, never uploaded", "只在浏览器中读取，从不上传"),
    ("capture.link_opened", "This link was made while a capture was shown. A capture never goes into a link: open the capture file again to see it. Shown here: the scenario from before it.", "这个链接是在显示抓包时生成的。抓包文件从不放进链接：请重新打开那个抓包文件。这里显示的是之前的场景。"),
    ("script.lesson", "the endpoint under test; the other lifeline is the script, which sends its < lines and checks its > lines.", "被测端点；另一条生命线是脚本：它发送 < 行，检查 > 行。"),
    ("script.side", "packetdrill script", "packetdrill 脚本"),
    ("script.checked", "Sent by the endpoint under test, and checked by the script: drop or delay the script's own segments.", "由被测端点发送、由脚本检查：可以丢弃或延迟脚本自己的报文段。"),
    ("capture.readonly", "A capture shows what happened on the wire; its segments cannot be dropped or delayed.", "抓包记录的是线路上实际发生的事，不能丢弃或延迟其中的报文段。"),
    ("capture.error", "The capture could not be opened", "无法打开抓包文件"),
    ("capture.options", "Options", "选项"),
    ("capture.marks", "What the capture shows", "抓包显示"),
    ("capture.time", "Captured at", "抓包时间"),
    ("call.returns_0", "returns 0", "返回 0"),
];

/// The editor's own words. A separate table, used only by the editor
/// module (loaded on first use), so they are not part of the first load.
pub static EDITOR_TEXTS: &[(&str, &str, &str)] = &[
    // The quiz (drawn by the module loaded on first use).
    ("quiz.question", "Question", "题目"),
    ("quiz.score", "Score", "得分"),
    ("quiz.close", "Close the quiz", "关闭测验"),
    ("quiz.none", "Nothing on screen has a step of the kinds this quiz asks.", "当前画面中没有本测验要问的步骤。"),
    ("quiz.right", "Right.", "回答正确。"),
    ("quiz.wrong", "Not quite. The answer is", "不对。正确答案是"),
    ("quiz.yours", "you answered", "你的回答："),
    ("quiz.next", "Next step", "下一步"),
    ("quiz.finish", "See the score", "查看得分"),
    ("quiz.check", "Check", "确定"),
    ("quiz.type_number", "a number, e.g. 1001", "一个数字，例如 1001"),
    ("quiz.type_letters", "e.g. y+1, U+1 or a number", "例如 y+1、U+1 或数字"),
    ("quiz.keys_pick", "Keys: 1–9, 0, - pick · Enter checks, then goes on", "按键：1–9、0、- 选择 · Enter 确定并继续"),
    ("quiz.keys_number", "Type the number · Enter checks, then goes on", "输入数字 · Enter 确定并继续"),
    ("quiz.all_right", "Every step predicted right.", "每一步都预测正确。"),
    ("quiz.missed", "Steps missed", "答错的步骤"),
    ("quiz.again", "Try again", "再试一次"),
    ("quiz.teacher", "Quiz for students", "学生测验"),
    ("script.close", "Close the script", "关闭脚本"),
    ("script.about", "A packetdrill script run against the model's endpoint: its < lines are sent to the endpoint, its > lines are what the endpoint must send.", "针对模型端点运行的 packetdrill 脚本：< 行发给端点，> 行是端点必须发送的报文段。"),
    ("script.pass", "Every expectation held.", "所有预期都满足。"),
    ("script.fail", "Expectations that failed:", "未满足的预期："),
    ("script.skipped", "Statements not modelled", "未建模的语句"),
    ("script.line", "line", "行"),
    ("script.summary", "{n} statements, {m} segments checked, {k} skipped", "{n} 条语句，检查了 {m} 个报文段，跳过 {k} 条"),
    ("script.show", "show", "查看"),
    ("script.own", "sent by the endpoint: the script decides what it sends next", "由端点发送：脚本决定它接下来发送什么"),
    ("script.pick", "Pick one of the script's segments in the diagram to drop, delay or duplicate it: the endpoint meets the change and the script says what it expected.", "在图中选择脚本的报文段，可以丢弃、延迟或复制它：端点遇到这一变化，脚本指出它原本期望什么。"),
    ("script.unreadable", "not a text file of at most 1 MB", "不是不超过 1 MB 的文本文件"),
    ("quiz.ask_states", "ask the states", "问状态"),
    ("quiz.ask_flags", "ask the flags", "问标志位"),
    ("quiz.ask_numbers", "ask seq / ack", "问序号 / 确认号"),
    ("quiz.lock", "lock the faults", "锁定故障"),
    ("quiz.teacher_hint", "Kept in the link: copy it for your students. Locked, nobody can drop, delay or edit to peek (untick here to edit again).", "保存在链接中：复制给学生即可。锁定后不能丢弃、延迟或编辑来偷看（在此取消勾选即可再次编辑）。"),
    // The load view (drawn by the module loaded on first use).
    ("load.view", "Load", "多连接"),
    ("load.back", "Back to one connection", "返回单个连接"),
    ("load.running", "Simulating…", "模拟中…"),
    ("load.client", "Client sockets", "客户端套接字"),
    ("load.server", "Server sockets", "服务器套接字"),
    ("load.cursor", "Time", "时间"),
    ("load.completed", "completed", "完成"),
    ("load.failed", "failed", "失败"),
    ("load.first_failure", "first failure", "第一次失败"),
    ("load.none", "none", "无"),
    ("load.peak", "peak TIME-WAIT", "TIME-WAIT 峰值"),
    ("load.filter", "Show sockets in", "只看状态"),
    ("load.all", "every state", "所有状态"),
    ("load.open_connection", "Open", "打开"),
    ("load.table", "Connections at the cursor (first 100), as ss -tan shows them", "游标处的连接（前 100 个），像 ss -tan 一样"),
    ("load.http10.title", "HTTP/1.0: the server closes first and holds the TIME-WAITs", "HTTP/1.0：服务器先关闭，TIME-WAIT 堆积在服务器上"),
    ("load.http10.notice", "200 short connections a second; the server closes each first (seed 001), so the TIME-WAIT sockets pile up on the server: 200 × 60 s = 12,000, and nothing fails.", "每秒 200 个短连接；服务器先关闭（种子 001），所以 TIME-WAIT 堆积在服务器上：200 × 60 秒 = 12,000 个，但没有连接失败。"),
    ("load.http10.question", "Why does netstat on a busy web server show thousands of TIME-WAIT sockets?", "为什么繁忙的 Web 服务器上 netstat 能看到成千上万个 TIME-WAIT？"),
    ("load.ports.title", "The client closes first and runs out of ports", "客户端先关闭，端口被耗尽"),
    ("load.ports.notice", "1,000 connections a second to one server port; each closed port waits 60 s in TIME-WAIT on the client. Linux's 28,232 ephemeral ports are all busy after 28.2 s, and connect() fails with EADDRNOTAVAIL.", "每秒 1,000 个连接到同一个服务器端口；每个关闭的端口在客户端等待 60 秒的 TIME-WAIT。Linux 的 28,232 个临时端口在 28.2 秒后全部被占用，connect() 以 EADDRNOTAVAIL 失败。"),
    ("load.ports.question", "Why did the high-concurrency service break (seed 003)?", "为什么高并发服务会出故障（种子 003）？"),
    ("load.linger0.title", "SO_LINGER {1, 0}: no TIME-WAIT, but RSTs", "SO_LINGER {1, 0}：没有 TIME-WAIT，但发送 RST"),
    ("load.linger0.notice", "The client closes with an abort: RST instead of FIN. No socket ever enters TIME-WAIT and no port runs out, but a delayed segment of an old connection could now land in a new one.", "客户端用中止关闭：发送 RST 而不是 FIN。没有套接字进入 TIME-WAIT，端口也不会耗尽，但旧连接的迟到报文段可能落入新连接。"),
    ("load.linger0.question", "Why not simply skip TIME-WAIT?", "为什么不干脆跳过 TIME-WAIT？"),
    ("load.keepalive.title", "Keep-alive: one connection carries every request", "长连接：一个连接承载所有请求"),
    ("load.keepalive.notice", "2,000 requests over one connection: one handshake, one close, one TIME-WAIT.", "一个连接上 2,000 个请求：一次握手、一次关闭、一个 TIME-WAIT。"),
    ("load.keepalive.question", "How do HTTP/1.1 clients avoid the pile of TIME-WAITs?", "HTTP/1.1 客户端如何避免 TIME-WAIT 堆积？"),
    ("load.tw-reuse.title", "tcp_tw_reuse: a TIME-WAIT port taken again after 1 s", "tcp_tw_reuse：TIME-WAIT 端口 1 秒后可被重用"),
    ("load.tw-reuse.notice", "The same 1,000 connections a second, but the client may reuse a port in TIME-WAIT for 1 s (with timestamps, Linux's tcp_tw_reuse): the TIME-WAIT count stays near 1,000 and nothing runs out.", "同样每秒 1,000 个连接，但客户端可以重用处于 TIME-WAIT 超过 1 秒的端口（借助时间戳，Linux 的 tcp_tw_reuse）：TIME-WAIT 数量保持在 1,000 左右，端口不会耗尽。"),
    ("load.tw-reuse.question", "What does tcp_tw_reuse change, and what does it keep?", "tcp_tw_reuse 改变了什么，又保留了什么？"),
    // The capture panel (the module also reads capture files).
    ("capture.closed", "closed", "已关闭"),
    ("capture.reset", "reset", "被重置"),
    ("capture.open", "still open", "仍未关闭"),
    ("capture.no_handshake", "no handshake seen", "未见握手"),
    ("capture.connections", "Connections in the capture", "抓包中的连接"),
    ("capture.packets", "packets", "个分组"),
    ("capture.start", "start", "开始"),
    ("capture.duration", "duration", "时长"),
    ("capture.ending", "how it ended", "结束方式"),
    ("capture.client", "client", "客户端"),
    ("capture.server", "server", "服务器"),
    ("capture.title", "Capture", "抓包"),
    ("capture.guessed", "The capture starts mid-connection: the client is the side that sent first.", "抓包从连接中途开始：先发送的一方被当作客户端。"),
    ("capture.close", "Back to the scenarios", "返回场景"),
    ("capture.index", "#", "#"),
    ("capture.replay", "Replay in the model", "在模型中重放"),
    ("capture.more", "Show more connections", "显示更多连接"),
    ("capture.no_link", "A capture is never put in a link: the link opens the scenario shown before it. To share a capture, share the file.", "抓包文件不会放进链接：链接打开的是之前的场景。要分享抓包，请分享文件本身。"),
    ("undo", "Undo", "撤销"),
    ("redo", "Redo", "重做"),
    ("editor.blank", "Start from nothing", "从空白开始"),
    ("lesson.title", "Title", "标题"),
    ("lesson.note", "What to notice", "注意什么"),
    ("script.client", "Client script", "客户端脚本"),
    ("script.server", "Server script", "服务器脚本"),
    (
        "script.empty",
        "No steps: this host does nothing.",
        "没有步骤：这台主机什么也不做。",
    ),
    ("step.call", "Call", "调用"),
    ("step.after", "When", "时机"),
    ("trigger.start", "at the start", "一开始"),
    ("trigger.established", "once connected", "连接建立后"),
    ("trigger.eof", "on end of file", "读到 EOF 后"),
    ("step.delay", "then wait (ms)", "再等待（毫秒）"),
    ("step.bytes", "Bytes", "字节数"),
    ("step.up", "Move up", "上移"),
    ("step.down", "Move down", "下移"),
    ("step.duplicate", "Duplicate step", "复制此步"),
    ("step.remove", "Remove step", "删除此步"),
    ("step.add", "Add step", "添加一步"),
    ("link", "Link and numbers", "链路与序号"),
    (
        "latency.c2s",
        "Client → server (ms)",
        "客户端 → 服务器（毫秒）",
    ),
    (
        "latency.s2c",
        "Server → client (ms)",
        "服务器 → 客户端（毫秒）",
    ),
    ("mss", "MSS (bytes)", "MSS（字节）"),
    (
        "delayed_ack",
        "Delayed ACK (ms, 0 = off)",
        "延迟确认（毫秒，0 = 关闭）",
    ),
    ("port", "Port", "端口"),
    ("isn", "Initial sequence number", "初始序号 ISN"),
    ("numbers.fixed", "Fixed numbers", "固定序号"),
    ("numbers.seeded", "Random from a seed", "由种子随机生成"),
    ("seed", "Seed", "种子"),
    ("numbers.new", "New numbers", "换一组序号"),
    ("faults", "Faults", "故障"),
    (
        "faults.none",
        "No faults yet: click a segment to drop, delay or duplicate it.",
        "还没有故障：点击报文段即可丢弃、延迟或重复交付它。",
    ),
    ("fault.drop", "drop", "丢弃"),
    ("fault.delay", "delay", "延迟"),
    ("fault.dup", "duplicate", "重复交付"),
    ("remove", "Remove", "移除"),
    ("file.download", "Download scenario", "下载场景"),
    ("file.open", "Open scenario", "打开场景"),
    (
        "file.local",
        "Files stay on this computer.",
        "文件只在本机读取。",
    ),
    ("edit.refused", "Not changed", "未修改"),
];

fn lookup(
    table: &[(&str, &'static str, &'static str)],
    lang: Lang,
    key: &str,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| match lang {
            Lang::En => *en,
            Lang::Zh => *zh,
        })
}

pub fn t(lang: Lang, key: &str) -> &'static str {
    lookup(TEXTS, lang, key).unwrap_or("?")
}

/// A word of the editor, or of the page.
pub fn te(lang: Lang, key: &str) -> &'static str {
    lookup(EDITOR_TEXTS, lang, key).unwrap_or_else(|| t(lang, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_keys_are_unique() {
        let mut keys: Vec<&str> = TEXTS
            .iter()
            .chain(EDITOR_TEXTS)
            .map(|(k, _, _)| *k)
            .collect();
        for (key, en, zh) in TEXTS.iter().chain(EDITOR_TEXTS) {
            assert!(!en.trim().is_empty(), "{key} has no English");
            assert!(!zh.trim().is_empty(), "{key} has no Chinese");
        }
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate key");
    }

    #[test]
    fn browser_tags_pick_the_language() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(t(Lang::Zh, "group.opening"), "建立连接");
    }
}
