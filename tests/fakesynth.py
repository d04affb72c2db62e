#!/usr/bin/env python3
"""fakesynth -- a fake OpenAI-compatible chat completions server on
127.0.0.1 for ads-synth's tests.

The user message is ads-synth's JSON object (task, rows, lang, targets,
passage).  The first path segment picks the behaviour
(ADS_LLM_URL=$URL/MODE):

  right      rows that pass every check: answers copied from the
             passage, summaries of its first sentence and key words,
             translations in the asked language (canned sentences of
             that language, as long as the passage), dialogues that
             alternate user and assistant, shell code
  bad        one row per failure: an answer not in the passage, a
             summary longer than the passage, a translation in English,
             a dialogue whose roles do not alternate, code that is prose
  mixed      the right rows, then the bad ones
  malformed  content that is not JSON, unless the prompt says it is an
             attempt after an invalid answer (then right)

GET /stats answers {"requests": N, "max_inflight": N}; POST /reset
zeroes them.
Usage: fakesynth.py -p PORTFILE
"""
import argparse
import collections
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATS = {"requests": 0, "inflight": 0, "max_inflight": 0}
CANNED = {
    "de": "Die Maschine bereitet den Kaffee mit heißem Wasser unter hohem "
          "Druck zu, und der Barista mahlt die Bohnen sehr fein. ",
    "it": "La macchina prepara il caffè con acqua calda ad alta pressione "
          "e il barista macina i chicchi molto finemente. ",
    "fr": "La machine prépare le café avec de l'eau chaude sous haute "
          "pression et le barista moud les grains très finement. ",
    "es": "La máquina prepara el café con agua caliente a alta presión y "
          "el barista muele los granos muy finamente. ",
    "en": "The machine brews the coffee with hot water under high "
          "pressure, and the barista grinds the beans very finely. ",
}


def sentences(p):
    return [s for s in re.split(r"(?<=[.!?])\s+", p.strip()) if s]


def keywords(p, n=3):
    words = [w.lower() for w in re.findall(r"\w[\w-]*", p) if len(w) >= 5]
    return [w for w, _ in collections.Counter(words).most_common(n)]


def right(q):
    p, task, n = q["passage"], q["task"], q.get("rows", 1)
    ss = sentences(p)
    if task == "question-answering":
        out = []
        for s in ss[:n]:
            words = s.split()
            out.append({"question": "What does the text say about %s?" %
                        " ".join(words[:3]),
                        "answer": " ".join(words[:6])})
        return out
    if task == "summarization":
        return [{"summary": "%s Key terms: %s." % (
            ss[0][:150], ", ".join(keywords(p)))}]
    if task == "translation":
        out = []
        for t in q.get("targets", []):
            c = CANNED.get(t, CANNED["en"])
            text = (c * (len(p) // len(c) + 1))[:max(len(p), len(c))]
            out.append({"lang": t, "text": text.strip()})
        return out
    if task == "conversational":
        k = keywords(p, 2)
        return [{"messages": [
            {"role": "user", "content": "Tell me about %s." % k[0]},
            {"role": "assistant", "content": ss[0]},
            {"role": "user", "content": "And %s?" % k[-1]},
            {"role": "assistant", "content": ss[-1]}]}]
    return [{"prompt": "List the pods that are not running in %s." %
             keywords(p, 1)[0],
             "code": "kubectl get pods -A "
                     "--field-selector=status.phase!=Running\n"}][:n] + [
            {"prompt": "Count the pods of each node.",
             "code": "kubectl get pods -A -o wide | awk '{print $8}' | "
                     "sort | uniq -c\n"}][:max(n - 1, 0)]


def bad(q):
    p, task = q["passage"], q["task"]
    if task == "question-answering":
        return [{"question": "Who won the 1998 World Cup?",
                 "answer": "France won it in Saint-Denis"}]
    if task == "summarization":
        return [{"summary": p + " " + p}]
    if task == "translation":
        return [{"lang": t, "text": CANNED["en"] * 3}
                for t in q.get("targets", [])]
    if task == "conversational":
        return [{"messages": [{"role": "assistant", "content": "Hello."},
                              {"role": "assistant", "content": "Hi."}]}]
    return [{"prompt": "Explain it.", "code": "It is a nice tool"}]


def completion(content):
    return {"id": "chatcmpl-fake", "object": "chat.completion",
            "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant",
                                     "content": content}}],
            "usage": {"prompt_tokens": 300, "completion_tokens": 80,
                      "total_tokens": 380}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *a):
        pass

    def send(self, code, obj):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with LOCK:
            self.send(200, STATS)

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/reset":
            with LOCK:
                STATS.update(requests=0, inflight=0, max_inflight=0)
            self.send(200, {})
            return
        mode = self.path.strip("/").split("/")[0]
        with LOCK:
            STATS["requests"] += 1
            STATS["inflight"] += 1
            STATS["max_inflight"] = max(STATS["max_inflight"],
                                        STATS["inflight"])
        # The answer is made, then the request counted out, then sent:
        # the client may start its next request as soon as it reads this
        # one, and must not be seen as one more in flight.
        try:
            code, obj = self.answer(mode, raw)
        finally:
            with LOCK:
                STATS["inflight"] -= 1
        self.send(code, obj)

    def answer(self, mode, raw):
        try:
            body = json.loads(raw)
            q = json.loads(body["messages"][-1]["content"])
        except (ValueError, KeyError, IndexError):
            return 400, {"error": {"message": "bad request"}}
        if mode == "malformed" and "attempt" not in q:
            return 200, completion("{\"rows\": [ {")
        rows = right(q) if mode in ("right", "malformed") else \
            bad(q) if mode == "bad" else right(q) + bad(q)
        return 200, completion(json.dumps({"rows": rows}))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-p", required=True)
    a = ap.parse_args()
    srv = Server(("127.0.0.1", 0), Handler)
    with open(a.p + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(a.p + ".tmp", a.p)
    srv.serve_forever()


if __name__ == "__main__":
    main()
