"""The survey plan dialog (R28): questionnaire, period, target customers, anonymity and timeline.

A FormDialog, so `values()` and the stay-open-on-error behaviour are the same as every other form
(tests drive it with `tests.ui.form_driver.FormQueue`). The timeline dates follow the suggested
timeline (`survey_plans.suggested_timeline`) whenever the questionnaire or the period changes, and
the title follows them too until the person types a title of their own.
"""

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desk_app.errors import DeskError
from desk_app.i18n import label
from desk_app.models.enums import Importance, SurveyKind
from desk_app.services import survey_plans as sp
from desk_app.services import survey_templates, users
from desk_app.services.actor import Actor
from desk_app.services.survey_plans import PlanRow
from desk_app.ui.form_dialog import FormDialog, combo, date_edit, line_edit, value_of

WHOLE_YEAR = 0


def kind_label(kind: str) -> str:
    """The display name of a questionnaire kind (R27)."""
    names = {
        SurveyKind.INCIDENT.value: QCoreApplication.translate("SurveyPlanDialog", "Incident survey (by phone)"),
        SurveyKind.COMPANY.value: QCoreApplication.translate("SurveyPlanDialog", "Company survey (quarterly)"),
        SurveyKind.ANNUAL.value: QCoreApplication.translate("SurveyPlanDialog", "Annual survey"),
    }
    return names.get(kind, kind)


class UnitList(QListWidget):
    """Customer units with a check box each (Space toggles the current one)."""

    def __init__(self, checked: tuple[int, ...] = (), parent: QWidget | None = None):
        super().__init__(parent)
        for unit in users.list_units(include_inactive=False):
            importance = f" ({label(unit.importance)})" if unit.importance != Importance.NORMAL else ""
            item = QListWidgetItem(unit.name + importance, self)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.id in checked else Qt.CheckState.Unchecked)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 10)

    def checked_ids(self) -> list[int]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, unit_ids) -> None:
        wanted = set(unit_ids)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)


class SurveyPlanDialog(FormDialog):
    """New plan (no `plan`) or edit a draft plan; `result_value` is the saved PlanRow."""

    def __init__(self, actor: Actor, plan: PlanRow | None = None, parent: QWidget | None = None):
        self.actor = actor
        self.plan = plan
        self.templates = {tpl.id: tpl for tpl in survey_templates.list_templates(current_only=True)}
        if plan is not None and plan.template_id not in self.templates:
            self.templates[plan.template_id] = survey_templates.get_template(plan.template_id)
        today = date.today()
        year, quarter = (sp.parse_period(plan.period) if plan else (today.year, (today.month - 1) // 3 + 1))
        quarter = quarter or WHOLE_YEAR

        self.template = combo([(f"{tpl.name()} (v{tpl.template_version})", tpl.id)
                               for tpl in self.templates.values()],
                              plan.template_id if plan else self._default_template())
        self.title_edit: QLineEdit = line_edit(plan.title if plan else "")
        years = sorted({*range(today.year - 2, today.year + 3), year})
        self.year = combo([(str(y), y) for y in years], year)
        self.quarter = combo([(self.tr("Whole year"), WHOLE_YEAR)] + [(self.tr("Q{0}").format(q), q)
                                                                      for q in range(1, 5)], quarter)
        period_box = QWidget()
        period_layout = QHBoxLayout(period_box)
        period_layout.setContentsMargins(0, 0, 0, 0)
        period_layout.addWidget(self.year)
        period_layout.addWidget(self.quarter)
        period_layout.addStretch(1)
        self.units = UnitList(plan.unit_ids if plan else ())
        self.units.setToolTip(self.tr("Check the customer units to survey; Space toggles the current unit."))
        codes = plan.target_importance if plan else ()
        self.important = QCheckBox(self.tr("Every important unit (重要)"))
        self.important.setChecked(Importance.IMPORTANT.value in codes)
        self.core = QCheckBox(self.tr("Every core unit (核心)"))
        self.core.setChecked(Importance.CORE.value in codes)
        self.anonymous = QCheckBox(self.tr("Anonymous questionnaire (匿名问卷): answers are not linked to the person"))
        self.anonymous.setChecked(plan.anonymous if plan else False)
        self.ask_unit = QCheckBox(self.tr("Keep the respondent's unit (for the per-unit satisfaction rate)"))
        self.ask_unit.setChecked(plan.ask_unit if plan else True)
        self.planning_starts = date_edit(plan.planning_starts if plan else None)
        self.distribute_by = date_edit(plan.distribute_by if plan else None)
        self.collect_by = date_edit(plan.collect_by if plan else None)
        fields = [
            ("template", self.tr("Questionnaire"), self.template),
            ("title", self.tr("Title"), self.title_edit),
            ("year", self.tr("Period"), period_box),
            ("units", self.tr("Customer units"), self.units),
            ("important", "", self.important),
            ("core", "", self.core),
            ("anonymous", "", self.anonymous),
            ("ask_unit", "", self.ask_unit),
            ("planning_starts", self.tr("Planning starts"), self.planning_starts),
            ("distribute_by", self.tr("Forms out by"), self.distribute_by),
            ("collect_by", self.tr("Collected by"), self.collect_by),
        ]
        title = self.tr("New survey plan") if plan is None else self.tr("Edit survey plan {0}").format(plan.number)
        intro = self.tr("Target customers: check units and/or every important or core unit; their contacts become "
                        "the recipients. The timeline follows the questionnaire and the period (R28).")
        super().__init__(title, fields, self.save, parent, intro)
        # the period is two widgets in one row: expose both to values() and the form driver
        self.fields.pop("year")
        self.fields.update({"year": self.year, "quarter": self.quarter})
        self._title_auto = plan is None
        if plan is not None:  # template and period are fixed once the plan exists
            for widget in (self.template, self.year, self.quarter):
                widget.setEnabled(False)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.year.currentIndexChanged.connect(self._period_changed)
        self.quarter.currentIndexChanged.connect(self._period_changed)
        self.title_edit.textEdited.connect(self._title_edited)
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self._anonymous_toggled(self.anonymous.isChecked())
        if plan is None:
            self._template_changed()
        self.setMinimumWidth(560)

    # --- behaviour -----------------------------------------------------------------------------------

    def _default_template(self) -> int | None:
        """The company questionnaire (the quarterly survey) when there is one."""
        for tpl in self.templates.values():
            if tpl.kind == SurveyKind.COMPANY:
                return tpl.id
        return next(iter(self.templates), None)

    def current_kind(self) -> str:
        tpl = self.templates.get(self.template.currentData())
        return tpl.kind if tpl else ""

    def period(self) -> str:
        quarter = self.quarter.currentData()
        return f"{self.year.currentData()}-Q{quarter}" if quarter else str(self.year.currentData())

    def _template_changed(self, *_args) -> None:
        kind = self.current_kind()
        self.quarter.blockSignals(True)
        if kind == SurveyKind.ANNUAL:
            self.quarter.setCurrentIndex(self.quarter.findData(WHOLE_YEAR))
        elif kind == SurveyKind.COMPANY and self.quarter.currentData() == WHOLE_YEAR:
            self.quarter.setCurrentIndex(self.quarter.findData((date.today().month - 1) // 3 + 1))
        self.quarter.blockSignals(False)
        if self.plan is None:
            self.quarter.setEnabled(kind != SurveyKind.ANNUAL)
            if kind == SurveyKind.COMPANY:
                self.core.setChecked(True)
                self.important.setChecked(True)
        self._period_changed()

    def _period_changed(self, *_args) -> None:
        if self.plan is not None:
            return
        try:
            timeline = sp.suggested_timeline(self.current_kind(), self.period())
        except DeskError:
            return
        self.planning_starts.setDate(timeline.planning_starts)
        self.distribute_by.setDate(timeline.distribute_by)
        self.collect_by.setDate(timeline.collect_by)
        if self._title_auto:
            tpl = self.templates.get(self.template.currentData())
            self.title_edit.setText(self.tr("{period} {name}").format(period=self.period(),
                                                                      name=tpl.name() if tpl else ""))

    def _title_edited(self, text: str) -> None:
        self._title_auto = not text.strip()

    def _anonymous_toggled(self, anonymous: bool) -> None:
        self.ask_unit.setEnabled(anonymous)
        if not anonymous:
            self.ask_unit.setChecked(True)

    # --- values and saving ---------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, widget in self.fields.items():
            result[key] = self.units.checked_ids() if widget is self.units else value_of(widget)
        return result

    def save(self, v: dict) -> PlanRow:
        importance = [code for code, on in ((Importance.IMPORTANT.value, v["important"]),
                                            (Importance.CORE.value, v["core"])) if on]
        if self.plan is None:
            return sp.create_plan(self.actor, v["template"], v["title"], self.period(), unit_ids=v["units"],
                                  importance=importance, anonymous=v["anonymous"], ask_unit=v["ask_unit"],
                                  planning_starts=v["planning_starts"], distribute_by=v["distribute_by"],
                                  collect_by=v["collect_by"])
        return sp.update_plan(self.actor, self.plan.id, self.plan.version, title=v["title"], unit_ids=v["units"],
                              importance=importance, anonymous=v["anonymous"], ask_unit=v["ask_unit"],
                              planning_starts=v["planning_starts"], distribute_by=v["distribute_by"],
                              collect_by=v["collect_by"])
