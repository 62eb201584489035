"""Where the database lives by default, and the per-machine configuration file (R39)."""

import json
import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "desk-app"


def config_file() -> Path:
    return Path(user_config_dir(APP_NAME)) / "config.json"


def read_config() -> dict:
    try:
        return json.loads(config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_config(**values: object) -> None:
    """Merge `values` into the configuration file (written atomically)."""
    data = read_config() | values
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def default_db_path() -> Path:
    """The user's data directory (e.g. ~/.local/share/desk-app/desk.sqlite)."""
    return Path(user_data_dir(APP_NAME)) / "desk.sqlite"


def is_db_url(target: object) -> bool:
    """A postgresql:// URL (R39: a server database shared by workstations) rather than a file path."""
    return isinstance(target, str) and target.strip().lower().startswith(("postgresql://", "postgres://"))


def resolve_db_path(requested: str | None) -> Path | str:
    """`--db` if given, else $DESK_APP_DB, else the configured path, else the default.

    A PostgreSQL URL is returned as it is (a str); a file as a Path.
    """
    chosen = requested or os.environ.get("DESK_APP_DB") or read_config().get("db_path")
    if is_db_url(chosen):
        return chosen.strip()
    return Path(chosen).expanduser() if chosen else default_db_path()
