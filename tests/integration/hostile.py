#!/usr/bin/env python3
"""hostile.py: raw-socket clients for hostile.sh (loopback only).

  hostile.py raw PORT            reads one HTTP request from stdin (\\n
                                 turned into CRLF), sends it, prints the
                                 answer's head and body
  hostile.py burst PORT N        N connections at once, each with a head
                                 over 48 KiB
  hostile.py trickle PORT SRC N  one connection from SRC sending one head
                                 byte a second; prints the seconds until
                                 the server closed it (N at most)
  hostile.py slowloris PORT SECS  10 addresses 127.0.0.2..11 x 60
                                 connections, one head byte each every
                                 2 s, reopened (at the next drip) when
                                 closed, for SECS s
  hostile.py keepalive PORT N    a kept-alive connection answers again
                                 after 2.5 s idle; then N slow
                                 connections from 127.0.0.13 fill the
                                 slots; prints "alive" or "closed" for
                                 the first part and the seconds until the
                                 kept-alive one was closed
  hostile.py drain PORT PID BODY sends a request head and half of BODY,
                                 SIGTERMs PID, sends the rest; prints the
                                 status answered
"""
import os
import selectors
import signal
import socket
import sys
import time


def recv_all(s, timeout=5.0):
    s.settimeout(timeout)
    out = b""
    try:
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
    except OSError:
        pass
    return out


def raw(port):
    data = sys.stdin.buffer.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(data)
    sys.stdout.write(recv_all(s).decode("utf-8", "replace"))


def burst(port, n):
    """n connections at once, each sending a head over 48 KiB (which
    libmicrohttpd refuses itself, logging a line)."""
    req = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Huge: " + b"a" * 60000 + b"\r\nConnection: close\r\n\r\n"
    socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(n)]
    for s in socks:
        try:
            s.sendall(req)
        except OSError:
            pass
    for s in socks:
        recv_all(s, 5.0)
        s.close()


def trickle(port, src, limit):
    s = socket.socket()
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    start = time.monotonic()
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000
    i = 0
    s.settimeout(1.0)
    while time.monotonic() - start < limit:
        try:
            s.send(head[i:i + 1])
            i += 1
            b = s.recv(100)
            if not b:
                break
        except socket.timeout:
            continue
        except OSError:
            break
    print("%.1f" % (time.monotonic() - start))


def slowloris(port, secs):
    sel = selectors.DefaultSelector()
    socks = {}

    def opened(src):
        s = socket.socket()
        s.setblocking(False)
        s.bind((src, 0))
        try:
            s.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        socks[s] = [src, 0]
        sel.register(s, selectors.EVENT_READ)

    for a in range(2, 12):
        for _ in range(60):
            opened("127.0.0.%d" % a)
    head = b"GET / HTTP/1.1\r\nHost: x\r\nX-a: " + b"b" * 4000
    end = time.monotonic() + secs
    next_drip = time.monotonic()
    reopened = 0
    closed = []
    while time.monotonic() < end:
        for key, _ in sel.select(timeout=0.2):
            s = key.fileobj
            try:
                b = s.recv(4096)
            except OSError:
                b = b""
            if not b:
                closed.append(socks.pop(s)[0])
                sel.unregister(s)
                s.close()
        if time.monotonic() >= next_drip:
            next_drip += 2.0
            for src in closed:  # reopened at the next drip: bounded churn
                opened(src)
                reopened += 1
            closed.clear()
            for s, st in list(socks.items()):
                try:
                    s.send(head[st[1] % len(head):st[1] % len(head) + 1])
                    st[1] += 1
                except OSError:
                    pass
    print("reopened %d" % reopened)


def answer(s):
    """Reads one answer with a Content-Length; its status, or None."""
    s.settimeout(5.0)
    data = b""
    while b"\r\n\r\n" not in data:
        b = s.recv(4096)
        if not b:
            return None
        data += b
    head, rest = data.split(b"\r\n\r\n", 1)
    n = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])
    while len(rest) < n:
        rest += s.recv(4096)
    return int(head.split(b" ")[1])


def keepalive(port, n):
    k = socket.create_connection(("127.0.0.1", port))
    req = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    k.sendall(req)
    first = answer(k)
    time.sleep(2.5)
    k.sendall(req)
    print("alive" if first == 200 and answer(k) == 200 else "closed")
    slow = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.13", 0))
        s.connect(("127.0.0.1", port))
        s.send(b"G")
        slow.append(s)
    start = time.monotonic()
    k.settimeout(0.2)
    while time.monotonic() - start < 8:
        try:
            if not k.recv(100):
                break
        except socket.timeout:
            continue
        except OSError:
            break
    print("%.1f" % (time.monotonic() - start))


def drain(port, pid, body):
    body = body.encode()
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /api/v1/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              b"Content-Length: %d\r\n\r\n" % len(body) + body[:len(body) // 2])
    time.sleep(0.3)
    os.kill(pid, signal.SIGTERM)
    time.sleep(1.0)
    s.sendall(body[len(body) // 2:])
    out = recv_all(s, 10.0)
    print(out.split(b" ")[1].decode() if out.startswith(b"HTTP/1.1 ") else "none")


if __name__ == "__main__":
    what, port = sys.argv[1], int(sys.argv[2])
    if what == "raw":
        raw(port)
    elif what == "trickle":
        trickle(port, sys.argv[3], float(sys.argv[4]))
    elif what == "slowloris":
        slowloris(port, float(sys.argv[3]))
    elif what == "burst":
        burst(port, int(sys.argv[3]))
    elif what == "keepalive":
        keepalive(port, int(sys.argv[3]))
    elif what == "drain":
        drain(port, int(sys.argv[3]), sys.argv[4])
