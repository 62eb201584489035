"""Excel exports of the complaint register and the improvement tracking table (R24, R26)."""

from datetime import date
from pathlib import Path

from desk_app.i18n import label, t, translate
from desk_app.io.table_xlsx import write_table
from desk_app.services import complaints, improvement
from desk_app.services.complaints import ComplaintFilter


def export_complaints(path: str | Path, f: ComplaintFilter | None = None) -> int:
    """The complaint register (投诉登记表) as a workbook; returns the number of complaints."""
    headers = [t("Number"), t("Received at"), t("Source"), t("Complainant"), t("Customer unit"),
               t("Related ticket"), t("Type"), t("Description"), t("Activity"), t("State"), t("Escalated"),
               t("Due"), t("Overdue"), t("Measures"), t("Findings and lessons learned")]
    rows = []
    for row in complaints.list_complaints(f or ComplaintFilter(), limit=1_000_000):
        detail = complaints.get_complaint(row.id)
        rows.append([row.number, row.received_at, label(row.source), row.complainant, row.unit_name,
                     row.ticket_number, row.category, detail.description, row.code, label(row.state),
                     t("Yes") if row.escalated else "", row.due_at, t("Yes") if row.overdue else "",
                     detail.measures, detail.findings])
    write_table(path, t("Complaint register"), headers, rows,
                widths=[18, 17, 10, 12, 18, 18, 12, 40, 8, 10, 8, 17, 8, 30, 30], sheet_name=t("Complaints"))
    return len(rows)


def improvement_headers(language: str | None = None) -> list[str]:
    """The columns of the paper tracking table (服务改善项目跟踪管理表), in its order."""
    return [translate(language, "No."), translate(language, "Problem description"),
            translate(language, "Problem source"), translate(language, "Initial corrective measure"),
            translate(language, "Agreed measure (meeting date)"), translate(language, "Work plan"),
            translate(language, "Effect evaluation and confirmation"), translate(language, "State"),
            translate(language, "Goal")]


def improvement_cells(p: improvement.ProjectRow, language: str | None = None) -> list[object]:
    """One project as the paper table's cells (shared by the Excel and PDF versions)."""
    source = label(p.source, language) + (f" {p.source_ref}" if p.source_ref else "")
    agreed = p.agreed_measure + (f"（{p.meeting_date:%Y-%m-%d}）" if p.meeting_date else "")
    effect = p.effect_result
    if p.confirmed_by:
        effect += "\n" + translate(language, "Confirmed by {name} on {day}", name=p.confirmed_by,
                                   day=f"{p.confirmed_at:%Y-%m-%d}")
    state = label(p.state, language) + (f"（{label(p.closure_code, language)}）" if p.closure_code else "")
    goal = ""
    if p.goal_indicator:
        goal = translate(language, "{base} → {target}, measured {measured}", base=_num(p.base_value),
                         target=_num(p.target_value), measured=_num(p.measured_value))
    return [p.number, p.problem, source, p.initial_measure, agreed, p.plan_text(), effect.strip(), state, goal]


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def export_improvement(path: str | Path) -> int:
    """The improvement tracking table in the paper table's layout; returns the number of projects."""
    rows = [improvement_cells(p) for p in improvement.list_projects()]
    write_table(path, t("Service improvement project tracking table") + f" {date.today():%Y-%m-%d}",
                improvement_headers(), rows, widths=[12, 36, 16, 30, 30, 40, 30, 12, 20],
                sheet_name=t("Improvement"))
    return len(rows)
