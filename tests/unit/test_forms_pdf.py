"""The single forms (R19, R24, R26): one-page revisit form in the paper layout, the complaint feedback
form with markup printed literally, the landscape improvement table, permissions and approval."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from desk_app.errors import PermissionDenied
from desk_app.services import registers, report_rows, report_verify, reports
from tests.unit.test_report_kinds import MARKUP, make_data, pdf_text, squash


@pytest.fixture
def data(db, admin, make_user):
    return make_data(admin, make_user)


def test_revisit_form_is_one_page_in_the_paper_layout(data, admin):
    row = reports.print_form(admin, "revisit-form", data.revisit_id, "zh_CN")
    assert row.number == "HFB-HF-20261015-001" and row.period == "HF-20261015-001" and row.state == "draft"
    pdf = report_rows.get_pdf(row.id)
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    flat = squash(pdf_text(pdf))
    for label in ("不满意回访表", "工单号", "所属工班", "报修人", "报修人位置", "报修时间", "报修人电话", "回访人",
                  "回访时间", "问题和建议", "不满意问题类型", "维修人员故障响应速度", "维修人员服务态度",
                  "经维修后设备运行状态", "工长回访情况", "整改措施和建议", "签字"):
        assert label in flat, label
    assert "维修人员到场太晚&<态度>一般" in flat  # markup characters print literally
    assert "其他：未提前电话联系" in flat
    figures = report_rows.get_figures(row.id)
    assert figures["dissatisfaction_types"] == ["response_speed", "other"]


def test_revisit_form_respects_the_team_restriction(data, make_user):
    other_lead = make_user("team_lead", team="终端班")
    with pytest.raises(PermissionDenied):
        reports.print_form(other_lead, "revisit-form", data.revisit_id)
    row = reports.print_form(data.lead, "revisit-form", data.revisit_id)  # the team's own lead may print it
    assert row.state == "draft"
    with pytest.raises(PermissionDenied):
        reports.print_form(make_user("technician"), "revisit-form", data.revisit_id)


def test_complaint_feedback_form_prints_markup_literally(data, admin):
    row = reports.print_form(admin, "complaint-feedback", data.complaint_id, "zh_CN")
    pdf = report_rows.get_pdf(row.id)
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    text = pdf_text(pdf)
    assert "<b>A&B</b>" in text and "第二行" in text
    lines = [line.strip() for line in text.splitlines()]
    assert "第二行" in lines  # the newline is kept
    flat = squash(text)
    for label in ("客户投诉反馈表", "投诉编号", "受理时间", "投诉人", "客户单位", "相关工单", "投诉内容",
                  "投诉是否有效", "处理措施", "措施验证", "处理结果与经验总结", "王主任"):
        assert label in flat, label
    assert report_rows.get_figures(row.id)["description"] == MARKUP


def test_improvement_table_is_landscape_with_the_register_columns(data, admin):
    row = reports.print_form(admin, "improvement-table", None, "zh_CN")
    pdf = report_rows.get_pdf(row.id)
    page = PdfReader(BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    flat = squash(pdf_text(pdf))
    assert "服务改善项目跟踪管理表" in flat
    for header in registers.improvement_headers("zh_CN"):
        assert squash(header)[:4] in flat, header
    assert "网络故障响应慢<需改进>" in flat and "GS-" in flat
    one = reports.print_form(admin, "improvement-table", data.project_id, "zh_CN")
    assert one.period.startswith("GS-") and one.number == f"GZB-{one.period}"


def test_a_form_goes_through_approval(data, admin, signers, tmp_path):
    row = reports.print_form(admin, "complaint-feedback", data.complaint_id, "zh_CN")
    row = signers.sign_off(row)
    report_rows.save_pdf(row.id, tmp_path / "form.pdf")
    assert report_verify.verify_file(tmp_path / "form.pdf").genuine
    pdf = report_rows.get_pdf(row.id)
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert "草稿" not in squash(pdf_text(pdf))


def test_english_forms(data, admin):
    row = reports.print_form(admin, "revisit-form", data.revisit_id, "en")
    text = pdf_text(report_rows.get_pdf(row.id))
    assert "Dissatisfaction revisit form" in text and "Problemsandsuggestions" in squash(text)
