"""Settings, built once at the entry point (CLI or web app factory) and passed down; never read at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = Path("data/roledex.db")


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = DEFAULT_DB
    batch_size: int = 2000
    workers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    admin_token: str | None = None
    rejects_dir: Path | None = None  # default: <db dir>/rejects

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then ROLEDEX_* variables, then explicit overrides (CLI flags); None overrides are ignored."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if env.get("ROLEDEX_DB"):
            values["db_path"] = Path(env["ROLEDEX_DB"])
        if env.get("ROLEDEX_WORKERS"):
            values["workers"] = int(env["ROLEDEX_WORKERS"])
        if env.get("ROLEDEX_ADMIN_TOKEN"):
            values["admin_token"] = env["ROLEDEX_ADMIN_TOKEN"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db_path" in values:
            values["db_path"] = Path(str(values["db_path"]))
        return cls(**values)  # type: ignore[arg-type]

    @property
    def rejects_path(self) -> Path:
        return self.rejects_dir or self.db_path.parent / "rejects"
