//! The real smoltcp as one more stack: not a model of it, the crate itself.
//! A `smoltcp::socket::tcp::Socket` on an `iface::Interface` whose device is
//! a pair of queues: each segment the simulation delivers is written as an
//! IPv4 packet and polled in; each packet smoltcp sends is read back into a
//! `Segment`. Time is the simulation's clock. Its state changes become the
//! same events the model's endpoint gives, so every view draws its run.
//! (smoltcp chooses its own ISN from `Config::random_seed`, fixed here.)

use super::{
    Call, Cause, EndpointEvent, ErrorKind, Flags, Segment, Seq, Stack, State, TimerKind, Transmit,
};
use smoltcp::iface::{Config, Interface, SocketHandle, SocketSet};
use smoltcp::phy::{Device, DeviceCapabilities, Medium, RxToken, TxToken};
use smoltcp::socket::tcp;
use smoltcp::time::Instant;
use smoltcp::wire::{
    HardwareAddress, IpAddress, IpCidr, IpProtocol, Ipv4Address, Ipv4Packet, Ipv4Repr, TcpControl,
    TcpPacket, TcpRepr, TcpSeqNumber,
};
use std::collections::VecDeque;

const CLIENT_IP: Ipv4Address = Ipv4Address::new(10, 0, 0, 1);
const SERVER_IP: Ipv4Address = Ipv4Address::new(10, 0, 0, 2);
const BUFFER: usize = 65_535;

/// Packets in and out: what the simulation hands smoltcp, what it sends.
#[derive(Default)]
struct Pipe {
    rx: VecDeque<Vec<u8>>,
    tx: Vec<Vec<u8>>,
}

struct Rx(Vec<u8>);
struct Tx<'a>(&'a mut Vec<Vec<u8>>);

impl RxToken for Rx {
    fn consume<R, F: FnOnce(&[u8]) -> R>(self, f: F) -> R {
        f(&self.0)
    }
}

impl TxToken for Tx<'_> {
    fn consume<R, F: FnOnce(&mut [u8]) -> R>(self, len: usize, f: F) -> R {
        let mut packet = vec![0; len];
        let r = f(&mut packet);
        self.0.push(packet);
        r
    }
}

impl Device for Pipe {
    type RxToken<'a> = Rx;
    type TxToken<'a> = Tx<'a>;

    fn receive(&mut self, _: Instant) -> Option<(Rx, Tx<'_>)> {
        let packet = self.rx.pop_front()?;
        Some((Rx(packet), Tx(&mut self.tx)))
    }

    fn transmit(&mut self, _: Instant) -> Option<Tx<'_>> {
        Some(Tx(&mut self.tx))
    }

    fn capabilities(&self) -> DeviceCapabilities {
        let mut caps = DeviceCapabilities::default();
        caps.medium = Medium::Ip;
        caps.max_transmission_unit = 1500;
        caps
    }
}

/// One host running smoltcp.
pub struct SmolEndpoint {
    pipe: Pipe,
    iface: Interface,
    sockets: SocketSet<'static>,
    socket: SocketHandle,
    local: (Ipv4Address, u16),
    remote: (Ipv4Address, u16),
    mss: u32,
    state: State,
    /// Bytes the application asked to send that the buffer had no room for yet.
    unsent: usize,
    events: VecDeque<EndpointEvent>,
    transmits: VecDeque<Transmit>,
    /// The highest sequence number sent, to tell a retransmission.
    sent_up_to: Option<Seq>,
    /// When smoltcp next wants to be polled (its timers), in ms.
    next_wake: Option<u64>,
    /// What the poll under way answers: a call, a segment, or a timer (None).
    cause: Option<Cause>,
    eof: bool,
}

fn map_state(s: tcp::State) -> State {
    match s {
        tcp::State::Closed => State::Closed,
        tcp::State::Listen => State::Listen,
        tcp::State::SynSent => State::SynSent,
        tcp::State::SynReceived => State::SynReceived,
        tcp::State::Established => State::Established,
        tcp::State::FinWait1 => State::FinWait1,
        tcp::State::FinWait2 => State::FinWait2,
        tcp::State::CloseWait => State::CloseWait,
        tcp::State::Closing => State::Closing,
        tcp::State::LastAck => State::LastAck,
        tcp::State::TimeWait => State::TimeWait,
    }
}

impl SmolEndpoint {
    /// The client at 10.0.0.1, the server at 10.0.0.2.
    pub fn new(client: bool, local_port: u16, remote_port: u16, mss: u32, seed: u64) -> Self {
        let mut pipe = Pipe::default();
        let mut config = Config::new(HardwareAddress::Ip);
        config.random_seed = seed;
        let mut iface = Interface::new(config, &mut pipe, Instant::from_millis(0));
        let (me, peer) = if client {
            (CLIENT_IP, SERVER_IP)
        } else {
            (SERVER_IP, CLIENT_IP)
        };
        iface.update_ip_addrs(|addrs| {
            let _ = addrs.push(IpCidr::new(IpAddress::Ipv4(me), 24));
        });
        let mut sockets = SocketSet::new(Vec::new());
        let socket = tcp::Socket::new(
            tcp::SocketBuffer::new(vec![0; BUFFER]),
            tcp::SocketBuffer::new(vec![0; BUFFER]),
        );
        let socket = sockets.add(socket);
        SmolEndpoint {
            pipe,
            iface,
            sockets,
            socket,
            local: (me, local_port),
            remote: (peer, remote_port),
            mss,
            state: State::Closed,
            unsent: 0,
            events: VecDeque::new(),
            transmits: VecDeque::new(),
            sent_up_to: None,
            next_wake: None,
            cause: None,
            eof: false,
        }
    }

    fn socket(&mut self) -> &mut tcp::Socket<'static> {
        self.sockets.get_mut::<tcp::Socket>(self.socket)
    }

    /// Lets smoltcp run at `now`, then reads what it did.
    fn poll(&mut self, now: u64) {
        let at = Instant::from_millis(now as i64);
        self.iface.poll(at, &mut self.pipe, &mut self.sockets);
        self.push_unsent();
        // Sending may have made room: poll once more to send it.
        self.iface.poll(at, &mut self.pipe, &mut self.sockets);
        self.take_in();
        self.note_state();
        for packet in std::mem::take(&mut self.pipe.tx) {
            if let Some(segment) = self.segment_of(&packet) {
                let end = segment.seq.add(segment.seq_len());
                let retransmission =
                    segment.seq_len() > 0 && self.sent_up_to.is_some_and(|high| !high.lt(end));
                if self.sent_up_to.is_none_or(|high| high.lt(end)) {
                    self.sent_up_to = Some(end);
                }
                self.transmits.push_back(Transmit {
                    segment,
                    retransmission,
                });
            }
        }
        // Rounded up: a timer never fires before smoltcp asked for it.
        self.next_wake = self
            .iface
            .poll_at(at, &self.sockets)
            .map(|t| (t.total_micros().max(0) as u64).div_ceil(1000).max(now + 1));
    }

    fn push_unsent(&mut self) {
        if self.unsent == 0 {
            return;
        }
        // What is written does not matter, only how much.
        static ZEROS: [u8; BUFFER] = [0; BUFFER];
        let n = self.unsent.min(BUFFER);
        if let Ok(sent) = self.socket().send_slice(&ZEROS[..n]) {
            self.unsent -= sent;
        }
    }

    /// The application reads everything at once, as the model's does.
    fn take_in(&mut self) {
        loop {
            // Counted, not copied: the application's bytes are not kept.
            match self.socket().recv(|data| (data.len(), data.len())) {
                Ok(0) => break,
                Ok(n) => self.events.push_back(EndpointEvent::Delivered(n as u32)),
                Err(tcp::RecvError::Finished) => {
                    if !std::mem::replace(&mut self.eof, true) {
                        self.events.push_back(EndpointEvent::EndOfFile);
                    }
                    break;
                }
                Err(_) => break,
            }
        }
    }

    fn note_state(&mut self) {
        let now = map_state(self.socket().state());
        if now != self.state {
            let from = std::mem::replace(&mut self.state, now);
            if now == State::Closed
                && matches!(
                    from,
                    State::SynSent | State::SynReceived | State::Established
                )
            {
                self.events
                    .push_back(EndpointEvent::Error(ErrorKind::Reset));
            }
            // smoltcp's own timers: TIME-WAIT's end, or one it gave up on.
            let cause = self.cause.unwrap_or(match from {
                State::TimeWait => Cause::TimerExpired(TimerKind::TimeWait),
                _ => Cause::RetriesExhausted,
            });
            self.events.push_back(EndpointEvent::StateChanged {
                from,
                to: now,
                cause,
            });
        }
    }

    /// A packet smoltcp sent, as a segment (None if it is not TCP).
    fn segment_of(&self, packet: &[u8]) -> Option<Segment> {
        let ip = Ipv4Packet::new_checked(packet).ok()?;
        if ip.next_header() != IpProtocol::Tcp {
            return None;
        }
        let tcp = TcpPacket::new_checked(ip.payload()).ok()?;
        let flags = Flags {
            syn: tcp.syn(),
            ack: tcp.ack(),
            fin: tcp.fin(),
            rst: tcp.rst(),
            psh: tcp.psh(),
        };
        Some(Segment {
            src_port: tcp.src_port(),
            dst_port: tcp.dst_port(),
            seq: Seq(tcp.seq_number().0 as u32),
            ack: Seq(if tcp.ack() {
                tcp.ack_number().0 as u32
            } else {
                0
            }),
            flags,
            window: tcp.window_len(),
            len: tcp.payload().len() as u32,
        })
    }

    /// A segment from the simulation as the IPv4 packet smoltcp reads.
    fn packet_of(&self, seg: &Segment) -> Vec<u8> {
        let payload = vec![0u8; seg.len as usize];
        let control = if seg.flags.syn {
            TcpControl::Syn
        } else if seg.flags.fin {
            TcpControl::Fin
        } else if seg.flags.rst {
            TcpControl::Rst
        } else if seg.flags.psh {
            TcpControl::Psh
        } else {
            TcpControl::None
        };
        let repr = TcpRepr {
            src_port: seg.src_port,
            dst_port: seg.dst_port,
            control,
            seq_number: TcpSeqNumber(seg.seq.0 as i32),
            ack_number: seg.flags.ack.then_some(TcpSeqNumber(seg.ack.0 as i32)),
            window_len: seg.window,
            window_scale: None,
            max_seg_size: seg.flags.syn.then_some(self.mss.min(65_535) as u16),
            sack_permitted: false,
            sack_ranges: [None, None, None],
            timestamp: None,
            payload: &payload,
        };
        let (src, dst) = (self.remote.0, self.local.0);
        let ip = Ipv4Repr {
            src_addr: src,
            dst_addr: dst,
            next_header: IpProtocol::Tcp,
            payload_len: repr.buffer_len(),
            hop_limit: 64,
        };
        let mut bytes = vec![0u8; ip.buffer_len() + repr.buffer_len()];
        let checksums = smoltcp::phy::ChecksumCapabilities::default();
        let mut packet = Ipv4Packet::new_unchecked(&mut bytes);
        ip.emit(&mut packet, &checksums);
        let mut tcp = TcpPacket::new_unchecked(packet.payload_mut());
        repr.emit(
            &mut tcp,
            &IpAddress::Ipv4(src),
            &IpAddress::Ipv4(dst),
            &checksums,
        );
        bytes
    }
}

impl Stack for SmolEndpoint {
    fn call(&mut self, now: u64, call: Call) {
        let (local, remote) = (self.local, self.remote);
        match call {
            Call::Listen => {
                let _ = self.socket().listen(local.1);
            }
            Call::Connect => {
                let cx = self.iface.context();
                let socket = self.sockets.get_mut::<tcp::Socket>(self.socket);
                let _ = socket.connect(cx, (IpAddress::Ipv4(remote.0), remote.1), local.1);
            }
            Call::Send(n) => self.unsent += n as usize,
            Call::Close | Call::Shutdown => self.socket().close(),
            Call::Abort => self.socket().abort(),
        }
        self.cause = Some(Cause::Call(call));
        self.poll(now);
    }

    fn handle_segment(&mut self, now: u64, seg: &Segment) {
        let packet = self.packet_of(seg);
        self.pipe.rx.push_back(packet);
        self.cause = Some(Cause::Received);
        self.poll(now);
    }

    fn poll_timeout(&self) -> Option<u64> {
        self.next_wake
    }

    fn handle_timeout(&mut self, now: u64) {
        self.cause = None;
        self.poll(now);
    }

    fn poll_event(&mut self) -> Option<EndpointEvent> {
        self.events.pop_front()
    }

    fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    fn read(&mut self, _: u64) {}
}
