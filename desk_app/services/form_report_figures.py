"""The figures of the single forms (R19, R24, R26): the revisit form, the customer complaint
feedback form and the improvement tracking table, each field as the paper form has it. A form's
period is its record's number."""

from collections import Counter
from datetime import date, datetime

from desk_app.models import now
from desk_app.models.enums import ImprovementState, ReportKind
from desk_app.services import complaints, improvement, registers, revisits
from desk_app.services.actor import Actor
from desk_app.services.figure_values import base_figures, iso, pairs

K = ReportKind


def revisit_form(actor: Actor, form_id: int, language: str = "zh_CN") -> dict:
    """Every field of the paper revisit form (R17); `actor` decides what may be seen (R2)."""
    r = revisits.get_form(actor, form_id)
    figures = base_figures(K.REVISIT_FORM, r.number, language)
    figures.update({
        "number": r.number, "ticket_number": r.ticket_number, "team": r.team_name, "team_lead": r.team_lead_name,
        "reporter_name": r.reporter_name, "reporter_location": r.reporter_location,
        "reported_at": iso(r.reported_at), "reporter_phone": r.reporter_phone,
        "callback_person": r.callback_person, "callback_at": iso(r.callback_at), "rating": r.rating,
        "customer_problems": r.customer_problems, "dissatisfaction_types": list(r.dissatisfaction_types),
        "dissatisfaction_other": r.dissatisfaction_other, "revisit_notes": r.revisit_notes,
        "corrective_measures": r.corrective_measures, "due_date": iso(r.due_date), "state": r.state,
        "meeting_date": iso(r.meeting_date), "agreed_measure": r.agreed_measure,
        "project_numbers": list(r.project_numbers),
    })
    return figures


def complaint_feedback(complaint_id: int, language: str = "zh_CN") -> dict:
    """The customer complaint feedback form (客户投诉反馈表, R24)."""
    c = complaints.get_complaint(complaint_id)
    figures = base_figures(K.COMPLAINT_FEEDBACK, c.row.number, language)
    figures.update({
        "number": c.row.number, "received_at": iso(c.row.received_at), "source": c.row.source,
        "complainant": c.row.complainant, "complainant_title": c.complainant_title, "phone": c.phone,
        "email": c.email, "unit": c.row.unit_name, "ticket_number": c.row.ticket_number,
        "category": c.row.category, "description": c.description, "state": c.row.state, "code": c.row.code,
        "is_valid": c.is_valid, "validity_reason": c.validity_reason, "department": c.department,
        "department_manager": c.department_manager, "measures": c.measures, "verified_by": c.verified_by,
        "verified_at": iso(c.verified_at), "customer_confirmed": c.customer_confirmed,
        "customer_notified": c.customer_notified, "close_reason": c.close_reason, "findings": c.findings,
        "escalated": c.row.escalated, "escalation_reason": c.escalation_reason, "due_at": iso(c.row.due_at),
        "closed_at": next((iso(e.at) for e in reversed(c.events) if e.code == "close"), ""),
        "project_numbers": list(c.project_numbers),
    })
    return figures


def improvement_table(project_id: int | None = None, language: str = "zh_CN") -> dict:
    """The tracking table (服务改善项目跟踪管理表) in the paper table's columns (registers module):
    one project, or every project when `project_id` is None."""
    if project_id is None:
        projects = improvement.list_projects()
        period = now().date().isoformat()
    else:
        projects = [improvement.get_project(project_id)]
        period = projects[0].number
    figures = base_figures(K.IMPROVEMENT_TABLE, period, language)
    figures.update({
        "scope": "all" if project_id is None else "one",
        "headers": registers.improvement_headers(language),
        "rows": [[iso(c) if isinstance(c, date | datetime) else ("" if c is None else str(c))
                  for c in registers.improvement_cells(p, language)] for p in sorted(projects, key=lambda p: p.number)],
        "by_state": pairs(Counter(p.state for p in projects), tuple(s.value for s in ImprovementState)),
    })
    return figures
