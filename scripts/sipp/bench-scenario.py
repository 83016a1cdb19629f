#!/usr/bin/env python3
"""Writes the benchmark's SIPp patient scenario, timed to the rendered prompts.

The patient leaves a routine message: 1 (message), says a name (sip-tester's G.711 speech) and #,
1 (use caller ID), 2 (routine), says the message and #, 1 (keep), then waits for the service to
hang up. With --short the patient hangs up after the greeting and main menu (the rate test).
Usage: bench-scenario.py OUT.xml [--short]
"""
import os
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


def key(digit):
    name = {"#": "pound", "*": "star"}.get(digit, digit)
    return f'  <nop><action><exec play_pcap_audio="{PCAP}/dtmf_2833_{name}.pcap"/></action></nop>\n'


def pause(milliseconds):
    return f'  <pause milliseconds="{milliseconds}"/>\n'


def speak():
    return f'  <nop><action><exec play_pcap_audio="{PCAP}/g711a.pcap"/></action></nop>\n' + pause(SPEECH_MS)


def media(short):
    beat = 1000
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


def scenario(short):
    steps, caller_hangs_up = media(short)
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
    with open(sys.argv[1], "w") as out:
        out.write(scenario("--short" in sys.argv[2:]))
