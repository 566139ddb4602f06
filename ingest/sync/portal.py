"""One polite HTTP client for a FirstAgenda publication portal.

Every request has a timeout and is asked again, with growing waits, after a 429, a 5xx, a
timeout, a dropped connection or a cut-off JSON answer; a portal's Retry-After is honoured
(tenacity does the retrying). Instances that want an anonymous session cookie get one first.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import threading
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import tenacity

from assistant.errors import PortalError
from assistant.settings import Settings

__all__ = ["PortalClient", "PortalStopped", "normalise_url", "user_agent"]

log = logging.getLogger(__name__)

# answers worth asking again: the portal is busy or failed for a moment
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_SESSION_PATH = "/Home/AnonymousAuthentication"


def user_agent() -> str:
    """`Referat/<version>`, so a portal's operators can tell who is asking."""
    try:
        own = version("referat")
    except PackageNotFoundError:
        own = "dev"
    return f"Referat/{own} (municipal minutes archive; referat sync)"


def normalise_url(url: str) -> str:
    """The portal's base URL: scheme and host (and path prefix), no trailing slash."""
    text = url.strip()
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PortalError(url, "is not an http(s) URL: give it as https://dagsordener.example.dk")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


class PortalStopped(Exception):
    """The sync was asked to stop while a request waited to be asked again."""


class _Again(Exception):
    """An answer worth asking again; `retry_after` is the portal's own wait, if it said one."""

    def __init__(self, what: str, retry_after: float | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.retry_after = retry_after


class PortalClient:
    """Requests to one portal: `listing()`, `meeting(id)`, `document(id)`; thread-safe."""

    def __init__(
        self, url: str, settings: Settings, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.base = normalise_url(url)
        self.settings = settings
        self._client = httpx.Client(
            base_url=self.base,
            headers={"User-Agent": user_agent()},
            timeout=httpx.Timeout(settings.sync_timeout),
            limits=httpx.Limits(
                max_connections=settings.sync_concurrency,
                max_keepalive_connections=settings.sync_concurrency,
            ),
            follow_redirects=True,
            transport=transport,
        )
        self._stopping = threading.Event()
        self._session_lock = threading.Lock()
        self._session = False
        # doubling waits, with jitter so that several clients do not come back in step
        backoff = tenacity.wait_exponential(
            multiplier=settings.sync_backoff, max=settings.sync_max_wait
        ) + tenacity.wait_random(0, settings.sync_backoff)

        def wait(state: tenacity.RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            if isinstance(error, _Again) and error.retry_after is not None:
                return error.retry_after
            return float(backoff(state))

        self._retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception_type((_Again, httpx.TransportError)),
            wait=wait,
            stop=tenacity.stop_after_attempt(settings.sync_retries + 1),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def stop(self) -> None:
        """End waits between retries and requests in flight at once (Ctrl-C, a shutdown)."""
        self._stopping.set()
        self._client.close()  # a request waiting for a slow portal ends with an error now

    def listing(self) -> dict[str, Any]:
        """`udvalgsliste`: every committee with its meetings."""
        data = json.loads(self._get("/api/agenda/udvalgsliste", json_answer=True))
        if not isinstance(data, dict) or not isinstance(data.get("Udvalg"), dict):
            raise PortalError(
                self.base,
                "answered /api/agenda/udvalgsliste without a list of committees (Udvalg): "
                "check that the URL is a FirstAgenda publication portal",
            )
        return data

    def meeting(self, meeting_id: str) -> bytes:
        """One meeting's JSON, as served (checked to be JSON with agenda items)."""
        body = self._get(f"/api/agenda/dagsorden/{quote(meeting_id)}", json_answer=True)
        data = json.loads(body)
        if not isinstance(data, dict) or not isinstance(data.get("Dagsordenpunkter"), list):
            raise PortalError(
                self.base, f"served meeting {meeting_id} without agenda items (Dagsordenpunkter)"
            )
        return body

    def document(self, document_id: str) -> bytes:
        """The PDF of an attachment (`Bilag[].Id`)."""
        return self._get(f"/Vis/Pdf/bilag/{quote(document_id)}", json_answer=False)

    def _get(self, path: str, json_answer: bool) -> bytes:
        try:
            return self._retrying.copy()(self._get_once, path, json_answer)
        except _Again as error:
            raise PortalError(
                self.base,
                f"{error.what} for {path}, {self.settings.sync_retries + 1} times: try again "
                "later (the next sync asks for it again)",
            ) from error
        except httpx.TransportError as error:
            raise PortalError(
                self.base,
                f"could not be reached for {path} ({_transport_problem(error)}), "
                f"{self.settings.sync_retries + 1} times: check the URL and the network, "
                "or raise REFERAT_SYNC_TIMEOUT",
            ) from error

    def _get_once(self, path: str, json_answer: bool) -> bytes:
        try:
            response = self._request(path)
        except (httpx.TransportError, RuntimeError):
            if self._stopping.is_set():  # the client was closed under the request
                raise PortalStopped from None
            raise
        status = response.status_code
        if status in _RETRY_STATUS:
            wait = _retry_after(response.headers.get("retry-after"))
            if wait is not None and wait > self.settings.sync_max_wait:
                raise PortalError(
                    self.base,
                    f"asks Referat to wait {wait:.0f} s before asking again (Retry-After), "
                    f"longer than REFERAT_SYNC_MAX_WAIT ({self.settings.sync_max_wait:g} s): "
                    "sync later",
                )
            raise _Again(f"answered {status}", wait)
        if status == 404:
            raise PortalError(self.base, f"does not serve {path} (404): it may have been removed")
        if status >= 400:
            raise PortalError(self.base, f"refused {path} ({status}): check the URL")
        body = response.content
        if json_answer:
            try:
                json.loads(body)
            except (ValueError, RecursionError) as error:
                # a cut-off answer (a dropped connection behind a proxy) is worth asking again
                raise _Again("sent JSON that is cut off or invalid") from error
        return body

    def _request(self, path: str) -> httpx.Response:
        if self._stopping.is_set():
            raise PortalStopped
        response = self._client.get(path)
        if self._wants_session(response):
            self._open_session()
            response = self._client.get(path)
        return response

    def _wants_session(self, response: httpx.Response) -> bool:
        """Some instances answer without their anonymous session cookie with 401/403 or a
        redirect to the page that sets it."""
        if self._session:
            return False
        redirected = any(_SESSION_PATH.lower() in str(r.url).lower() for r in response.history)
        return response.status_code in (401, 403) or redirected

    def _open_session(self) -> None:
        with self._session_lock:
            if self._session:
                return
            callback = quote(f"{self.base}/", safe="")
            response = self._client.get(f"{_SESSION_PATH}?callback={callback}")
            self._session = True
            log.info("opened an anonymous session at %s (%d)", self.base, response.status_code)

    def _sleep(self, seconds: float) -> None:
        if self._stopping.wait(seconds):
            raise PortalStopped

    def _log_retry(self, state: tenacity.RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        what = error.what if isinstance(error, _Again) else _transport_problem(error)
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning(
            "%s %s; asking again in %.1f s (attempt %d)",
            self.base,
            what,
            wait,
            state.attempt_number + 1,
        )


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _transport_problem(error: BaseException | None) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "no answer within REFERAT_SYNC_TIMEOUT"
    return type(error).__name__ if error is not None else "no answer"
