"""The monthly service report (服务报告, R35): volume, response and resolution against the SLA,
callbacks and their results, complaints, improvement projects, customer comments. Formats
`service_report_figures.monthly_service`."""

from __future__ import annotations

from desk_app.i18n import N_
from desk_app.reports.builder import ReportDocument
from desk_app.reports.catalog import code_label, fmt_num, fmt_opt, fmt_pct, pairs_table
from desk_app.reports.customer_voice import section as customer_voice


def content(doc: ReportDocument, f: dict) -> None:
    tk, sla, cb, cp, im = f["tickets"], f["sla"], f["callbacks"], f["complaints"], f["improvement"]
    t = doc.t

    doc.heading(t("Summary"))
    doc.key_figures([
        (t("Tickets reported"), tk["reported"]),
        (t("Tickets closed"), tk["closed"]),
        (t("First response on time"), fmt_pct(sla["response"]["on_time_rate"])),
        (t("Resolved on time"), fmt_pct(sla["resolution"]["on_time_rate"])),
        (t("Callbacks done"), cb["done"]),
        (t("Callback satisfaction rate"), fmt_pct(cb["satisfaction_rate"])),
        (t("Complaints"), cp["total"]),
        (t("Open improvement projects"), im["open"]),
    ])
    doc.note(t("Period {start} to {end}. Tickets count in the month they were reported; resolution times "
               "count in the month the ticket was closed.", start=f["start"], end=f["end"]))

    # 1 volume
    doc.heading(t("Ticket volume"))
    doc.key_figures([(t("Tickets reported"), tk["reported"]), (t("Tickets closed"), tk["closed"]),
                     (t("Open at the end of the month"), tk["open_at_end"])], per_row=3)
    if tk["reported"]:
        doc.pie_chart([code_label(doc, c) for c, _n in tk["by_channel"]], [n for _c, n in tk["by_channel"]],
                      title=t("Tickets by channel"))
        top = tk["by_category"][:10]
        doc.bar_chart([c or "—" for c, _n in top], [n for _c, n in top], title=t("Tickets by category (top 10)"),
                      value_format="{:.0f}")
        pairs_table(doc, "Category", tk["by_category"], codes=False, caption=t("Tickets by category"))
        doc.table([N_("Team"), N_("Reported"), N_("Closed")], [[n or "—", r, c] for n, r, c in tk["by_team"]],
                  widths=[5, 2, 2], caption=t("Tickets by team"))
    else:
        doc.no_data()
    trend = f["trend"]
    doc.line_chart(trend["periods"], {t("Tickets reported"): trend["reported"]},
                   title=t("Tickets reported over the last six months"), value_format="{:.0f}")

    # 2 SLA
    doc.heading(t("Response and resolution against the service levels"))
    doc.key_figures([
        (t("First response on time"), fmt_pct(sla["response"]["on_time_rate"])),
        (t("Mean first response (hours)"), fmt_num(sla["response"]["mean_hours"])),
        (t("Resolved on time"), fmt_pct(sla["resolution"]["on_time_rate"])),
        (t("Mean resolution (hours)"), fmt_num(sla["resolution"]["mean_hours"])),
    ])
    rows = []
    for p in sla["by_priority"]:
        r, s = p["response"], p["resolution"]
        rows.append([p["priority"], fmt_opt(p["response_target_hours"]), r["measured"], fmt_pct(r["on_time_rate"]),
                     fmt_num(r["mean_hours"]), fmt_opt(p["resolution_target_hours"]), s["measured"],
                     fmt_pct(s["on_time_rate"]), fmt_num(s["mean_hours"])])
    doc.table([N_("Priority"), N_("Response due (h)"), N_("Responded"), N_("On time"), N_("Mean (h)"),
               N_("Resolution due (h)"), N_("Resolved"), N_("On time"), N_("Mean (h)")],
              rows, widths=[1.1, 1.6, 1.3, 1.3, 1.5, 1.6, 1.3, 1.3, 1.5],
              align=["LEFT"] + ["RIGHT"] * 8, caption=t("Service levels by priority"))

    # 3 callbacks
    doc.heading(t("Callbacks and their results"))
    doc.key_figures([
        (t("Callbacks due"), cb["due"]),
        (t("Callbacks done"), cb["done"]),
        (t("Unreachable"), cb["unreachable"]),
        (t("Overdue"), cb["overdue"]),
        (t("Callback satisfaction rate"), fmt_pct(cb["satisfaction_rate"])),
        (t("Contacted within 1 hour"), fmt_pct(cb["contacted_within_hour_rate"])),
        (t("Device working now"), fmt_pct(cb["device_working_rate"])),
        (t("Evaluations"), cb["evaluations"]),
    ])
    if cb["ratings"]:
        doc.pie_chart([code_label(doc, c) for c, _n in cb["ratings"]], [n for _c, n in cb["ratings"]],
                      title=t("Callback ratings"))
        pairs_table(doc, N_("Rating"), cb["ratings"], caption=t("Callback ratings"))
        doc.table(["Team", "Evaluations", "Satisfied", "Satisfaction rate"],
                  [[n or "—", e, s, fmt_pct(r)] for n, e, s, r in cb["by_team"]], widths=[5, 2, 2, 2],
                  align=["LEFT", "RIGHT", "RIGHT", "RIGHT"], caption=t("Callback results by team"))
    else:
        doc.no_data(t("No callbacks were evaluated in this period."))
    doc.line_chart(trend["periods"], {t("Callback satisfaction rate"): trend["satisfaction_rate"]},
                   title=t("Callback satisfaction rate over the last six months (%)"), value_max=100)

    # 4 complaints
    doc.heading(t("Complaints"))
    doc.key_figures([(t("Complaints received"), cp["total"]), (t("Valid"), cp["valid"]),
                     (t("Overdue"), cp["overdue"]), (t("All open overdue complaints"), cp["open_overdue_all"])])
    if cp["total"]:
        pairs_table(doc, "State", cp["by_state"], caption=t("Complaints by state"))
        pairs_table(doc, "Type", cp["by_category"], codes=False, caption=t("Complaints by type"))
        pairs_table(doc, "Customer unit", cp["by_unit"], codes=False, caption=t("Complaints by customer unit"))
        yes = t("Yes")
        doc.table([N_("Number"), N_("Received"), N_("Complainant"), N_("Customer unit"), N_("Type"), N_("State"),
                   N_("Overdue")],
                  [[n, at, who, unit or "—", cat or "—", code_label(doc, st), yes if od else ""]
                   for n, at, who, unit, cat, st, od in cp["list"]],
                  widths=[2.6, 2.4, 1.8, 2.6, 1.8, 1.6, 1.2], caption=t("Complaints received"))
    else:
        doc.no_data(t("No complaints were received in this period."))

    # 5 improvement
    doc.heading(t("Improvement projects"))
    doc.key_figures([(t("Projects"), im["total"]), (t("Open"), im["open"]), (t("Confirmed"), im["confirmed"]),
                     (t("Overdue steps"), im["overdue_steps"])])
    if im["total"]:
        pairs_table(doc, "State", [p for p in im["by_state"] if p[1]], caption=t("Projects by state"))
        doc.table(["No.", "Problem description", "Source", "State", "Owner", "Overdue steps"],
                  [[n, prob, code_label(doc, src), code_label(doc, st), owner or "—", od]
                   for n, prob, src, st, owner, od in im["open_list"]],
                  widths=[2, 6, 1.6, 1.5, 1.5, 1.3], caption=t("Open improvement projects"),
                  empty_text=t("No open projects."))
    else:
        doc.no_data(t("No improvement projects."))

    # 6 what customers said
    customer_voice(doc, f.get("customer_voice"))
