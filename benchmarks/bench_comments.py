"""Comment analysis of 50 000 comments (target: under 5 s), beside jieba segmenting the same texts alone.

The comments are made here (fixed seed) from the demo's callback, revisit and questionnaire phrases,
two or three clauses each with a place and a device number, so nearly every text is different and
the per-text cache does not help. Measurements:

- `comments_analyse_50k`: `comment_analysis.analyse_comments` (segmentation, counts per dimension and
  unit, examples); the segment cache is emptied before every run, the dictionary loaded before;
- `comments_from_database_50k`: `comment_analysis.analyse` of a month holding the same texts as
  callbacks in a temporary SQLite file (loading the rows included), compared with the month before;
- `comments_dictionary_load`: loading jieba and the user dictionary once (paid on the first analysis,
  never at start-up).

The floor (`baseline_kind: jieba_cut_only`) is jieba's `lcut` of the same texts and nothing else.
"""

import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.data import best_of, rss_mb

COMMENTS = 50_000
_PLACES = ("门诊楼", "住院部", "行政楼", "财务科", "信息科", "档案室", "三楼会议室", "急诊")
_DEVICES = ("打印机", "电脑", "显示器", "交换机", "扫描仪", "VPN", "OA系统", "HIS系统", "邮箱", "无线网")
_DIMENSIONS = ("overall", "quality", "process", "technical", "response", "resolution", "attitude", "communication")
_RATINGS = ("satisfied", "satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied")


def _clauses() -> list[str]:
    from desk_app.demo import evaluations, surveys

    texts = [*evaluations.PRAISE, *surveys.GOOD_COMMENTS, *surveys.BAD_COMMENTS, surveys.VERY_BAD_COMMENT]
    for group in (evaluations.BASIC_COMMENTS, evaluations.DISSATISFIED_COMMENTS):
        for items in group.values():
            texts.extend(items)
    out = []
    for text in texts:
        out.extend(part for part in text.replace("。", "，").replace("！", "，").replace("？", "，").split("，")
                   if len(part) >= 3)
    return sorted(set(out))


def make_comments(n: int = COMMENTS, seed: int = 7) -> list:
    from desk_app.services.comment_analysis import Comment

    rng = random.Random(seed)
    clauses = _clauses()
    start = datetime(2026, 10, 1, 8)
    out = []
    for i in range(n):
        parts = rng.sample(clauses, rng.choice((2, 2, 3)))
        where = f"{rng.choice(_PLACES)}{rng.randint(1, 40)}号{rng.choice(_DEVICES)}"
        parts.insert(rng.randrange(len(parts) + 1), where)
        dims = tuple(sorted(set(rng.sample(_DIMENSIONS, rng.choice((1, 1, 2))))))
        out.append(Comment("callback", i + 1, f"GD-BENCH-{i + 1:05d}", "，".join(parts) + "。", rng.choice(_RATINGS),
                           dims, f"客户单位{rng.randint(1, 60)}", start + timedelta(seconds=rng.randrange(2_500_000))))
    return out


def _database(comments: list, folder: Path) -> Path:
    """A desk whose October holds the comments as done callbacks (and September a tenth of them)."""
    from desk_app.models import Callback, CustomerUnit, Ticket
    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    path = folder / "comments.sqlite"
    db = open_desk(path)
    with db.atomic():
        units = {f"客户单位{i}": CustomerUnit.create(name=f"客户单位{i}").id for i in range(1, 61)}
        months = [(c, c.at) for c in comments] + [(c, c.at - timedelta(days=31)) for c in comments[::10]]
        tickets = [{"number": f"GD-B-{i:06d}", "reported_at": at - timedelta(hours=5), "reporter_name": "报修人",
                    "unit": units[c.unit], "description": "故障", "state": "closed",
                    "closed_at": at - timedelta(hours=1)}
                   for i, (c, at) in enumerate(months)]
        for chunk in range(0, len(tickets), 2000):
            Ticket.insert_many(tickets[chunk:chunk + 2000]).execute()
        ids = [tid for (tid,) in Ticket.select(Ticket.id).order_by(Ticket.id).tuples()]
        rows = [{"ticket": tid, "caller_kind": "dispatcher", "state": "done", "due_at": at, "rating": c.rating,
                 "attitude": "basic" if "attitude" in c.dimensions else "satisfied",
                 "contacted_within_hour": "response" not in c.dimensions,
                 "device_working": "resolution" not in c.dimensions, "comment": c.text, "completed_at": at}
                for tid, (c, at) in zip(ids, months, strict=True)]
        for chunk in range(0, len(rows), 2000):
            Callback.insert_many(rows[chunk:chunk + 2000]).execute()
    close_database(db)
    return path


def run(db_path: Path) -> list[dict]:  # noqa: ARG001 - the shared ticket database is not needed here
    from desk_app.services import comment_analysis, comment_terms
    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    comments = make_comments()
    texts = [c.text for c in comments]
    start = time.perf_counter()
    comment_terms.tokenizer()
    load_seconds = time.perf_counter() - start
    comment_terms.segment("预热")

    def analyse():
        comment_terms.segment.cache_clear()
        return comment_analysis.analyse_comments(comments, period="2026-10")

    floor, _, tokens = best_of(lambda: comment_terms.cut_only(texts), repeat=3)
    seconds, first, result = best_of(analyse, repeat=3)
    results = [
        {"name": "comments_dictionary_load", "seconds": round(load_seconds, 4), "baseline_seconds": None,
         "baseline_kind": "none"},
        {"name": "comments_analyse_50k", "seconds": round(seconds, 4), "first_seconds": round(first, 4),
         "baseline_seconds": round(floor, 4), "baseline_kind": "jieba_cut_only", "comments": result.comments,
         "distinct_texts": len(set(texts)), "characters": sum(map(len, texts)), "tokens": tokens,
         "dimensions": len(result.dimensions), "units": len(result.units), "target_seconds": 5.0,
         "rss_mb": rss_mb()},
    ]
    with tempfile.TemporaryDirectory(prefix="bench-comments-") as folder:
        path = _database(comments, Path(folder))
        db = open_desk(path)
        try:
            def from_database():
                comment_terms.segment.cache_clear()
                return comment_analysis.analyse("2026-10", comment_analysis.CALLBACKS)

            db_seconds, db_first, analysed = best_of(from_database, repeat=3)
            results.append({"name": "comments_from_database_50k", "seconds": round(db_seconds, 4),
                            "first_seconds": round(db_first, 4), "baseline_seconds": round(floor, 4),
                            "baseline_kind": "jieba_cut_only", "comments": analysed.comments,
                            "target_seconds": 5.0,
                            "rss_mb": rss_mb()})
        finally:
            close_database(db)
    return results
