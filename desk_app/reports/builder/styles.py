"""The look every report shares: page geometry, colours and the paragraph styles, in one place so all
parts of a document (and the forms drawn on top of it) print alike."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desk_app.reports.fonts import FontInfo

PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 26 * mm

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
ACCENT = colors.HexColor("#1F3A5F")
HEADER_FILL = colors.HexColor("#2E4A6B")
LABEL_FILL = colors.HexColor("#EDF1F6")
ZEBRA = colors.HexColor("#F4F6F9")
RULE = colors.HexColor("#B8C2CE")
GRID = colors.HexColor("#D5DCE4")
WATERMARK = colors.HexColor("#9AA5B1")
#: Chart colours: muted, distinguishable in greyscale print too.
PALETTE = [
    colors.HexColor(c) for c in ("#2E5C8A", "#E08E45", "#5B9A68", "#C0504D", "#8064A2", "#4BACC6", "#9C8B4E", "#7F7F7F")
]


def series_colour(index: int) -> colors.Color:
    """The chart colour of the `index`-th series or slice (the palette repeats)."""
    return PALETTE[index % len(PALETTE)]


def make_styles(font: FontInfo, language: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a document in `font`; Chinese text wraps between any two characters."""
    f, fb = font.name, font.bold_name
    wrap = "CJK" if language == "zh_CN" else None
    base = ParagraphStyle("DeskBody", fontName=f, fontSize=9.5, leading=14.5, textColor=INK, wordWrap=wrap)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": style(
            "DeskTitle", fontName=fb, fontSize=19, leading=26, alignment=TA_CENTER, textColor=ACCENT, spaceAfter=4
        ),
        "subtitle": style("DeskSubtitle", fontSize=11, leading=16, alignment=TA_CENTER, textColor=MUTED, spaceAfter=6),
        "h1": style("DeskH1", fontName=fb, fontSize=13.5, leading=19, textColor=ACCENT, spaceBefore=12, spaceAfter=6),
        "h2": style("DeskH2", fontName=fb, fontSize=11, leading=16, textColor=ACCENT, spaceBefore=8, spaceAfter=4),
        "block_title": style(
            "DeskBlockTitle",
            fontName=fb,
            fontSize=10.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "caption": style(
            "DeskCaption",
            fontSize=8.5,
            leading=12,
            textColor=MUTED,
            alignment=TA_CENTER,
            spaceBefore=2,
            spaceAfter=8,
        ),
        "note": style("DeskNote", fontSize=9, leading=13, textColor=MUTED, spaceBefore=2, spaceAfter=6),
        "cell": style("DeskCell", fontSize=8.5, leading=11.5),
        "cell_right": style("DeskCellR", fontSize=8.5, leading=11.5, alignment=TA_RIGHT),
        "cell_center": style("DeskCellC", fontSize=8.5, leading=11.5, alignment=TA_CENTER),
        "cell_head": style("DeskCellH", fontName=fb, fontSize=8.5, leading=11.5, textColor=colors.white),
        "label": style("DeskLabel", fontName=fb, fontSize=8.5, leading=11.5, textColor=ACCENT),
        "figure_value": style("DeskFigV", fontName=fb, fontSize=17, leading=22, textColor=ACCENT, alignment=TA_CENTER),
        "figure_label": style("DeskFigL", fontSize=8.5, leading=11.5, textColor=MUTED, alignment=TA_CENTER),
        "toc0": style("DeskTOC0", fontSize=10, leading=16, leftIndent=0, firstLineIndent=0),
        "toc1": style("DeskTOC1", fontSize=9, leading=14, leftIndent=14, firstLineIndent=0, textColor=MUTED),
    }
