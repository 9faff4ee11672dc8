//! From the bytes of a pcap or pcapng file to the TCP packets in it. The
//! container is read by `pcap-parser` (with its link-type table), the IP and
//! TCP headers by `etherparse` in its lax mode, so a packet cut short by the
//! snap length still gives its header and its real payload length.

use super::{CaptureError, CapturedSegment, TcpOption, MAX_FILE_BYTES, MAX_PACKETS};
use crate::tcp::Flags;
use etherparse::{EtherType, LaxNetSlice, LaxSlicedPacket, TransportSlice};
use pcap_parser::data::{get_packetdata, PacketData};
use pcap_parser::pcapng::Block;
use pcap_parser::{
    parse_pcap_frame, parse_pcap_frame_be, parse_pcap_frame_modified, parse_pcap_header, Linktype,
    PcapBlockOwned, PcapError, PcapHeader, PcapNGSlice,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One TCP packet as the capture point saw it: its endpoints, and the
/// segment (its time still the file's own, its direction not yet known).
#[derive(Clone, Debug, PartialEq)]
pub struct TcpPacket {
    pub src: (IpAddr, u16),
    pub dst: (IpAddr, u16),
    pub segment: CapturedSegment,
}

/// Everything TCP in the file, in file order, and how many packets were not.
pub struct Packets {
    pub tcp: Vec<TcpPacket>,
    pub other: usize,
}

fn container_error<I>(e: pcap_parser::nom::Err<PcapError<I>>) -> CaptureError {
    match e {
        pcap_parser::nom::Err::Incomplete(_) => CaptureError::Truncated,
        _ => CaptureError::Malformed,
    }
}

pub fn read(bytes: &[u8]) -> Result<Packets, CaptureError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CaptureError::TooLarge(bytes.len()));
    }
    let mut out = Packets {
        tcp: Vec::new(),
        other: 0,
    };
    if let Ok(pcapng) = PcapNGSlice::from_slice(bytes) {
        read_pcapng(pcapng, &mut out)?;
    } else if let Ok((records, header)) = parse_pcap_header(bytes) {
        read_pcap(&header, records, &mut out)?;
    } else {
        return Err(CaptureError::NotACapture);
    }
    if out.tcp.is_empty() {
        return Err(CaptureError::NoTcp(out.other));
    }
    Ok(out)
}

fn count(out: &Packets) -> Result<(), CaptureError> {
    if out.tcp.len() + out.other >= MAX_PACKETS {
        return Err(CaptureError::TooManyPackets);
    }
    Ok(())
}

fn read_pcap(header: &PcapHeader, mut rest: &[u8], out: &mut Packets) -> Result<(), CaptureError> {
    let nanos = header.is_nanosecond_precision();
    let linktype = header.network;
    check_linktype(linktype)?;
    // The record headers follow the file's byte order (pcap-parser's slice
    // iterator reads them little-endian only, so the records are read here).
    let frame = if header.is_bigendian() {
        parse_pcap_frame_be
    } else if header.is_modified_format() {
        parse_pcap_frame_modified
    } else {
        parse_pcap_frame
    };
    while !rest.is_empty() {
        count(out)?;
        let (next, packet) = frame(rest).map_err(container_error)?;
        rest = next;
        let fraction_us = if nanos {
            packet.ts_usec as u64 / 1000
        } else {
            packet.ts_usec as u64
        };
        let time_us = packet.ts_sec as u64 * 1_000_000 + fraction_us;
        let orig = packet.origlen as usize;
        take(out, time_us, linktype, packet.data, orig);
    }
    Ok(())
}

/// Each interface of a pcapng file: its link type and clock.
struct Interface {
    linktype: Linktype,
    units_per_second: u64,
    offset_s: i64,
}

fn read_pcapng(file: PcapNGSlice<'_>, out: &mut Packets) -> Result<(), CaptureError> {
    let mut interfaces: Vec<Interface> = Vec::new();
    for block in file {
        count(out)?;
        let PcapBlockOwned::NG(block) = block.map_err(container_error)? else {
            continue;
        };
        match block {
            // A new section starts its own interface numbering.
            Block::SectionHeader(_) => interfaces.clear(),
            Block::InterfaceDescription(idb) => {
                check_linktype(idb.linktype)?;
                interfaces.push(Interface {
                    linktype: idb.linktype,
                    units_per_second: idb.ts_resolution().ok_or(CaptureError::Malformed)?,
                    offset_s: idb.ts_offset(),
                });
            }
            Block::EnhancedPacket(epb) => {
                let interface = interfaces
                    .get(epb.if_id as usize)
                    .ok_or(CaptureError::Malformed)?;
                let units = ((epb.ts_high as u64) << 32) | epb.ts_low as u64;
                let per = interface.units_per_second.max(1);
                let time_us = (units / per)
                    .saturating_add_signed(interface.offset_s)
                    .saturating_mul(1_000_000)
                    .saturating_add((units % per).saturating_mul(1_000_000) / per);
                let data = epb.data.get(..epb.caplen as usize).unwrap_or(epb.data);
                take(out, time_us, interface.linktype, data, epb.origlen as usize);
            }
            Block::SimplePacket(spb) => {
                // No timestamp of its own: it keeps the time of the packet before.
                let interface = interfaces.first().ok_or(CaptureError::Malformed)?;
                let time_us = out.tcp.last().map_or(0, |p| p.segment.time_us);
                take(
                    out,
                    time_us,
                    interface.linktype,
                    spb.data,
                    spb.origlen as usize,
                );
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_linktype(linktype: Linktype) -> Result<(), CaptureError> {
    match linktype {
        Linktype::NULL
        | Linktype::ETHERNET
        | Linktype::RAW
        | Linktype::LINUX_SLL
        | Linktype::LINUX_SLL2
        | Linktype::IPV4
        | Linktype::IPV6
        | Linktype::LOOP => Ok(()),
        // Some systems number raw IP 12 or 14.
        Linktype(12) | Linktype(14) => Ok(()),
        other => Err(CaptureError::UnknownLinkType(
            other.0.clamp(0, u16::MAX as i32) as u16,
        )),
    }
}

/// Adds the packet to `out.tcp` if it is TCP, or counts it as other.
fn take(out: &mut Packets, time_us: u64, linktype: Linktype, data: &[u8], orig_len: usize) {
    match tcp_packet(time_us, linktype, data, orig_len) {
        Some(p) => out.tcp.push(p),
        None => out.other += 1,
    }
}

fn sliced(linktype: Linktype, data: &[u8]) -> Option<LaxSlicedPacket<'_>> {
    let raw = matches!(linktype, Linktype(12) | Linktype(14));
    // LOOP is BSD loopback with the family in network byte order.
    if linktype == Linktype::LOOP || (linktype == Linktype::NULL && data.len() >= 4) {
        let family = if linktype == Linktype::LOOP {
            u32::from_be_bytes(data.get(..4)?.try_into().ok()?)
        } else {
            // Host byte order of the machine that captured: try both.
            let le = u32::from_le_bytes(data.get(..4)?.try_into().ok()?);
            if le < 256 {
                le
            } else {
                le.swap_bytes()
            }
        };
        return match family {
            2 | 24 | 28 | 30 => LaxSlicedPacket::from_ip(&data[4..]).ok(),
            _ => None,
        };
    }
    if raw {
        return LaxSlicedPacket::from_ip(data).ok();
    }
    match get_packetdata(data, linktype, data.len())? {
        PacketData::L2(frame) => LaxSlicedPacket::from_ethernet(frame).ok(),
        PacketData::L3(ethertype, rest) => {
            Some(LaxSlicedPacket::from_ether_type(EtherType(ethertype), rest))
        }
        _ => None,
    }
}

fn tcp_packet(time_us: u64, linktype: Linktype, data: &[u8], orig_len: usize) -> Option<TcpPacket> {
    let packet = sliced(linktype, data)?;
    let (src, dst, incomplete) = match packet.net.as_ref()? {
        LaxNetSlice::Ipv4(ip) => {
            let h = ip.header();
            (
                IpAddr::V4(Ipv4Addr::from(h.source())),
                IpAddr::V4(Ipv4Addr::from(h.destination())),
                ip.payload().incomplete,
            )
        }
        LaxNetSlice::Ipv6(ip) => {
            let h = ip.header();
            (
                IpAddr::V6(Ipv6Addr::from(h.source())),
                IpAddr::V6(Ipv6Addr::from(h.destination())),
                ip.payload().incomplete,
            )
        }
        LaxNetSlice::Arp(_) => return None,
    };
    let Some(TransportSlice::Tcp(tcp)) = packet.transport else {
        return None;
    };
    // What the snap length cut off was payload (the header is all here).
    let missing = orig_len.saturating_sub(data.len());
    let truncated = incomplete && missing > 0;
    let len = tcp.payload().len() + if truncated { missing } else { 0 };
    Some(TcpPacket {
        src: (src, tcp.source_port()),
        dst: (dst, tcp.destination_port()),
        segment: CapturedSegment {
            time_us,
            from_client: false,
            flags: Flags {
                syn: tcp.syn(),
                rst: tcp.rst(),
                fin: tcp.fin(),
                ack: tcp.ack(),
                psh: tcp.psh(),
            },
            seq: tcp.sequence_number(),
            ack: tcp.acknowledgment_number(),
            window: tcp.window_size(),
            len: len as u32,
            options: options(&tcp),
            truncated,
        },
    })
}

fn options(tcp: &etherparse::TcpSlice<'_>) -> Vec<TcpOption> {
    use etherparse::TcpOptionElement as E;
    tcp.options_iterator()
        .map_while(Result::ok)
        .filter_map(|o| match o {
            E::MaximumSegmentSize(mss) => Some(TcpOption::Mss(mss)),
            E::WindowScale(shift) => Some(TcpOption::WindowScale(shift)),
            E::SelectiveAcknowledgementPermitted => Some(TcpOption::SackPermitted),
            E::SelectiveAcknowledgement(first, rest) => Some(TcpOption::Sack(
                std::iter::once(first)
                    .chain(rest.into_iter().flatten())
                    .collect(),
            )),
            E::Timestamp(value, echo) => Some(TcpOption::Timestamp(value, echo)),
            E::Noop => None,
        })
        .collect()
}
