"""Archival and signable report files, for every kind, draft and final: every font embedded (pdffonts),
final files identify as PDF/A-2b (XMP pdfaid, sRGB output intent, document ID, no encryption), Chinese
extracts with pdftotext, and the reviewer's and approver's signature boxes lie on the page that
prints their signer lines."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.reports import catalog
from desk_app.reports.builder import Approval, SignablePdf, SignatureBox
from desk_app.services import report_rows, reports
from tests.unit.test_report_kinds import make_data, pdf_text, squash

pytestmark = pytest.mark.skipif(not (shutil.which("pdffonts") and shutil.which("pdftotext")),
                                reason="poppler-utils (pdffonts, pdftotext) not installed")

SHA = "ab12" * 16
APPROVED_AT = datetime(2026, 11, 4, 15, 30)
PERIODS = {"monthly-service": "2026-10", "monthly-evaluation": "2026-10", "quarterly-satisfaction": "2026-Q3",
           "annual-survey": "2026", "meeting-agenda": "2026-10"}
FORMS = ("revisit-form", "complaint-feedback", "improvement-table")
KINDS = (*PERIODS, *FORMS)
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/"}

_FIGURES: dict[str, dict] = {}  # per worker: the test desk's figures of every kind, computed once



@pytest.fixture
def figures(request: pytest.FixtureRequest, cjk) -> dict[str, dict]:
    """The stored figures of every kind from the shared test desk (`make_data`), as the services make them."""
    if not _FIGURES:
        request.getfixturevalue("db")
        admin = request.getfixturevalue("admin")
        data = make_data(admin, request.getfixturevalue("make_user"))
        for kind, period in PERIODS.items():
            _FIGURES[kind] = report_rows.get_figures(reports.generate(admin, kind, period, "zh_CN").id)
        for kind, record in (("revisit-form", data.revisit_id), ("complaint-feedback", data.complaint_id),
                             ("improvement-table", None)):
            _FIGURES[kind] = report_rows.get_figures(reports.print_form(admin, kind, record, "zh_CN").id)
    return _FIGURES


def meta(kind: str, figures: dict, *, final: bool, approver: str = "王五") -> catalog.BuildMeta:
    return catalog.BuildMeta(
        number=catalog.report_number(kind, str(figures.get("period", ""))), version="2.0", language="zh_CN",
        org_name="信息维修中心", drafter="张三", reviewer="李四", approver=approver,
        approval=Approval(approver, APPROVED_AT, SHA) if final else None)


def build(kind: str, figures: dict[str, dict], *, final: bool, approver: str = "王五") -> SignablePdf:
    return catalog.build_signable_pdf(kind, figures[kind], meta(kind, figures[kind], final=final, approver=approver))


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, *args, str(path), "-"] if tool == "pdftotext" else [tool, *args, str(path)],
                          capture_output=True, text=True, check=True).stdout


def xmp(reader: PdfReader) -> ET.Element:
    stream = reader.trailer["/Root"]["/Metadata"].get_object()
    assert "/Filter" not in stream  # PDF/A: the metadata stream is not filtered
    return ET.fromstring(stream.get_data().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])


def xmp_value(root: ET.Element, path: str) -> str:
    node = root.find(f".//{path}", NS)
    assert node is not None, path
    return node.text or ""


def pdf_date(text: str) -> datetime:
    """D:YYYYMMDDHHmmSS+HH'mm' → an aware datetime."""
    stamp = datetime.strptime(text[2:16], "%Y%m%d%H%M%S")
    sign = -1 if text[16] == "-" else 1
    offset = timedelta(hours=int(text[17:19]), minutes=int(text[20:22]))
    return stamp.replace(tzinfo=timezone(sign * offset))


# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded(figures, tmp_path, kind, final):
    out = poppler("pdffonts", build(kind, figures, final=final).pdf, tmp_path)
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        assert row.split()[-5] == "yes", out  # the emb column
    for base14 in ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats"):
        assert base14 not in out, out


@pytest.mark.parametrize("kind", KINDS)
def test_final_file_identifies_as_pdfa_2b(figures, kind):
    reader = PdfReader(BytesIO(build(kind, figures, final=True).pdf))
    assert not reader.is_encrypted
    assert len(reader.trailer["/ID"]) == 2
    root = xmp(reader)
    assert xmp_value(root, "pdfaid:part") == "2"
    assert xmp_value(root, "pdfaid:conformance") == "B"
    info = reader.metadata
    assert xmp_value(root, "dc:title/rdf:Alt/rdf:li") == info.title == catalog.title_of(kind, "zh_CN")
    assert xmp_value(root, "dc:creator/rdf:Seq/rdf:li") == info.author == "张三"
    assert xmp_value(root, "dc:description/rdf:Alt/rdf:li") == info.subject
    assert xmp_value(root, "pdf:Producer") == info.producer
    assert xmp_value(root, "xmp:CreatorTool") == info.creator
    for tag, key in (("xmp:CreateDate", "/CreationDate"), ("xmp:ModifyDate", "/ModDate")):
        assert datetime.fromisoformat(xmp_value(root, tag)) == pdf_date(str(info[key])), tag
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1"
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB "


@pytest.mark.parametrize("kind", KINDS)
def test_draft_is_watermarked_and_not_archival(figures, kind):
    draft = build(kind, figures, final=False).pdf
    assert "/Metadata" not in PdfReader(BytesIO(draft)).trailer["/Root"]
    assert "草稿" in squash(pdf_text(draft))  # pypdf: pdftotext splits the slanted watermark
    assert "草稿" not in squash(pdf_text(build(kind, figures, final=True).pdf))


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
@pytest.mark.parametrize("kind", KINDS)
def test_chinese_extracts_and_the_signature_boxes_are_on_their_page(figures, tmp_path, kind, final):
    signable = build(kind, figures, final=final)
    flat = squash(poppler("pdftotext", signable.pdf, tmp_path))
    assert catalog.title_of(kind, "zh_CN") in flat and "信息维修中心" in flat
    reader = PdfReader(BytesIO(signable.pdf))
    assert set(signable.boxes) == {"reviewer", "approver"}
    for key, label in (("reviewer", "审核"), ("approver", "批准")):
        box = signable.boxes[key]
        assert isinstance(box, SignatureBox)
        media = reader.pages[box.page].mediabox
        assert float(media.left) <= box.x1 < box.x2 <= float(media.right), box
        assert float(media.bottom) <= box.y1 < box.y2 <= float(media.top), box
        assert box.x2 - box.x1 > 100 and box.y2 - box.y1 > 25, box  # room for a visible signature
        page_text = poppler("pdftotext", signable.pdf, tmp_path, "-f", str(box.page + 1), "-l", str(box.page + 1))
        lines = [line.strip() for line in page_text.splitlines()]
        assert label in lines and "签名" in lines, page_text
    reviewer, approver = signable.boxes["reviewer"], signable.boxes["approver"]
    assert (reviewer.x1, reviewer.x2) == (approver.x1, approver.x2)  # one column, approver the line below
    assert (reviewer.page, reviewer.y1) == (approver.page, approver.y2) or reviewer.page < approver.page


@pytest.mark.parametrize("kind", ["monthly-service", "revisit-form", "complaint-feedback"])
def test_forms_gain_a_reviewer_line_and_one_page_forms_stay_one_page(figures, tmp_path, kind):
    signable = build(kind, figures, final=True)
    text = poppler("pdftotext", signable.pdf, tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    assert "审核" in lines and "批准" in lines
    if kind != "monthly-service":
        assert len(PdfReader(BytesIO(signable.pdf)).pages) == 1


def test_build_pdf_is_the_signable_file(figures):
    kind = "complaint-feedback"
    plain = catalog.build_pdf(kind, figures[kind], meta(kind, figures[kind], final=True))
    signable = build(kind, figures, final=True)
    assert plain.startswith(b"%PDF") and len(PdfReader(BytesIO(plain)).pages) == len(
        PdfReader(BytesIO(signable.pdf)).pages)


def test_the_approver_name_is_not_typed_into_the_name_cell(figures):
    kind = "monthly-service"
    doc = catalog.make_document(kind, figures[kind], meta(kind, figures[kind], final=True))
    table = doc._signature_block()[0]._content[2]
    rows = {row[0].getPlainText(): row for row in table._cellvalues[1:]}
    assert set(rows) == {"起草", "审核", "批准"}
    assert rows["批准"][1].getPlainText() == ""  # the visible signature carries name, role and time
    assert rows["批准"][3].getPlainText() == "2026-11-04 15:30"
    assert rows["审核"][1].getPlainText() == "李四" and rows["起草"][1].getPlainText() == "张三"


def test_an_approval_without_approver_prints_only_the_hash(figures, tmp_path):
    kind = "monthly-evaluation"
    signable = build(kind, figures, final=True, approver="")
    flat = squash(poppler("pdftotext", signable.pdf, tmp_path))
    assert f"数据SHA-256：{SHA}" in flat
    assert "已由" not in flat and "批准：" not in flat  # neither the note with a name nor the footer line
    assert f"SHA-256{SHA}" in flat  # the footer hash (and QR code) stay
    named = squash(poppler("pdftotext", build(kind, figures, final=True).pdf, tmp_path))
    assert "已由王五于2026-11-0415:30批准。" in named and "批准：王五" in named
