"""The gate: who is asking, and may they, settled before the app reads a byte of the body.

FastAPI reads (and parses) a request's body before it runs a route's dependencies, so a key
checked only there is checked after a 50 MB upload has been taken in. The gate finds the route
first, and for a route that `Needs` a scope (api/deps.py) identifies the caller and checks the
scope; refusals go out as the same JSON as every other error, and the body is never read.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import Needs, Services, identify
from api.problems import refuse
from api.routing import route_of
from assistant.errors import AccessError

__all__ = ["Gate"]


class Gate:
    """ASGI middleware in front of the body limit: authenticate, then authorise, then read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        needs = _needs(route_of(scope)) if scope["type"] == "http" else ()
        if needs:
            services: Services = scope["app"].state.services
            try:
                who = identify(services, scope)
                for need in needs:
                    need.check(who)
            except AccessError as error:
                await refuse(error, scope, receive, send)
                return
            scope.setdefault("state", {})["caller"] = who
        await self.app(scope, receive, send)


def _needs(route: BaseRoute | None) -> tuple[Needs, ...]:
    """The scopes a route's dependencies ask for (none: the route is open to all)."""
    if not isinstance(route, APIRoute):
        return ()
    return tuple(d.call for d in _walk(route.dependant) if isinstance(d.call, Needs))


def _walk(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _walk(sub)
