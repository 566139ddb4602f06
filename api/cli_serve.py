"""`referat serve`: the HTTP API and the chat widget."""

from __future__ import annotations

import click

from api.cli import handle_errors
from assistant.settings import Settings

__all__ = ["serve"]


@click.command()
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@click.pass_obj
@handle_errors
def serve(settings: Settings, host: str | None, port: int | None) -> None:
    """Serve the HTTP API (/v1, OpenAPI at /docs) and the chat page at /."""
    import uvicorn

    from api.app import create_app

    host = host or settings.host
    port = port or settings.port
    click.echo(f"Referat on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
