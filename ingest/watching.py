"""After an ingest: record what the watches follow, then call their webhooks.

The pipeline calls `after_ingest` once a batch is stored (and any write lock is released).
It never fails an ingest: a damaged watches file or a receiver that is down is logged, and
the next ingest catches up (matching picks up every document the watches have not seen).
An archive where no watch was ever made pays one file-exists check.
"""

from __future__ import annotations

import logging
import time

from assistant.archive import Archive
from assistant.errors import ReferatError
from assistant.keys import KeyRecord, KeyStore
from assistant.watch_matching import MatchReport, match
from assistant.watches import WatchStore
from assistant.webhooks import Deliveries, deliver

__all__ = ["after_ingest", "owners"]

log = logging.getLogger(__name__)


def owners(archive: Archive) -> list[KeyRecord]:
    """The API keys as they are now (a watch's owner may have lost a scope since)."""
    store = KeyStore(archive.settings.data_dir, create=False)
    try:
        return store.list()
    finally:
        store.close()


def after_ingest(archive: Archive) -> tuple[MatchReport, Deliveries] | None:
    """Match the watches against what is new, then deliver; None when there are no watches
    or they could not be read (logged)."""
    data_dir = archive.settings.data_dir
    if not WatchStore.exists(data_dir):
        return None
    started = time.perf_counter()
    try:
        keys = owners(archive)
        with WatchStore(data_dir) as store:
            found = match(archive, store, keys)
            matched = time.perf_counter()
            sent = deliver(store, archive.settings, keys)
    except ReferatError as error:
        log.error("watches were not updated after this ingest: %s", error)
        return None
    except Exception:
        # the documents are stored whatever happened here: a bug in matching must not turn
        # a good ingest into a failed one; the next ingest tries the watches again
        log.exception("watches were not updated after this ingest (a bug: please report it)")
        return None
    log.debug(
        "watches: matched in %.2f s, delivered in %.2f s",
        matched - started, time.perf_counter() - matched,
    )  # fmt: skip
    return found, sent
