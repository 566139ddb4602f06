"""A real uvicorn server on a free loopback port, in a thread, for tests over HTTP."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI


@dataclass
class Server:
    """A running app's base URL and the keys made for it, by name."""

    url: str
    keys: dict[str, str]
    timeout: float = 60  # an upload that ingests waits for e5

    def client(self, key: str | None = None) -> httpx.Client:
        """A client sending the named key (none without a name)."""
        headers = {"Authorization": f"Bearer {self.keys[key]}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=self.timeout)


@contextmanager
def running(app: FastAPI, **options: Any) -> Iterator[str]:
    """Serve the app (with these uvicorn options, e.g. api.serving.server_options); yields its
    base URL; stops it afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", **options
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
