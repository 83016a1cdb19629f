#!/usr/bin/env python3
"""Writes the benchmark's SIPp patient scenario, timed to the rendered prompts, and its media.

The patient leaves a routine message: 1 (message), says a name (sip-tester's G.711 speech) and #,
1 (use caller ID), 2 (routine), says the message and #, 1 (keep), then waits for the service to
hang up. With --short the patient hangs up after the greeting and main menu (the rate test).

Replaying sip-tester's captures as they are repeats their RTP sequence numbers and timestamps, and
Asterisk drops the repeats (a second "1" is the first one again), so the media is rewritten into
pcaps beside the scenario with one SSRC and sequence numbers and timestamps that follow the call's
clock, as the end-to-end tests' RtpPcapWriter does.
Usage: bench-scenario.py OUT.xml [--short]
"""
import os
import random
import struct
import sys
import wave

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROMPTS = os.path.join(REPO, "prompts", "audio", "generated")
PCAP = "/usr/share/sip-tester"
SPEECH_MS = 7500  # g711a.pcap holds about 7 s of speech


def ms(*prompts):
    total = 0
    for prompt in prompts:
        with wave.open(os.path.join(PROMPTS, prompt + ".wav")) as w:
            total += w.getnframes() * 1000 // w.getframerate()
    return total + 150 * len(prompts)


class Media:
    """RTP for one call, written as pcaps SIPp plays; the call clock is advanced by the pauses."""

    def __init__(self, directory, name):
        self.directory, self.name = directory, name
        self.ssrc = random.getrandbits(32)
        self.sequence = random.randrange(30000)
        self.clock_ms = 0
        self.files = 0
        self.speech = self._load_speech()

    def pause(self, milliseconds):
        self.clock_ms += milliseconds
        return f'  <pause milliseconds="{milliseconds}"/>\n'

    def key(self, digit):
        code = {"*": 10, "#": 11}.get(digit, None)
        code = int(digit) if code is None else code
        timestamp = self.clock_ms * 8
        packets = []
        for i in range(1, 9):  # five updates of a growing event, then the end bit three times
            end = i > 5
            payload = struct.pack("!BBH", code, (0x80 if end else 0) | 10, min(i, 5) * 160)
            packets.append((20 * (i - 1), self._rtp(101, i == 1, timestamp, payload)))
        return self._play(packets)

    def speak(self):
        start = self.clock_ms * 8
        packets, offset = [], 0
        for payload in self.speech:
            packets.append((offset / 8.0, self._rtp(8, offset == 0, start + offset, payload)))
            offset += len(payload)
        return self._play(packets) + self.pause(SPEECH_MS)

    def _rtp(self, payload_type, marker, timestamp, payload):
        header = struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | payload_type, self.sequence & 0xFFFF, timestamp & 0xFFFFFFFF, self.ssrc)
        self.sequence += 1
        return header + payload

    def _play(self, packets):
        self.files += 1
        path = os.path.join(self.directory, f"{self.name}-{self.files}.pcap")
        with open(path, "wb") as out:
            out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for at_ms, rtp in packets:
                ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28 + len(rtp), 0, 0, 64, 17, 0, bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
                udp = struct.pack("!HHHH", 10000, 10000, 8 + len(rtp), 0)
                frame = b"\0" * 12 + b"\x08\x00" + ip + udp + rtp
                micros = int(at_ms * 1000) + 1_000_000
                out.write(struct.pack("<IIII", micros // 1_000_000, micros % 1_000_000, len(frame), len(frame)))
                out.write(frame)
        return f'  <nop><action><exec play_pcap_audio="{path}"/></action></nop>\n'

    @staticmethod
    def _load_speech():
        data = open(os.path.join(PCAP, "g711a.pcap"), "rb").read()
        payloads, offset = [], 24
        while offset + 16 <= len(data):
            length = struct.unpack_from("<I", data, offset + 8)[0]
            frame = data[offset + 16:offset + 16 + length]
            if len(frame) > 54:
                payloads.append(frame[54:])
            offset += 16 + length
        return payloads


def media(short, m):
    beat = 1000
    key, pause, speak = m.key, m.pause, m.speak
    steps = pause(ms("greeting-riverside-pediatrics", "emergency") + beat)
    if short:
        return steps + pause(ms("main-menu")), True
    steps += key("1") + pause(ms("record-name") + beat) + speak() + key("#")
    steps += pause(beat) + key("1") + pause(beat) + key("2")
    steps += pause(ms("record-message") + beat) + speak() + key("#")
    steps += pause(beat) + key("1")
    return steps, False


SDP = """v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendrecv"""

HEADERS = """Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "Patient" <sip:5551234567@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]"""


def scenario(short, m):
    steps, caller_hangs_up = media(short, m)
    head = f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="bench-patient">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
{HEADERS.replace('[peer_tag_param]', '')}
CSeq: 1 INVITE
Contact: sip:5551234567@[local_ip]:[local_port]
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

{SDP}

  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true"/>
  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
{HEADERS}
CSeq: 1 ACK
Contact: sip:5551234567@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0

  ]]></send>
{steps}"""
    if caller_hangs_up:
        tail = f"""  <send retrans="500"><![CDATA[
BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
{HEADERS}
CSeq: 2 BYE
Contact: sip:5551234567@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0

  ]]></send>
  <recv response="200" crlf="true"/>
"""
    else:
        tail = """  <recv request="BYE"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

  ]]></send>
"""
    return head + tail + """  <ResponseTimeRepartition value="100, 500, 1000, 2000"/>
</scenario>
"""


if __name__ == "__main__":
    target = os.path.abspath(sys.argv[1])
    media_writer = Media(os.path.dirname(target), os.path.splitext(os.path.basename(target))[0])
    text = scenario("--short" in sys.argv[2:], media_writer)
    with open(target, "w") as out:
        out.write(text)
