"""GET /docs: Swagger UI over /openapi.json, served from this server (the swagger-ui-bundle-v2
package ships its files), so the docs work offline and run under the pages' CSP."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, Response

from assistant.errors import NotFoundError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

ASSETS = Path(str(swagger_ui_bundle.swagger_ui_path))
SERVED = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Referat – API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
"""

# in a file of its own, not inline: the CSP runs no inline script
INIT = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
"""


@router.get("/docs")
def docs_page() -> HTMLResponse:
    return HTMLResponse(PAGE)


@router.get("/docs/init.js")
def docs_init() -> Response:
    return Response(INIT, media_type="text/javascript")


@router.get("/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    if name not in SERVED:
        raise NotFoundError(f"no docs asset {name!r}: the docs page is at /docs")
    return FileResponse(ASSETS / name)
