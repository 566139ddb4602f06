"""A fake OpenAI-compatible chat provider on loopback: the only fake these tests use.

It speaks the real wire protocol (POST /v1/chat/completions, JSON or server-sent events), so
the product's LangChain client is exercised end to end. Replies are queued by the test;
requests are recorded so a test can see exactly what the model was sent.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse


class FakeChatProvider:
    def __init__(self) -> None:
        self.replies: deque[str | Exception | float] = deque()
        self.requests: list[dict[str, Any]] = []
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._complete)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def enqueue(self, reply: str | Exception | float) -> None:
        """A text to answer with, an exception (→ HTTP 500), or a delay in seconds (→ hang)."""
        self.replies.append(reply)

    def start(self) -> FakeChatProvider:
        self._thread.start()
        while not self._server.started:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    async def _complete(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        reply = self.replies.popleft() if self.replies else "INGEN_SVAR"
        if isinstance(reply, Exception):
            return JSONResponse({"error": {"message": str(reply)}}, status_code=500)
        if isinstance(reply, float):
            time.sleep(reply)  # blocks this server thread: the client must time out
            reply = "INGEN_SVAR"
        if body.get("stream"):
            return StreamingResponse(_chunks(reply, body["model"]), media_type="text/event-stream")
        return JSONResponse(
            {
                "id": "fake-1",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": reply},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )


def _chunks(reply: str, model: str) -> Iterator[str]:
    words = reply.split(" ")
    for index, word in enumerate(words):
        token = word if index == len(words) - 1 else word + " "
        chunk = {
            "id": "fake-1",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": model,
            "choices": [{"index": 0, "delta": {"content": token}, "finish_reason": None}],
        }
        yield f"data: {json.dumps(chunk)}\n\n"
    done = {
        "id": "fake-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
    }
    yield f"data: {json.dumps(done)}\n\n"
    yield "data: [DONE]\n\n"
