"""Watches over HTTP: save a query, list and remove them, read what matched, as JSON or Atom.

A watch belongs to the API key that made it: keyless callers (a public chat page) are asked
for one. The feed is read with the watch's own token in the URL, not with the key: feed
readers and Outlook cannot send headers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import PUBLIC, Reader, ServicesDep
from api.schemas import ERRORS
from api.watch_feed import atom
from api.watch_schemas import (
    HitsPage,
    WatchCreated,
    WatchHitPublic,
    WatchList,
    WatchPublic,
    WatchRequest,
)
from assistant.errors import AuthenticationError, NotFoundError, RateLimitedError
from assistant.question import with_context
from assistant.watches import Watch, WatchStore, audience, key_owner
from assistant.webhooks import check_target

__all__ = ["router"]

router = APIRouter(prefix="/v1", responses=ERRORS, tags=["watches"])

ATOM = "application/atom+xml"


def _store(services: ServicesDep) -> Iterator[WatchStore]:
    store = WatchStore(services.settings.data_dir)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[WatchStore, Depends(_store)]


def _owner(who: Reader) -> str:
    """The owner of the caller's watches: its key (the keyless public is no one)."""
    if who is PUBLIC:
        raise AuthenticationError(
            "watches belong to an API key: send `Authorization: Bearer KEY` (an administrator "
            "creates one with `referat keys create NAME --scope read`)"
        )
    return key_owner(who.name)


Owner = Annotated[str, Depends(_owner)]


def _public(watch: Watch, services: ServicesDep) -> WatchPublic:
    return WatchPublic.of(watch, bool(audience(watch, services.keys.list())))


def _base(services: ServicesDep, request: Request) -> str:
    return services.settings.public_url or str(request.base_url)


@router.post("/watches", response_model=WatchCreated, status_code=201, summary="Follow a query")
def create_watch(
    body: WatchRequest, services: ServicesDep, store: StoreDep, who: Reader, owner: Owner,
    request: Request,
) -> WatchCreated:  # fmt: skip
    """After every ingest or sync, the new or changed items that match the query (as search
    ranks them, where ask would answer from them) are recorded. Closed items only if the key
    may see them, now and when they come. Read them at `/hits`, in the Atom feed, or receive
    them at `webhook_url`."""
    if body.webhook_url:
        check_target(body.webhook_url, services.settings.webhook_private_targets)
    versions = [(d.source, d.sha256) for d in services.archive.catalog.documents()]
    closed = who.sees_closed
    query = with_context(body.query, body.previous)  # a follow-up borrows its topic, as in ask
    watch, token = store.create(owner, query, body.filters, closed, versions, body.webhook_url)
    feed = f"{_base(services, request).rstrip('/')}/v1/watches/{watch.id}/feed.atom?token={token}"
    return WatchCreated(
        watch=WatchPublic.of(watch, closed), feed_url=feed, webhook_secret=watch.webhook_secret
    )


@router.get("/watches", response_model=WatchList, summary="The key's watches")
def list_watches(services: ServicesDep, store: StoreDep, owner: Owner) -> WatchList:
    return WatchList(watches=[_public(w, services) for w in store.watches(owner)])


@router.get("/watches/{watch_id}", response_model=WatchPublic, summary="One watch")
def get_watch(watch_id: str, services: ServicesDep, store: StoreDep, owner: Owner) -> WatchPublic:
    return _public(store.watch(watch_id, owner), services)


@router.delete("/watches/{watch_id}", status_code=204, summary="Stop following a query")
def delete_watch(watch_id: str, store: StoreDep, owner: Owner) -> Response:
    """The watch and its recorded hits are removed; its feed and webhook stop."""
    store.delete(watch_id, owner)
    return Response(status_code=204)


@router.get("/watches/{watch_id}/hits", response_model=HitsPage, summary="What matched")
def watch_hits(
    watch_id: str,
    services: ServicesDep,
    store: StoreDep,
    owner: Owner,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> HitsPage:
    """New or changed items that matched, newest first, each cited as search cites it."""
    watch = store.watch(watch_id, owner)
    closed = bool(audience(watch, services.keys.list()))
    hits = store.hits(watch.id, closed, limit)
    return HitsPage(
        watch=WatchPublic.of(watch, closed), hits=[WatchHitPublic.of(hit) for hit in hits]
    )


@router.get(
    "/watches/{watch_id}/feed.atom",
    response_class=Response,
    responses={200: {"content": {ATOM: {"schema": {"type": "string"}}}}},
    summary="The watch's Atom feed",
)
def watch_feed(
    watch_id: str,
    token: Annotated[str, Query(max_length=200, description="The feed token from creation.")],
    services: ServicesDep,
    store: StoreDep,
    request: Request,
) -> Response:
    """Atom 1.0, one entry per hit (the latest 100): for feed readers and Outlook. No API
    key: the token in the URL (given once, when the watch was made) is the credential."""
    address = request.client.host if request.client else "unknown"
    wait = services.failures.retry_after(address, count=False)
    if wait:
        raise RateLimitedError(wait)
    watch = store.by_feed_token(watch_id, token)
    closed = audience(watch, services.keys.list()) if watch else None
    if watch is None or closed is None:
        services.failures.retry_after(address)  # a guesser is slowed down like a bad key
        raise NotFoundError(
            f"no watch {watch_id!r} with this token (or its key was revoked): use the feed URL "
            "given when the watch was made"
        )
    xml = atom(watch, store.hits(watch.id, closed), _base(services, request))
    return Response(xml, media_type=ATOM, headers={"Cache-Control": "private, max-age=60"})
