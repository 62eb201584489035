"""What customers say, by dimension: terms of hand-written comments with counts worked out by hand."""

import json
import random
import shutil
import subprocess
import sys
from datetime import datetime

import pytest

from desk_app.errors import ValidationError
from desk_app.models import (
    Callback,
    CustomerUnit,
    Evaluation,
    RevisitForm,
    SurveyAnswer,
    SurveyPlan,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
    Ticket,
)
from desk_app.services import comment_analysis as ca
from desk_app.services import comment_figures
from desk_app.services.comment_analysis import Comment
from desk_app.services.comment_terms import clean, segment

# -- segmentation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "terms"), [
    ("维修人员态度不好，说话不耐烦。", ("维修人员", "态度不好", "说话", "不耐烦")),
    ("响应太慢，希望以后能在一小时内联系我们。", ("响应", "太慢", "小时", "联系")),
    ("网络故障反复出现，修了几次还是不稳定，希望彻底解决。", ("网络故障", "反复出现", "不稳定", "彻底解决")),
    ("处理还可以，就是来得有点慢。", ("来得", "有点慢")),
    ("打印机经常卡纸", ("打印机", "经常", "卡纸")),
    ("工程师很专业，谢谢！", ("工程师", "专业")),
    ("", ()),
    ("。。。！！", ()),
])
def test_segment_chinese_terms(text, terms):
    assert segment(text)[0] == terms


def test_phrases_are_neighbours_within_a_clause():
    terms, phrases = segment("维修人员态度不好，说话不耐烦。")
    assert phrases == ("维修人员态度不好", "说话不耐烦")  # no phrase across the comma
    # stop words between two terms do not break a phrase: 响应 [很] 快 … 工程师 [很] 专业
    assert segment("工程师很专业")[1] == ("工程师专业",)


def test_markup_emoji_and_mixed_scripts():
    terms, phrases = segment("<b>打印机</b>经常卡纸&amp;VPN连不上😡 ＶＰＮ Ｗｉｎ10 蓝屏!! https://x.example/a?b=1")
    assert terms == ("打印机", "经常", "卡纸", "vpn", "连不上", "win10", "蓝屏")
    assert "b" not in terms and "https" not in terms and "😡" not in terms
    # the emoji ends the clause: no phrase 连不上 + vpn; full-width ＶＰＮ is the same term as VPN
    assert phrases == ("打印机经常", "经常卡纸", "vpn 连不上", "vpn win10", "win10 蓝屏")
    assert segment("The VPN is very slow, the engineer was RUDE")[0] == ("vpn", "slow", "engineer", "rude")
    assert clean("&lt;script&gt;alert(1)&lt;/script&gt;网速慢") == " alert(1) 网速慢"
    assert segment("&lt;script&gt;alert(1)&lt;/script&gt;网速慢")[0] == ("alert", "网速慢")


def test_importing_the_service_does_not_import_jieba():
    code = ("import sys; import desk_app.services.comment_analysis, desk_app.services.report_data; "
            "sys.exit(1 if 'jieba' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=str(__import__("pathlib").Path(__file__).parents[2]),
                          ).returncode == 0


# -- counting (no database) -----------------------------------------------------------------------

def _c(i, text, rating="", dims=("overall",), unit="", day=1, kind="callback"):
    return Comment(kind, i, f"GD-{i:04d}", text, rating, dims, unit, datetime(2026, 10, day, 9))


HAND = [
    _c(1, "响应太慢，等了很久。", "dissatisfied", ("response",), "A单位", 3),
    _c(2, "响应太慢，耽误了门诊。", "dissatisfied", ("response",), "A单位", 5),
    _c(3, "报修后迟迟没有人来，响应太慢！", "very_dissatisfied", ("response", "attitude"), "B单位", 4),
    _c(4, "维修人员态度不好，说话不耐烦。", "dissatisfied", ("attitude",), "B单位", 2),
    _c(5, "工程师很专业，响应很快。", "satisfied", ("overall",), "A单位", 6),
    _c(6, "工程师很专业。", "satisfied", ("overall",), "", 7),
]


def test_counts_per_dimension_by_hand():
    a = ca.analyse_comments(HAND, period="2026-10")
    assert a.comments == 6
    assert a.overall.negative == 4 and a.overall.negative_share == 66.7
    assert [g.key for g in a.dimensions] == ["overall", "response", "attitude"]  # R27 order
    response = a.dimension("response")
    assert (response.comments, response.negative, response.negative_share) == (3, 3, 100.0)
    # 响应 3, 太慢 3 (comments 1, 2, 3); then the ones said once, in term order
    assert [(x.term, x.count, x.negative) for x in response.terms[:2]] == [("响应", 3, 3), ("太慢", 3, 3)]
    assert all(x.count == 1 for x in response.terms[2:])
    assert [x.term for x in response.terms[2:]] == sorted(x.term for x in response.terms[2:])
    assert [(x.term, x.count) for x in response.phrases[:1]] == [("响应太慢", 3)]
    attitude = a.dimension("attitude")
    assert attitude.comments == 2 and attitude.negative == 2
    assert {x.term: x.count for x in attitude.terms}["不耐烦"] == 1
    overall = a.dimension("overall")
    assert (overall.comments, overall.negative, overall.negative_share) == (2, 0, 0.0)
    assert [(x.term, x.count) for x in overall.terms[:2]] == [("专业", 2), ("工程师", 2)]  # tie: by term
    # every comment once in the total: 响应 in 1, 2, 3 and 5
    assert [(x.term, x.count) for x in a.overall.terms[:2]] == [("响应", 4), ("太慢", 3)]


def test_examples_negative_first_then_newest_and_link_to_records():
    a = ca.analyse_comments(HAND)
    term = a.overall.terms[0]  # 响应: comments 1, 2, 3 negative (days 3, 5, 4) and 5 satisfied
    assert [c.record_id for c in term.examples] == [2, 3, 1]
    ref = term.examples[0].ref()
    assert ref["kind"] == "callback" and ref["id"] == 2 and ref["number"] == "GD-0002"
    assert [c.record_id for c in a.containing("响应")] == [2, 3, 1, 5]
    assert [c.record_id for c in a.containing("响应", dimension="overall")] == [5]
    assert [c.record_id for c in a.containing("专业", unit="A单位")] == [5]


def test_units():
    a = ca.analyse_comments(HAND)
    assert [(u.key, u.comments, u.negative) for u in a.units] == [("A单位", 3, 2), ("B单位", 2, 2)]
    assert a.units[0].terms[0].term == "响应" and a.units[0].terms[0].count == 3


def test_stable_for_the_same_data_in_any_order():
    first = ca.analyse_comments(HAND).as_dict()
    shuffled = list(HAND)
    random.Random(3).shuffle(shuffled)
    assert ca.analyse_comments(shuffled).as_dict() == first
    json.dumps(first, ensure_ascii=False)  # JSON-able: stored with a report's figures


def test_trend_flags_new_and_rising():
    previous = [_c(10, "工程师很专业。", "satisfied", ("overall",)),
                _c(11, "响应太慢。", "dissatisfied", ("response",))]
    now = HAND + [_c(7, "响应太慢", "dissatisfied", ("response",), day=8)]
    a = ca.analyse_comments(now, previous=previous, previous_period="2026-09")
    flags = {x.term: (x.count, x.previous, x.trend) for x in a.dimension("response").terms}
    assert flags["太慢"] == (4, 1, "rising")  # +3 and 4 × as many
    assert flags["耽误"] == (1, 0, "")  # said once: not yet "new"
    assert a.dimension("attitude").terms[0].trend == ""  # no attitude comments before: not compared
    overall = {x.term: x.trend for x in a.dimension("overall").terms}
    assert overall["工程师"] == ""  # 1 → 2: not two more
    again = ca.analyse_comments(now + [_c(8, "迟迟不来", "dissatisfied", ("response",))], previous=previous)
    assert {x.term: x.trend for x in again.dimension("response").terms}["迟迟"] == "new"
    assert ca.analyse_comments(now).previous_period == ""
    assert all(x.trend == "" and x.previous is None for x in ca.analyse_comments(now).dimension("response").terms)


def test_empty():
    a = ca.analyse_comments([], period="2026-10")
    assert a.comments == 0 and a.dimensions == () and a.units == ()
    assert a.overall.negative_share is None and a.overall.terms == ()
    assert a.as_dict()["negative_share"] is None


def test_group_by_term():
    texts = ["响应太慢", "响应太慢，态度不好", "态度不好", "态度不好", "打印机卡纸", ""]
    assert ca.group_by_term(texts) == [("态度不好", [1, 2, 3]), ("响应", [0]), ("", [4, 5])]


# -- from the database ----------------------------------------------------------------------------


@pytest.fixture
def month(db):
    """October 2026: three callbacks, two revisit forms (one repeating a callback), two questionnaires;
    September: one callback."""
    a = CustomerUnit.create(name="A单位")
    b = CustomerUnit.create(name="B单位")
    n = iter(range(1, 100))

    def ticket(unit):
        i = next(n)
        return Ticket.create(number=f"GD-202610{i:02d}-0001", reported_at=datetime(2026, 10, 1, 8),
                             reporter_name="王老师", unit=unit, description="故障", state="closed")

    def callback(unit, at, rating, comment, attitude="satisfied", within=True, working=True):
        tk = ticket(unit)
        cb = Callback.create(ticket=tk, caller_kind="dispatcher", state="done", due_at=at, rating=rating,
                             attitude=attitude, contacted_within_hour=within, device_working=working,
                             comment=comment, completed_at=at)
        ev = Evaluation.create(ticket=tk, kind="dispatcher", rating=rating, points=6, callback=cb, evaluated_at=at)
        return tk, cb, ev

    t1, c1, e1 = callback(a, datetime(2026, 10, 3, 10), "dissatisfied", "响应太慢，耽误了门诊。", within=False)
    callback(b, datetime(2026, 10, 4, 10), "basic", "工程师说话不耐烦", attitude="basic")
    callback(a, datetime(2026, 10, 5, 10), "satisfied", "工程师很专业")
    callback(a, datetime(2026, 10, 6, 10), "satisfied", "")  # no words: not a comment
    Callback.create(ticket=ticket(a), caller_kind="dispatcher", state="pending", due_at=datetime(2026, 10, 7),
                    comment="未完成的回访")  # not done
    callback(a, datetime(2026, 9, 20, 10), "satisfied", "工程师很专业")
    RevisitForm.create(number="HF-20261003-001", ticket=t1, evaluation=e1, callback=c1, due_date="2026-11-05",
                       customer_problems="响应太慢，耽误了门诊。", dissatisfaction_types="response_speed",
                       created_at=datetime(2026, 10, 3, 11))  # repeats the callback
    t4, c4, e4 = callback(b, datetime(2026, 9, 30, 10), "dissatisfied", "修完又坏了")
    RevisitForm.create(number="HF-20261008-001", ticket=t4, evaluation=e4, callback=c4, due_date="2026-11-05",
                       customer_problems="修完第二天打印机又坏了，还是卡纸", dissatisfaction_types="device_state,other",
                       dissatisfaction_other="报修流程太麻烦", created_at=datetime(2026, 10, 8, 11))

    tpl = SurveyTemplate.create(code="mini", kind="company", name_zh="小问卷", name_en="Mini")
    q1 = SurveyQuestion.create(template=tpl, seq=1, dimension="attitude", text_zh="服务态度", text_en="Attitude",
                               answer_type="rating5")
    q2 = SurveyQuestion.create(template=tpl, seq=2, dimension="overall", text_zh="意见", text_en="Comments",
                               answer_type="text", required=False)
    plan = SurveyPlan.create(number="DC-2026-09", template=tpl, title="四季度", period="2026-Q4")
    r1 = SurveyResponse.create(plan=plan, unit=b, received_at=datetime(2026, 10, 9, 9))
    SurveyAnswer.create(response=r1, question=q1, value="very_dissatisfied", points=2)
    SurveyAnswer.create(response=r1, question=q2, value="<p>态度不好😠，电话也不回</p>")
    r2 = SurveyResponse.create(plan=plan, unit=None, received_at=datetime(2026, 10, 10, 9))
    SurveyAnswer.create(response=r2, question=q1, value="satisfied", points=8)
    SurveyAnswer.create(response=r2, question=q2, value="Engineer 很专业 👍")
    return {"plan": plan}


def test_period_from_every_source(month):
    a = ca.analyse("2026-10")
    kinds = sorted((c.kind, c.number) for c in a.all_comments)
    assert kinds == [("callback", "GD-20261001-0001"), ("callback", "GD-20261002-0001"),
                     ("callback", "GD-20261003-0001"), ("revisit", "HF-20261008-001"),
                     ("survey_response", "DC-2026-09"), ("survey_response", "DC-2026-09")]
    assert a.comments == 6
    assert a.overall.negative == 3  # the dissatisfied callback, the revisit form, the very dissatisfied answer
    dims = {g.key: (g.comments, g.negative) for g in a.dimensions}
    # callback 1: response (not contacted within the hour); callback 2: attitude (basic); callback 3: overall;
    # revisit form: resolution (device state) and overall (other); questionnaire 1: attitude (rated very
    # dissatisfied); questionnaire 2: its question's dimension, overall
    assert dims == {"overall": (3, 1), "response": (1, 1), "resolution": (1, 1), "attitude": (2, 1)}
    assert [g.key for g in a.dimensions] == ["overall", "response", "resolution", "attitude"]
    assert {x.term: x.count for x in a.dimension("overall").terms}["专业"] == 2
    revisit = next(c for c in a.all_comments if c.kind == "revisit")
    assert revisit.text == "修完第二天打印机又坏了，还是卡纸 报修流程太麻烦" and revisit.rating == "dissatisfied"
    assert {x.term for x in a.dimension("resolution").terms} >= {"打印机", "卡纸", "流程"}
    assert [(u.key, u.comments) for u in a.units] == [("A单位", 2), ("B单位", 3)] or \
        [(u.key, u.comments) for u in a.units] == [("B单位", 3), ("A单位", 2)]
    assert a.units[0].key == "B单位"  # more comments first


def test_one_source(month):
    assert ca.analyse("2026-10", ca.CALLBACKS).comments == 3
    revisits = ca.analyse("2026-10", ca.REVISITS)
    assert sorted(c.number for c in revisits.all_comments) == ["HF-20261003-001", "HF-20261008-001"]  # both
    q = ca.analyse("2026-10", ca.QUESTIONNAIRES)
    assert q.comments == 2
    markup = next(c for c in q.all_comments if c.rating == "very_dissatisfied")
    assert segment(markup.text)[0] == ("态度不好", "电话")
    plans = ca.analyse_plans([month["plan"].id])
    assert plans.comments == 2 and plans.period == "2026-Q4" and plans.previous_period == ""


def test_previous_month_and_quarter(month):
    a = ca.analyse("2026-10", ca.CALLBACKS)
    assert a.previous_period == "2026-09"
    overall = {x.term: (x.count, x.previous) for x in a.dimension("overall").terms}
    assert overall["专业"] == (1, 1)
    assert ca.analyse("2026-Q4").comments == 6 and ca.analyse("2026").comments == 8


def test_empty_period(month):
    a = ca.analyse("2025-01")
    assert a.comments == 0 and a.dimensions == () and a.overall.negative_share is None
    assert ca.analyse_plans([]).comments == 0


def test_bad_period_and_source(db):
    with pytest.raises(ValidationError):
        ca.analyse("2026-13")
    with pytest.raises(ValidationError):
        ca.analyse("2026-10", "emails")


# -- the reports ----------------------------------------------------------------------------------


def test_report_figures_and_pdf(month, cjk):
    from desk_app.reports import catalog
    from desk_app.services import report_data

    f = report_data.compute("monthly-service", "2026-10", "zh_CN")
    voice = f["customer_voice"]
    assert voice["comments"] == 6 and voice["negative"] == 3 and voice["negative_share"] == 50.0
    overall = next(d for d in voice["dimensions"] if d["dimension"] == "overall")
    assert overall["comments"] == 3
    assert ["专业", 2, 0, ""] in overall["terms"]
    assert len(overall["quotes"]) == 3 and len({(q["kind"], q["id"]) for q in overall["quotes"]}) == 3
    json.dumps(f, ensure_ascii=False)
    q = report_data.compute("quarterly-satisfaction", "2026-Q4", "zh_CN")
    assert q["customer_voice"]["comments"] == 6  # the plan's two questionnaires, callbacks and the form
    meta = catalog.BuildMeta(number="FW-2026-10", version="1", language="zh_CN")
    for kind, figures in (("monthly-service", f), ("quarterly-satisfaction", q)):
        pdf = catalog.build_pdf(kind, figures, meta)
        assert pdf.startswith(b"%PDF")
        old = {k: v for k, v in figures.items() if k != "customer_voice"}  # stored before this section
        assert catalog.build_pdf(kind, old, meta).startswith(b"%PDF")
    en = catalog.build_pdf("monthly-service", report_data.compute("monthly-service", "2026-10", "en"),
                           catalog.BuildMeta(number="FW-2026-10", version="1", language="en"))
    assert en.startswith(b"%PDF")


def test_meeting_agenda_groups_items_by_term(month, cjk):
    from desk_app.reports import catalog
    from desk_app.services import report_data

    f = report_data.compute("meeting-agenda", "2026-10", "zh_CN")
    # the dissatisfied evaluations of tickets closed in October: only the callback of 响应太慢 is
    # dissatisfied with a closing time; both fixture tickets carry no closing time, so none here
    assert f["term_groups"] == comment_figures.meeting_groups([i["comment"] for i in f["items"]],
                                                 [i["ticket_number"] for i in f["items"]])
    meta = catalog.BuildMeta(number="GZH-2026-10", version="1", language="zh_CN")
    assert catalog.build_pdf("meeting-agenda", f, meta).startswith(b"%PDF")
    old = {k: v for k, v in f.items() if k != "term_groups"}
    assert catalog.build_pdf("meeting-agenda", old, meta).startswith(b"%PDF")
    groups = comment_figures.meeting_groups(["响应太慢", "响应太慢，态度不好", "打印机卡纸"], ["GD-1", "GD-2", "GD-3"])
    assert groups == [{"term": "响应", "count": 2, "items": ["GD-1", "GD-2"]},
                      {"term": "", "count": 1, "items": ["GD-3"]}]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_satisfaction_report_names_dimensions_as_the_questionnaires_do(month, cjk, tmp_path):
    """The dimension columns and the comment headings use the catalogue's dimension context: 服务态度, not
    the technician's 维修人员服务态度, and never an English source string."""
    from desk_app.i18n import DIMENSION_CONTEXT, DIMENSION_LABELS, translate
    from desk_app.reports import catalog
    from desk_app.services import report_data

    figures = report_data.compute("quarterly-satisfaction", "2026-Q4", "zh_CN")
    assert {d["dimension"] for d in figures["dimensions"]} >= {"attitude"}
    path = tmp_path / "q.pdf"
    path.write_bytes(catalog.build_pdf("quarterly-satisfaction", figures,
                                       catalog.BuildMeta(number="MY-2026-Q4", version="1", language="zh_CN")))
    text = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    for code in ("attitude", "overall"):
        assert translate("zh_CN", DIMENSION_LABELS[code], context=DIMENSION_CONTEXT) in text
        assert "".join(DIMENSION_LABELS[code].split()) not in text
    assert "维修人员服务态度" not in text
    for english in ("General", "Serious", "Timelyresponse", "Professionalandtechnical"):
        assert english not in text  # the finding levels and problem types are translated too
    assert "一般" in text and "响应" in text


def test_recent_is_this_month_or_last_while_this_one_is_silent(month):
    assert (ca.recent(datetime(2026, 10, 20)).period, ca.recent(datetime(2026, 10, 20)).comments) == ("2026-10", 6)
    early = ca.recent(datetime(2026, 11, 2))  # November has no comments yet: October's, against September
    assert (early.period, early.previous_period, early.comments) == ("2026-10", "2026-09", 6)
    assert ca.recent(datetime(2027, 3, 1)).comments == 0  # nothing in either month
