"""Which fonts a PDF uses and whether each is embedded (the self-test's check of a built report).

A font is embedded when its descriptor carries the font program (``/FontFile``, ``/FontFile2`` or
``/FontFile3``; for a composite ``/Type0`` font, that of its descendant); a ``/Type3`` font draws its
glyphs itself. The standard 14 fonts (Helvetica …) have no program in the file, so they count as not
embedded. Looked at: every page's resources, the form XObjects they use, and the annotations'
appearance streams (the signature stamps), recursively.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


@dataclass(frozen=True)
class PdfFonts:
    """The fonts of a PDF by their /BaseFont name: embedded ones and the others."""

    embedded: tuple[str, ...]
    not_embedded: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.embedded) and not self.not_embedded


def _get(holder: generic.DictionaryObject, key: str, default=None):
    """`holder[key]` dereferenced (pyHanko's `get` leaves indirect references as they are), else `default`."""
    if key not in holder:  # noqa: SIM401 - holder.get(key) would not dereference
        return default
    return holder[key]


def _is_embedded(font: generic.DictionaryObject) -> bool:
    if _get(font, "/Subtype") == "/Type3":
        return True
    if _get(font, "/Subtype") == "/Type0":
        descendants = _get(font, "/DescendantFonts")
        return bool(descendants) and all(_is_embedded(d.get_object()) for d in descendants)
    descriptor = _get(font, "/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in _PROGRAMS)


def _streams_of(page: generic.DictionaryObject):
    """The page, then the appearance streams of its annotations."""
    yield page
    for annot in _get(page, "/Annots") or ():
        appearance = _get(annot.get_object(), "/AP")
        if appearance is None:
            continue
        normal = _get(appearance.get_object(), "/N")
        if normal is None:
            continue
        normal = normal.get_object()
        if isinstance(normal, generic.StreamObject):
            yield normal
        elif isinstance(normal, generic.DictionaryObject):  # appearance states
            yield from (v.get_object() for v in normal.values())


def pdf_fonts(data: bytes) -> PdfFonts:
    """The fonts used in `data`; raises ValueError when it is not a readable PDF."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        pages = reader.root["/Pages"]
    except Exception as exc:  # noqa: BLE001 - pyHanko raises several kinds for a damaged file
        raise ValueError(f"not a readable PDF: {exc}") from exc
    fonts: dict[str, bool] = {}
    seen: set[int] = set()

    def visit(holder: generic.DictionaryObject) -> None:
        if id(holder) in seen:
            return
        seen.add(id(holder))
        resources = _get(holder, "/Resources")
        parent = holder
        while resources is None and _get(parent, "/Parent") is not None:  # inherited from the page tree
            parent = parent["/Parent"].get_object()
            resources = _get(parent, "/Resources")
        if resources is None:
            return
        resources = resources.get_object()
        for ref in (_get(resources, "/Font") or {}).values():
            font = ref.get_object()
            name = str(_get(font, "/BaseFont", "?")).lstrip("/")
            fonts[name] = fonts.get(name, True) and _is_embedded(font)
        for ref in (_get(resources, "/XObject") or {}).values():
            xobject = ref.get_object()
            if _get(xobject, "/Subtype") == "/Form":
                visit(xobject)

    def walk(node: generic.DictionaryObject) -> None:
        if _get(node, "/Type") == "/Pages":
            for kid in _get(node, "/Kids") or ():
                walk(kid.get_object())
            return
        for holder in _streams_of(node):
            visit(holder)

    walk(pages)
    embedded = tuple(sorted(name for name, ok in fonts.items() if ok))
    return PdfFonts(embedded, tuple(sorted(name for name, ok in fonts.items() if not ok)))
