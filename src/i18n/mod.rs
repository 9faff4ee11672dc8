//! Every word of the interface in English and Simplified Chinese. RFC state
//! names and flag names stay in Latin letters in both, as courses write them.
//! Chinese terms follow the course notes (../shared/GLOSSARY.md).

use serde::{Deserialize, Serialize};

pub mod hant;
pub mod pack;
mod said;
pub use said::{fill, Arg, Said};

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

    /// `en` or `zh`; a Chinese tag (`zh-Hant`, `zh-TW`, `zh-Hans`…) reads
    /// as Chinese, whose characters `hant::is_traditional` decides.
    pub fn parse(s: &str) -> Option<Lang> {
        let chinese_tag = s.len() > 3 && s.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("zh-"));
        if s.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if s.eq_ignore_ascii_case("zh") || chinese_tag {
            Some(Lang::Zh)
        } else {
            None
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

/// A word of the interface: a variant of one of the tables below, so a
/// missing one fails to compile rather than showing "?".
pub trait Words: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

/// Declares a table of words: an enum naming them, and their texts in both
/// languages, in the same order (the variant is the index). A `packed`
/// table is not in the page's wasm: the page loads the language it shows as
/// a pack (`pack.rs`), so the first load carries one language, not all.
macro_rules! words {
    ($(#[$doc:meta])* $how:ident $enum:ident, $table:ident; $($(#[$w:meta])* $word:ident => $en:expr, $zh:expr;)*) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $enum {
            $($(#[$w])* $word,)*
        }

        /// (English, 简体中文), by the enum's order.
        static $table: &[(&str, &str)] = &[$(($en, $zh),)*];

        impl $enum {
            /// Every word, in the table's order.
            pub const ALL: &'static [$enum] = &[$($enum::$word,)*];

            /// The text compiled into this binary.
            fn compiled(self, lang: Lang) -> &'static str {
                let (en, zh) = $table[self as usize];
                match lang {
                    Lang::En => en,
                    Lang::Zh => zh,
                }
            }
        }

        words!(@text $how $enum);
    };
    (@text compiled $enum:ident) => {
        impl Words for $enum {
            fn text(self, lang: Lang) -> &'static str {
                self.compiled(lang)
            }
        }
    };
    (@text packed $enum:ident) => {
        impl Words for $enum {
            #[cfg(not(target_arch = "wasm32"))]
            fn text(self, lang: Lang) -> &'static str {
                self.compiled(lang)
            }

            #[cfg(target_arch = "wasm32")]
            fn text(self, lang: Lang) -> &'static str {
                pack::text(lang, self as usize)
            }
        }
    };
}

words! {
    /// The page's words and the presets' lessons (the first load, one
    /// language at a time), and the module's where both use them.
    packed Word, TEXTS;
    AppTagline => "TCP open and close, segment by segment", "TCP 三次握手与四次挥手，逐个报文段演示";
    HostClient => "Client", "客户端";
    HostServer => "Server", "服务器";
    ShownCapture => "Capture", "抓包";
    ChooseConnection => "Choose a connection from the list to draw it here.", "从列表中选择一个连接，在这里绘制。";
    ShownScript => "Script", "脚本";
    ShownOwn => "Your own scenario", "自己的场景";
    PickerLabel => "Scenario", "场景";
    GroupOpening => "Opening", "建立连接";
    GroupClosing => "Closing", "释放连接";
    GroupLoss => "Loss and delay", "丢包与延迟";
    GroupErrors => "Errors and edge cases", "异常与边界情况";
    ProfileLabel => "Timers", "计时器";
    ProfileRfc => "RFC", "RFC";
    ProfileLinux => "Linux", "Linux";
    ProfileLinux5 => "Linux 5", "Linux 5";
    ProfileFreeBsd => "FreeBSD", "FreeBSD";
    ProfileMacOs => "macOS", "macOS";
    ProfileLwip => "lwIP", "lwIP";
    ProfileWindows => "Windows", "Windows";
    ParamsWindowsNote => "Windows is closed source: these are Microsoft's documented defaults, not read from its code", "Windows 不开源：这些是微软文档中的默认值，并非读自其源代码";
    ParamsLinear => "at 1 s, then doubling", "次间隔 1 秒，之后翻倍";
    NumbersAbsolute => "Absolute numbers", "绝对序号";
    NumbersRelative => "Relative numbers", "相对序号";
    NumbersLetters => "Letters x, y, U, V, W", "字母 x、y、U、V、W";
    QuizButton => "Quiz", "测验";
    QuizTitle => "Predict the next step", "预测下一步";
    ModuleUnavailable => "The editor module could not be loaded: check the connection and reload the page.", "无法加载编辑器模块：请检查网络连接，然后重新加载页面。";
    ModuleFailed => "The editor module stopped with an error. Reload the page.", "编辑器模块出错停止了，请重新加载页面。";
    ModuleMismatch => "The page and its editor module are from different versions. Reload the page.", "页面与编辑器模块的版本不同，请重新加载页面。";
    NoSuchSegment => "There is no segment {0} to change.", "没有可修改的报文段 {0}。";
    QuizLockedOpen => "The teacher locked this quiz: it stays open, so the steps ahead stay hidden until they are answered.", "老师锁定了这个测验：测验不能关闭，后面的步骤在回答之前保持隐藏。";
    QuizLocked => "The teacher locked this scenario for the quiz: segments cannot be dropped, delayed or edited.", "老师为测验锁定了这个场景：不能丢弃、延迟或编辑报文段。";
    Play => "Play", "播放";
    Pause => "Pause", "暂停";
    StepBack => "Step back", "后退一步";
    StepForward => "Step forward", "前进一步";
    Speed => "Playback pace: the diagram's time is compressed, so this is not real time", "播放节奏：图中的时间经过压缩，并非真实时间";
    PaceSlow => "Slow", "慢";
    PaceNormal => "Normal", "正常";
    PaceFast => "Fast", "快";
    PaceFastest => "Fastest", "最快";
    Scrub => "Playback position", "播放位置";
    Share => "Copy link", "复制链接";
    Copy => "Copy", "复制";
    ShareLink => "link", "链接";
    EmbedCode => "embed", "嵌入代码";
    Embed => "Copy embed code", "复制嵌入代码";
    Copied => "Copied", "已复制";
    Reset => "Reset faults", "清除故障";
    ThemeDark => "Dark", "深色";
    ThemeLight => "Light", "浅色";
    Export => "Export", "导出";
    ExportSvg => "Export SVG", "导出 SVG";
    ExportPng => "Export PNG", "导出 PNG";
    ExportPcapng => "pcapng: download the run as a capture for Wireshark, each packet with its state and why it was sent", "pcapng：下载为抓包文件，用 Wireshark 打开，每个包附有状态和发送原因";
    Help => "Keyboard shortcuts", "键盘快捷键";
    Menu => "Menu", "菜单";
    HelpClose => "Close", "关闭";
    Present => "Present: the diagram large for a projector", "演示：为投影仪放大图示";
    PresentLeave => "Leave presenter mode", "退出演示模式";
    PresentLoading => "Opening presenter mode…", "正在打开演示模式…";
    PresentHint => "PageDown / PageUp or ← / → step · B black screen · F full screen · Esc leaves", "PageDown / PageUp 或 ← / → 逐步 · B 黑屏 · F 全屏 · Esc 退出";
    HelpPresent => "presenter mode: a clicker's keys step, B blacks the screen", "演示模式：翻页笔逐步，B 黑屏";
    HelpSpace => "play / pause", "播放 / 暂停";
    HelpArrows => "step back / forward", "后退 / 前进一步";
    HelpHomeEnd => "start / end", "开始 / 结束";
    HelpD => "drop the focused segment", "丢弃当前报文段";
    HelpR => "reset all faults", "清除所有故障";
    HelpEnter => "choose drop / delay for the focused segment", "为当前报文段选择丢弃 / 延迟";
    StateDiagram => "State diagram (RFC 9293)", "状态图（RFC 9293）";
    Inspector => "Segment", "报文段";
    InspectorEmpty => "Click a segment (or focus it and press Enter) to see its header and drop or delay it.", "点击一个报文段（或聚焦后按 Enter）查看首部，并可丢弃或延迟它。";
    Drop => "Drop", "丢弃";
    Delay => "Delay", "延迟";
    Deliver => "Deliver", "正常送达";
    DelayMs => "Extra delay in ms", "额外延迟（毫秒）";
    FieldPorts => "Ports", "端口";
    FieldFlags => "Flags", "标志位";
    FieldSeq => "Sequence number", "序号";
    FieldAck => "Acknowledgement number", "确认号";
    FieldWindow => "Window", "窗口";
    FieldLen => "Payload length", "数据长度";
    FieldSent => "Sent", "发送时间";
    FieldArrives => "Arrives", "到达时间";
    FieldFate => "Fate", "结果";
    FateDelivered => "delivered", "已送达";
    FateDropped => "dropped", "已丢失";
    FateDelayed => "delayed", "已延迟";
    FateDuplicated => "delivered twice", "被重复交付";
    RetransmissionOf => "retransmission of", "重传自";
    OldDuplicate => "old duplicate", "失效的报文段";
    Notice => "What to notice", "注意什么";
    Question => "Question", "问题";
    Narration => "Narration", "解说";
    TimerRto => "RTO", "RTO";
    Timer2msl => "2MSL", "2MSL";
    TimerFw2 => "FIN-WAIT-2 timeout", "FIN-WAIT-2 超时";
    Break => "compressed", "已压缩";
    DiagramTitle => "TCP sequence diagram", "TCP 时序图";
    DiagramDesc => "Client and server lifelines with every segment as an arrow and each host's state along its lifeline.", "客户端和服务器的生命线，每个报文段是一支箭头，状态沿生命线标出。";
    ErrorLinkNotice => "This link could not be opened: {0} — the default scenario is shown instead.", "无法打开此链接：{0}。已改为显示默认场景。";
    // What follows a label ("Question: ", "问题："): Chinese writes a full-width colon.
    Colon => ": ", "：";
    // What a capture's reading infers and marks (trace/captured_words.rs).
    RuleAnsweredSyn => "it answered a SYN, so it was listening", "它回应了 SYN，所以此前一直在监听";
    RuleNoHandshakeSeen => "the capture starts mid-connection, no handshake seen", "抓包从连接中途开始，没有看到握手";
    RuleSentSyn => "sent SYN", "发送了 SYN";
    RuleSentSynAck => "sent SYN,ACK in reply to a SYN", "回应 SYN，发送了 SYN,ACK";
    RuleAckedPeerSyn => "sent the ACK of the peer's SYN", "发送了对方 SYN 的确认";
    RuleSynAcknowledged => "its SYN was acknowledged", "自己的 SYN 被确认";
    RuleSentFin => "sent FIN", "发送了 FIN";
    RuleAckedPeerFin => "acknowledged the peer's FIN before sending its own", "确认了对方的 FIN，自己还没发 FIN";
    RuleFinAcknowledged => "its FIN acknowledged, peer's FIN not yet seen", "自己的 FIN 被确认，还没看到对方的 FIN";
    RuleSimultaneousClose => "acknowledged the peer's FIN while its own FIN was not yet acknowledged", "自己的 FIN 尚未被确认时确认了对方的 FIN";
    RuleBothFinsDone => "sent the ACK of the peer's FIN after its own FIN was acknowledged", "自己的 FIN 被确认后，发送了对方 FIN 的确认";
    RuleLastAckAcknowledged => "its FIN was acknowledged (the last ACK)", "自己的 FIN 被确认（最后的 ACK）";
    RuleSentRst => "sent RST", "发送了 RST";
    RuleReceivedRst => "received RST", "收到了 RST";
    RstRefused => "RST in reply to a SYN: nothing listens on that port (connection refused)", "RST 回应了 SYN：该端口没有程序在监听（连接被拒绝）";
    RstAbort => "RST from an open connection that sent no FIN: an abort (SO_LINGER {1, 0}, or close() with unread data)", "RST 来自一个没发过 FIN 的连接：中止（SO_LINGER {1, 0}，或关闭时还有未读数据）";
    RstAfterClose => "RST from a side that had closed: a segment arrived for a connection it no longer has", "RST 来自已经关闭的一方：有报文段到达了它已不再拥有的连接";
    RstUnknown => "RST: the connection is reset", "RST：连接被重置";
    CapturedInferredNote => " (inferred from the segments seen at the capture point; a host's state changes when a segment leaves or reaches that host, not the capture point)", "（推断：根据抓包点看到的报文段。主机的状态在报文段离开或到达该主机时改变，而不是在抓包点。）";
    MarkRetransmission => "retransmission of {0}, retransmitted after {1} ms", "{0} 的重传，间隔 {1} ms";
    MarkSpurious => "spurious retransmission of {0} after {1} ms: {0} had been acknowledged, and the acknowledgement was still on its way", "{0} 的伪重传（间隔 {1} ms）：{0} 已被确认，确认还在路上";
    MarkProbablyLost => "probably lost: retransmitted later without the peer ever acknowledging it", "可能丢失：后来被重传，而对方从未确认它";
    MarkDuplicateAck => "duplicate ACK #{1} of {0}", "{0} 的第 {1} 个重复 ACK";
    MarkDSack => "D-SACK: the receiver reports a segment it received twice (RFC 2883)", "D-SACK：接收方报告它收到了重复的报文段（RFC 2883）";
    MarkOutOfOrder => "out of order: new data below what was already sent", "乱序：新数据的序号低于已发送的数据";
    MarkZeroWindow => "zero window: the receiver has no room", "零窗口：接收方没有空间了";
    MarkHandshakeRtt => "handshake round trip {0} (SYN → ACK at the capture point)", "握手往返时间 {0}（抓包点上 SYN → ACK）";
    MarkLostAfterCapture => "probably lost after the capture point: {0} repeats what this acknowledged, {1} ms after it passed here, time enough to arrive", "可能在抓包点之后丢失：它经过这里 {1} ms 后，{0} 仍重传了它所确认的内容，而它早该到达了";
    // The explanations (explain.rs), built from the trace: {0} … are its hosts, ids and numbers.
    ExTheClient => "the client", "客户端";
    ExTheServer => "the server", "服务器";
    ExLetterIsn => "{0} = {1} is {2}'s initial sequence number", "{0} = {1} 是{2}的初始序号";
    ExLetterU => "U = {0} is the seq of the first FIN ({1} closes first)", "U = {0} 是第一个 FIN 的序号（{1}先关闭）";
    ExLetterV => "V = {0} is {1}'s seq when it acknowledged that FIN", "V = {0} 是{1}确认该 FIN 时的序号";
    ExLetterW => "W = {0} is the seq of {1}'s own FIN", "W = {0} 是{1}自己的 FIN 的序号";
    ExLetters => "Letters: {0}.", "字母：{0}。";
    ListJoin => "; ", "；";
    ExLostRetransmit => "Lost in the network: {0} never sees it, so {1} will retransmit it when its RTO expires.", "在网络中丢失：{0}收不到它，{1}将在 RTO 到期后超时重传。";
    ExLostPureAck => "Lost in the network. A pure ACK is never retransmitted by itself; {0}'s own timer will resend whatever it was waiting to have acknowledged.", "在网络中丢失。纯 ACK 不会被单独重传；{0}自己的计时器会重传仍未被确认的报文段。";
    ExDelayed => "It was held up an extra {0} ms.", "它被额外延迟了 {0} ms。";
    ExCopyLater => "The link also delivers a copy ({0}) {1} ms later.", "链路还会在 {1} ms 后再交付一个副本（{0}）。";
    ExArrivalMoves => "{0}On arrival {1} moves from {2} to {3}.", "{0}到达后{1}从 {2} 进入 {3}。";
    ExStays => "{0}{1} stays in {2}.", "{0}{1}保持 {2} 状态。";
    ExCopy => "A copy of {0} made by the network: the link delivers the same segment (seq={1}) a second time, {2} ms after the original. Only its numbers tell the receiver it is a duplicate.", "网络复制出的 {0} 的副本：链路在原报文段之后 {2} ms 又交付了一次同样的报文段（seq={1}）。接收方只能按序号判断它是重复的。";
    ExOldSyn => "An old duplicate SYN (seq={0}) from an earlier connection that lingered in the network.", "一个来自早先连接的失效的连接请求报文段（seq={0}），在网络中滞留后才到达。";
    ExRetransmitRto => "Retransmission of {0}: no acknowledgement came back before the retransmission timer (RTO) expired.", "{0} 的超时重传：重传计时器（RTO）到期前没有收到确认。";
    ExSentAgain => "Sent again (same seq as {0}) in answer to a duplicate or a partial acknowledgement.", "再次发送（与 {0} 序号相同），回应重复的报文段或部分确认。";
    ExRstAck => "A reset: {0} refuses or aborts the connection. seq={1}, ack={2} so that {3} accepts it.", "复位报文：{0}拒绝或中止连接。seq={1}，ack={2}，使{3}能够接受它。";
    ExRst => "A reset with seq={0} (the ack number it answers): the segment it answers belongs to no connection {1} knows.", "复位报文，seq={0}（即所回应报文段的确认号）：{1}不认识被回应的那个连接。";
    ExFirstHandshake => "First handshake: {0} sets SYN and picks its initial sequence number seq={1} to ask for a connection.", "第一次握手：{0}把标志位 SYN 置为 1，随机选择初始序号 seq={1}，请求建立连接。";
    ExSecondHandshake => "Second handshake: SYN and ACK. ack = {0} because a SYN occupies one sequence number; seq={1} is {2}'s own initial sequence number.", "第二次握手：SYN 和 ACK 都置为 1。ack = {0}，因为一个 SYN 占用一个序号；seq={1} 是{2}的初始序号。";
    ExFin => "{0} called close(): FIN says no more data in this direction (a half-close). seq={1}; a FIN occupies one sequence number too. ACK is set as on every segment after the first SYN, ack={2}.", "{0}调用了 close()：FIN 表示这个方向不再发送数据（半关闭）。seq={1}；FIN 也占用一个序号。ACK 位照常置 1，确认号 ack={2}。";
    ExData => "Carries {0} bytes, sequence numbers {1} to {2}; {3} will acknowledge with ack={4}.", "携带 {0} 字节数据，序号 {1} 到 {2}；对方将以 ack={4} 确认。";
    ExThirdHandshake => "Third handshake: ack = {0} acknowledges {1}'s SYN ({2}); seq={3}.", "第三次握手：ack = {0}，确认{1}的 SYN（{2}）；seq={3}。";
    ExAcksControl => "Acknowledges {0}'s {1} ({2}): ack = {3}, because a {1} occupies one sequence number.", "确认{0}的 {1}（{2}）：ack = {3}，因为 {1} 占用一个序号。";
    ExAcksData => "Acknowledges {0}'s {1} bytes ({2}): ack = {3}, the next sequence number {4} expects.", "确认{0}的 {1} 字节数据（{2}）：ack = {3}，即{4}期望收到的下一个序号。";
    ExPureAck => "A pure acknowledgement: ack={0} is the next sequence number {1} expects.", "纯确认报文：ack={0} 表示{1}期望收到的下一个序号。";
    ExBecauseCall => "the application called {0}()", "应用调用了 {0}()";
    ExBecauseSegment => "{0} ({1}) arrived", "收到 {0}（{1}）";
    ExBecause2msl => "the 2MSL wait is over", "等待 2MSL 结束";
    ExBecauseFw2 => "the FIN-WAIT-2 limit expired", "FIN-WAIT-2 超时";
    ExBecauseRetries => "it ran out of retransmissions", "重传次数用尽";
    ExStateChange => "{0}: {1} goes from {2} to {3} because {4}.", "{0}：{1}从 {2} 进入 {3}，因为{4}。";
    ExOnCall => "on {0}()", "调用 {0}()";
    ExOnSegment => "on receiving {0} {1}", "收到 {0} {1}";
    ExOn2msl => "when 2MSL expires", "2MSL 超时";
    ExOnFw2 => "when the FIN-WAIT-2 limit expires", "FIN-WAIT-2 超时";
    ExOnRetries => "when its retransmissions run out", "重传次数用尽";
    ExOnInferred => "(inferred) {0}", "（推断）{0}";
    ExSends => ", sends {0} {1}", "，发送 {0} {1}";
    // Why a link could not be read ({0}, {1} … are the link's own text).
    LinkTooLong => "the link is {0} bytes long, over the limit of {1}", "链接长 {0} 字节，超过上限 {1}";
    LinkVersionUnknown => "link version '{0}' is not known to this synack (it reads v1 and v2)", "这个版本的 synack 不认识链接版本“{0}”（它能读 v1 和 v2）";
    LinkNotSynack => "this is not a synack link (it should start with #v2/)", "这不是 synack 链接（应以 #v2/ 开头）";
    LinkNotWholeNumber => "'{0}' must be a whole number, not '{1}'", "“{0}”必须是整数，而不是“{1}”";
    LinkNotANumber => "'{0}' is too large a number", "“{0}”的数值太大";
    LinkNotFlag => "'{0}' must be 1 or 0, not '{1}'", "“{0}”必须是 1 或 0，而不是“{1}”";
    LinkNotSegmentId => "'{0}' is not a segment id (c1, s2 …)", "“{0}”不是报文段编号（c1、s2 …）";
    LinkBadCompare => "the comparison '{0}' is not one to four different stacks (rfc, linux, linux-5, freebsd, macos, windows, lwip)", "对比“{0}”不是一到四个不同的协议栈（“rfc”“linux”“linux-5”“freebsd”“macos”“windows”“lwip”）";
    LinkUnknownProfile => "unknown timer profile '{0}' (rfc, linux, linux-5, freebsd, macos, windows or lwip)", "未知的计时器配置“{0}”（“rfc”“linux”“linux-5”“freebsd”“macos”“windows”或“lwip”）";
    LinkIsnPair => "'isn' takes two numbers: client,server", "“isn”需要两个数：客户端,服务器";
    LinkIsn32 => "an ISN must fit in 32 bits", "初始序号 ISN 必须在 32 位以内";
    LinkTimedFault => "a {0} is written id:ms, not '{1}'", "“{0}”的写法是“编号:毫秒”，而不是“{1}”";
    LinkNumbering => "num={0}: expected absolute, relative or letters", "“num={0}”：应为“absolute”“relative”或“letters”";
    LinkLanguage => "unknown language '{0}' (en or zh)", "未知的语言“{0}”（“en”或“zh”）";
    LinkTheme => "unknown theme '{0}' (light or dark)", "未知的主题“{0}”（“light”或“dark”）";
    LinkScriptCut => "pkt=: the script in the link is cut off or too long", "pkt=：链接中的脚本被截断或过长";
    LinkScriptNotText => "pkt=: the script in the link is not text", "pkt=：链接中的脚本不是文本";
    LinkQuiz => "quiz={0}: expected 1, or flags, numbers, states (comma-separated)", "“quiz={0}”：应为 1，或“flags”“numbers”“states”（以逗号分隔）";
    LinkUnknownSetting => "unknown setting '{0}' in the link", "链接中有未知的设置“{0}”";
    LinkTooManyFaults => "the link has more than {0} faults", "链接中的故障超过 {0} 个";
    LinkUnknownScenario => "unknown scenario '{0}'", "未知的场景“{0}”";
    LinkNoScenario => "the link names no scenario (p=… or z=…)", "链接没有指明场景（p=… 或 z=…）";
    LinkNoSuchSegment => "segment {0} does not exist in this scenario", "这个场景中没有报文段 {0}";
    LinkFromAfterTo => "'from' must not be after 'to'", "“from”不能晚于“to”";
    LinkScriptFaultsAlone => "sdrop, sdelay and sdup are for a script, and the link has none (pkt=…)", "“sdrop”“sdelay”和“sdup”用于脚本，而这个链接没有脚本（pkt=…）";
    PackedNotBase64 => "the packed scenario is not valid base64url (the link may be cut off)", "打包的场景不是有效的 base64url（链接可能被截断）";
    PackedInvalid => "the packed scenario is damaged (cut short or changed) and cannot be read", "打包的场景无效，无法读取";
    PackedOlder => "this link was packed by an earlier synack", "这个链接由较早版本的 synack 打包";
    PackedNoUnpack => "the packed scenario does not unpack (the link may be cut off or too large)", "打包的场景无法解包（链接可能被截断或过大）";
    PackedFormatUnknown => "packed scenario format {0} is not known to this synack", "这个版本的 synack 不认识打包场景格式 {0}";
    PackedEmpty => "the packed scenario is empty", "打包的场景是空的";
    // Why a scenario is refused: in a link, a file or the editor.
    ScenarioTitleTooLong => "the title has {0} characters, over the limit of {1}", "标题有 {0} 个字符，超过上限 {1}";
    ScenarioNoteTooLong => "the note has {0} characters, over the limit of {1}", "说明有 {0} 个字符，超过上限 {1}";
    ScenarioLatencyTooLong => "{0} → {1} latency {2} ms is over the limit of {3} ms", "{0}→{1}的单向时延 {2} ms 超过上限 {3} ms";
    ScenarioMss => "MSS {0} is outside {1} to {2}", "MSS {0} 不在 {1} 到 {2} 之间";
    ScenarioTooManyFaults => "{0} faults is over the limit of {1}", "{0} 个故障超过上限 {1}";
    ScenarioBadSegmentId => "'{0}' is not a segment id (expected c1, s2, o1 or a name such as c.fin101)", "“{0}”不是报文段编号（应为 c1、s2、o1 或 c.fin101 这样的名称）";
    ScenarioDelayTooLong => "delay of {0} by {1} ms is over the limit of {2} ms", "{0} 延迟 {1} ms，超过上限 {2} ms";
    ScenarioCopyTooLate => "the copy of {0} {1} ms later is over the limit of {2} ms", "{0} 的副本晚 {1} ms，超过上限 {2} ms";
    ScenarioTooManyInjections => "{0} injected segments is over the limit of {1}", "注入的报文段有 {0} 个，超过上限 {1}";
    ScenarioPortZero => "{0}: the port must not be 0", "{0}：端口不能为 0";
    ScenarioTooManySteps => "{0}: the script has {1} steps, over the limit of {2}", "{0}：脚本有 {1} 步，超过上限 {2}";
    ScenarioStepWait => "{0}: a step waits {1} ms, over the limit of {2} ms", "{0}：有一步等待 {1} ms，超过上限 {2} ms";
    ScenarioSendTooMuch => "{0}: the script sends {1} bytes, over the limit of {2}", "{0}：脚本发送 {1} 字节，超过上限 {2}";
    ScenarioDelayedAckTooLong => "{0}: the delayed ACK is over the limit of {1} ms", "{0}：延迟确认超过上限 {1} ms";
    ScenarioNoStep => "{0}: the script has no step {1}", "{0}：脚本中没有第 {1} 步";
    ScenarioStepsFull => "a script holds at most {0} steps", "一个脚本最多 {0} 步";
    ScenarioFileTooLarge => "the file is {0} KB, over the limit of {1} KB for a scenario", "文件大小 {0} KB，超过场景文件的上限 {1} KB";
    ScenarioNotAFile => "not a synack scenario: {0}", "不是 synack 场景文件（第 {1} 行第 {2} 列无法读取）";
    ErrorPanic => "Something went wrong inside synack. Reload the page; if it happens again, please report it with the link.", "synack 内部出错。请刷新页面；若再次出现，请连同链接一起报告。";
    OpenFull => "open in synack", "在 synack 中打开";
    CutShort => "The run was cut short", "运行被截断";
    Params => "Timer values", "计时器参数";
    ParamsRto => "RTO initial / min / max", "RTO 初始 / 最小 / 最大";
    ParamsSynRetries => "SYN gives up after", "SYN 放弃于";
    ParamsSynackRetries => "SYN,ACK gives up after", "SYN,ACK 放弃于";
    ParamsMsl => "MSL / TIME-WAIT", "MSL / TIME-WAIT";
    ParamsFw2 => "FIN-WAIT-2 limit", "FIN-WAIT-2 上限";
    ParamsNone => "none", "无";
    ParamsRetries => "retries", "次重传";
    Home => "Go to the start", "回到开头";
    HelpUpdown => "next / previous segment", "下一个 / 上一个报文段";
    InspectorWhy => "Why", "说明";
    Editor => "Edit", "编辑";
    EditorTitle => "Edit scenario", "编辑场景";
    Duplicate => "Duplicate", "重复交付";
    FileError => "The scenario file could not be opened", "无法打开场景文件";
    HelpE => "open / close the editor", "打开 / 关闭编辑器";
    HelpUndo => "undo / redo", "撤销 / 重做";
    TransitionNone => "(no transition yet)", "（尚未转换）";
    CallReturns => "returns", "返回";
    CaptureLostTag => "probably lost", "可能丢失";
    LoadButton => "Many connections", "多连接";
    CompareButton => "Compare stacks", "对比协议栈";
    LessonOtherStack => "The numbers in this lesson are {0}'s; the diagram runs {1}.", "本课中的数字是 {0} 的；图中运行的是 {1}。";
    ReplayDifferences => "Differences from the capture (faint, underneath)", "与抓包的差异（下方浅色为抓包）";
    ReplayNone => "none: the model sends every segment the capture shows, with the same flags, numbers and times", "无：模型发送的每个报文段都与抓包一致（标志、序号与时间）";
    CaptureOpenButton => "Open capture or script", "打开抓包或脚本";
    CaptureLocal => "Read in your browser, never uploaded", "只在浏览器中读取，从不上传";
    CaptureLinkOpened => "This link was made while a capture was shown. A capture never goes into a link: open the capture file again to see it. Shown here: the scenario from before it.", "这个链接是在显示抓包时生成的。抓包文件从不放进链接：请重新打开那个抓包文件。这里显示的是之前的场景。";
    ScriptLesson => "the endpoint under test; the other lifeline is the script, which sends its < lines and checks its > lines.", "被测端点；另一条生命线是脚本：它发送 < 行，检查 > 行。";
    ScriptSide => "packetdrill script", "packetdrill 脚本";
    ScriptChecked => "Sent by the endpoint under test, and checked by the script: drop or delay the script's own segments.", "由被测端点发送、由脚本检查：可以丢弃或延迟脚本自己的报文段。";
    CaptureReadonly => "A capture shows what happened on the wire; its segments cannot be dropped or delayed.", "抓包记录的是线路上实际发生的事，不能丢弃或延迟其中的报文段。";
    CaptureError => "The capture could not be opened", "无法打开抓包文件";
    CaptureOptions => "Options", "选项";
    CaptureMarks => "What the capture shows", "抓包显示";
    CaptureTime => "Captured at", "抓包时间";
    CallReturns0 => "returns 0", "返回 0";
    WordsUnavailable => "The words for that language could not be loaded", "无法加载该语言的界面文字";
    // The lessons of the presets (library.rs).
    LessonHandshakeTitle => "Three-way handshake", "三次握手";
    LessonHandshakeNotice => "The SYN and the SYN,ACK each use up one sequence number, so each answer acknowledges the other side's number plus one: ack = x+1, then ack = y+1. The server is in SYN-RECEIVED only for one round trip.", "SYN 和 SYN,ACK 各占用一个序号，所以确认号总是对方序号加一：ack = x+1，然后 ack = y+1。服务器只在一个往返时间内处于 SYN-RECEIVED。";
    LessonHandshakeQuestion => "Why does each side add one to the other's sequence number?", "为什么确认号是对方序号加一？";
    LessonClientCloseTitle => "Handshake and four-way close", "三次握手与四次挥手";
    LessonClientCloseNotice => "The client's FIN (Seq=U) is acknowledged with Ack=U+1; the server then sends its own FIN (Seq=W) and the client answers Ack=W+1. The client waits 2MSL in TIME-WAIT before it is CLOSED; the server is CLOSED as soon as the last ACK arrives.", "客户端的 FIN（Seq=U）被以 Ack=U+1 确认；随后服务器发送自己的 FIN（Seq=W），客户端回复 Ack=W+1。客户端在 TIME-WAIT 中等待 2MSL 后才进入 CLOSED；服务器收到最后一个 ACK 就进入 CLOSED。";
    LessonClientCloseQuestion => "Why four waves to close but three to open?", "为什么建立连接三次握手，释放连接却要四次挥手？";
    LessonSocketExampleTitle => "The Python socket example", "Python 套接字示例";
    LessonSocketExampleNotice => "connect() and accept() return when the handshake completes; the data (hello, byebye) rides on segments with PSH,ACK; recv() returns 0 (end of file) when the peer's FIN arrives, and that is when the server calls close().", "握手完成时 connect() 和 accept() 返回；数据（hello、byebye）由 ACK,PSH 报文段携带；收到对方的 FIN 时 recv() 返回 0（文件结束符），服务器随后调用 close()。";
    LessonSimultaneousOpenTitle => "Simultaneous open", "同时打开";
    LessonSimultaneousOpenNotice => "Both sides send a SYN at once. Each receives a SYN while in SYN-SENT, moves to SYN-RECEIVED and answers with SYN,ACK; each SYN,ACK then completes the connection. Four segments, no listener.", "双方同时发送 SYN。各自在 SYN-SENT 中收到 SYN，进入 SYN-RECEIVED 并回复 SYN,ACK；收到对方的 SYN,ACK 后连接建立。共四个报文段，没有监听方。";
    LessonServerCloseTitle => "Server closes first (HTTP/1.0)", "服务器先关闭（HTTP/1.0）";
    LessonServerCloseNotice => "Either side may close first. Here the server does, so the client is the one in CLOSE-WAIT and LAST-ACK, and the server pays the TIME-WAIT.", "任何一方都可以主动关闭。这里服务器先关闭，因此客户端进入 CLOSE-WAIT 和 LAST-ACK，而服务器进入 TIME-WAIT。";
    LessonServerCloseQuestion => "Why can the client also be in CLOSE_WAIT?", "为什么客户端也会出现 CLOSE_WAIT？";
    LessonThreeSegmentCloseTitle => "Three-segment close", "三次挥手";
    LessonThreeSegmentCloseNotice => "The server delays its ACK (here 40 ms; Linux delays the ACK of a FIN too: to its next timer tick, a few ms, before any data has arrived, 40 ms after); its application closes at once, so the ACK and the FIN leave together as one FIN,ACK. The client goes from FIN-WAIT-1 straight to TIME-WAIT.", "服务器延迟发送 ACK（这里是 40 ms；Linux 对 FIN 的 ACK 也会延迟：尚未收到数据时延迟到下一个定时器节拍，几毫秒；收到数据后为 40 ms）；其应用立即关闭，于是 ACK 和 FIN 合并为一个 FIN,ACK 报文段。客户端从 FIN-WAIT-1 直接进入 TIME-WAIT。";
    LessonThreeSegmentCloseQuestion => "Can steps two and three of the close be one segment?", "第二次和第三次挥手能合并成一个报文段吗？";
    LessonSimultaneousCloseTitle => "Simultaneous close", "同时关闭";
    LessonSimultaneousCloseNotice => "Both FINs cross in the network. Each side receives a FIN before the ACK of its own FIN, so it goes FIN-WAIT-1 → CLOSING, then TIME-WAIT when its FIN is acknowledged. Both sides wait 2MSL.", "双方的 FIN 在网络中交叉。各自在收到自己 FIN 的确认之前先收到对方的 FIN，于是 FIN-WAIT-1 → CLOSING，自己的 FIN 被确认后进入 TIME-WAIT。双方都要等待 2MSL。";
    LessonSimultaneousCloseQuestion => "How does the CLOSING state come about?", "CLOSING 状态是怎么出现的？";
    LessonOldSegmentInTimeWaitTitle => "Stale segment during TIME-WAIT", "TIME-WAIT 期间到达的旧报文段";
    LessonOldSegmentInTimeWaitNotice => "The server's data (s2) is held up in the network; its retransmission does the work and the connection closes. The stale copy arrives 3.2 s in, while the client is still in TIME-WAIT with the same ports: the old connection absorbs it (an ACK), so it cannot be taken for data of a new connection. The closed server answers that ACK with RST, and the RST ends TIME-WAIT early: the 'TIME-WAIT assassination' of RFC 1337, which RFC 9293 and Linux (tcp_rfc1337 = 0) both allow.", "服务器的数据（s2）在网络中滞留；它的重传完成了传输，连接随后关闭。旧副本在 3.2 秒时才到达，此时客户端仍以相同端口处于 TIME-WAIT：旧连接吸收了它（回复 ACK），它就不会被误认为新连接的数据。已关闭的服务器对这个 ACK 回复 RST，RST 使 TIME-WAIT 提前结束，即 RFC 1337 所说的“TIME-WAIT 暗杀”，RFC 9293 和 Linux（tcp_rfc1337 = 0）都允许这样做。";
    LessonOldSegmentInTimeWaitQuestion => "What else does the 2MSL wait protect against?", "2MSL 等待还防止了什么？";
    LessonHalfCloseTitle => "Half-close", "半关闭";
    LessonHalfCloseNotice => "The client calls shutdown(SHUT_WR): after its FIN only the client-to-server direction is closed. The server, in CLOSE-WAIT, still sends 1000 bytes; the client in FIN-WAIT-2 acknowledges them (ack jumps by 1000). Only then does the server send its FIN.", "客户端调用 shutdown(SHUT_WR)：发送 FIN 后，只有客户端到服务器的方向关闭了。处于 CLOSE-WAIT 的服务器仍发送 1000 字节；处于 FIN-WAIT-2 的客户端照常确认（ack 增加 1000）。之后服务器才发送自己的 FIN。";
    LessonHalfCloseQuestion => "Why four waves and not three?", "为什么挥手要四次？";
    LessonLostSynTitle => "Lost SYN", "SYN 丢失";
    LessonLostSynNotice => "Nothing comes back, so after the initial RTO of 1 s the client sends the same SYN again (same seq: it is the same request). The connection opens one second late.", "没有任何回应，客户端在初始 RTO（1 秒）后重发同一个 SYN（序号相同，是同一个请求）。连接晚一秒建立。";
    LessonLostSynQuestion => "What is retransmission on timeout?", "什么是超时重传？";
    LessonSynTimeoutTitle => "connect() times out", "connect() 超时";
    LessonSynTimeoutNotice => "Each retry waits twice as long as the one before: 1, 2, 4, 8, 16, 32 s … (exponential backoff, RFC 6298). The RFC profile gives up after 3 minutes, Linux after 6 retries (127 s); connect() then fails with a timeout.", "每次重传的等待时间加倍：1、2、4、8、16、32 秒……（指数退避，RFC 6298）。RFC 配置 3 分钟后放弃，Linux 重传 6 次（127 秒）后放弃；connect() 以超时失败。";
    LessonLostSynAckTitle => "Lost SYN,ACK", "SYN,ACK 丢失";
    LessonLostSynAckNotice => "Both sides have a timer running: the client retransmits its SYN, the server its SYN,ACK. The server answers the repeated SYN with the SYN,ACK again, so the client may receive two and acknowledge both.", "双方都有计时器：客户端重传 SYN，服务器重传 SYN,ACK。服务器对重复的 SYN 再次回复 SYN,ACK，因此客户端可能收到两个并都加以确认。";
    LessonLostHandshakeAckTitle => "Lost third handshake", "第三次握手丢失";
    LessonLostHandshakeAckNotice => "The client is ESTABLISHED as soon as it sends the ACK; the server, without it, stays SYN-RECEIVED and retransmits its SYN,ACK after 1 s. The client acknowledges again and the server is ESTABLISHED.", "客户端发出 ACK 后即进入 ESTABLISHED；服务器没有收到它，停留在 SYN-RECEIVED，1 秒后重传 SYN,ACK。客户端再次确认，服务器才进入 ESTABLISHED。";
    LessonLostHandshakeAckQuestion => "When do you see SYN_RCVD in netstat?", "什么时候能在 netstat 里看到 SYN_RCVD？";
    LessonSynReceivedTimeoutTitle => "Handshake never completes", "握手始终无法完成";
    LessonSynReceivedTimeoutNotice => "Every ACK from the client is lost. Linux retransmits the SYN,ACK 5 times (tcp_synack_retries), then forgets the half-open connection and the listener stays in LISTEN; the client believes it is connected.", "客户端的每个 ACK 都丢失了。Linux 重传 SYN,ACK 5 次（tcp_synack_retries）后丢弃这个半连接，监听套接字仍处于 LISTEN；客户端却以为连接已建立。";
    LessonSynReceivedTimeoutQuestion => "What happens to a half-open connection?", "半连接最后会怎样？";
    LessonLostFinTitle => "Lost FIN", "FIN 丢失";
    LessonLostFinNotice => "The FIN occupies a sequence number, so it is retransmitted like data until it is acknowledged; the client stays in FIN-WAIT-1 meanwhile.", "FIN 占用一个序号，因此像数据一样被重传，直到被确认；在此期间客户端停留在 FIN-WAIT-1。";
    LessonLostFinAckTitle => "Lost ACK of the FIN", "FIN 的确认丢失";
    LessonLostFinAckNotice => "The server acknowledged the FIN but the ACK is lost. The client cannot tell the difference from a lost FIN: it retransmits the FIN, and the server, in CLOSE-WAIT, acknowledges it again.", "服务器确认了 FIN，但这个 ACK 丢失了。客户端无法区分这与 FIN 丢失：它重传 FIN，处于 CLOSE-WAIT 的服务器再次确认。";
    LessonLostLastAckTitle => "Lost last ACK: why TIME-WAIT", "最后一个 ACK 丢失：为什么要 TIME-WAIT";
    LessonLostLastAckNotice => "The server in LAST-ACK never gets the last ACK, so it retransmits its FIN. Because the client is still in TIME-WAIT it can acknowledge that FIN again and restart its 2MSL wait; had it gone straight to CLOSED it would have answered with RST.", "处于 LAST-ACK 的服务器收不到最后的 ACK，于是重传 FIN。由于客户端仍在 TIME-WAIT，它能再次确认这个 FIN 并重新开始 2MSL 计时；如果它已直接进入 CLOSED，只能回复 RST。";
    LessonLostLastAckQuestion => "Why does the client wait 2MSL?", "为什么客户端要等待2MSL？";
    LessonDelayedSynTitle => "SYN delayed past the RTO", "SYN 延迟超过 RTO";
    LessonDelayedSynNotice => "The first SYN is only slow, not lost, but the client cannot know: it retransmits after 1 s and the copy opens the connection. When the original finally arrives it is old (below the window), so the server just answers with an ACK and nothing changes.", "第一个 SYN 只是慢了而并未丢失，但客户端无从得知：1 秒后重传，由副本建立连接。原来的 SYN 最终到达时已是旧报文段（在窗口之外），服务器只回复一个 ACK，状态不变。";
    LessonStressTitle => "Bulk transfer during a half-close", "半关闭期间的大量数据传输";
    LessonStressNotice => "About a thousand segments: the server streams 500 kB after the client's FIN while the link loses some segments. Duplicate ACKs trigger fast retransmits; the receiver holds out-of-order data until the hole is filled.", "约一千个报文段：客户端发送 FIN 后服务器仍传输 500 kB，其间链路丢失部分报文段。重复确认触发快速重传；接收方缓存乱序数据直到空洞被填上。";
    LessonRefusedTitle => "Connection refused", "连接被拒绝";
    LessonRefusedNotice => "Nobody listens on port 80. The server's TCP answers the SYN with RST,ACK: seq=0 and ack=x+1, so the client accepts it, and connect() fails at once with 'connection refused'.", "80 端口上没有监听。服务器的 TCP 用 RST,ACK 回应 SYN：seq=0，ack=x+1，客户端接受它，connect() 立即以“连接被拒绝”失败。";
    LessonOldDuplicateSynTitle => "Old duplicate SYN: why three handshakes", "失效的连接请求：为什么是三次握手";
    LessonOldDuplicateSynNotice => "A stale SYN from an earlier connection arrives first and the server answers it. Only the client knows it is stale: the ack does not match its own SYN, so it sends RST and the server returns to LISTEN. With a two-way handshake the server would already have opened a connection nobody wants.", "一个早先连接的失效 SYN 先到达，服务器回应了它。只有客户端知道它已失效：确认号与自己的 SYN 不符，于是发送 RST，服务器回到 LISTEN。若只有两次握手，服务器就已经建立了一个没人要的连接。";
    LessonOldDuplicateSynQuestion => "Why three handshakes and not two?", "为什么是三次握手而不是两次？";
    LessonAbortTitle => "Abort with RST", "用 RST 中止连接";
    LessonAbortNotice => "abort() (close with SO_LINGER 0) skips the four-way close: one RST and the connection is gone on both sides, with no TIME-WAIT. The server's application sees 'connection reset'.", "abort()（SO_LINGER 为 0 的 close）跳过四次挥手：一个 RST，双方的连接即被删除，没有 TIME-WAIT。服务器的应用看到“连接被重置”。";
}

words! {
    /// The words only the module loaded on first use shows (the editor, the
    /// quiz, the inspector's fields, captures, scripts, the load view): a table
    /// of their own, so the first load does not carry them.
    compiled EditorWord, EDITOR_TEXTS;
    // The quiz (drawn by the module loaded on first use).
    QuizQuestion => "Question", "题目";
    QuizScore => "Score", "得分";
    QuizClose => "Close the quiz", "关闭测验";
    QuizNone => "Nothing on screen has a step of the kinds this quiz asks.", "当前画面中没有本测验要问的步骤。";
    QuizRight => "Right.", "回答正确。";
    QuizWrong => "Not quite. The answer is", "不对。正确答案是";
    QuizYours => "you answered", "你的回答：";
    QuizNext => "Next step", "下一步";
    QuizFinish => "See the score", "查看得分";
    QuizCheck => "Check", "确定";
    QuizMoreAfter => "More about this step once the questions on it are answered.", "关于这一步的说明，等回答完关于它的问题后再给出。";
    QuizTypeNumber => "type a number", "输入一个数字";
    QuizTypeLetters => "a letter, a letter plus a number, or a number", "字母、字母加数字，或数字";
    QuizKeysPick => "Keys: 1–9, 0, - pick · Enter checks, then goes on", "按键：1–9、0、- 选择 · Enter 确定并继续";
    QuizKeysNumber => "Type the number · Enter checks, then goes on", "输入数字 · Enter 确定并继续";
    QuizAllRight => "Every step predicted right.", "每一步都预测正确。";
    QuizMissed => "Steps missed", "答错的步骤";
    QuizAgain => "Try again", "再试一次";
    QuizTeacher => "Quiz for students", "学生测验";
    ScriptAbout => "A packetdrill script run against the model's endpoint: its < lines are sent to the endpoint, its > lines are what the endpoint must send.", "针对模型端点运行的 packetdrill 脚本：< 行发给端点，> 行是端点必须发送的报文段。";
    ScriptPass => "Every expectation held.", "所有预期都满足。";
    ScriptFail => "Expectations that failed:", "未满足的预期：";
    ScriptSkipped => "Statements not modelled", "未建模的语句";
    ScriptLine => "line", "行";
    ScriptSummary => "{n} statements, {m} segments checked, {k} skipped", "{n} 条语句，检查了 {m} 个报文段，跳过 {k} 条";
    ScriptShow => "show", "查看";
    ScriptEndedNext => "The script ends at {0}. On its own, the endpoint acts next at {1}: {2}.", "脚本在 {0} 结束。之后端点自己在 {1} 行动：{2}。";
    ScriptEndedStays => "The script ends at {0}. The endpoint has no timer left: it stays in {1}.", "脚本在 {0} 结束。端点没有待触发的计时器：保持 {1} 状态。";
    ScriptEndedSends => "it sends {0}", "发送 {0}";
    ScriptEndedMoves => "it goes from {0} to {1}", "从 {0} 进入 {1}";
    ScriptEndedNothing => "its timer fires and it sends nothing", "计时器到期，但没有发送报文段";
    ScriptOwn => "sent by the endpoint: the script decides what it sends next", "由端点发送：脚本决定它接下来发送什么";
    ScriptPick => "Pick one of the script's segments in the diagram to drop, delay or duplicate it: the endpoint meets the change and the script says what it expected.", "在图中选择脚本的报文段，可以丢弃、延迟或复制它：端点遇到这一变化，脚本指出它原本期望什么。";
    ScriptUnreadable => "not a text file of at most 1 MB", "不是不超过 1 MB 的文本文件";
    // Why a line of a packetdrill script cannot be read ({0} … are the script's own text).
    DrillTimePastLimit => "the time {0} s is past the script's limit of one hour", "时间 {0} 秒超过了脚本一小时的上限";
    DrillNotATime => "'{0}' is not a time (seconds, like 0.100 or +.1)", "“{0}”不是时间（以秒计，如 0.100 或 +.1）";
    DrillRangeBackwards => "the range {0} ends before it starts", "时间范围 {0} 的结束早于开始";
    DrillNotALine => "'{0}' is neither a system call nor a segment line", "“{0}”既不是系统调用，也不是报文段行";
    DrillNotACallName => "'{0}' is not a system call name", "“{0}”不是系统调用名";
    DrillNoCloseParen => "{0}( has no closing parenthesis", "{0}( 缺少右括号";
    DrillExpectedValue => "expected '= value' after {0}(…), found '{1}'", "{0}(…) 之后应为“= 值”，却是“{1}”";
    DrillNotFlags => "'{0}' is not a set of TCP flags (S F R P . E W)", "“{0}”不是 TCP 标志（S F R P . E W）";
    DrillNeedsNumber => "{0} needs a number from 0 to 4294967295", "{0} 需要 0 到 4294967295 之间的数";
    DrillOptionsOpen => "an option list <…> or […] is not closed", "选项列表 <…> 或 […] 没有闭合";
    DrillNotTcp => "a {0} packet: synack models TCP only", "{0} 包：synack 只模拟 TCP";
    DrillExpectedRange => "expected start:end(length) after the flags, found '{0}'", "标志之后应为 起始:结束(长度)，却是“{0}”";
    DrillRangeLength => "{0}: end minus start is not the length", "{0}：结束减起始不等于长度";
    DrillNotSegmentPart => "'{0}' is not part of a TCP segment line", "“{0}”不属于 TCP 报文段行";
    DrillTolerance => "--tolerance_usecs={0}: expected microseconds", "--tolerance_usecs={0}：应为微秒数";
    DrillTolerancePercent => "--tolerance_percent={0}: expected a percentage from 0 to 100", "--tolerance_percent={0}：应为 0 到 100 之间的百分数";
    DrillTooManyStatements => "more than {0} statements", "语句超过 {0} 条";
    DrillBlockingOneTime => "a blocking call ends at one time (start...end)", "阻塞调用只能在一个时刻结束（start...end）";
    DrillOnlyCallBlocks => "only a system call can block (start...end)", "只有系统调用可以阻塞（start...end）";
    DrillPythonOpen => "a %{ block is never closed with }%", "%{ 代码块没有用 }% 闭合";
    DrillBadDescriptor => "{0}({1}, …): descriptor {1} is not open (no socket() or accept() returned it)", "{0}({1}, …)：描述符 {1} 没有打开（没有 socket() 或 accept() 返回它）";
    DrillSkipCall => "{0}() is not modelled", "未建模 {0}()";
    DrillSkipOption => "{0} {1} is not modelled", "未建模 {0} {1}";
    DrillSkipPython => "%{ python }% block", "%{ python }% 代码块";
    PktDownload => "Download as a packetdrill script…", "下载为 packetdrill 脚本…";
    PktDownloadHint => "The run as Linux's own tests are written: one host is the kernel under test, the script plays the other.", "按 Linux 自己的测试的写法导出这次运行：一台主机是被测内核，脚本扮演另一台。";
    PktClientUnderTest => "the client under test", "被测：客户端";
    PktServerUnderTest => "the server under test", "被测：服务器";
    PktRefused => "This run cannot be written as a packetdrill script: {0}.", "这次运行无法写成 packetdrill 脚本：{0}。";
    PktResetOfSyn => "the host under test resets a SYN with sequence number 0, which a script cannot write (its numbers count from the kernel's own ISN)", "被测主机用序号 0 的 RST 拒绝一个 SYN，脚本写不出这个序号（脚本的序号从内核自己的 ISN 算起）";
    PktNotSimulated => "only a simulated scenario can be written as a script (not a capture or a script's run)", "只有模拟的场景可以写成脚本（抓包或脚本的运行不行）";
    PktOneConnection => "the host under test opens more than one connection: a script here plays one", "被测主机打开了不止一个连接：这里的脚本只演示一个";
    PktWriteBeforeConnected => "the host under test writes before it is connected", "被测主机在连接建立之前就写数据";
    PktConnectNeverReturns => "connect() never returns in the model's run", "在模型的运行中 connect() 始终没有返回";
    PktCallWhileConnecting => "the host under test makes a call while connect() still blocks: packetdrill plays one blocking call at a time", "connect() 仍在阻塞时被测主机又发起调用：packetdrill 一次只执行一个阻塞调用";
    DrillSkipShellCommand => "shell command {0}", "shell 命令 {0}";
    DrillSysctlNotModelled => "sysctl {0} is not modelled", "未建模 sysctl {0}";
    DrillSysctlNotNumber => "sysctl {0}={1}: not a number", "sysctl {0}={1}：不是数字";
    DrillSysctlTimestamps => "{0}={1}: the model sends no TCP timestamps", "{0}={1}：模型不发送 TCP 时间戳";
    DrillIfUnbalanced => "{0} without #ifdef or #ifndef", "{0} 之前没有 #ifdef 或 #ifndef";
    DrillIfOpen => "#ifdef or #ifndef never closed by #endif", "#ifdef 或 #ifndef 没有用 #endif 结束";
    DrillDirectiveUnknown => "{0}: only #ifdef, #ifndef, #else and #endif are read", "{0}：只识别 #ifdef、#ifndef、#else 和 #endif";
    // What the run found against the script's lines.
    DrillUnexpected => "unexpected > {0} at {1}", "意外：在 {1} 发出了 > {0}";
    DrillGotNothing => "expected {0}, got nothing by {1}", "应为 {0}，但到 {1} 为止什么也没有发出";
    DrillOptionsOther => "expected {0}, whose options the model does not send: it sends <{1}> (it has no timestamps, SACK or window scaling)", "应为 {0}，但模型不发送这些选项：它发送的是 <{1}>（模型没有时间戳、SACK 和窗口缩放）";
    DrillOptionsNone => "expected {0}, whose options the model does not send: it sends none (it has no timestamps, SACK or window scaling)", "应为 {0}，但模型不发送这些选项：它不带任何选项（模型没有时间戳、SACK 和窗口缩放）";
    DrillGotOther => "expected {0}, got > {1} at {2}", "应为 {0}，实际在 {2} 发出了 > {1}";
    DrillReturnedLate => "{0}() returned at {1}, the script expects it at {2}", "{0}() 在 {1} 返回，脚本预期在 {2}";
    DrillNotReturned => "{0}() has not returned by {1}", "{0}() 到 {1} 仍未返回";
    DrillStillBlocking => "the script ends at {1} while {0}() still blocks: real packetdrill stops with an error; add a statement after the call returns", "脚本在 {1} 结束时 {0}() 仍在阻塞：真实的 packetdrill 会报错退出；请在调用返回之后再写一条语句";
    DrillReturnedOther => "{0}() returned {1}, the script expects {2}", "{0}() 返回 {1}，脚本预期 {2}";
    DrillReturnedUnexpected => "{0}() returned {1}, the script expects another value", "{0}() 返回 {1}，脚本预期另一个值";
    QuizAskStates => "ask the states", "问状态";
    QuizAskFlags => "ask the flags", "问标志位";
    QuizAskNumbers => "ask seq / ack", "问序号 / 确认号";
    QuizLock => "lock the faults", "锁定故障";
    QuizTeacherHint => "Kept in the link: copy it for your students. Locked, nobody can drop, delay or edit to peek (untick here to edit again).", "保存在链接中：复制给学生即可。锁定后不能丢弃、延迟或编辑来偷看（在此取消勾选即可再次编辑）。";
    // The load view (drawn by the module loaded on first use).
    LoadView => "Load", "多连接";
    LoadRunning => "Simulating…", "模拟中…";
    LoadClient => "Client sockets", "客户端套接字";
    LoadServer => "Server sockets", "服务器套接字";
    LoadCursor => "Time", "时间";
    LoadCompleted => "completed", "完成";
    LoadFailed => "failed", "失败";
    LoadFirstFailure => "first failure", "第一次失败";
    LoadNone => "none", "无";
    LoadPeak => "peak TIME-WAIT", "TIME-WAIT 峰值";
    LoadPeakEach => "client {c} · server {s}", "客户端 {c} · 服务器 {s}";
    LoadMax => "peak {n}", "峰值 {n}";
    LoadScale => "Both charts share one scale: 0 to {n} sockets, time in seconds.", "两张图使用同一刻度：0 到 {n} 个套接字，时间以秒计。";
    LoadLegend => "States", "状态";
    LoadSeconds => "{n} s", "{n} 秒";
    LoadSsHeader => "State        Count", "状态         数量";
    LoadNoSockets => "no sockets", "没有套接字";
    OutcomeNoFreePort => "no free port", "无可用端口";
    OutcomeRefused => "refused", "被拒绝";
    OutcomeTimedOut => "timed out", "超时";
    OutcomeReset => "reset", "被复位";
    OutcomeCompleted => "completed", "完成";
    OutcomeStillOpen => "still open", "仍未关闭";
    LoadFilter => "Show sockets in", "只看状态";
    LoadAll => "every state", "所有状态";
    LoadOpenConnection => "Open", "打开";
    LoadTable => "Connections at the cursor (first 100), as ss -tan shows them", "游标处的连接（前 100 个），像 ss -tan 一样";
    LoadHttp10Title => "HTTP/1.0: the server closes first and holds the TIME-WAITs", "HTTP/1.0：服务器先关闭，TIME-WAIT 堆积在服务器上";
    LoadHttp10Notice => "200 short connections a second; the server closes each first (seed 001), so the TIME-WAIT sockets pile up on the server: 200 × 60 s = 12,000, and nothing fails.", "每秒 200 个短连接；服务器先关闭（种子 001），所以 TIME-WAIT 堆积在服务器上：200 × 60 秒 = 12,000 个，但没有连接失败。";
    LoadHttp10Question => "Why does netstat on a busy web server show thousands of TIME-WAIT sockets?", "为什么繁忙的 Web 服务器上 netstat 能看到成千上万个 TIME-WAIT？";
    LoadPortsTitle => "The client closes first and runs out of ports", "客户端先关闭，端口被耗尽";
    LoadPortsNotice => "1,000 connections a second to one server port; each closed port waits 60 s in TIME-WAIT on the client. Linux's 28,232 ephemeral ports are all busy after 28.2 s, and connect() fails with EADDRNOTAVAIL.", "每秒 1,000 个连接到同一个服务器端口；每个关闭的端口在客户端等待 60 秒的 TIME-WAIT。Linux 的 28,232 个临时端口在 28.2 秒后全部被占用，connect() 以 EADDRNOTAVAIL 失败。";
    LoadPortsQuestion => "Why did the high-concurrency service break (seed 003)?", "为什么高并发服务会出故障（种子 003）？";
    LoadLinger0Title => "SO_LINGER {1, 0}: no TIME-WAIT, but RSTs", "SO_LINGER {1, 0}：没有 TIME-WAIT，但发送 RST";
    LoadLinger0Notice => "The client closes with an abort: RST instead of FIN. No socket ever enters TIME-WAIT and no port runs out, but a delayed segment of an old connection could now land in a new one.", "客户端用中止关闭：发送 RST 而不是 FIN。没有套接字进入 TIME-WAIT，端口也不会耗尽，但旧连接的迟到报文段可能落入新连接。";
    LoadLinger0Question => "Why not simply skip TIME-WAIT?", "为什么不干脆跳过 TIME-WAIT？";
    LoadKeepaliveTitle => "Keep-alive: one connection carries every request", "长连接：一个连接承载所有请求";
    LoadKeepaliveNotice => "2,000 requests over one connection: one handshake, one close, one TIME-WAIT.", "一个连接上 2,000 个请求：一次握手、一次关闭、一个 TIME-WAIT。";
    LoadKeepaliveQuestion => "How do HTTP/1.1 clients avoid the pile of TIME-WAITs?", "HTTP/1.1 客户端如何避免 TIME-WAIT 堆积？";
    LoadTwReuseTitle => "tcp_tw_reuse: a TIME-WAIT port taken again after 1 s", "tcp_tw_reuse：TIME-WAIT 端口 1 秒后可被重用";
    LoadTwReuseNotice => "The same 1,000 connections a second, but the client may reuse a port in TIME-WAIT for 1 s (with timestamps, Linux's tcp_tw_reuse): the TIME-WAIT count stays near 1,000 and nothing runs out.", "同样每秒 1,000 个连接，但客户端可以重用处于 TIME-WAIT 超过 1 秒的端口（借助时间戳，Linux 的 tcp_tw_reuse）：TIME-WAIT 数量保持在 1,000 左右，端口不会耗尽。";
    LoadTwReuseQuestion => "What does tcp_tw_reuse change, and what does it keep?", "tcp_tw_reuse 改变了什么，又保留了什么？";
    // The capture panel (the module also reads capture files).
    CaptureClosed => "closed", "已关闭";
    CaptureReset => "reset", "被重置";
    CaptureOpen => "still open", "仍未关闭";
    CaptureNoHandshake => "no handshake seen", "未见握手";
    CaptureConnections => "Connections in the capture", "抓包中的连接";
    CapturePackets => "packets", "个分组";
    CaptureStart => "start", "开始";
    CaptureDuration => "duration", "时长";
    CaptureEnding => "ended", "结束方式";
    CaptureClient => "client", "客户端";
    CaptureServer => "server", "服务器";
    CaptureTitle => "Capture", "抓包";
    CaptureGuessed => "The capture starts mid-connection: the client is the side that sent first.", "抓包从连接中途开始：先发送的一方被当作客户端。";
    // The Compare view and `synack compare` (compare.rs): {0} … are stacks, times, names.
    CompareTitle => "Compare stacks", "对比协议栈";
    CompareHint => "One scenario under up to four stacks, on one time axis. Choose a difference to see it in every column.", "同一场景，最多四个协议栈，同一时间轴。选择一处差异，在每一列中查看。";
    CompareAgainst => "{0} against {1}", "{0} 对比 {1}";
    CompareSame => "the same", "相同";
    CompareOne => "1 difference", "1 处差异";
    CompareMany => "{0} differences", "{0} 处差异";
    CompareBecause => "because", "原因";
    CompareTooMany => "At most four stacks at once", "一次最多四个协议栈";
    ScormDownload => "Download for your LMS (SCORM)…", "下载到课程平台（SCORM）…";
    ScormHint => "Moodle, Canvas, Blackboard and Brightspace import it as an activity: the lesson as shown, its quiz's score goes to the gradebook.", "Moodle、Canvas、Blackboard 和 Brightspace 可将其导入为活动：即当前显示的课程，测验分数进入成绩册。";
    ScormFailed => "The SCORM package could not be made", "无法生成 SCORM 包";
    CaptureTooLong => "Too long to write as a capture file (at most 100,000 segments); segments in this run", "太长，无法写成抓包文件（最多 100,000 个报文段）；本次运行的报文段数";
    DiffSent => "{0}: sent at {1} under {2}, {3} under {4}", "{0}：{2} 在 {1} 发送，{4} 在 {3} 发送";
    DiffSentOnly => "{0}: sent at {1} under {2} only", "{0}：只有 {2} 发送（{1}）";
    DiffLasts => "{0} {1}: lasts {2} under {3}, {4} under {5}", "{0}的 {1}：{3} 下持续 {2}，{5} 下持续 {4}";
    DiffNever => "never", "从未进入";
    DiffToTheEnd => "to the end", "直到结束";
    ReasonRtoInitial => "{0} waits {1} before its first retransmission, {2} {3}", "{0} 第一次重传前等待 {1}，{2} 等待 {3}";
    ReasonSynTimeouts => "SYN timeouts on {0} {1}; on {2} they {3}", "{0} 的 SYN 超时{1}；{2} 的{3}";
    ReasonOtherTimeouts => "other timeouts on {0} {1}; on {2} they {3}", "{0} 的其他超时{1}；{2} 的{3}";
    BackoffNever => "never grow", "从不增长";
    BackoffDouble => "double each time", "每次翻倍";
    BackoffLinear => "stay at one RTO for {0}, then double", "前 {0} 次保持一个 RTO，之后翻倍";
    BackoffCap => ", up to {0}×", "，最多 {0} 倍";
    ReasonSlop => "the slop added to every RTO after the first: {0} on {1}, {2} on {3}", "第一次之后每个 RTO 加上的余量：{1} 为 {0}，{3} 为 {2}";
    SlopNone => "none", "无";
    ReasonRtoMin => "the floor under a measured RTO: {0} on {1}, {2} on {3}", "测得的 RTO 的下限：{1} 为 {0}，{3} 为 {2}";
    RtoMinOnVariance => "{0} under its variance term", "方差项下限 {0}";
    TimerTicks => "measures round trips and runs its retransmission timer in ticks of {0} (a round trip shorter than a tick counts as none)", "以 {0} 为一个节拍测量往返时间、运行重传计时器（短于一个节拍的往返记为 0）";
    TimerMs => "in milliseconds", "以毫秒计";
    SlopEstablished => "{0} once established", "连接建立后 {0}";
    ReasonConnectGivesUp => "connect() gives up {0} on {1}, {2} on {3}", "connect() 放弃的时机：{1} {0}，{3} {2}";
    ReasonHalfOpen => "a half-open connection is dropped {0} on {1}, {2} on {3}", "半开连接被丢弃的时机：{1} {0}，{3} {2}";
    GiveUpAt => "at {0}", "在 {0}";
    GiveUpAfter => "after {0} retransmissions", "重传 {0} 次之后";
    ReasonTimeWait => "TIME-WAIT lasts {0} on {1}, {2} on {3}", "TIME-WAIT 在 {1} 持续 {0}，在 {3} 持续 {2}";
    ReasonEach => "{0} {1}, {2} {3}", "{0} {1}，{2} {3}";
    IgnoresRst => "ignores an RST in TIME-WAIT (RFC 1337)", "在 TIME-WAIT 中忽略 RST（RFC 1337）";
    RstEndsTimeWait => "lets an RST end TIME-WAIT", "收到 RST 即结束 TIME-WAIT";
    ReasonFinWait2 => "an orphaned FIN-WAIT-2 {0} on {1}, {2} on {3}", "孤立的 FIN-WAIT-2：{1} {0}，{3} {2}";
    Fw2Forever => "lasts for ever", "永远持续";
    Fw2After => "ends after {0}", "{0} 后结束";
    DelaysAcks => "delays an owed ACK (a FIN's to its next timer tick, data's 40 ms)", "推迟应发的 ACK（FIN 的推迟到下一个计时器节拍，数据的推迟 40 毫秒）";
    AcksAtOnce => "acknowledges at once", "立即确认";
    DelaysDataAcks => "delays the ACK of data {0}, a second segment's and a FIN's at once", "数据的 ACK 推迟 {0}，第二个报文段和 FIN 的 ACK 立即发送";
    AckNextTick => "to its next {0} timer tick", "到下一个 {0} 计时器节拍";
    AckTicked => "{0}, on a timer that ticks every {1}", "{0}（计时器每 {1} 一个节拍）";
    ReasonCloseUnread => "close() with unread data: {0} {1}, {2} {3}", "带着未读数据调用 close()：{0}{1}，{2}{3}";
    ResetsOnClose => "resets", "发送 RST 重置连接";
    Syncookies => "opens a dropped half-open connection on a late ACK (syncookies)", "在迟到的 ACK 上仍能打开已丢弃的半开连接（SYN cookie）";
    NoSyncookies => "answers a late ACK with RST", "用 RST 回应迟到的 ACK";
    SendsFin => "sends a FIN", "发送 FIN";
    // One name for leaving a capture, a script or the load view.
    Back => "Back to the scenario", "返回场景";
    CaptureShowAgain => "Draw the capture", "显示抓包";
    CaptureIndex => "#", "#";
    CaptureReplay => "Replay in the model", "在模型中重放";
    CaptureMore => "Show more connections", "显示更多连接";
    CaptureNoLink => "A capture is never put in a link: the link opens the scenario shown before it. To share a capture, share the file.", "抓包文件不会放进链接：链接打开的是之前的场景。要分享抓包，请分享文件本身。";
    Undo => "Undo", "撤销";
    Redo => "Redo", "重做";
    EditorBlank => "Start from nothing", "从空白开始";
    LessonTitle => "Title", "标题";
    LessonNote => "What to notice", "注意什么";
    ScriptClient => "Client script", "客户端脚本";
    ScriptServer => "Server script", "服务器脚本";
    ScriptEmpty => "No steps: this host does nothing.", "没有步骤：这台主机什么也不做。";
    StepCall => "Call", "调用";
    StepAfter => "When", "时机";
    TriggerStart => "at the start", "一开始";
    TriggerEstablished => "once connected", "连接建立后";
    TriggerEof => "on end of file", "读到 EOF 后";
    StepDelay => "then wait (ms)", "再等待（毫秒）";
    StepBytes => "Bytes", "字节数";
    StepUp => "Move up", "上移";
    StepDown => "Move down", "下移";
    StepDuplicate => "Duplicate step", "复制此步";
    StepRemove => "Remove step", "删除此步";
    StepAdd => "Add step", "添加一步";
    Link => "Link and numbers", "链路与序号";
    LatencyC2s => "Client → server (ms)", "客户端 → 服务器（毫秒）";
    LatencyS2c => "Server → client (ms)", "服务器 → 客户端（毫秒）";
    Mss => "MSS (bytes)", "MSS（字节）";
    DelayedAck => "Delayed ACK (ms, 0 = off)", "延迟确认（毫秒，0 = 关闭）";
    HostStack => "Stack", "协议栈";
    HostStackAsScenario => "as the timers above ({0})", "同上方计时器（{0}）";
    Port => "Port", "端口";
    Isn => "Initial sequence number", "初始序号 ISN";
    NumbersFixed => "Fixed numbers", "固定序号";
    NumbersSeeded => "Random from a seed", "由种子随机生成";
    Seed => "Seed", "种子";
    NumbersNew => "New numbers", "换一组序号";
    Faults => "Faults", "故障";
    FaultsNone => "No faults yet: click a segment to drop, delay or duplicate it.", "还没有故障：点击报文段即可丢弃、延迟或重复交付它。";
    FaultDrop => "drop", "丢弃";
    FaultDelay => "delay", "延迟";
    FaultDup => "duplicate", "重复交付";
    FaultNotSent => "not sent in this run: it waits for that segment", "本次运行没有发送该报文段：故障等它出现时生效";
    Remove => "Remove", "移除";
    FileDownload => "Download scenario", "下载场景";
    FileOpen => "Open scenario", "打开场景";
    FileLocal => "Files stay on this computer.", "文件只在本机读取。";
    EditRefused => "Not changed", "未修改";
}

/// `word` as a label before what it names: "Question: ", "问题：".
pub fn label(lang: Lang, word: impl Words) -> String {
    format!("{}{}", word.text(lang), Word::Colon.text(lang))
}

/// A word of the interface in the language shown.
/// Every text of every table, (English, 简体中文): what the checks of
/// the Traditional conversion go through.
pub fn all_texts() -> impl Iterator<Item = (&'static str, &'static str)> {
    TEXTS.iter().chain(EDITOR_TEXTS.iter()).copied()
}

pub fn t(lang: Lang, word: impl Words) -> &'static str {
    word.text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages() {
        let words = Word::ALL
            .iter()
            .map(|w| (format!("{w:?}"), w.text(Lang::En), w.text(Lang::Zh)));
        let editor = EditorWord::ALL
            .iter()
            .map(|w| (format!("{w:?}"), w.text(Lang::En), w.text(Lang::Zh)));
        let all: Vec<_> = words.chain(editor).collect();
        assert_eq!(all.len(), TEXTS.len() + EDITOR_TEXTS.len());
        for (word, en, zh) in all {
            assert!(!en.trim().is_empty(), "{word} has no English");
            assert!(!zh.trim().is_empty(), "{word} has no Chinese");
            assert_ne!(en, "?", "{word}");
        }
    }

    #[test]
    fn browser_tags_pick_the_language() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(t(Lang::Zh, Word::GroupOpening), "建立连接");
        assert_eq!(t(Lang::En, EditorWord::FaultDrop), "drop");
    }
}
