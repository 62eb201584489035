"""What the commands print: plain text tables that line up with Chinese too, and `--json` documents."""

import json
import unicodedata


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain text table whose columns line up with Chinese text too."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def print_json(document: object) -> None:
    """One JSON document on stdout (SPEC §11), Chinese as itself."""
    print(json.dumps(document, ensure_ascii=False))
