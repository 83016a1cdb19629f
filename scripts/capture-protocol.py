#!/usr/bin/env python3
"""Captures real AGI and AMI text from the Asterisk that scripts/asterisk runs, as test vectors.

Usage (Asterisk started, nothing else on port 4574):
    export $(scripts/asterisk env | xargs); python3 scripts/capture-protocol.py tests/Ivr.Asterisk.Tests/Captures

AGI: listens on 127.0.0.1:4574 as a FastAGI server, has SIPp call test-capture-NAME, sends that
scenario's commands and saves exactly the bytes Asterisk sent (environment block and replies) to
agi-NAME.bin. AMI: logs in and saves the raw bytes of a few exchanges to ami-NAME.bin.
"""
import os, socket, subprocess, sys, threading, time

out = sys.argv[1]
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sipp_dir = os.path.join(repo, "scripts", "sipp")

AGI_SCENARIOS = {
    # name: (sipp scenario, commands)
    "basic": ("uac-dtmf2833.xml", ["ANSWER", "GET VARIABLE CALLERID(num)", "GET VARIABLE NO_SUCH_VAR",
               "SET VARIABLE IVR_TEST \"a b\"", "GET FULL VARIABLE ${IVR_TEST}", "STREAM FILE no-such-file \"\"",
               "GET DATA silence/1 6000 3", "NOOP", "BOGUS COMMAND", "SET VARIABLE", "EXEC NoOp \"hello\""]),
    "getdata-timeout": ("uac-hangup.xml", ["ANSWER", "GET DATA silence/1 500 2", "WAIT FOR DIGIT 300"]),
    "hangup-during-stream": ("uac-hangup.xml", ["ANSWER", "STREAM FILE vm-instructions \"\"", "STREAM FILE vm-instructions \"\"", "SET VARIABLE AFTER 1"]),
    "record": ("uac-dtmf2833.xml", ["ANSWER", "RECORD FILE /tmp/capture-record wav # 1200 0 BEEP"]),
}

def read_line(conn, buf):
    while b"\n" not in buf[0]:
        chunk = conn.recv(4096)
        if not chunk:
            return None
        buf[0] += chunk
    line, buf[0] = buf[0].split(b"\n", 1)
    return line + b"\n"

def agi(name, scenario, commands):
    server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 4574)); server.listen(1)
    sipp = subprocess.Popen(["sipp", "-sf", os.path.join(sipp_dir, scenario), "-s", "test-capture", "127.0.0.1:5060",
                             "-i", "127.0.0.1", "-p", "5391", "-m", "1", "-nostdin"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conn, _ = server.accept(); conn.settimeout(15)
    received, buf = bytearray(), [b""]
    while True:  # environment block
        line = read_line(conn, buf); received += line
        if line == b"\n":
            break
    for command in commands:
        conn.sendall(command.encode() + b"\n")
        while True:
            line = read_line(conn, buf)
            if line is None:
                break
            received += line
            if line.startswith(b"HANGUP"):
                continue
            if line.startswith(b"520-") or (line.startswith(b" ") or line.startswith(b"\t")) and not line.startswith(b"520 "):
                continue
            if line[:3] in (b"200", b"510", b"511", b"520"):
                break
        if line is None:
            break
    time.sleep(0.3)
    conn.setblocking(False)
    try:
        received += buf[0] + conn.recv(4096)
    except BlockingIOError:
        received += buf[0]
    conn.close(); server.close(); sipp.wait(timeout=30)
    with open(os.path.join(out, f"agi-{name}.bin"), "wb") as f:
        f.write(bytes(received))

def ami():
    secret = os.environ["Asterisk__Ami__Secret"]
    def session(actions, name, linger=1.0, secret_override=None):
        s = socket.create_connection(("127.0.0.1", 5038)); s.settimeout(2)
        data = bytearray()
        login = f"Action: Login\r\nActionID: cap-1\r\nUsername: ivr\r\nSecret: {secret_override or secret}\r\nEvents: system,call\r\n\r\n"
        s.sendall(login.encode()); time.sleep(1.5)
        for i, action in enumerate(actions):
            s.sendall(action.replace("{id}", f"cap-{i + 2}").encode()); time.sleep(linger)
        deadline = time.time() + 2
        while time.time() < deadline:
            try:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            except socket.timeout:
                break
        s.close()
        with open(os.path.join(out, f"ami-{name}.bin"), "wb") as f:
            f.write(bytes(data))
    session(["Action: Ping\r\nActionID: {id}\r\n\r\n", "Action: CoreSettings\r\nActionID: {id}\r\n\r\n",
             "Action: Command\r\nActionID: {id}\r\nCommand: core show uptime\r\n\r\n",
             "Action: ConfbridgeListRooms\r\nActionID: {id}\r\n\r\n", "Action: CoreShowChannels\r\nActionID: {id}\r\n\r\n",
             "Action: NoSuchAction\r\nActionID: {id}\r\n\r\n"], "login-and-actions")
    session([], "login-failed", secret_override="wrong")
    uas = subprocess.Popen(["sipp", "-sf", os.path.join(sipp_dir, "uas-answer.xml"), "-i", "127.0.0.1", "-p", "5392", "-m", "1", "-nostdin"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    session(["Action: Originate\r\nActionID: {id}\r\nChannel: PJSIP/sipp/sip:doctor@127.0.0.1:5392\r\nContext: ivr-test\r\nExten: hold\r\nPriority: 1\r\nAsync: true\r\nTimeout: 10000\r\n\r\n"],
            "originate", linger=5.0)
    uas.wait(timeout=30)

os.makedirs(out, exist_ok=True)
for name, (scenario, commands) in AGI_SCENARIOS.items():
    agi(name, scenario, commands)
    time.sleep(1)
ami()
print("captured into", out)
