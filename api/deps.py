"""What routes depend on, declared once as Annotated aliases: the services, and the caller
with the scope a route needs (API keys: see assistant/keys.py; who the caller is, is settled
by api/gate.py before the app reads the request body)."""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import Headers
from starlette.types import Scope

from api.limits import RateLimiter
from assistant.archive import Archive
from assistant.errors import AuthenticationError, PermissionDeniedError, RateLimitedError
from assistant.keys import Caller, KeyStore
from assistant.llm import ChatModel
from assistant.settings import Settings

__all__ = [
    "ArchiveDep",
    "Needs",
    "Reader",
    "Services",
    "ServicesDep",
    "SettingsDep",
    "Writer",
    "caller",
    "identify",
    "is_loopback",
]

PUBLIC = Caller(name="public", scopes=frozenset({"read"}))
# headers a reverse proxy adds: their presence means the connection is not the client's own
_FORWARDING = ("forwarded", "x-forwarded-for", "x-real-ip")


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
    # requests without a valid key, per address: a guesser is slowed down, and so is anyone
    # who tries to tie the server up with refused requests
    failures: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.failures = RateLimiter(self.settings.auth_failures_per_minute)


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
    """Who is asking, as the gate found out (it runs before any route that `Needs` a scope)."""
    who = getattr(request.state, "caller", None)
    return who if isinstance(who, Caller) else identify(services, request.scope)


def identify(services: Services, scope: Scope) -> Caller:
    """The owner of the request's key, or the public where keys are not needed; counts the
    request against the caller's rate limit (and a refused one against its address's)."""
    settings = services.settings
    headers = Headers(scope=scope)
    address = scope["client"][0] if scope.get("client") else "unknown"
    wait = services.failures.retry_after(address, count=False)
    if wait:
        raise RateLimitedError(wait)
    header = headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        found = services.keys.verify(token.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            services.failures.retry_after(address)
            raise AuthenticationError(
                "the API key is not valid: send `Authorization: Bearer KEY` with a key from "
                "`referat keys create NAME --scope read`"
            )
        who, identity = found, f"key:{found.name}"
    elif settings.public_read or (settings.local_read and _local(settings, address, headers)):
        who, identity = PUBLIC, f"addr:{address}"
    else:
        services.failures.retry_after(address)
        raise AuthenticationError(
            "this API needs a key: send `Authorization: Bearer KEY` (an administrator "
            "creates one with `referat keys create NAME --scope read`)"
        )
    wait = services.limiter.retry_after(identity)
    if wait:
        raise RateLimitedError(wait)
    return who


def is_loopback(host: str) -> bool:
    """Is this address (or `localhost`) this machine's own loopback?"""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _local(settings: Settings, address: str, headers: Headers) -> bool:
    """A request from the owner's own machine to a server only it can reach."""
    if not (is_loopback(settings.host) and is_loopback(address)):
        return False
    if any(name in headers for name in _FORWARDING):
        # a reverse proxy on this machine: the client is elsewhere, whatever the address says
        return False
    # a web page whose name an attacker points at 127.0.0.1 (DNS rebinding) sends its own
    # name as Host: only our own names count as this machine
    host = headers.get("host", "")
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host.rpartition("]")[0] or host
    return is_loopback(name)


class Needs:
    """A route's need for a caller with one scope; the gate checks it before the body is read."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def __call__(self, who: Annotated[Caller, Depends(caller)]) -> Caller:
        self.check(who)
        return who

    def check(self, who: Caller) -> None:
        if not who.may(self.scope):
            raise PermissionDeniedError(
                f"this needs the {self.scope!r} scope, which the key {who.name!r} does not have"
            )


Reader = Annotated[Caller, Depends(Needs("read"))]
Writer = Annotated[Caller, Depends(Needs("write"))]
