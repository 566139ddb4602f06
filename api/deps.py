"""What routes depend on, declared once as Annotated aliases: the services, and the caller
with the scope a route needs (API keys: see assistant/keys.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from api.limits import RateLimiter
from assistant.archive import Archive
from assistant.errors import AuthenticationError, PermissionDeniedError, RateLimitedError
from assistant.keys import Caller, KeyStore
from assistant.llm import ChatModel
from assistant.settings import Settings

__all__ = [
    "ArchiveDep",
    "Reader",
    "Services",
    "ServicesDep",
    "SettingsDep",
    "Writer",
    "caller",
]

PUBLIC = Caller(name="public", scopes=frozenset({"read"}))


@dataclass
class Services:
    """Everything the app holds for its lifetime (one per app, no globals)."""

    settings: Settings
    archive: Archive
    keys: KeyStore
    limiter: RateLimiter
    chat_model: ChatModel | None = None
    # one writer at a time: uploads and deletes replace whole documents
    write_lock: threading.Lock = field(default_factory=threading.Lock)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_archive(services: ServicesDep) -> Archive:
    return services.archive


def get_settings(services: ServicesDep) -> Settings:
    return services.settings


ArchiveDep = Annotated[Archive, Depends(get_archive)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def caller(request: Request, services: ServicesDep) -> Caller:
    """Who is asking: the owner of a valid key, or the public (when public read is on)."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        found = services.keys.verify(token.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise AuthenticationError(
                "the API key is not valid: send `Authorization: Bearer KEY` with a key from "
                "`referat keys create NAME --scope read`"
            )
        who, identity = found, f"key:{found.name}"
    elif services.settings.public_read:
        host = request.client.host if request.client else "unknown"
        who, identity = PUBLIC, f"addr:{host}"
    else:
        raise AuthenticationError(
            "this API needs a key: send `Authorization: Bearer KEY` (an administrator "
            "creates one with `referat keys create NAME --scope read`)"
        )
    wait = services.limiter.retry_after(identity)
    if wait:
        raise RateLimitedError(wait)
    return who


def _require(scope: str) -> Callable[[Caller], Caller]:
    def check(who: Annotated[Caller, Depends(caller)]) -> Caller:
        if not who.may(scope):
            raise PermissionDeniedError(
                f"this needs the {scope!r} scope, which the key {who.name!r} does not have"
            )
        return who

    return check


Reader = Annotated[Caller, Depends(_require("read"))]
Writer = Annotated[Caller, Depends(_require("write"))]
