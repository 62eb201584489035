"""The Reports tab: generate in a worker thread, preview pages with QtPdf, the approval workflow with
the password dialog, rejection, saving, verifying a file, printing to a PDF printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desk_app.services import report_rows, report_verify
from desk_app.ui.report_preview import render_to_printer
from desk_app.ui.reports_tab import ReportsTab
from tests.ui.form_driver import FormQueue

#: QtPdf warns about the table-of-contents links reportlab writes (destinations without a zoom); harmless.
pytestmark = pytest.mark.qt_log_ignore(r"link with invalid location and/or zoom.*")


@pytest.fixture
def tab(qtbot, context):
    widget = ReportsTab(context)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def forms(monkeypatch):
    return FormQueue(monkeypatch)


def generate(qtbot, tab, forms, kind="monthly-service", period="2026-10"):
    forms.push({"kind": kind, "period": period, "language": "zh_CN"})
    tab.generate()
    qtbot.waitUntil(lambda: tab.worker is None and tab.last_generated is not None, timeout=30_000)
    return tab.last_generated


def test_generate_in_a_worker_and_preview(qtbot, tab, forms):
    row = generate(qtbot, tab, forms)
    assert row.number == "FW-2026-10" and row.state == "draft"
    assert tab.table.row_count() == 1
    assert tab.current is not None and tab.current.id == row.id
    qtbot.waitUntil(lambda: tab.preview.page_count() > 0, timeout=10_000)
    assert tab.preview.document.pageCount() > 0
    assert tab.buttons["submit"].isEnabled() and not tab.buttons["approve"].isEnabled()


def test_a_wrong_period_stays_in_the_dialog(qtbot, tab, forms):
    seen = []

    def answer(dialog):
        dialog.fields["period"].setText("2026-Q3")
        seen.append(dialog)

    forms.push(answer)
    tab.generate()
    assert seen[0].error.isVisible() or seen[0].error.text()
    assert tab.worker is None and tab.table.row_count() == 0


def act_as(tab, actor) -> None:
    """Another person at the workstation: the tab's buttons follow their roles."""
    tab.context.actor = actor
    tab.show_report(report_rows.get_report(tab.current.id))


def test_submit_review_approve_publish_with_the_password_dialog(qtbot, tab, forms, signers, admin):
    generate(qtbot, tab, forms)
    tab.buttons["submit"].click()
    assert tab.current.state == "submitted"
    assert not tab.buttons["review"].isEnabled()  # the drafter does not review their own report (R44)
    assert "drafted" in tab.buttons["review"].toolTip()
    act_as(tab, signers.reviewer)
    assert tab.buttons["review"].isEnabled() and not tab.buttons["approve"].isEnabled()
    forms.push({"password": "wrong password"})
    tab.review()
    assert forms.seen[-1].error.text()  # refused, the dialog shows why
    assert report_rows.get_report(tab.current.id).state == "submitted"
    forms.push({"password": signers.reviewer_password, "comment": "数据已核对"})
    tab.review()
    assert tab.current.state == "reviewed" and tab.current.reviewer == "钱质检"
    assert "钱质检" in tab.status.text()
    act_as(tab, signers.approver)
    assert tab.buttons["approve"].isEnabled() and tab.buttons["reject"].isEnabled()
    forms.push({"password": signers.approver_password})
    tab.approve()
    assert tab.current.state == "approved" and tab.current.approver == "刘经理"
    qtbot.waitUntil(lambda: tab.preview.page_count() > 0, timeout=10_000)
    act_as(tab, admin)
    tab.buttons["publish"].click()
    assert tab.current.state == "published"
    assert not tab.buttons["submit"].isEnabled()
    assert tab.history.row_count() == 1


def test_reject_and_regenerate_show_the_history(qtbot, tab, forms, signers):
    generate(qtbot, tab, forms)
    tab.buttons["submit"].click()
    act_as(tab, signers.reviewer)
    forms.push({"comment": "请补充投诉分析"})
    tab.reject()
    assert tab.current.state == "rejected"
    tab.last_generated = None
    second = generate(qtbot, tab, forms)
    assert second.report_version == 2
    assert tab.history.row_count() == 2


def test_save_and_verify_a_file(qtbot, tab, forms, signers, monkeypatch, tmp_path: Path):
    row = signers.sign_off(generate(qtbot, tab, forms))
    tab.select_report(row.id)
    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.save_as()
    assert report_verify.verify_file(target).genuine
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    tab.verify_file()
    shown = [b for b in tab.findChildren(QMessageBox) if b.isVisible()]
    assert tab.last_check is not None and tab.last_check.ok
    assert len(shown) == 1 and "钱质检" in shown[0].text() and "刘经理" in shown[0].text()
    shown[0].close()
    target.write_bytes(target.read_bytes() + b"%")
    check = tab.verify_path(str(target))
    assert check is not None and not check.ok and "FW-2026-10" in "\n".join(check.lines())
    assert any("Not valid" in b.text() for b in tab.findChildren(QMessageBox) if b.isVisible())


def test_print_renders_every_page(qtbot, tab, forms, tmp_path: Path):
    generate(qtbot, tab, forms)
    qtbot.waitUntil(lambda: tab.preview.page_count() > 0, timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert render_to_printer(tab.preview.document, printer) == tab.preview.page_count()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_an_agent_cannot_approve(qtbot, context, make_user, forms):
    agent = make_user("agent")
    context.actor = agent
    widget = ReportsTab(context)
    qtbot.addWidget(widget)
    generate(qtbot, widget, forms)
    widget.buttons["submit"].click()
    assert widget.current.state == "submitted"
    assert not widget.buttons["review"].isEnabled() and not widget.buttons["approve"].isEnabled()
    assert not widget.buttons["reject"].isEnabled()
