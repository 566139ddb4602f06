"""`referat serve`: the HTTP API and the chat widget."""

from __future__ import annotations

import copy
import os
from typing import Any

import click

from api.cli_common import handle_errors
from api.edge import ACCESS_LOG
from api.serving import access_line, server_options
from assistant.errors import ConfigurationError
from assistant.settings import Settings

__all__ = ["serve"]


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, with the app's access log (route patterns) in place of uvicorn's
    own (which writes every path and query string as sent)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"][ACCESS_LOG] = {"handlers": ["access"], "level": "INFO", "propagate": False}
    return config


@click.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes; more than one needs a Chroma server (REFERAT_CHROMA_URL).",
)
@click.pass_obj
@handle_errors
def serve(settings: Settings, host: str | None, port: int | None, workers: int) -> None:
    """Serve the HTTP API (/v1, OpenAPI at /docs) and the chat page at /."""
    import uvicorn

    # the app decides who reads without a key by the address it is served on
    settings = settings.model_copy(
        update={"host": host or settings.host, "port": port or settings.port}
    )
    if workers > 1 and not settings.chroma_url:
        # embedded Chroma belongs to one process: several workers would each cache their own
        # copy of the index and miss each other's uploads
        raise ConfigurationError(
            "--workers above 1 needs a Chroma server: start `chroma run --path DIR --port 8001` "
            "and set REFERAT_CHROMA_URL=http://127.0.0.1:8001"
        )
    from api.app import create_app

    # built before anything is printed: a missing or damaged archive stops here, in one line
    app = create_app(settings) if workers == 1 else None
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    base = f"http://{shown}:{settings.port}"
    click.echo(f"Referat on {base}/  (API docs: {base}/docs)")
    click.echo(access_line(settings))
    options: dict[str, Any] = {
        "host": settings.host, "port": settings.port, "log_level": "info",
        "log_config": _log_config(), "access_log": False, **server_options(settings),
    }  # fmt: skip
    if app is not None:
        uvicorn.run(app, **options)
        return
    # each worker builds its app from the environment, so what was chosen here goes there too
    os.environ["REFERAT_DATA_DIR"] = str(settings.data_dir)
    os.environ["REFERAT_HOST"] = settings.host
    os.environ["REFERAT_PORT"] = str(settings.port)
    uvicorn.run("api.app:create_app", factory=True, workers=workers, **options)
