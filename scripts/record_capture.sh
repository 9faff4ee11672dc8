#!/bin/bash
# Records one real Linux capture for tests/captures/ (run as root; needs
# ip, nft, tcpdump and python3). Two private network namespaces joined by a
# veth pair, as ../shared/captures/README.md describes: client 10.88.0.1,
# server 10.88.0.2:8080, tcpdump on the server's side of the link.
#
#   scripts/record_capture.sh lost-handshake-ack OUT.pcap
#       the client's handshake ACK is dropped at the server's input hook, after
#       tcpdump saw it: the server sends its SYN,ACK again.
#   scripts/record_capture.sh lost-last-ack OUT.pcap
#       the client closes first; its last ACK (of the server's FIN) is dropped
#       at the server's input hook: the server sends its FIN again.
#
# The drop rule stands only for a window of time (added and removed by the
# programs), so exactly the segment named is lost and the retransmission
# gets through.
set -euo pipefail
case "${1:-}" in
  lost-handshake-ack | lost-last-ack) what=$1 ;;
  *) echo "usage: $0 lost-handshake-ack|lost-last-ack OUT.pcap" >&2; exit 2 ;;
esac
out=$(realpath -m "${2:?usage: $0 lost-handshake-ack|lost-last-ack OUT.pcap}")
[ "$(id -u)" = 0 ] || { echo "$0: needs root (network namespaces)" >&2; exit 2; }
for tool in ip nft tcpdump python3; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 2; }
done

c=synack-rec-c-$$ s=synack-rec-s-$$
cleanup() { ip netns del "$c" 2>/dev/null || true; ip netns del "$s" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$c"
ip netns add "$s"
ip link add vc netns "$c" type veth peer name vs netns "$s"
ip -n "$c" addr add 10.88.0.1/24 dev vc
ip -n "$s" addr add 10.88.0.2/24 dev vs
for ns in "$c" "$s"; do ip -n "$ns" link set lo up; done
ip -n "$c" link set vc up
ip -n "$s" link set vs up
# The server's input hook: the rule is added by the programs when the
# segment to lose is next (a pure ACK from the client).
ip netns exec "$s" nft add table inet f
ip netns exec "$s" nft add chain inet f in '{ type filter hook input priority 0; }'
drop_acks="ip netns exec $s nft add rule inet f in ip saddr 10.88.0.1 tcp flags == ack drop"
keep_acks="ip netns exec $s nft flush chain inet f in"

ip netns exec "$s" tcpdump -i vs -U -w "$out" tcp port 8080 2>/dev/null &
dump=$!
sleep 1

# The server: accept, read to EOF, close (the client closes first).
ip netns exec "$s" python3 -c '
import socket
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.88.0.2", 8080)); l.listen(1)
a, _ = l.accept()
while a.recv(4096): pass
a.close()
' &
server=$!
sleep 0.3

if [ "$what" = lost-handshake-ack ]; then
  # Lose the handshake ACK: ACKs dropped from before the SYN until 300 ms
  # after it (the server's SYN,ACK timer is 1 s). The client sends nothing
  # for 2 s, so only the server's timer can repair the loss.
  $drop_acks
  ip netns exec "$c" python3 -c '
import socket, time, subprocess, sys
k = socket.create_connection(("10.88.0.2", 8080))
time.sleep(0.3)
subprocess.run(sys.argv[1].split(), check=True)
time.sleep(1.7)
k.close()
time.sleep(0.3)
' "$keep_acks"
else
  # Lose the last ACK: the client closes after 200 ms; ACKs are dropped from
  # 100 ms after its FIN (the server's FIN comes at once) for 100 ms, inside
  # the server's 200 ms retransmission timer.
  ip netns exec "$c" python3 -c '
import socket, time, subprocess, sys
k = socket.create_connection(("10.88.0.2", 8080))
time.sleep(0.2)
subprocess.run(sys.argv[1].split(), check=True)
k.close()
time.sleep(0.1)
subprocess.run(sys.argv[2].split(), check=True)
time.sleep(1.0)
' "$drop_acks" "$keep_acks"
fi
wait "$server"
sleep 0.5
kill "$dump"
wait "$dump" 2>/dev/null || true
tcpdump -r "$out" -n -ttttt 2>/dev/null | head -40
