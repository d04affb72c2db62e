#!/usr/bin/env python3
"""replay.py -- answer HTTP requests from recorded responses, with faults.

usage: replay.py -p PORTFILE [-l LOGFILE] [-s PEMFILE] [-a ADDR] DIR...

Serves on 127.0.0.1 (or ADDR, another loopback address) at an ephemeral
port, written to PORTFILE when ready, until killed.  Each DIR holds a `routes` file of lines

    METHOD URLGLOB FILE [fault=...]...

(`#` starts a comment).  URLGLOB is an fnmatch pattern over the path and
query as sent; METHOD may be `*`.  The first match over all DIRs wins.
FILE, relative to its DIR, is the body; FILE.headers, when present, holds
the status line and headers (`HTTP/1.1 200 OK`, then `name: value`
lines).  Content-Length is recomputed; Content-Encoding and
Transfer-Encoding from the recording are dropped since bodies are stored
decoded.  FILE `-` is an empty body.

Faults:
    fault=status:CODE:N    the first N hits answer CODE with Retry-After: 1
                           (CODE 429 or 5xx; N may be `*` for always);
                           any other CODE (401...) comes without Retry-After
    fault=slow:SECONDS     wait before answering
    fault=reset            close the connection without answering
    fault=truncate         send half the body with the full Content-Length
    fault=redirect:PATH    answer 302 to PATH (the target is served as usual;
                           `{port}` in PATH is the server's port, so
                           http://localhost:{port}/x is another host)
    fault=gzip             gzip the body when the request accepts it
    fault=first:N:FILE     the first N hits answer FILE (and FILE.headers,
                           relative to the DIR) instead
    fault=header:NAME:VAL  add a header to the answer
    fault=bomb:MB          a gzip bomb: MB MiB of zeros, gzipped (about
                           1000 times smaller), sent with
                           Content-Encoding: gzip whatever was asked
    fault=big:MB           a body of MB MiB (the file's bytes repeated,
                           or spaces), streamed
    fault=drip:SECONDS     the body one byte every SECONDS
    fault=hang             read the request, never answer (up to 10
                           minutes, or until the client hangs up)

With -s, the server speaks TLS with the certificate and key in PEMFILE.
Unmatched requests answer 404 with a JSON body saying so.  The log
(LOGFILE) has one JSON object per request: method, path, query, headers
(credential values replaced by "<present>"), body, and "digests": the
SHA-256 (hex) of each credential header's value, so a test can check
what was sent without the log ever holding it.
"""

import fnmatch
import hashlib
import gzip
import json
import os
import socket
import ssl
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = []
LOCK = threading.Lock()
LOG = None

DROP = {"content-length", "content-encoding", "transfer-encoding",
        "connection", "keep-alive"}


def secret_header(name):
    n = name.lower()
    return (n in ("authorization", "cookie", "proxy-authorization")
            or "key" in n or "token" in n or "secret" in n)


def load(dirs):
    for d in dirs:
        path = os.path.join(d, "routes")
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                words = []
                for w in line.split():
                    if w.startswith("#"):
                        break
                    words.append(w)
                if not words:
                    continue
                if len(words) < 3:
                    sys.exit("%s:%d: want METHOD URLGLOB FILE" % (
                        path, lineno))
                faults = []
                for w in words[3:]:
                    if not w.startswith("fault="):
                        sys.exit("%s:%d: bad word: %s" % (path, lineno, w))
                    faults.append(w[6:].split(":", 2))
                ROUTES.append({
                    "method": words[0], "glob": words[1],
                    "file": None if words[2] == "-" else
                    os.path.join(d, words[2]),
                    "faults": faults, "hits": 0, "dir": d,
                })


def recorded(route, other=None):
    """(status, reason, [(name, value)], body) of a route's response, or
    of the file other instead."""
    body = b""
    status, reason, headers = 200, "OK", []
    if other is not None:
        route = dict(route, file=os.path.join(route["dir"], other))
    if route["file"] is not None:
        with open(route["file"], "rb") as f:
            body = f.read()
        hp = route["file"] + ".headers"
        if os.path.exists(hp):
            with open(hp, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
            if lines and lines[0].startswith("HTTP/"):
                parts = lines[0].split(None, 2)
                status = int(parts[1])
                reason = parts[2] if len(parts) > 2 else ""
                lines = lines[1:]
            for ln in lines:
                if ":" not in ln:
                    continue
                k, v = ln.split(":", 1)
                if k.strip().lower() in DROP:
                    continue
                headers.append((k.strip(), v.strip()))
    return status, reason, headers, body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n > 0 else b""
        path, _, query = self.path.partition("?")
        if LOG is not None:
            hdrs = {}
            digests = {}
            for k, v in self.headers.items():
                hdrs[k] = "<present>" if secret_header(k) else v
                if secret_header(k):
                    digests[k] = hashlib.sha256(v.encode(
                        "utf-8", "surrogateescape")).hexdigest()
            rec = {"method": self.command, "path": path, "query": query,
                   "headers": hdrs, "digests": digests,
                   "body": body.decode("utf-8", "replace")}
            with LOCK:
                LOG.write(json.dumps(rec) + "\n")
                LOG.flush()
        route = None
        for r in ROUTES:
            if r["method"] in ("*", self.command) and fnmatch.fnmatchcase(
                    self.path, r["glob"]):
                route = r
                break
        if route is None:
            msg = json.dumps({"error": "no route for %s %s" % (
                self.command, self.path)}).encode()
            self.answer(404, "Not Found",
                        [("Content-Type", "application/json")], msg)
            return
        with LOCK:
            route["hits"] += 1
            hit = route["hits"]
        extra = []
        truncate = False
        gzipped = False
        other = None
        for f in route["faults"]:
            kind = f[0]
            if kind == "status":
                code = int(f[1])
                limit = f[2] if len(f) > 2 else "1"
                if limit == "*" or hit <= int(limit):
                    msg = json.dumps({"error": "injected %d" % code})
                    hs = [("Content-Type", "application/json")]
                    if code == 429 or code >= 500:
                        hs.append(("Retry-After", "1"))
                    self.answer(code, "Injected", hs, msg.encode())
                    return
            elif kind == "slow":
                time.sleep(float(f[1]))
            elif kind == "reset":
                self.close_connection = True
                try:
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER,
                        b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            elif kind == "truncate":
                truncate = True
            elif kind == "redirect":
                target = ":".join(f[1:]).replace(
                    "{port}", str(self.server.server_address[1]))
                self.answer(302, "Found", [("Location", target)], b"")
                return
            elif kind == "header":
                extra.append((f[1], f[2] if len(f) > 2 else ""))
            elif kind == "first" and len(f) > 2:
                if hit <= int(f[1]):
                    other = f[2]
            elif kind == "bomb":
                self.answer_bomb(route, int(f[1]))
                return
            elif kind == "big":
                self.answer_big(route, int(f[1]))
                return
            elif kind == "drip":
                self.answer_drip(route, float(f[1]))
                return
            elif kind == "hang":
                self.hang()
                return
            elif kind == "gzip":
                gzipped = "gzip" in (self.headers.get("Accept-Encoding")
                                     or "")
        status, reason, headers, rbody = recorded(route, other)
        if gzipped:
            rbody = gzip.compress(rbody, mtime=0)
            extra.append(("Content-Encoding", "gzip"))
        self.answer(status, reason, headers + extra, rbody, truncate)

    def answer(self, status, reason, headers, body, truncate=False):
        self.send_response_only(status, reason)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if truncate:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body[:len(body) // 2] if truncate else body)
        self.wfile.flush()

    def headers_only(self, route, length, extra=()):
        status, reason, headers, _ = recorded(route)
        self.send_response_only(status, reason)
        for k, v in headers + list(extra):
            self.send_header(k, v)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def answer_bomb(self, route, mb):
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = b"\0" * (1 << 20)
        parts = [comp.compress(zeros) for _ in range(mb)]
        parts.append(comp.flush())
        body = b"".join(parts)
        self.headers_only(route, len(body),
                          [("Content-Encoding", "gzip")])
        self.send_body(body)

    def answer_big(self, route, mb):
        _, _, _, body = recorded(route)
        chunk = (body or b" ") * max(1, (1 << 20) // max(1, len(body)))
        total = mb << 20
        self.headers_only(route, total)
        sent = 0
        try:
            while sent < total:
                piece = chunk[:total - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:
            self.close_connection = True

    def answer_drip(self, route, seconds):
        _, _, _, body = recorded(route)
        self.headers_only(route, len(body))
        try:
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                time.sleep(seconds)
        except OSError:
            self.close_connection = True

    def hang(self):
        self.close_connection = True
        self.connection.settimeout(1)
        end = time.time() + 600
        while time.time() < end:
            try:
                if self.connection.recv(1) == b"":
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def send_body(self, body):
        try:
            if self.command != "HEAD":
                self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    do_GET = handle_any
    do_POST = handle_any
    do_PUT = handle_any
    do_DELETE = handle_any
    do_HEAD = handle_any
    do_PATCH = handle_any


def main(argv):
    global LOG
    portfile = logfile = pemfile = None
    addr = "127.0.0.1"
    dirs = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-p", "-l", "-s", "-a") and i + 1 < len(argv):
            if a == "-p":
                portfile = argv[i + 1]
            elif a == "-a":
                addr = argv[i + 1]
                if not addr.startswith("127."):
                    sys.exit("replay.py: -a takes a loopback address")
            elif a == "-s":
                pemfile = argv[i + 1]
            else:
                logfile = argv[i + 1]
            i += 2
            continue
        if a.startswith("-"):
            sys.exit("usage: replay.py -p PORTFILE [-l LOGFILE] "
                     "[-s PEMFILE] [-a ADDR] DIR...")
        dirs.append(a)
        i += 1
    if portfile is None or not dirs:
        sys.exit("usage: replay.py -p PORTFILE [-l LOGFILE] "
                 "[-s PEMFILE] DIR...")
    load(dirs)
    if logfile is not None:
        LOG = open(logfile, "a", encoding="utf-8")
    srv = ThreadingHTTPServer((addr, 0), Handler)
    srv.daemon_threads = True
    if pemfile is not None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(pemfile)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = portfile + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, portfile)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
