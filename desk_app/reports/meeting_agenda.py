"""The monthly fault analysis meeting agenda (故障分析会议程, R18a). Formats `report_data.meeting_agenda`:
the month's dissatisfied evaluations with their revisit forms and corrective measures, the improvement
projects to discuss or confirm, and lines for the decisions taken at the meeting."""

from __future__ import annotations

from desk_app.i18n import N_
from desk_app.reports.builder import ReportDocument
from desk_app.reports.catalog import code_label
from desk_app.reports.customer_voice import meeting_groups


def content(doc: ReportDocument, f: dict) -> None:
    t = doc.t
    items, projects = f["items"], f["projects"]
    doc.heading(t("Meeting"))
    doc.key_figures([
        (t("Meeting date"), f["meeting_date"]),
        (t("Dissatisfied evaluations"), len(items)),
        (t("Revisit forms"), sum(1 for i in items if i["revisit_form"])),
        (t("Projects to discuss or confirm"), len(projects)),
    ])
    doc.note(t("Evaluations of the tickets closed from {start} to {end}.", start=f["start"], end=f["end"]))

    doc.heading(t("Dissatisfied evaluations and their measures"))
    if not items:
        doc.no_data()
    else:
        doc.table([N_("Ticket"), N_("Team"), N_("Technician"), N_("Evaluated by"), N_("Rating"), N_("Customer's words"),
                   N_("Revisit form"), N_("Corrective measures"), N_("Agreed measure")],
                  [[i["ticket_number"], i["team"], i["technician"], code_label(doc, i["kind"]),
                    code_label(doc, i["rating"]), i["comment"],
                    f"{i['revisit_form']} {code_label(doc, i['revisit_state'])}".strip() if i["revisit_form"] else "—",
                    i["measures"], i["agreed_measure"]] for i in items],
                  widths=[2.2, 1.6, 1.3, 1.4, 1.2, 3, 2.2, 3, 2.4], align=["LEFT"] * 9,
                  caption=t("Dissatisfied evaluations and their measures"))

    meeting_groups(doc, f.get("term_groups"))

    doc.heading(t("Improvement projects to discuss or confirm"))
    if not projects:
        doc.no_data()
    else:
        doc.table(["No.", "Problem description", "Problem source", "State", "Initial corrective measure",
                   "Agreed measure", "Owner"],
                  [[p["number"], p["problem"], code_label(doc, p["source"]), code_label(doc, p["state"]),
                    p["initial_measure"], p["agreed_measure"], p["owner"]] for p in projects],
                  widths=[1.8, 4, 1.6, 1.4, 3.2, 3.2, 1.4], align=["LEFT"] * 7,
                  caption=t("Improvement projects to discuss or confirm"))

    doc.heading(t("Decisions of the meeting"))
    doc.table([N_("Item"), N_("Decision (agreed measure, owner, due date)")],
              [[str(n), ""] for n in range(1, 7)], widths=[1, 9], align=["RIGHT", "LEFT"])
