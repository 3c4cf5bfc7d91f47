#!/usr/bin/env python3
"""End-to-end smoke check + timings against a running server.

  python tests/llm_server/smoke.py [--base-url URL] [--model DIR]

Defaults come from LLM_BASE_URL / LLM_MODEL (as printed by start.sh).
Checks: openai client non-streaming + streaming chat completion, raw SSE via
httpx, and langchain-openai ChatOpenAI (streaming) when it is installed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

PROMPT = [{"role": "user", "content": "Write two sentences about the sea."}]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", default=os.environ.get("LLM_BASE_URL"))
    ap.add_argument("--model", default=os.environ.get("LLM_MODEL"))
    ap.add_argument("--max-tokens", type=int, default=40)
    a = ap.parse_args()
    if not a.base_url or not a.model:
        sys.exit("need --base-url/--model or LLM_BASE_URL/LLM_MODEL")
    res: dict = {}

    import httpx
    from openai import OpenAI

    client = OpenAI(base_url=a.base_url, api_key="x", timeout=120)

    ids = [m.id for m in client.models.list().data]
    assert a.model in ids, ids

    # 1. non-streaming
    t = time.perf_counter()
    r = client.chat.completions.create(model=a.model, messages=PROMPT, max_tokens=a.max_tokens)
    dt = time.perf_counter() - t
    text = r.choices[0].message.content
    assert text and text.strip(), r
    n = r.usage.completion_tokens
    res["nonstream"] = {"seconds": round(dt, 3), "completion_tokens": n,
                        "tok_per_s": round(n / dt, 1), "finish": r.choices[0].finish_reason,
                        "text": text}

    # 2. streaming (openai client)
    t = time.perf_counter()
    first = None
    parts, chunks = [], 0
    for ch in client.chat.completions.create(model=a.model, messages=PROMPT,
                                             max_tokens=a.max_tokens, stream=True):
        if ch.choices and ch.choices[0].delta.content:
            if first is None:
                first = time.perf_counter() - t
            parts.append(ch.choices[0].delta.content)
            chunks += 1
    dt = time.perf_counter() - t
    assert parts, "no streamed content"
    res["stream"] = {"first_token_s": round(first, 3), "seconds": round(dt, 3),
                     "content_chunks": chunks,
                     "tok_per_s_after_first": round((chunks - 1) / (dt - first), 1) if chunks > 1 else None,
                     "text": "".join(parts)}

    # 3. raw SSE via httpx (shows the wire format)
    body = {"model": a.model, "messages": PROMPT, "max_tokens": 8, "stream": True}
    lines = []
    with httpx.stream("POST", a.base_url + "/chat/completions", json=body, timeout=120) as resp:
        assert resp.status_code == 200, resp.status_code
        assert resp.headers["content-type"].startswith("text/event-stream"), resp.headers
        for line in resp.iter_lines():
            if line.startswith("data:"):
                lines.append(line[5:].strip())
    res["sse"] = {"events": len(lines), "ends_with_DONE": lines[-1] == "[DONE]",
                  "last_event": lines[-1][:200]}

    # 4. langchain-openai (optional)
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        res["langchain"] = "langchain-openai not installed - skipped"
    else:
        llm = ChatOpenAI(base_url=a.base_url, api_key="x", model=a.model,
                         max_tokens=a.max_tokens, streaming=True, timeout=120)
        t = time.perf_counter()
        first, parts = None, []
        for chunk in llm.stream("Say hello in one short sentence."):
            if chunk.content:
                first = first if first is not None else time.perf_counter() - t
                parts.append(chunk.content)
        dt = time.perf_counter() - t
        assert parts, "langchain stream produced nothing"
        msg = llm.invoke("What is 2 + 2?")
        assert msg.content.strip(), msg
        res["langchain"] = {"stream_first_token_s": round(first, 3), "stream_seconds": round(dt, 3),
                            "stream_text": "".join(parts), "invoke_text": msg.content}

    print(json.dumps(res, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
