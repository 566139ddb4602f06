"""Load generator for a running Referat server (not a test): concurrent clients, bounded.

    python bench/load.py [--url http://127.0.0.1:8000] [--clients 50] [--seconds 60]
                         [--max-requests 100000] [--api-key KEY] [--pid SERVER_PID] [--smoke]
                         [--new-questions]

It starts nothing itself and only ever talks to a loopback address (127.0.0.0/8, ::1,
localhost). Each client loops over POST /v1/ask (40%), POST /v1/search (40%) and
GET /v1/meetings followed by GET /v1/meetings/{id} (20%), with the dev set's questions
(../shared/eval/dev.jsonl), until --seconds have passed or --max-requests were sent. The
server keeps the vectors of recent questions, so the dev set's 32 questions soon cost no
embedding; --new-questions makes every question one the server has not seen (a number is
appended), so every ask and search pays for its embedding: the worst case.

Prints one markdown table: requests, requests/s, p50/p95/p99 latency of the successful ones
(ms) and errors (non-2xx or exceptions) per operation, then the first error messages and,
with --pid, the server's resident memory (VmRSS) sampled every 5 s. Exit code 1 if any
request failed. The server's rate limit counts these requests too: start it with
REFERAT_RATE_LIMIT_PER_MINUTE set high enough, or expect 429s.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"
OPERATIONS = ("ask", "search", "meetings", "meeting")
MEMORY_EVERY = 5.0
KEEP_ERRORS = 5


def loopback_url(url: str) -> str:
    """The URL without a trailing slash, if its host is loopback; else SystemExit."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https"):
        raise SystemExit(f"--url must be http(s)://host:port, not {url!r}")
    if host != "localhost":
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise SystemExit(
                f"refusing {host!r}: this load generator only targets loopback "
                "(127.0.0.0/8, ::1, localhost)"
            )
    return url.rstrip("/")


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Request bodies for /v1/ask from the dev set: question and filters."""
    bodies: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                bodies.append({"question": row["q"], "filters": row.get("filters") or {}})
    if not bodies:
        raise SystemExit(f"no questions in {path}")
    return bodies


def percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Tally:
    """One operation's outcomes."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    def fail(self, message: str) -> None:
        self.errors += 1
        if len(self.messages) < KEEP_ERRORS:
            self.messages.append(message)


@dataclass
class Run:
    questions: list[dict[str, Any]]
    deadline: float
    max_requests: int
    new_questions: bool = False
    sent: int = 0
    meeting_ids: dict[str, None] = field(default_factory=dict)  # insertion-ordered set
    tallies: dict[str, Tally] = field(default_factory=lambda: {op: Tally() for op in OPERATIONS})

    def may_send(self) -> bool:
        """Counts a request against the budget; False once time or budget is used up."""
        if time.monotonic() >= self.deadline or self.sent >= self.max_requests:
            return False
        self.sent += 1
        return True


async def timed(
    run: Run, op: str, client: httpx.AsyncClient, method: str, path: str, **kw: Any
) -> httpx.Response | None:
    """One request, recorded under `op`; the response if it was 2xx."""
    tally = run.tallies[op]
    started = time.perf_counter()
    try:
        response = await client.request(method, path, **kw)
    except httpx.HTTPError as error:
        tally.fail(f"{type(error).__name__}: {error}"[:200])
        return None
    elapsed = 1000 * (time.perf_counter() - started)
    if not response.is_success:
        tally.fail(f"{method} {path} -> {response.status_code} {response.text[:150]}")
        return None
    tally.latencies_ms.append(elapsed)
    return response


async def client_loop(run: Run, client: httpx.AsyncClient, rng: random.Random) -> None:
    while True:
        roll = rng.random()
        body = rng.choice(run.questions)
        if run.new_questions:
            body = {**body, "question": f"{body['question']} ({run.sent})"}
        if roll < 0.4:
            if not run.may_send():
                return
            await timed(run, "ask", client, "POST", "/v1/ask", json=body)
        elif roll < 0.8:
            if not run.may_send():
                return
            query = {"query": body["question"], "filters": body["filters"], "top_k": 5}
            await timed(run, "search", client, "POST", "/v1/search", json=query)
        else:
            if not run.may_send():
                return
            page = await timed(
                run, "meetings", client, "GET", "/v1/meetings",
                params={"limit": 20, "offset": rng.choice([0, 0, 20])},
            )  # fmt: skip
            if page is not None:
                for listed in page.json().get("meetings", []):
                    run.meeting_ids[str(listed["id"])] = None
            if run.meeting_ids and run.may_send():
                meeting = rng.choice(list(run.meeting_ids))
                await timed(run, "meeting", client, "GET", f"/v1/meetings/{meeting}")


def rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # kB
    return None


async def sample_memory(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    while True:
        value = rss_mb(pid)
        if value is not None:
            samples.append(value)
        try:
            await asyncio.wait_for(stop.wait(), timeout=MEMORY_EVERY)
        except TimeoutError:
            continue
        value = rss_mb(pid)  # one last sample at the end
        if value is not None:
            samples.append(value)
        return


def report(run: Run, seconds: float, args: argparse.Namespace, memory: list[float]) -> str:
    lines = [
        f"Load on {args.url}: {args.clients} clients, {seconds:.1f} s, {run.sent} requests"
        f" (cap {args.max_requests}).",
        "",
        "| operation | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    everything = Tally()
    for op in OPERATIONS:
        tally = run.tallies[op]
        everything.latencies_ms += tally.latencies_ms
        everything.errors += tally.errors
        lines.append(row(op, tally, seconds))
    lines.append(row("**all**", everything, seconds))
    messages = [(op, m) for op in OPERATIONS for m in run.tallies[op].messages]
    if messages:
        lines += ["", "First errors:"]
        lines += [f"- {op}: {message}" for op, message in messages[: 2 * KEEP_ERRORS]]
        if any(" -> 429 " in m for _, m in messages):
            lines.append(
                "  (429: raise the server's REFERAT_RATE_LIMIT_PER_MINUTE for a load test)"
            )
        if any(" -> 401 " in m or " -> 403 " in m for _, m in messages):
            lines.append(
                "  (401/403: pass --api-key, or start the server with REFERAT_PUBLIC_READ=1)"
            )
    if args.pid is not None:
        if memory:
            lines += [
                "",
                f"Server RSS (pid {args.pid}, every {MEMORY_EVERY:.0f} s, {len(memory)} samples):"
                f" start {memory[0]:.0f} MB, max {max(memory):.0f} MB, end {memory[-1]:.0f} MB"
                f" ({', '.join(f'{m:.0f}' for m in memory)}).",
            ]
        else:
            lines += ["", f"Server RSS: /proc/{args.pid}/status could not be read."]
    return "\n".join(lines)


def row(name: str, tally: Tally, seconds: float) -> str:
    ordered = sorted(tally.latencies_ms)
    rate = tally.requests / seconds if seconds > 0 else 0.0
    p50, p95, p99 = (percentile(ordered, q) for q in (0.50, 0.95, 0.99))
    return (
        f"| {name} | {tally.requests} | {rate:.1f} | {p50:.0f} | {p95:.0f} | {p99:.0f}"
        f" | {tally.errors} |"
    )


async def main_async(args: argparse.Namespace) -> int:
    questions = load_questions(args.questions)
    headers = {"Authorization": f"Bearer {args.api_key}"} if args.api_key else {}
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(
        base_url=args.url,
        headers=headers,
        limits=limits,
        timeout=httpx.Timeout(args.timeout),
        follow_redirects=False,  # never leave the loopback host
    ) as client:
        try:
            health = await client.get("/v1/meetings", params={"limit": 1})
        except httpx.HTTPError as error:
            print(f"cannot reach {args.url}: {error}", file=sys.stderr)
            return 2
        if health.status_code in (401, 403):
            print(
                f"{args.url} answers {health.status_code}: pass --api-key, or start the server"
                " with REFERAT_PUBLIC_READ=1",
                file=sys.stderr,
            )
            return 2
        started = time.monotonic()
        run = Run(
            questions, started + args.seconds, args.max_requests, new_questions=args.new_questions
        )
        memory: list[float] = []
        stop = asyncio.Event()
        sampler = (
            asyncio.create_task(sample_memory(args.pid, memory, stop))
            if args.pid is not None
            else None
        )
        await asyncio.gather(
            *(client_loop(run, client, random.Random(n)) for n in range(args.clients))
        )
        elapsed = time.monotonic() - started
        stop.set()
        if sampler is not None:
            await sampler
    print(report(run, elapsed, args, memory))
    return 1 if any(t.errors for t in run.tallies.values()) else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="loopback only")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=100_000, help="hard cap, all clients")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--api-key", default=None, help="sent as Authorization: Bearer")
    parser.add_argument("--pid", type=int, default=None, help="server pid: sample its VmRSS")
    parser.add_argument("--questions", type=Path, default=DEV_SET)
    parser.add_argument("--smoke", action="store_true", help="5 clients for 5 seconds")
    parser.add_argument(
        "--new-questions", action="store_true", help="every question unseen (worst case)"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.clients, args.seconds = 5, 5.0
    if not (1 <= args.clients <= 1000 and 0 < args.seconds <= 3600 and args.max_requests >= 1):
        parser.error("need 1 ≤ --clients ≤ 1000, 0 < --seconds ≤ 3600, --max-requests ≥ 1")
    args.url = loopback_url(args.url)
    return args


def main() -> None:
    sys.exit(asyncio.run(main_async(parse_args())))


if __name__ == "__main__":
    main()
