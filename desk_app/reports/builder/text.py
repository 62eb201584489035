"""The builder's plain-text and file helpers, free of any PDF layout: translating in a given language,
escaping user text, printing values, fingerprints and the atomic write. Report rows and the reports
service use them too."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from desk_app import i18n


def translate(language: str, text: str, /, **values: object) -> str:
    """`desk_app.i18n.t` for a given language, without touching the application's current language."""
    return i18n.translate(language, text, **values)


def escape_text(text: object) -> str:
    """User text as Paragraph markup that prints literally: <, >, & escaped, newlines as <br/>."""
    s = "" if text is None else str(text)
    s = escape(s.replace("\r\n", "\n").replace("\r", "\n"))
    return s.replace("\n", "<br/>")


def format_value(value: object) -> str:
    """How a plain value prints in a cell: dates ISO, datetimes to the minute, floats with 2 decimals."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_sha256(figures: Any) -> str:
    """SHA-256 of data in a canonical JSON form; one way to fingerprint a report's frozen figures."""
    text = json.dumps(figures, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return sha256_hex(text.encode("utf-8"))


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to a temp file next to `path`, fsync, then rename over it: never half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
