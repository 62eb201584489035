"""Signing a PDF report: one visible PAdES signature per call, added as an incremental update.

pyHanko does all the PDF and CMS work. The update is incremental so a reviewer's signature stays
valid when the approver signs after them. The stamp is a short text (name and role, time,
"digital signature") in a CJK TrueType font. Before pyHanko's OpenType engine gets the font, fontTools
takes the first face out of a collection (.ttc, e.g. WenQuanYi Micro Hei: pyHanko reads single fonts
only), cuts it down to the stamp's characters (signing stays quick, the update small) and scales it
to 1000 units per em (see `_stamp_font_bytes`).
"""

from __future__ import annotations

import functools
import io
import os
from dataclasses import dataclass
from datetime import UTC, datetime

from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont, TTLibError
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from desk_app.errors import ValidationError
from desk_app.i18n import t
from desk_app.signing import pki

#: Stamp text size and line distance in points: three lines fit a box 31 points high.
STAMP_FONT_SIZE = 8
STAMP_LEADING = 9
#: Font tables a stamp does not need (FontForge's time stamp makes fontTools' subsetter complain).
_DROPPED_TABLES = ("FFTM",)
_ASCII = "".join(chr(code) for code in range(0x20, 0x7F))


@dataclass(frozen=True)
class StampBox:
    """Where the visible signature goes: a page (0-based) and a rectangle in PDF points (lower left, upper right)."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


class _StampFont(FontEngineFactory):
    """pyHanko font engine factory for a font in memory (GlyphAccumulatorFactory takes a path, and no .ttc face)."""

    def __init__(self, font_bytes: bytes, font_size: int):
        self.font_bytes = font_bytes
        self.font_size = font_size

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(writer, io.BytesIO(self.font_bytes), self.font_size, obj_stream=obj_stream)


@functools.lru_cache(maxsize=4)
def _face_bytes(path: str, mtime_ns: int) -> bytes:
    """The first face of a font file as a stand-alone TrueType/OpenType font (cached: a CJK font is megabytes)."""
    with open(path, "rb") as handle:
        is_collection = handle.read(4) == b"ttcf"
    font = TTFont(path, fontNumber=0 if is_collection else -1, lazy=True)
    for tag in _DROPPED_TABLES:
        if tag in font:
            del font[tag]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=64)
def _stamp_font_bytes(path: str, mtime_ns: int, chars: str) -> bytes:
    """The font cut down to printable ASCII and `chars` and scaled to 1000 units per em.

    The cut keeps shaping and embedding quick (a CJK font has tens of thousands of glyphs); the scale is
    needed because pyHanko writes the font's advance widths into the PDF's /W array unscaled, which is
    right only for 1000 units per em: a TrueType font with 2048 (WenQuanYi) would be spaced out twice as wide.
    """
    font = TTFont(io.BytesIO(_face_bytes(path, mtime_ns)), lazy=True)  # lazy: 0.3 s instead of 0.6 s
    options = ft_subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text=_ASCII + chars)
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_factory(font_path: str | None, text: str) -> FontEngineFactory | None:
    """The font engine for the stamp; None means pyHanko's built-in Courier (ASCII only)."""
    if font_path is None:
        return None
    try:
        mtime_ns = os.stat(font_path).st_mtime_ns
        chars = "".join(sorted(set(text) - set(_ASCII) - {"\n"}))  # same people, same font: a cache hit
        return _StampFont(_stamp_font_bytes(font_path, mtime_ns, chars), STAMP_FONT_SIZE)
    except (OSError, TTLibError, AssertionError, KeyError, ValueError) as exc:
        raise ValidationError(t("The font for the signature stamp cannot be read: {path}", path=font_path)) from exc


def _stamp_style(stamp_lines: list[str], font_path: str | None) -> TextStampStyle:
    """Left-aligned lines with a thin border and no background picture, shrunk if they do not fit the box."""
    text = "\n".join(stamp_lines)
    font = _font_factory(font_path, text)
    if font is None:  # Courier speaks WinAnsi only; anything else would come out as mojibake
        text = text.encode("cp1252", "replace").decode("cp1252")
    text_box = TextBoxStyle(
        font_size=STAMP_FONT_SIZE,
        leading=STAMP_LEADING,
        box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=3, right=3, top=1, bottom=3),  # room for the last line's descenders
        ),
        **({"font": font} if font is not None else {}),
    )
    return TextStampStyle(
        stamp_text=text.replace("%", "%%"),  # the stamp text is a %-template
        text_box_style=text_box,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID
        ),
        border_width=1,
        background=None,
    )


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing-time attribute (and /M) is a given moment instead of the clock's."""

    def __init__(self, *args, signing_time: datetime | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.signing_time = signing_time

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        if self.signing_time is not None:
            session.system_time = self.signing_time.astimezone(UTC)
        return session


def _signer(key_pem: bytes, cert_pem: bytes, chain: list[bytes]) -> signers.SimpleSigner:
    """pyHanko's signer from PEM bytes in memory (the key is never written to disk)."""
    if not pki.key_matches_cert(key_pem, cert_pem):
        raise ValidationError(t("The certificate does not belong to the private key."))
    try:
        certs = list(load_certs_from_pemder_data(cert_pem))
        extra = [cert for data in chain for cert in load_certs_from_pemder_data(data)]
        key = load_private_key_from_pemder_data(key_pem, passphrase=None)
    except ValueError as exc:
        raise ValidationError(t("The certificate is damaged or not a certificate.")) from exc
    return signers.SimpleSigner(
        signing_cert=certs[0], signing_key=key, cert_registry=SimpleCertificateStore.from_certs(extra)
    )


class _Writer(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, keeping a PDF/A file's document information consistent with its XMP.

    pyHanko writes "pyHanko <version>" as the XMP pdf:Producer but "<old producer>; pyHanko <version>" as the
    Info dictionary's /Producer; PDF/A requires the two to be equal, so the Info entry gets the XMP value.
    """

    def _update_meta(self) -> None:
        super()._update_meta()
        info = getattr(self, "_info", None)
        if info is not None and "/Metadata" in self.root:
            info.get_object()["/Producer"] = generic.TextStringObject(VENDOR)
            self.mark_update(info)


def _open(pdf: bytes) -> tuple[IncrementalPdfFileWriter, int]:
    """A writer appending to the PDF, and the number of pages; a damaged file is the user's problem, not a crash."""
    if b"%PDF-" not in pdf[:1024]:
        raise ValidationError(t("The file is not a PDF document."))
    try:
        writer = _Writer(io.BytesIO(pdf), strict=False)
        pages = int(writer.root["/Pages"]["/Count"])
    except Exception as exc:  # noqa: BLE001 - pyHanko's reader raises many kinds of errors on damaged input
        raise ValidationError(t("The PDF document is damaged and cannot be signed.")) from exc
    return writer, pages


def sign_pdf(pdf: bytes, *, key_pem: bytes, cert_pem: bytes, chain: list[bytes], field_name: str, box: StampBox,
             stamp_lines: list[str], font_path: str | None, reason: str, signing_time: datetime | None = None,
             timestamp_url: str | None = None) -> bytes:
    """The PDF with one more visible PAdES signature (B-B, or B-T with a timestamp from `timestamp_url`)."""
    writer, pages = _open(pdf)
    if not 0 <= box.page < pages:
        raise ValidationError(t("The signature stamp is placed on a page the document does not have."))
    if box.x2 <= box.x1 or box.y2 <= box.y1:
        raise ValidationError(t("The signature stamp needs a box with a width and a height."))
    signer = _signer(key_pem, cert_pem, chain)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        name=pki.cert_info(cert_pem).common_name or None,
    )
    pdf_signer = _TimedPdfSigner(
        meta,
        signer,
        timestamper=HTTPTimeStamper(timestamp_url) if timestamp_url else None,
        stamp_style=_stamp_style(stamp_lines, font_path),
        new_field_spec=fields.SigFieldSpec(field_name, on_page=box.page, box=(box.x1, box.y1, box.x2, box.y2)),
        signing_time=signing_time,
    )
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out)
    except TimestampRequestError as exc:
        raise ValidationError(t("The time-stamping service did not answer; nothing was signed.")) from exc
    except SigningError as exc:
        raise ValidationError(t("The document cannot be signed in the field {field}: {reason}",
                                field=field_name, reason=str(exc))) from exc
    return out.getvalue()
