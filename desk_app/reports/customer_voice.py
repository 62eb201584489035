"""The 客户意见 section of the monthly service report and the satisfaction reports, and the meeting
agenda's dissatisfied items by term. Formats the `customer_voice` / `term_groups` figures of
`services.comment_figures`; reports stored before those figures existed print nothing here."""

from __future__ import annotations

from desk_app.i18n import N_
from desk_app.reports import catalog
from desk_app.reports.builder import ReportDocument
from desk_app.reports.catalog import dimension_label, fmt_pct

TREND_LABELS = {"new": N_("new"), "rising": N_("rising")}


def section(doc: ReportDocument, voice: dict | None) -> None:
    """Per dimension: the top terms as a small chart, what is new or rising, three quoted comments."""
    if voice is None:  # figures of a report made before this section existed
        return
    t = doc.t
    doc.heading(t("Customer comments"))
    if not voice.get("comments"):
        doc.no_data(t("No customer comments in this period."))
        return
    doc.key_figures([
        (t("Comments"), voice["comments"]),
        (t("Negative comments"), voice.get("negative", 0)),
        (t("Share negative"), fmt_pct(voice.get("negative_share"))),
        (t("Dimensions"), len(voice.get("dimensions", []))),
    ])
    doc.note(t("Callback notes, revisit forms and questionnaire comments, segmented into words. A count is the "
               "number of comments that contain the word; a comment is negative when the rating it came with is "
               "dissatisfied or worse. New: not said in that dimension in {previous}; rising: at least two more "
               "comments and half as many again.", previous=voice.get("previous_period") or "—"))
    for dim in voice.get("dimensions", []):
        doc.heading(dimension_label(doc, dim["dimension"]), level=2)
        terms = dim.get("terms", [])
        doc.note(t("{comments} comments, {negative} negative ({share}).", comments=dim["comments"],
                   negative=dim["negative"], share=fmt_pct(dim.get("negative_share"))))
        top = max((count for _term, count, *_rest in terms), default=0)
        if top >= 2:  # a chart of words said once each tells nothing
            doc.bar_chart([term for term, *_rest in terms], [count for _term, count, *_rest in terms],
                          title=t("Most frequent words"), value_format="{:.0f}", height_mm=42,
                          value_max=max(4, top + 1))
        elif terms:
            doc.paragraph(t("Words: {terms}", terms="、".join(term for term, *_rest in terms)))
        flagged = [f"{term}（{t(TREND_LABELS[trend])}）" for term, _c, _n, trend in terms if trend in TREND_LABELS]
        phrases = [f"{phrase} ×{count}" for phrase, count in dim.get("phrases", []) if count > 1]
        if flagged:
            doc.paragraph(t("New or rising: {terms}", terms="、".join(flagged)))
        if phrases:
            doc.paragraph(t("Phrases: {phrases}", phrases="、".join(phrases)))
        for quote in dim.get("quotes", []):
            where = "，".join(x for x in (quote.get("unit", ""), quote.get("number", "")) if x)
            doc.paragraph(f"“{quote['text']}”" + (f"（{where}）" if where else ""))
    units = voice.get("units", [])
    if units:
        doc.table([N_("Customer unit"), N_("Comments"), N_("Share negative"), N_("Most frequent words")],
                  [[u["unit"], u["comments"], fmt_pct(u.get("negative_share")), "、".join(u.get("terms", []))]
                   for u in units], widths=[3, 1.4, 1.6, 5], align=["LEFT", "RIGHT", "RIGHT", "LEFT"],
                  caption=t("Customer comments by unit"))


def meeting_groups(doc: ReportDocument, groups: list[dict] | None) -> None:
    """R18a: the dissatisfied items grouped by the word they share most."""
    if groups is None:
        return
    t = doc.t
    doc.heading(t("Dissatisfied items by what was said"))
    if not groups:
        doc.no_data()
        return
    doc.table([N_("Word"), N_("Items"), N_("Tickets")],
              [[g["term"] or t("(other)"), g["count"], "、".join(g["items"])] for g in groups],
              widths=[2, 1, 9], align=["LEFT", "RIGHT", "LEFT"], caption=t("Dissatisfied items by what was said"))


def survey_content(doc: ReportDocument, f: dict) -> None:
    """The satisfaction reports: the survey analysis (`catalog.survey_content`), then what customers said."""
    catalog.survey_content(doc, f)
    section(doc, f.get("customer_voice"))
