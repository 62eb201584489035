"""The `customer_voice` figures of the monthly service and satisfaction reports and the `term_groups` of
the fault analysis meeting agenda, made from `comment_analysis` (stored as JSON with a report)."""

from __future__ import annotations

from collections.abc import Sequence

from desk_app.services.comment_analysis import EXAMPLES, CommentAnalysis, TermGroup, group_by_term


def figures(analysis: CommentAnalysis, terms: int = 5, phrases: int = 3, quotes: int = 3, units: int = 8) -> dict:
    """The `customer_voice` figures of a report: per dimension the top terms ([term, count, negative,
    trend]), phrases and `quotes` quoted comments (the first example of each top term in turn, each record
    once); the units with the most comments and their top three terms."""

    def quoted(group: TermGroup) -> list[dict]:
        chosen: list[dict] = []
        seen: set[tuple[str, int]] = set()
        for depth in range(EXAMPLES):
            for term in group.terms[:terms]:
                if len(chosen) == quotes:
                    return chosen
                if depth < len(term.examples):
                    c = term.examples[depth]
                    if (c.kind, c.record_id) not in seen:
                        seen.add((c.kind, c.record_id))
                        chosen.append(c.ref() | {"term": term.term})
        return chosen

    return {
        "period": analysis.period, "source": analysis.source, "previous_period": analysis.previous_period,
        "comments": analysis.comments, "negative": analysis.overall.negative,
        "negative_share": analysis.overall.negative_share,
        "dimensions": [{"dimension": g.key, "comments": g.comments, "negative": g.negative,
                        "negative_share": g.negative_share,
                        "terms": [[x.term, x.count, x.negative, x.trend] for x in g.terms[:terms]],
                        "phrases": [[x.term, x.count] for x in g.phrases[:phrases]],
                        "quotes": quoted(g)} for g in analysis.dimensions],
        "units": [{"unit": g.key, "comments": g.comments, "negative_share": g.negative_share,
                   "terms": [x.term for x in g.terms[:3]]} for g in analysis.units[:units]],
    }


def meeting_groups(texts: Sequence[str], keys: Sequence[str]) -> list[dict]:
    """R18a: the meeting pack's dissatisfied items grouped by the term they share most ('' = the rest)."""
    return [{"term": term, "count": len(members), "items": [keys[i] for i in members]}
            for term, members in group_by_term(texts)]
