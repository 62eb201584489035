"""The single forms (R19, R24, R26) in the layout of the paper forms, made with the shared builder:

- the dissatisfaction revisit form (不满意回访表): one bordered grid with check boxes for the
  dissatisfaction types, fitting one page;
- the customer complaint feedback form (客户投诉反馈表);
- the improvement tracking table (服务改善项目跟踪管理表), landscape, in the columns of
  `desk_app.services.registers.improvement_headers` (the Excel export's columns).

Content functions take the figures of `desk_app.services.report_data` and only format them.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desk_app.i18n import N_
from desk_app.reports import builder
from desk_app.reports.builder import ReportDocument, escape_text
from desk_app.reports.catalog import code_label

#: The revisit form's dissatisfaction types (codes of services.revisits) and their labels.
REVISIT_TYPES = (
    ("response_speed", N_("Response speed")),
    ("attitude", "Service attitude"),
    ("device_state", N_("Device state after repair")),
    ("other", "Other"),
)

#: Revisit form states (services.revisits / RevisitState) as the form prints them.
REVISIT_STATES = {"open": N_("To be filled"), "submitted": N_("Submitted"), "discussed": N_("Discussed at the meeting")}

LABEL_FILL = builder.LABEL_FILL
RULE = colors.HexColor("#5F6B7A")


class CheckBox(Flowable):
    """A printed check box (☐ / ☑), drawn so it needs no glyph in the report font."""

    def __init__(self, checked: bool, size: float = 3.4 * mm) -> None:
        super().__init__()
        self.checked = checked
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setLineWidth(0.7)
        c.setStrokeColor(builder.INK)
        c.rect(0, 0, s, s)
        if self.checked:
            c.setLineWidth(1.2)
            path = c.beginPath()
            path.moveTo(s * 0.18, s * 0.52)
            path.lineTo(s * 0.42, s * 0.22)
            path.lineTo(s * 0.84, s * 0.84)
            c.drawPath(path, stroke=1, fill=0)
        c.restoreState()


def _p(doc: ReportDocument, text: object, style: str = "cell") -> Paragraph:
    return Paragraph(escape_text("" if text in (None, "") else text), doc.styles[style])


def _checks(doc: ReportDocument, options: list[tuple[bool, str]], width: float) -> Table:
    """A row of check boxes with their labels."""
    cells: list[object] = []
    widths: list[float] = []
    for checked, text in options:
        cells += [CheckBox(checked), _p(doc, text)]
        widths += [5 * mm, None]  # type: ignore[list-item]
    free = width - 5 * mm * len(options)
    lengths = [max(len(text), 4) for _c, text in options]
    widths = [w if w is not None else free * lengths[i // 2] / sum(lengths) for i, w in enumerate(widths)]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), doc.font.name, 9),  # not Helvetica, the cells' default
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _grid(doc: ReportDocument, rows: list[tuple], tall: dict[int, float] | None = None) -> Table:
    """The paper form's bordered grid. Each row: (label, value, label, value) or (label, value) spanning."""
    w = doc.frame_width
    col = [w * 0.16, w * 0.34, w * 0.16, w * 0.34]
    data: list[list[object]] = []
    cmds: list[tuple] = [
        ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), doc.font.name, 9),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    heights: list[float | None] = []
    for r, row in enumerate(rows):
        if len(row) == 4:
            data.append([_p(doc, row[0], "label"), _value(doc, row[1], col[1]), _p(doc, row[2], "label"),
                         _value(doc, row[3], col[3])])
            cmds += [("BACKGROUND", (0, r), (0, r), LABEL_FILL), ("BACKGROUND", (2, r), (2, r), LABEL_FILL)]
        else:
            data.append([_p(doc, row[0], "label"), _value(doc, row[1], col[1] + col[2] + col[3]), "", ""])
            cmds += [("SPAN", (1, r), (3, r)), ("BACKGROUND", (0, r), (0, r), LABEL_FILL)]
        height = (tall or {}).get(r)
        heights.append(height)
        if height:
            cmds.append(("VALIGN", (1, r), (3, r), "TOP"))
    table = Table(data, colWidths=col, rowHeights=heights)
    table.setStyle(TableStyle(cmds))
    return table


def _value(doc: ReportDocument, value: object, width: float) -> object:
    if isinstance(value, Flowable):
        return value
    if isinstance(value, list):  # check boxes
        return _checks(doc, value, width - 12)
    return _p(doc, value)


def _min_height(text: str, lines: int) -> float | None:
    """Room for handwriting: at least `lines` lines, more when the text needs it (then no fixed height)."""
    if text and (text.count("\n") + 1 > lines - 1 or len(text) > lines * 40):
        return None
    return lines * 5.5 * mm


# -- the revisit form (不满意回访表, R17/R19) -----------------------------------------------------


def revisit_content(doc: ReportDocument, f: dict) -> None:
    t = doc.t
    types = set(f.get("dissatisfaction_types") or [])
    options = []
    for code, text in REVISIT_TYPES:
        label = t(text)
        if code == "other" and f.get("dissatisfaction_other"):
            label = f"{label}：{f['dissatisfaction_other']}"
        options.append((code in types, label))
    rows = [
        (t("Ticket number"), f["ticket_number"], t("Team"), f["team"] or ""),
        (t("Reporter"), f["reporter_name"], t("Reporter location"), f["reporter_location"]),
        (t("Reported at"), f["reported_at"], t("Reporter phone"), f["reporter_phone"]),
        (t("Callback person"), f["callback_person"], t("Callback time"), f["callback_at"]),
        (t("Rating"), code_label(doc, f["rating"]) if f.get("rating") else "", t("Team lead"), f["team_lead"]),
        (t("Form number"), f"{f['number']}（{t(REVISIT_STATES.get(f['state'], f['state']))}）", t("Due"),
         f["due_date"]),
        (t("Problems and suggestions"), f["customer_problems"]),
        (t("Dissatisfaction type"), options),
        (t("Team lead's revisit"), f["revisit_notes"]),
        (t("Corrective measures and suggestions"), f["corrective_measures"]),
    ]
    tall = {6: _min_height(f["customer_problems"], 2), 8: _min_height(f["revisit_notes"], 3),
            9: _min_height(f["corrective_measures"], 3)}
    if f.get("meeting_date") or f.get("agreed_measure"):
        rows.append((t("Fault analysis meeting"), f"{f.get('meeting_date') or ''}  {f.get('agreed_measure') or ''}"))
    if f.get("project_numbers"):
        rows.append((t("Improvement project"), "、".join(f["project_numbers"])))
    doc.add(lambda: _grid(doc, rows, {k: v for k, v in tall.items() if v}))


# -- the complaint feedback form (客户投诉反馈表, R24) ------------------------------------------------


def complaint_content(doc: ReportDocument, f: dict) -> None:
    t = doc.t
    complainant = f["complainant"] + (f"（{f['complainant_title']}）" if f.get("complainant_title") else "")
    valid = f.get("is_valid")
    validity = [(valid is True, t("Valid")), (valid is False, t("Invalid"))]
    closing = [(bool(f.get("customer_confirmed")), t("Customer confirmed")),
               (bool(f.get("customer_notified")), t("Customer notified"))]
    verification = " ".join(x for x in (f.get("verified_by") or "", f.get("verified_at") or "") if x)
    rows = [
        (t("Complaint number"), f"{f['number']}（{f['code']} {code_label(doc, f['state'])}）", t("Received at"),
         f["received_at"]),
        (t("Complainant"), complainant, t("Phone"), f.get("phone") or f.get("email") or ""),
        (t("Customer unit"), f["unit"], t("Related ticket"), f["ticket_number"]),
        (t("Source"), code_label(doc, f["source"]), t("Type"), f["category"]),
        (t("Complaint description"), f["description"]),
        (t("Validity"), validity, t("Reason"), f["validity_reason"]),
        (t("Responsible department"), f["department"], t("Department manager"), f["department_manager"]),
        (t("Handling measures"), f["measures"]),
        (t("Verification of the measures"), verification, t("Closing"), closing),
        (t("Closed at"), f.get("closed_at") or "", t("Due"), f.get("due_at") or ""),
        (t("Findings and lessons learned"), f["findings"]),
    ]
    if f.get("close_reason"):
        rows.insert(-1, (t("Reason for closing without confirmation"), f["close_reason"]))
    if f.get("escalated"):
        rows.insert(5, (t("Escalated to the general manager"), f.get("escalation_reason") or t("Yes")))
    tall = {}
    for i, row in enumerate(rows):
        if len(row) == 2 and row[0] in (t("Complaint description"), t("Handling measures"),
                                        t("Findings and lessons learned")):
            height = _min_height(str(row[1] or ""), 2)
            if height:
                tall[i] = height
    doc.add(lambda: _grid(doc, rows, tall))


# -- the improvement tracking table (服务改善项目跟踪管理表, R25/R26), landscape ----------------------


def improvement_content(doc: ReportDocument, f: dict) -> None:
    t = doc.t
    counts = [(code_label(doc, s), n) for s, n in f["by_state"] if n]
    if counts:
        doc.key_figures(counts[:6], per_row=min(6, len(counts)))
    doc.table(f["headers"], f["rows"], widths=[2.1, 4, 2.6, 3.2, 3.2, 4.2, 3.2, 1.4, 1.8],
              align=["LEFT"] * len(f["headers"]), translate_columns=False,
              empty_text=t("No improvement projects."))
    doc.note(t("Work plan: one line per step (owner, due date); ✓ marks a completed step."))
