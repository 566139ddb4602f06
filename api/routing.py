"""Which route a request is for, known before the app reads it: the gate, the body limit and
the access log all ask, so it is matched once per request."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fastapi import params
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

__all__ = ["route_of", "takes_files", "template"]

_KEY = "referat.route"


def route_of(scope: Scope) -> BaseRoute | None:
    """The app's route for this request, as its router will choose it (None: no route)."""
    if _KEY not in scope:
        found: BaseRoute | None = None
        for route in _routes(scope["app"].router.routes):
            match, _ = route.matches(scope)
            if match is Match.FULL:
                found = route
                break
            if match is Match.PARTIAL and found is None:
                found = route  # the path is right, the method is not: the app answers 405
        scope[_KEY] = found
    chosen: BaseRoute | None = scope[_KEY]
    return chosen


def _routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """The routes themselves: newer FastAPI keeps an included router whole (its routes carry
    the router's prefix already; this app includes none under a further prefix)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)
        else:
            yield route


def template(scope: Scope) -> str:
    """The route's path pattern (`/v1/cases/{case_number}`), never the values sent in it."""
    route = scope.get(_KEY)
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "(no route)"


def takes_files(route: BaseRoute | None) -> bool:
    """Does the route take an uploaded file (and so the upload limit, not the JSON one)?"""
    if not isinstance(route, APIRoute):
        return False
    return any(isinstance(p.field_info, params.File) for p in route.dependant.body_params)
