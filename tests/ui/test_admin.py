"""The admin dialog: users, teams, units and settings through the services (R2, R42)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desk_app.models import CustomerUnit, Team, User
from desk_app.services import settings, users
from desk_app.ui import widgets
from desk_app.ui.admin_dialog import AdminDialog, TeamDialog, UnitDialog, UserDialog


@pytest.fixture
def admin_dialog(qtbot, context):
    dialog = AdminDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_lists_show_the_database(admin_dialog):
    page = admin_dialog.users_page
    assert page.table.row_count() == 1
    assert page.table.model.item(0, 0).text() == "admin"
    assert page.table.model.item(0, 2).text() == "Manager, Administrator"


def test_add_team_then_user_in_it(qtbot, admin_dialog, context):
    team_dialog = TeamDialog(context, None, admin_dialog.teams_page)
    qtbot.addWidget(team_dialog)
    team_dialog.show()
    team_dialog.name.setText("网络班")
    team_dialog.description.setPlainText("网络与机房")
    save(qtbot, team_dialog)
    assert team_dialog.result() == TeamDialog.DialogCode.Accepted
    assert Team.get(Team.name == "网络班").description == "网络与机房"
    admin_dialog.teams_page.reload()
    assert admin_dialog.teams_page.table.model.item(0, 0).text() == "网络班"

    dialog = UserDialog(context, None, admin_dialog.users_page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "zhang.san")
    dialog.full_name.setText("张三")
    dialog.role_checks["technician"].setChecked(True)
    dialog.team.setCurrentIndex(dialog.team.findText("网络班"))
    dialog.password.setText("tech-pass-1")
    dialog.repeat.setText("tech-pass-1")
    save(qtbot, dialog)
    assert dialog.result() == UserDialog.DialogCode.Accepted
    user = User.get(User.username == "zhang.san")
    assert (user.full_name, user.roles, user.team.name, user.can_login) == ("张三", "technician", "网络班", True)
    admin_dialog.users_page.reload()
    table = admin_dialog.users_page.table
    assert table.row_count() == 2
    table.filter.setText("zhang")
    assert table.row_count() == 1
    assert table.row_at(0).username == "zhang.san"


def test_user_without_role_is_refused_inline(qtbot, context):
    dialog = UserDialog(context, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("li.si")
    dialog.full_name.setText("李四")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error.text() == "At least one role is required."
    assert not User.select().where(User.username == "li.si").exists()


def test_concurrent_edit_is_reported_and_reloaded(qtbot, context, admin_dialog, make_user, monkeypatch):
    other = make_user("agent", name="王五")
    row = next(r for r in users.list_users() if r.id == other.id)
    dialog = UserDialog(context, row, admin_dialog.users_page)
    qtbot.addWidget(dialog)
    dialog.show()
    users.update_user(context.actor, row.id, row.version, "王五（改）", ["agent"])  # another workstation
    shown = []
    monkeypatch.setattr(widgets.QMessageBox, "information", lambda *a: shown.append(a[2]))
    dialog.full_name.setText("王五五")
    save(qtbot, dialog)
    assert dialog.conflict
    assert dialog.result() == UserDialog.DialogCode.Rejected
    assert "changed this record" in shown[0]
    assert User.get_by_id(other.id).full_name == "王五（改）"


def test_add_customer_unit(qtbot, context):
    dialog = UnitDialog(context, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("财务处")
    dialog.importance.setCurrentIndex(dialog.importance.findData("core"))
    dialog.address.setText("行政楼 3 层")
    save(qtbot, dialog)
    unit = CustomerUnit.get(CustomerUnit.name == "财务处")
    assert (unit.importance, unit.address) == ("core", "行政楼 3 层")


def test_settings_saved_all_or_nothing(qtbot, admin_dialog, monkeypatch):
    page = admin_dialog.settings_page
    monkeypatch.setattr("desk_app.ui.admin_settings.QMessageBox.information", lambda *a: None)
    page.editors["kpi.factor"].setValue(0.2)
    page.editors["callback.sample_rate"].setValue(5)  # out of range
    assert not page.save()
    assert page.error.text().startswith("Share of closed tickets called back: ")
    assert settings.get("kpi.factor") == 0.15  # nothing stored
    page.editors["callback.sample_rate"].setValue(0.5)
    page.editors["sla.resolution_hours"].boxes["P1"].setValue(6)
    page.editors["calendar.holidays"].setText("2026-10-01, 2026-10-02")
    assert page.save()
    assert settings.get("kpi.factor") == 0.2
    assert settings.get("callback.sample_rate") == 0.5
    assert settings.get("sla.resolution_hours")["P1"] == 6
    assert settings.get("calendar.holidays") == ["2026-10-01", "2026-10-02"]


def test_bad_holiday_names_the_field(admin_dialog):
    page = admin_dialog.settings_page
    page.editors["calendar.holidays"].setText("next monday")
    assert not page.save()
    assert page.error.text().startswith("Holidays (YYYY-MM-DD): ")


def test_signing_keys_column_and_issuing_pending_certificates(qtbot, admin_dialog, context):
    """A manager added while no administrator's authority is unlocked waits; "Issue certificates…" issues."""
    from desk_app.services import signing_keys
    from desk_app.ui.signing_dialogs import CertifyDialog

    signing_keys._unlocked.clear()  # as after a restart without an administrator's log-in
    users.create_user(context.actor, "wang.jl", "王经理", ["manager"], "manager-pass-1")
    page = admin_dialog.users_page
    page.reload()
    page.table.filter.setText("wang.jl")
    assert page.table.model.item(0, 6).text() == "pending"
    dialog = CertifyDialog(context, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("wrong-pass-1")
    save(qtbot, dialog)
    assert dialog.error.isVisible() and "wrong" in dialog.error.text()
    dialog.password.setText("admin-pass-1")
    save(qtbot, dialog)
    assert dialog.result() == CertifyDialog.DialogCode.Accepted and dialog.issued == 1
    page.reload()
    page.table.filter.setText("wang.jl")
    assert page.table.model.item(0, 6).text() == "ready"
