"""Report kind → PDF: the one place that turns stored figures into a `ReportDocument` and bytes.

`build_pdf(kind, figures, meta)` (or `build_signable_pdf`, which also returns where the reviewer's and
approver's digital signatures go) makes the document with the shared builder (header block,
version record, signers, draft watermark or approval) and lets the kind's content function add the
body from `figures` (the dict of `desk_app.services.report_data`, stored in Report.figures_json).
Content functions only format: every number they print is in `figures`.

The two survey reports live here until the surveys issue adds its own report module; the helpers
below (code labels, percentages, period names) are shared by every content module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.pagesizes import A4, landscape

from desk_app.i18n import (
    CODE_LABELS,
    DIMENSION_CONTEXT,
    DIMENSION_LABELS,
    FINDING_LEVEL_LABELS,
    FINDING_TYPE_LABELS,
    N_,
    translate,
)
from desk_app.reports import builder
from desk_app.reports.builder import (
    Approval,
    DocumentHeader,
    ReportDocument,
    SignablePdf,
    Signer,
    VersionRow,
)
from desk_app.reports.fonts import find_cjk_font

Content = Callable[[ReportDocument, dict], None]


# -- shared formatting helpers ------------------------------------------------------------------


def code_label(doc: ReportDocument, code: object) -> str:
    """A stored code (state, channel, rating, dimension …) in the document's language."""
    text = str(code or "")
    if not text:
        return "—"
    return doc.t(CODE_LABELS.get(text) or DIMENSION_LABELS.get(text) or text)


def dimension_label(doc: ReportDocument, code: str) -> str:
    """A survey dimension as the questionnaires name it: in the catalogue's dimension context, since
    "quality" is also a role and "Service attitude" also the technician's evaluation aspect."""
    if code in DIMENSION_LABELS:
        return translate(doc.language, DIMENSION_LABELS[code], context=DIMENSION_CONTEXT)
    return code_label(doc, code)


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def fmt_num(value: float | None, decimals: int = 2) -> str:
    return "—" if value is None else f"{value:.{decimals}f}"


def fmt_opt(value: object) -> str:
    return "—" if value in (None, "") else str(value)


def period_title(doc: ReportDocument, period: str) -> str:
    """2026-10 → 2026年10月 / October 2026; 2026-Q3 → 2026年第三季度 / 2026 Q3; 2026 → 2026年度."""
    zh = doc.language == "zh_CN"
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        year, month = int(period[:4]), int(period[5:])
        return f"{year}年{month}月" if zh else date(year, month, 1).strftime("%B %Y")
    if len(period) == 7 and period[5] == "Q":
        q = int(period[6])
        return f"{period[:4]}年第{'一二三四'[q - 1]}季度" if zh else f"{period[:4]} Q{q}"
    if len(period) == 4 and period.isdigit():
        return f"{period}年度" if zh else doc.t("Year {year}", year=period)
    return period


def pairs_table(doc: ReportDocument, first_column: str, pairs: Sequence[Sequence], *, codes: bool = True,
                caption: str | None = None, total: bool = True, labels: Mapping[str, str] | None = None) -> None:
    """A two-column count table (label, count, share) from [[key, n], …]; keys are codes (or, with
    `labels`, keys of those English names; '' is unclassified) unless `codes` is False."""
    def name(key: object) -> str:
        if labels is not None:
            return doc.t(labels.get(str(key), str(key))) if key else doc.t("Unclassified")
        return code_label(doc, key) if codes else fmt_opt(key)

    whole = sum(int(n) for _k, n in pairs)
    rows = [[name(k), int(n), fmt_pct(100.0 * n / whole if whole else None)] for k, n in pairs]
    if total and rows:
        rows.append([doc.t("Total"), whole, fmt_pct(100.0 if whole else None)])
    doc.table([first_column, N_("Count"), N_("Share")], rows, widths=[5, 2, 2], align=["LEFT", "RIGHT", "RIGHT"],
              caption=caption)


# -- survey reports (客户满意度调查报告 / 用户满意度调查分析报告) --------------------------------------


def survey_content(doc: ReportDocument, f: dict) -> None:
    """R31: response rate, satisfaction rate, dimensions, questions, units, trend, findings, comments."""
    doc.heading(doc.t("Overview"))
    if not f.get("plans"):
        doc.no_data(doc.t("No survey plan has this period ({period}); the report has no answers to analyse.",
                          period=f["period"]))
    else:
        doc.table([N_("Plan"), N_("Plan title"), N_("Questionnaire"), N_("Anonymous")],
                  [[p["number"], p["title"], p["template"], doc.t("Yes") if p["anonymous"] else doc.t("No")]
                   for p in f["plans"]], widths=[2.2, 4, 4, 1.4])
    doc.key_figures([
        (doc.t("Questionnaires sent"), f["recipients"]),
        (doc.t("Returned"), f["returned"]),
        (doc.t("Response rate"), fmt_pct(f["response_rate"])),
        (doc.t("Satisfaction rate"), fmt_pct(f["satisfaction_rate"])),
    ])
    doc.note(doc.t("Satisfaction rate = (very satisfied + satisfied + basically satisfied) answers ÷ all rating "
                   "answers ({satisfied} of {total}). Mean points: {mean}.", satisfied=f["satisfied_answers"],
                   total=f["rating_answers"], mean=fmt_num(f["mean_points"])))

    doc.heading(doc.t("Rating shares"))
    if f["ratings"]:
        doc.pie_chart([code_label(doc, c) for c, _n in f["ratings"]], [n for _c, n in f["ratings"]],
                      title=doc.t("Rating answers by rating"))
    else:
        doc.no_data()

    doc.heading(doc.t("Satisfaction by dimension"))
    dims = f["dimensions"]
    if dims and any(d["mean_points"] is not None for d in dims):
        doc.bar_chart([dimension_label(doc, d["dimension"]) for d in dims], [d["mean_points"] or 0 for d in dims],
                      title=doc.t("Mean points per dimension"))
    doc.table([N_("Dimension"), N_("Answers"), N_("Satisfaction rate"), N_("Mean points")],
              [[dimension_label(doc, d["dimension"]), d["answers"], fmt_pct(d["satisfaction_rate"]),
                fmt_num(d["mean_points"])] for d in dims], widths=[5, 1.5, 2, 2],
              align=["LEFT", "RIGHT", "RIGHT", "RIGHT"])

    doc.heading(doc.t("Satisfaction by question"))
    doc.table([N_("No."), N_("Question"), N_("Dimension"), N_("Answers"), N_("Satisfaction rate"), N_("Mean points")],
              [[q["seq"], q["text"], dimension_label(doc, q["dimension"]), q["answers"],
                fmt_pct(q["satisfaction_rate"]),
                fmt_num(q["mean_points"])] for q in f["questions"]], widths=[0.8, 6, 2.4, 1.3, 1.6, 1.5],
              align=["RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"])

    doc.heading(doc.t("Satisfaction by customer unit"))
    units = f["units"]
    if units:
        doc.bar_chart([u["unit"] or "—" for u in units], [u["satisfaction_rate"] or 0 for u in units],
                      title=doc.t("Satisfaction rate per customer unit (%)"), value_max=100, value_format="{:.1f}")
    doc.table([N_("Customer unit"), N_("Questionnaires"), N_("Answers"), N_("Satisfaction rate"), N_("Mean points")],
              [[u["unit"] or "—", u["responses"], u["answers"], fmt_pct(u["satisfaction_rate"]),
                fmt_num(u["mean_points"])] for u in units], widths=[5, 1.8, 1.5, 2, 1.8],
              align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"])

    doc.heading(doc.t("Trend"))
    trend = f["trend"]
    if any(v is not None for v in trend["satisfaction_rate"]):
        doc.line_chart(trend["periods"], {doc.t("Satisfaction rate"): trend["satisfaction_rate"],
                                          doc.t("Response rate"): trend["response_rate"]},
                       title=doc.t("Satisfaction and response rate over the periods (%)"), value_max=100)
    doc.table([N_("Period"), N_("Satisfaction rate"), N_("Response rate")],
              [[p, fmt_pct(s), fmt_pct(r)] for p, s, r in zip(trend["periods"], trend["satisfaction_rate"],
                                                              trend["response_rate"], strict=True)],
              widths=[3, 2, 2], align=["LEFT", "RIGHT", "RIGHT"])

    if f["findings_by_level"] or f["findings_by_type"]:
        doc.heading(doc.t("Findings"))
        pairs_table(doc, "Problem level", f["findings_by_level"], labels=FINDING_LEVEL_LABELS)
        pairs_table(doc, "Problem type", f["findings_by_type"], labels=FINDING_TYPE_LABELS)

    doc.heading(doc.t("Comments by dimension"))
    if not f["comments"]:
        doc.no_data(doc.t("No comments were written."))
    for dim, items in f["comments"]:
        doc.heading(dimension_label(doc, dim), level=2)
        for unit, text in items:
            doc.paragraph(f"{unit}：{text}" if unit else text)

    analyses = [p for p in f.get("plans", []) if p.get("analysis_text")]
    if analyses:
        doc.heading(doc.t("Analysis"))
        for p in analyses:
            doc.paragraph(p["analysis_text"])


# -- the catalogue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindSpec:
    kind: str
    title: str  # English source string
    prefix: str  # document number prefix
    content: str  # "module:function" of the content function (imported lazily)
    landscape: bool = False
    distribution: str = N_("Service desk, team leads and management")


KINDS: dict[str, KindSpec] = {
    s.kind: s
    for s in (
        KindSpec("monthly-service", N_("Service report"), "FW", "desk_app.reports.monthly_service:content"),
        KindSpec("monthly-evaluation", N_("Monthly evaluation report"), "KP",
                 "desk_app.reports.monthly_evaluation:content"),
        KindSpec("quarterly-satisfaction", N_("Customer satisfaction survey report"), "MY",
                 "desk_app.reports.customer_voice:survey_content"),
        KindSpec("annual-survey", N_("User satisfaction survey analysis report"), "FX",
                 "desk_app.reports.customer_voice:survey_content"),
        KindSpec("meeting-agenda", N_("Fault analysis meeting agenda"), "GZH",
                 "desk_app.reports.meeting_agenda:content",
                 landscape=True, distribution=N_("Team leads, managers and the quality controller")),
        KindSpec("revisit-form", N_("Dissatisfaction revisit form"), "HFB", "desk_app.reports.forms:revisit_content"),
        KindSpec("complaint-feedback", N_("Customer complaint feedback form"), "TSF",
                 "desk_app.reports.forms:complaint_content"),
        KindSpec("improvement-table", "Service improvement project tracking table", "GZB",
                 "desk_app.reports.forms:improvement_content", landscape=True),
    )
}


def report_number(kind: str, period: str) -> str:
    """FW-2026-10, MY-2026-Q3, FX-2026, HFB-HF-20261021-001 …: one number per kind and period."""
    return f"{KINDS[kind].prefix}-{period}"


def title_of(kind: str, language: str) -> str:
    return builder.translate(language, KINDS[kind].title)


@dataclass(frozen=True)
class BuildMeta:
    """Everything printed around the figures: the header block, version record and approval (R36, R37)."""

    number: str
    version: str
    language: str = "zh_CN"
    org_name: str = ""
    drafter: str = ""
    reviewer: str = ""
    approver: str = ""
    effective_date: date | None = None
    distribution: str = ""
    versions: Sequence[VersionRow] = field(default_factory=tuple)
    #: Set for the final file: no draft watermark, the approval printed, PDF/A-2b identification.
    #: `Approval.approver` may be "" when the file is made for signing before the approver is known.
    approval: Approval | None = None
    font_path: str | None = None
    drafted_on: date | None = None


def _content(spec: KindSpec) -> Content:
    module, name = spec.content.split(":")
    return getattr(importlib.import_module(module), name)


def _signers(kind: str, meta: BuildMeta, figures: dict) -> list[Signer]:
    """The signer lines of a kind; every kind has a "reviewer" and an "approver" line for digital signatures."""
    reviewer = Signer(N_("Reviewed by"), meta.reviewer, sign_key="reviewer")
    approver = Signer(N_("Approved by"), meta.approver, is_approver=True, sign_key="approver")
    if kind == "revisit-form":
        return [Signer(N_("Callback person"), figures.get("callback_person", "")),
                Signer(N_("Team lead"), figures.get("team_lead", "")), reviewer, approver]
    if kind == "complaint-feedback":
        return [Signer(N_("Handled by"), meta.drafter, meta.drafted_on),
                Signer(N_("Verified by (IT service manager)"), figures.get("verified_by", "")), reviewer, approver]
    return [Signer(N_("Drafted by"), meta.drafter, meta.drafted_on), reviewer, approver]


def make_document(kind: str, figures: dict, meta: BuildMeta) -> ReportDocument:
    spec = KINDS[kind]
    language = meta.language
    doc = ReportDocument(
        DocumentHeader(number=meta.number, title=title_of(kind, language), version=meta.version,
                       drafter=meta.drafter, reviewer=meta.reviewer, approver=meta.approver,
                       effective_date=meta.effective_date,
                       distribution=meta.distribution or builder.translate(language, spec.distribution)),
        language=language,
        org_name=meta.org_name,
        subtitle="",
        versions=list(meta.versions),
        signers=_signers(kind, meta, figures),
        approval=meta.approval,
        page_size=landscape(A4) if spec.landscape else A4,
        font=find_cjk_font(meta.font_path),
        watermark=None if meta.approval is not None else builder.translate(language, "Draft"),
        toc=False if kind in ("revisit-form", "complaint-feedback", "improvement-table") else None,
        archival=meta.approval is not None,
    )
    period = str(figures.get("period", ""))
    if kind in ("monthly-service", "monthly-evaluation", "quarterly-satisfaction", "annual-survey",
                "meeting-agenda"):
        doc.subtitle = period_title(doc, period)
    _content(spec)(doc, figures)
    return doc


def build_pdf(kind: str, figures: dict, meta: BuildMeta) -> bytes:
    """The PDF of one report version."""
    return make_document(kind, figures, meta).build_bytes()


def build_signable_pdf(kind: str, figures: dict, meta: BuildMeta) -> SignablePdf:
    """The PDF of one report version (the same bytes `build_pdf` makes) with the boxes of its digital
    signatures: ``boxes["reviewer"]`` and ``boxes["approver"]``, the empty Signature cells of the
    "Reviewed by" and "Approved by" lines (0-based page, absolute PDF points, see `SignatureBox`)."""
    return make_document(kind, figures, meta).build_signable()
