"""Watch webhooks: what matched a watch, POSTed as JSON to the URL its owner gave.

Each delivery is signed: `X-Referat-Signature-256: sha256=HEX`, the HMAC-SHA256 of the body
with the watch's secret (shown once, when the watch is made). A failed call is retried with
backoff within the run (tenacity); what still fails stays pending and goes out after the next
ingest, up to GIVE_UP_AFTER runs. A run never takes longer than `webhook_budget` seconds.

Only http(s) URLs whose host resolves to public addresses are called, unless
`webhook_private_targets` allows loopback and private ones (SSRF): the check runs when the
watch is made and again before every call, and redirects are not followed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from tenacity import (
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential,
    wait_random,
)

from assistant.errors import ReferatError, WebhookTargetError
from assistant.keys import KeyRecord
from assistant.locks import held
from assistant.model import Citation
from assistant.settings import Settings
from assistant.watches import Watch, WatchHit, WatchStore, audience

__all__ = ["SIGNATURE", "Deliveries", "check_target", "citation_fields", "deliver", "sign"]

log = logging.getLogger(__name__)

SIGNATURE = "X-Referat-Signature-256"
ATTEMPTS = 3  # per run
GIVE_UP_AFTER = 20  # runs
BATCH = 100  # items per POST
USER_AGENT = "Referat/0.1 (watch webhook)"


class _Retryable(Exception):
    """A status worth asking again for (408, 429, 5xx)."""


@dataclass
class Deliveries:
    sent: int = 0  # items delivered
    failed: int = 0  # items left pending


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for a body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def check_target(url: str, allow_private: bool) -> None:
    """Refuse a webhook URL Referat may not call (WebhookTargetError says why)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookTargetError(url, "only http:// and https:// URLs with a host can be called")
    if parts.username or parts.password:
        raise WebhookTargetError(
            url, "put no credentials in the URL: the signature header tells Referat's calls apart"
        )
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as error:
        raise WebhookTargetError(url, f"the host cannot be resolved ({error}): check it") from error
    for *_, address in found:
        ip = ipaddress.ip_address(str(address[0]).split("%")[0])
        mapped = getattr(ip, "ipv4_mapped", None)
        if not (mapped or ip).is_global:
            raise WebhookTargetError(
                url,
                f"the host is a loopback, private or reserved address ({ip}): only public "
                "receivers are called unless REFERAT_WEBHOOK_PRIVATE_TARGETS=true",
            )


def citation_fields(citation: Citation) -> dict[str, Any]:
    """A citation as the API's JSON has it (DESIGN.md's CITATION, plus `item_id`)."""
    ref = citation.ref
    fields = {k: v for k, v in ref.fields().items() if k != "meeting_id"}
    fields["meeting_date"] = ref.meeting_date.isoformat() if ref.meeting_date else None
    return {**fields, "section": citation.section, "page": citation.page, "quote": citation.quote}


def _link(settings: Settings, path: str) -> str:
    return (settings.public_url or "").rstrip("/") + path


def _payload(settings: Settings, watch: Watch, hits: list[WatchHit]) -> bytes:
    body = {
        "watch": {
            "id": watch.id,
            "query": watch.query,
            "filters": watch.filters.model_dump(mode="json"),
            "hits": _link(settings, f"/v1/watches/{watch.id}/hits"),
        },
        "sent": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "items": [
            {
                "entry": hit.entry,
                "recorded": hit.recorded.isoformat(),
                "link": _link(settings, f"/v1/items/{hit.citation.ref.item_id}"),
                "citation": citation_fields(hit.citation),
            }
            for hit in hits
        ],
    }
    return json.dumps(body, ensure_ascii=False).encode()


def _post(client: httpx.Client, watch: Watch, body: bytes, deadline: float) -> None:
    assert watch.webhook_url and watch.webhook_secret
    headers = {
        "Content-Type": "application/json",
        SIGNATURE: sign(watch.webhook_secret, body),
        "X-Referat-Watch": watch.id,
        "X-Referat-Delivery": uuid.uuid4().hex,  # the same for every retry of one delivery
    }
    retrying = Retrying(
        stop=stop_after_attempt(ATTEMPTS)
        | stop_before_delay(max(0.0, deadline - time.monotonic())),
        wait=wait_exponential(multiplier=0.5, max=4) + wait_random(0, 0.5),
        retry=retry_if_exception_type((httpx.TransportError, _Retryable)),
        reraise=True,
    )
    for attempt in retrying:
        with attempt:
            response = client.post(watch.webhook_url, content=body, headers=headers)
            if response.status_code in (408, 429) or response.status_code >= 500:
                raise _Retryable(f"the receiver answered {response.status_code}")
            if not response.is_success:
                raise httpx.HTTPStatusError(
                    f"the receiver answered {response.status_code}",
                    request=response.request,
                    response=response,
                )


def deliver(store: WatchStore, settings: Settings, keys: Sequence[KeyRecord]) -> Deliveries:
    """Send every watch's pending hits to its webhook, within the settings' time budget.
    Another process already delivering is left to it."""
    done = Deliveries()
    deadline = time.monotonic() + settings.webhook_budget
    hooked = [(w, audience(w, keys)) for w in store.watches() if w.webhook_url]
    if not hooked:
        return done
    with held(settings.data_dir, "webhooks.lock", wait=False) as mine:
        if not mine:
            return done
        timeout = httpx.Timeout(settings.webhook_timeout)
        with httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        ) as client:
            for watch, include_closed in hooked:
                if include_closed is not None:  # None: its key was revoked
                    _deliver_one(client, store, settings, watch, include_closed, deadline, done)
    return done


def _deliver_one(
    client: httpx.Client, store: WatchStore, settings: Settings, watch: Watch,
    include_closed: bool, deadline: float, done: Deliveries,
) -> None:  # fmt: skip
    while time.monotonic() < deadline:
        hits = store.pending(watch.id, include_closed, BATCH)
        if not hits:
            return
        entries = [hit.entry for hit in hits]
        try:
            assert watch.webhook_url is not None
            check_target(watch.webhook_url, settings.webhook_private_targets)
            _post(client, watch, _payload(settings, watch, hits), deadline)
        except (httpx.HTTPError, _Retryable, ReferatError) as error:
            log.warning(
                "webhook of watch %s failed (%s): %d item(s) go out after the next ingest",
                watch.id, error, len(hits),
            )  # fmt: skip
            store.mark_failed(watch.id, entries, GIVE_UP_AFTER)
            done.failed += len(hits)
            return
        store.mark_delivered(watch.id, entries)
        done.sent += len(hits)
