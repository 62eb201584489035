"""The shared report builder: Chinese text embedded and extractable, header/version/signature blocks in
both languages, literal user text, long tables, page numbers, TOC, approval footer, atomic writes."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.reports import builder, fonts
from desk_app.reports.builder import (
    Approval,
    DocumentHeader,
    ReportDocument,
    Signer,
    VersionRow,
    escape_text,
)

SHA = "ab12" * 16



def header() -> DocumentHeader:
    return DocumentHeader(
        number="FW-2026-10",
        title="服务报告",
        version="1.2",
        drafter="张三",
        reviewer="李四",
        approver="王五",
        effective_date=date(2026, 11, 5),
        distribution="信息维修中心各班组",
    )


def make_doc(cjk: fonts.FontInfo, language: str = "zh_CN", **kwargs) -> ReportDocument:
    kwargs.setdefault("versions", [VersionRow("1.2", date(2026, 11, 3), "张三", "首次发布")])
    return ReportDocument(header(), language=language, org_name="信息维修中心", font=cjk, **kwargs)


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_chinese_text_round_trips_with_an_embedded_font(cjk, tmp_path: Path):
    doc = make_doc(cjk)
    doc.heading("满意度")
    doc.paragraph("服务报告 满意度 投诉")
    result = doc.build(tmp_path / "r.pdf")
    text = "\n".join(pages_text(result.path))
    for word in ("服务报告", "满意度", "投诉"):
        assert word in text
    reader = PdfReader(result.path)
    embedded = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.append(font["/BaseFont"])
    assert any("WenQuanYi" in name or "+" in name for name in embedded), embedded


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils (pdffonts) not installed")
def test_pdffonts_shows_the_cjk_font_embedded(cjk, tmp_path: Path):
    doc = make_doc(cjk)
    doc.paragraph("投诉")
    path = doc.build(tmp_path / "r.pdf").path
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    truetype = [line for line in out.splitlines() if "TrueType" in line]
    assert truetype and all(" yes yes yes " in line for line in truetype), out


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_pdftotext_reads_the_chinese_back(cjk, tmp_path: Path):
    doc = make_doc(cjk)
    doc.paragraph("客户满意度调查报告：投诉 3 件")
    path = doc.build(tmp_path / "r.pdf").path
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "客户满意度调查报告：投诉 3 件" in out


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "zh_CN",
            [
                "文件编号",
                "文件名称",
                "版本",
                "起草人",
                "审核人",
                "批准人",
                "生效日期",
                "发放范围",
                "修订记录",
                "修订人",
                "修订内容",
                "签字",
                "签名",
                "日期",
                "起草",
                "审核",
                "批准",
            ],
        ),
        (
            "en",
            [
                "Document number",
                "Document name",
                "Version",
                "Drafter",
                "Reviewer",
                "Approver",
                "Effective date",
                "Distribution scope",
                "Version record",
                "Revised by",
                "Description of change",
                "Signatures",
                "Signature",
                "Date",
                "Drafted by",
                "Reviewed by",
                "Approved by",
            ],
        ),
    ],
)
def test_header_version_record_and_signature_labels(cjk, tmp_path: Path, language: str, labels: list[str]):
    doc = make_doc(cjk, language)
    doc.paragraph("正文")
    text = squash("\n".join(pages_text(doc.build(tmp_path / "r.pdf").path)))
    for label in labels:
        assert squash(label) in text, label
    for value in ("FW-2026-10", "1.2", "张三", "李四", "王五", "2026-11-05", "信息维修中心各班组", "首次发布"):
        assert value in text


def test_builder_does_not_change_the_application_language(cjk, tmp_path: Path):
    from desk_app import i18n

    make_doc(cjk, "zh_CN").build(tmp_path / "r.pdf")
    assert i18n.current_language() == "en"


def test_user_text_prints_literally(cjk, tmp_path: Path):
    doc = make_doc(cjk)
    doc.paragraph("<b>&amp; 5 < 6 & x\n第二行")
    doc.table(["Remark"], [["a < b & <i>c</i>\nnew line"]])
    lines = [line.strip() for line in "\n".join(pages_text(doc.build(tmp_path / "r.pdf").path)).splitlines()]
    assert "<b>&amp; 5 < 6 & x" in lines
    assert "第二行" in lines
    assert "a < b & <i>c</i>" in lines and "new line" in lines


def test_escape_text():
    assert escape_text("<b>&amp; 5 < 6 & x\r\ny") == "&lt;b&gt;&amp;amp; 5 &lt; 6 &amp; x<br/>y"
    assert escape_text(None) == ""


@pytest.mark.slow
def test_long_table_repeats_its_header_on_every_page(cjk, tmp_path: Path):
    doc = make_doc(cjk, toc=False)
    doc.heading("工单明细")
    rows = [(f"GD-20261001-{i:04d}", "网络班", i, "打印机卡纸，更换搓纸轮后恢复正常") for i in range(2000)]
    doc.table(["Ticket number", "Team", "Minutes", "Description"], rows, widths=[2, 1.2, 1, 4], translate_columns=False)
    result = doc.build(tmp_path / "r.pdf")
    texts = pages_text(result.path)
    with_rows = [i for i, t in enumerate(texts) if "GD-20261001-" in t]
    assert len(with_rows) > 10
    for i in with_rows:
        assert "Ticket number" in texts[i] and "Description" in texts[i], f"page {i + 1} lost the header row"
    assert "GD-20261001-1999" in texts[with_rows[-1]]
    assert result.page_count == len(texts)


def test_page_x_of_y_on_every_page(cjk, tmp_path: Path):
    for language, pattern in (("en", "Page {i} of {n}"), ("zh_CN", "第 {i} 页，共 {n} 页")):
        doc = make_doc(cjk, language)
        for k in range(4):
            doc.heading(f"第{k + 1}节")
            doc.page_break()
        texts = pages_text(doc.build(tmp_path / f"{language}.pdf").path)
        n = len(texts)
        assert n >= 5
        for i, text in enumerate(texts, start=1):
            assert squash(pattern.format(i=i, n=n)) in squash(text)
            assert "信息维修中心" in text and "FW-2026-10" in text  # header line


def test_table_of_contents_lists_the_sections(cjk, tmp_path: Path):
    doc = make_doc(cjk)
    doc.heading("1. 服务量")
    doc.paragraph("……")
    doc.heading("1.1 响应时间", level=2)
    doc.paragraph("……")
    doc.heading("2. 投诉")
    doc.no_data()
    texts = pages_text(doc.build(tmp_path / "r.pdf").path)
    first = texts[0]
    assert "目录" in first
    for heading in ("1. 服务量", "1.1 响应时间", "2. 投诉"):
        assert heading in first
    assert "2. 投诉" in texts[1]  # the body starts after the contents page


def test_single_section_has_no_contents(cjk, tmp_path: Path):
    doc = make_doc(cjk)
    doc.heading("回访记录")
    doc.paragraph("已回访")
    texts = pages_text(doc.build(tmp_path / "r.pdf").path)
    assert len(texts) == 1 and "目录" not in texts[0]


def test_approved_report_prints_hash_approver_and_time(cjk, tmp_path: Path):
    approval = Approval("王五", datetime(2026, 11, 4, 15, 30), SHA)
    doc = make_doc(cjk, "zh_CN", approval=approval)
    doc.heading("一")
    doc.page_break()
    doc.heading("二")
    texts = pages_text(doc.build(tmp_path / "r.pdf").path)
    for text in texts:  # the footer of every page: hash and QR code
        assert SHA in squash(text)
    last = texts[-1]
    assert "2026-11-0415:30" in squash(last) and "王五" in last
    assert "已由王五于2026-11-0415:30批准" in squash(last)


def test_draft_prints_no_hash(cjk, tmp_path: Path):
    doc = make_doc(cjk, "en", watermark="DRAFT")
    doc.paragraph("x")
    text = "\n".join(pages_text(doc.build(tmp_path / "r.pdf").path))
    assert "SHA-256" not in text


def test_custom_signers(cjk, tmp_path: Path):
    signers = [Signer("Team lead", "赵六", date(2026, 11, 1)), Signer("回访人", "")]
    doc = make_doc(cjk, "zh_CN", signers=signers)
    text = "\n".join(pages_text(doc.build(tmp_path / "r.pdf").path))
    assert "工长" in text and "赵六" in text and "2026-11-01" in text and "回访人" in text


def test_empty_sections_and_charts_still_render(cjk, tmp_path: Path):
    doc = make_doc(cjk, "en")
    doc.heading("Complaints")
    doc.no_data()
    doc.table(["Ticket", "Team"], [])
    doc.bar_chart([], [], title="Mean score")
    doc.line_chart(["2026-09", "2026-10"], {"rate": [None, None]}, title="Trend")
    doc.pie_chart(["a", "b"], [0, 0], title="Shares")
    doc.key_figures([])
    texts = pages_text(doc.build(tmp_path / "r.pdf").path)
    joined = "\n".join(texts)
    assert joined.count("No data for this period.") >= 5
    assert "Figure 1: Mean score" in joined


def test_charts_with_chinese_labels(cjk, tmp_path: Path):
    doc = make_doc(cjk)
    doc.bar_chart(["服务态度", "技术水平", "响应速度"], [4.6, 4.4, 4.2], title="各维度平均得分", value_max=5)
    doc.bar_chart(["一月", "二月"], {"网络班": [3, 4], "终端班": [5, 2]}, title="分组")
    doc.line_chart(["2026-08", "2026-09", "2026-10"], {"满意率": [95.0, None, 97.5]}, title="满意率趋势")
    doc.pie_chart(["非常满意", "满意", "不满意"], [50, 40, 10], title="评价构成")
    doc.key_figures([("工单总数", 1234), ("满意率", "97.5%")])
    text = "\n".join(pages_text(doc.build(tmp_path / "r.pdf").path))
    for word in ("服务态度", "技术水平", "4.60", "满意率趋势", "非常满意", "50.0%", "网络班", "工单总数", "1234"):
        assert word in text, word
    assert "图 1" in text and "图 4" in text


def test_no_cjk_font_falls_back_without_crashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fonts, "candidate_fonts", lambda: iter(()))
    fonts.clear_cache()
    try:
        info = fonts.find_cjk_font()
        assert info.has_cjk is False
        doc = ReportDocument(header(), language="zh_CN", org_name="信息维修中心", font=info)
        doc.heading("服务报告")
        doc.paragraph("满意度 投诉 <&>")
        doc.bar_chart(["服务态度"], [4.5], title="得分")
        result = doc.build(tmp_path / "r.pdf")
        assert result.page_count >= 1 and PdfReader(result.path).pages
    finally:
        fonts.clear_cache()


def test_atomic_write_and_hash(cjk, tmp_path: Path):
    out = tmp_path / "out" / "report.pdf"
    doc = make_doc(cjk)
    doc.paragraph("x")
    result = doc.build(out)
    assert result.path == out and out.read_bytes().startswith(b"%PDF-")
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert os.listdir(out.parent) == ["report.pdf"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(cjk, tmp_path: Path, monkeypatch):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    doc = make_doc(cjk)
    with pytest.raises(OSError, match="disk full"):
        doc.build(out)
    assert out.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_invariant_builds_are_reproducible(cjk):
    doc = make_doc(cjk)
    doc.paragraph("同样的内容")
    assert doc.build_bytes(invariant=True) == doc.build_bytes(invariant=True)


@pytest.mark.slow
def test_a_document_builds_again_whatever_falls_on_a_page_break(cjk):
    """A chart caption pushed to the next page is marked by reportlab; a second build must not reuse it."""
    for lines in range(50):
        doc = make_doc(cjk, toc=False)
        doc.paragraph("x\n" * lines)
        doc.heading("图表")
        doc.bar_chart(["甲", "乙"], [1, 2], title="得分")
        assert doc.build_bytes(invariant=True) == doc.build_bytes(invariant=True), lines


def test_canonical_sha256_ignores_key_order():
    assert builder.canonical_sha256({"a": 1, "b": "满意"}) == builder.canonical_sha256({"b": "满意", "a": 1})


def test_reports_layer_imports_neither_qt_nor_the_database():
    code = (
        "import sys, desk_app.reports.builder, desk_app.reports.fonts; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'peewee', 'playhouse') "
        "or m.startswith(('desk_app.models', 'desk_app.services', 'desk_app.ui'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
