"""The monthly evaluation report (月度考评, R32–R33): standings of technicians and teams, the repair
star and the winning team. Formats `report_data.monthly_evaluation`."""

from __future__ import annotations

from desk_app.i18n import N_
from desk_app.reports.builder import ReportDocument
from desk_app.reports.catalog import code_label, pairs_table

#: Who evaluated (EvaluationKind codes), as the report names them.
KIND_LABELS = {"self": N_("Team lead self-evaluation"), "dispatcher": N_("Dispatcher callbacks"),
               "manager": N_("Manager callbacks")}


def content(doc: ReportDocument, f: dict) -> None:
    t = doc.t
    none = t("(nobody evaluated)")
    doc.heading(t("Awards"))
    doc.key_figures([
        (t("Repair star"), f["repair_star"] or none),
        (t("Winning team"), f["winning_team"] or none),
        (t("Evaluated tickets"), f["evaluated_tickets"]),
        (t("Dissatisfied ratings"), f["dissatisfied"]),
    ])
    doc.note(t("Score = points of the evaluated tickets ÷ evaluated tickets + evaluated tickets × {factor}. "
               "Ties go to fewer dissatisfied ratings, then more evaluated tickets. The repair star earns a "
               "bonus of {bonus} for the performance review.", factor=f["factor"], bonus=f["star_bonus"]))

    doc.heading(t("Team standings"))
    teams = f["teams"]
    if teams:
        doc.bar_chart([r["name"] for r in teams], [r["score"] for r in teams], title=t("Team scores"))
    doc.table([N_("Rank"), N_("Team"), N_("Evaluated tickets"), N_("Points"), N_("Dissatisfied"), N_("Score")],
              [[r["rank"], r["name"], r["evaluated_tickets"], r["points"], r["dissatisfied"], f"{r['score']:.2f}"]
               for r in teams], widths=[1, 4, 2, 1.5, 1.5, 1.5],
              align=["RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"], caption=t("Team standings"))

    doc.heading(t("Technician standings"))
    techs = f["technicians"]
    if techs:
        top = techs[:12]
        doc.bar_chart([r["name"] for r in top], [r["score"] for r in top],
                      title=t("Technician scores (top {n})", n=len(top)))
    doc.table([N_("Rank"), N_("Name"), N_("Team"), N_("Evaluated tickets"), N_("Points"), N_("Dissatisfied"),
               N_("Score")],
              [[r["rank"], r["name"], r.get("team") or "—", r["evaluated_tickets"], r["points"], r["dissatisfied"],
                f"{r['score']:.2f}"] for r in techs], widths=[1, 2.4, 2.6, 2, 1.4, 1.5, 1.4],
              align=["RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"],
              caption=t("Technician standings"))

    doc.heading(t("Evaluations"))
    if f["ratings"]:
        doc.pie_chart([code_label(doc, c) for c, _n in f["ratings"]], [n for _c, n in f["ratings"]],
                      title=t("All evaluations by rating"))
        for kind, pairs in f["by_kind"]:
            pairs_table(doc, "Rating", pairs, caption=t("Evaluations: {kind}", kind=t(KIND_LABELS.get(kind, kind))))
    else:
        doc.no_data()
