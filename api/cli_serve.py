"""`referat serve`: the HTTP API and the chat widget."""

from __future__ import annotations

import os

import click

from api.cli_common import handle_errors
from assistant.errors import ConfigurationError
from assistant.settings import Settings

__all__ = ["serve"]

# Idle keep-alive connections are closed after this long. It must outlast the clients' own
# idle limit (httpx and many proxies: 5 s, nginx 75 s): when both are 5 s, a client may send
# on a connection in the instant the server closes it, and that request fails.
KEEP_ALIVE_SECONDS = 90


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

    host = host or settings.host
    port = port or settings.port
    click.echo(f"Referat on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    if workers == 1:
        from api.app import create_app

        uvicorn.run(
            create_app(settings), host=host, port=port, log_level="info",
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        )  # fmt: skip
        return
    if not settings.chroma_url:
        # embedded Chroma belongs to one process: several workers would each cache their own
        # copy of the index and miss each other's uploads
        raise ConfigurationError(
            "--workers above 1 needs a Chroma server: start `chroma run --path DIR --port 8001` "
            "and set REFERAT_CHROMA_URL=http://127.0.0.1:8001"
        )
    # each worker builds its app from the environment, so the data dir must be there too
    os.environ["REFERAT_DATA_DIR"] = str(settings.data_dir)
    uvicorn.run(
        "api.app:create_app", factory=True, host=host, port=port, workers=workers,
        log_level="info", timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )  # fmt: skip
