#!/usr/bin/env python3
"""fakellm -- a fake OpenAI-compatible chat completions server on
127.0.0.1 for ads-label's tests.

The first path segment picks the behaviour (ADS_LLM_URL=$URL/MODE):

  right      labels by a fixed rule on the text: "good", "great", "love"
             positive; "bad", "awful", "hate" negative; else neutral;
             for entity requests, each capitalised word not first in its
             sentence is a PER entity
  outside    the first attempt answers a label outside the set ("joyful"),
             a retry (the prompt says "Attempt") answers right
  outside-always  always outside the set
  badspan    entity answers whose spans are not in the text
  malformed  content that is not JSON
  ratelimit  each distinct body: first a 429 with Retry-After: 1, then right
  timeout    never answers in time (sleeps 5 s)
  slow       answers right after 0.3 s, to count requests in flight
  split      right, except that the third sample of a vote (-k) says
             neutral for every text

GET /stats answers {"requests": N, "max_inflight": N, "by_mode": {...}};
POST /reset zeroes the counters.  Usage: fakellm.py -p PORTFILE
"""
import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATS = {"requests": 0, "inflight": 0, "max_inflight": 0, "by_mode": {}}
SEEN429 = set()
POS = re.compile(r"\b(good|great|love)\b", re.I)
NEG = re.compile(r"\b(bad|awful|hate)\b", re.I)


def label_of(text):
    if POS.search(text):
        return "positive"
    if NEG.search(text):
        return "negative"
    return "neutral"


def entities_of(text):
    out = []
    for sent in re.split(r"[.!?]\s+", text):
        words = re.findall(r"[A-Za-z]+", sent)
        for w in words[1:]:
            if w[0].isupper():
                out.append({"text": w, "type": "PER"})
    return out


def texts_of(body):
    user = body["messages"][-1]["content"]
    items = []
    for line in user.split("\n"):
        if line.startswith("{"):
            items.append(json.loads(line))
    return user, items


def completion(content):
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "model": "fake",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20,
                  "total_tokens": 120},
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *a):
        pass

    def send(self, code, obj, headers=()):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/stats":
            with LOCK:
                self.send(200, STATS)
        else:
            self.send(404, {"error": "not found"})

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        if self.path == "/reset":
            with LOCK:
                STATS.update(requests=0, inflight=0, max_inflight=0,
                             by_mode={})
                SEEN429.clear()
            self.send(200, {})
            return
        mode = self.path.strip("/").split("/")[0]
        with LOCK:
            STATS["requests"] += 1
            STATS["by_mode"][mode] = STATS["by_mode"].get(mode, 0) + 1
            STATS["inflight"] += 1
            STATS["max_inflight"] = max(STATS["max_inflight"],
                                        STATS["inflight"])
        try:
            self.answer(mode, raw)
        finally:
            with LOCK:
                STATS["inflight"] -= 1

    def answer(self, mode, raw):
        try:
            body = json.loads(raw)
            user, items = texts_of(body)
        except (ValueError, KeyError, IndexError):
            self.send(400, {"error": {"message": "bad request"}})
            return
        sysmsg = body["messages"][0]["content"]
        entity = "named entities" in sysmsg
        if mode == "timeout":
            time.sleep(5)
        if mode == "slow":
            time.sleep(0.3)
        if mode == "ratelimit":
            with LOCK:
                first = raw not in SEEN429
                SEEN429.add(raw)
            if first:
                self.send(429, {"error": {"message": "slow down"}},
                          [("Retry-After", "1")])
                return
        if mode == "malformed":
            self.send(200, completion("{\"labels\": [ {\"id\": 1, "))
            return
        retry = "Attempt" in user
        if entity:
            out = []
            for it in items:
                ents = entities_of(it["text"])
                if mode == "badspan":
                    ents = [{"text": "Nobody Here", "type": "PER"}]
                out.append({"id": it["id"], "entities": ents})
            self.send(200, completion(json.dumps({"items": out})))
            return
        out = []
        for it in items:
            lab = label_of(it["text"])
            if mode == "outside-always" or (mode == "outside" and
                                            not retry):
                lab = "joyful"
            if mode == "split" and "(Sample 3.)" in user:
                lab = "neutral"
            out.append({"id": it["id"], "label": lab})
        self.send(200, completion(json.dumps({"labels": out})))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-p", required=True, help="file to write the port to")
    a = ap.parse_args()
    srv = Server(("127.0.0.1", 0), Handler)
    with open(a.p + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(a.p + ".tmp", a.p)
    srv.serve_forever()


if __name__ == "__main__":
    main()
