"""`serve(settings, host, port)`: run the web app under uvicorn (what `roledex serve` calls)."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

from roledex.errors import StoreError
from roledex.settings import Settings


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, *, workers: int = 1) -> None:
    """Serve the pages and the API at http://host:port until interrupted.

    Raises StoreError when there is no database at `settings.db_path` (ingest first). With `workers` > 1,
    uvicorn runs that many processes (each with its own caches), configured through ROLEDEX_* variables.
    """
    import uvicorn

    from roledex.web.app import create_app

    if not Path(settings.db_path).is_file():
        raise StoreError(
            f"no database at {settings.db_path}",
            hint=f"ingest data first: roledex ingest ../shared/data --db {settings.db_path}",
        )
    print(
        f"roledex is serving {settings.db_path} at http://{host}:{port}/ (API reference: /docs)", flush=True
    )
    if workers <= 1:
        uvicorn.run(
            create_app(settings, warm=True), host=host, port=port, log_level="warning", access_log=False
        )
        return
    os.environ["ROLEDEX_DB"] = str(settings.db_path)
    if settings.admin_token:
        os.environ["ROLEDEX_ADMIN_TOKEN"] = settings.admin_token
    extra: dict[str, object] = {}
    if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:  # uvicorn >= 0.31
        # a worker busy with its first charts (vl-convert starting up holds the GIL for seconds) is not dead
        extra["timeout_worker_healthcheck"] = 120
    uvicorn.run(
        "roledex.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        **extra,  # type: ignore[arg-type]
    )
