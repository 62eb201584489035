"""Ticket search: FTS5 trigram for 3+ characters, substring fallback for shorter terms, AND of terms."""

import random
from datetime import datetime, timedelta

import pytest

from desk_app.models import Ticket
from desk_app.models.base import on_postgres
from desk_app.models.enums import Role
from desk_app.services import search, ticket_detail, ticket_list, tickets
from desk_app.services.ticket_input import TicketInput
from desk_app.services.ticket_list import TicketFilter


@pytest.fixture
def agent(make_user):
    return make_user(Role.AGENT, team="服务台")


def _create(agent, description: str, reporter: str = "张三", day: int = 1) -> ticket_detail.TicketDetail:
    return tickets.create_ticket(agent, TicketInput(channel="hotline", reported_at=datetime(2026, 10, day, 9, 0),
                                                    reporter_name=reporter, description=description))


def found(text: str, **kw) -> set[str]:
    f = TicketFilter(text=text, **kw)
    rows = ticket_list.list_tickets(f, limit=1000)
    assert ticket_list.count_tickets(f) == len(rows)
    return {r.number for r in rows}


@pytest.fixture
def corpus(db, agent):
    made = {
        "printer": _create(agent, "三楼打印机无法打印，提示卡纸", reporter="李明"),
        "network": _create(agent, "办公室网络断开，无法上网", reporter="王芳"),
        "complaint": _create(agent, "用户投诉上次维修不及时", reporter="赵强"),
        "vpn": _create(agent, "VPN 客户端连接超时 error 809", reporter="Chen Wei"),
        "pc": _create(agent, "PC 无法开机；电源灯不亮", reporter="刘洋", day=2),
        "both": _create(agent, "网络打印机脱机，用户投诉", reporter="孙丽", day=2),
        "special": _create(agent, 'Excel 报错 "#REF!" 100% CPU_LOAD a\\b (AND) NEAR*', reporter="O'Brien", day=3),
    }
    return {k: v.number for k, v in made.items()}


def test_two_character_chinese_terms(corpus):
    assert found("投诉") == {corpus["complaint"], corpus["both"]}
    assert found("网络") == {corpus["network"], corpus["both"]}


def test_three_character_and_longer_terms(corpus):
    assert found("打印机") == {corpus["printer"], corpus["both"]}
    assert found("无法打印") == {corpus["printer"]}
    assert found("打印机脱机") == {corpus["both"]}


def test_ascii_terms_ignore_case(corpus):
    assert found("VPN") == {corpus["vpn"]}
    assert found("vpn") == {corpus["vpn"]}
    assert found("PC") == {corpus["pc"]}
    assert found("pc") == {corpus["pc"]}
    assert found("809") == {corpus["vpn"]}
    assert found("chen") == {corpus["vpn"]}  # the reporter is searched


def test_ticket_number(corpus):
    assert found(corpus["pc"]) == {corpus["pc"]}
    assert found("GD-20261002") == {corpus["pc"], corpus["both"]}
    assert found("0001") == {corpus["printer"], corpus["pc"], corpus["special"]}


def test_reporter_name(corpus):
    assert found("王芳") == {corpus["network"]}
    assert found("芳") == {corpus["network"]}


def test_several_terms_are_anded(corpus):
    assert found("网络 投诉") == {corpus["both"]}
    assert found("打印机 投诉") == {corpus["both"]}
    assert found("打印机   卡纸") == {corpus["printer"]}
    assert found("网络\u3000打印机") == {corpus["both"]}  # ideographic space separates too
    assert found("网络 打印机 投诉 孙丽") == {corpus["both"]}
    assert found("网络 VPN") == set()
    assert found("网络 网络 网络断开") == {corpus["network"]}


@pytest.mark.parametrize("query", ['"', '""', '"#REF!"', "*", "NEAR*", "(AND)", "AND", "OR", "NOT", "NEAR(",
                                   "-", "a:b", "^abc", "'", "O'Brien", "%", "_", "100%", "CPU_", "a\\b", "\\",
                                   "{}", "col:value", "number:GD", ")(", "打印机*", "-打印机"])
def test_fts_syntax_in_the_query_is_plain_text(corpus, query):
    result = found(query)  # never an FTS syntax error
    expected = {n for n, d in _all_texts().items() if all(term.lower() in d.lower() for term in query.split())}
    assert result == expected


def test_like_wildcards_are_escaped(corpus):
    assert found("%") == {corpus["special"]}
    assert found("_") == {corpus["special"]}
    assert found("100%") == {corpus["special"]}
    assert found("0%") == {corpus["special"]}
    assert found("U_L") == {corpus["special"]}
    assert found("U%L") == set()


def test_empty_query_finds_everything(corpus):
    assert len(found("")) == len(corpus)
    assert len(found("   ")) == len(corpus)
    assert search.ticket_condition("") is None


def test_text_combines_with_other_filters(corpus):
    assert found("打印机", reported_from=datetime(2026, 10, 2).date()) == {corpus["both"]}


def test_index_follows_update_close_and_delete(db, agent, corpus):
    d = ticket_detail.get_ticket(Ticket.get(Ticket.number == corpus["network"]).id)
    d = tickets.update_ticket(agent, d.id, d.version, TicketInput(
        channel="hotline", reported_at=d.input.reported_at, reporter_name="王芳", description="无线信号弱"))
    assert found("网络") == {corpus["both"]}
    assert found("无线信号") == {corpus["network"]}
    assert found("网络断开") == set()
    d = tickets.start_work(agent, d.id, d.version)
    d = tickets.close(agent, d.id, d.version, "路由器故障", "重启无线路由器")
    assert found("路由器") == {corpus["network"]}  # the resolution is indexed; the cause is not searched
    assert found("重启 无线") == {corpus["network"]}
    Ticket.delete().where(Ticket.number == corpus["network"]).execute()
    assert found("路由器") == set()
    assert found("无线") == set()
    _integrity_check(db)


def test_bulk_insert_many_is_indexed(db, agent):
    rows = [{"number": f"GD-20261005-{i:04d}", "reported_at": datetime(2026, 10, 5, 9) + timedelta(minutes=i),
             "reporter_name": "批量", "description": f"批量导入的工单 {i} 显示器闪屏"} for i in range(1, 501)]
    with db.atomic():
        Ticket.insert_many(rows).execute()
    assert len(found("显示器闪屏")) == 500
    assert found("GD-20261005-0250") == {"GD-20261005-0250"}
    assert ticket_list.count_tickets(TicketFilter(text="闪屏 250")) == 1
    _integrity_check(db)


@pytest.mark.sqlite_only("FTS5 internals")
def test_state_changes_do_not_rewrite_the_index(db, agent, corpus):
    """The update trigger fires only for the searched columns."""
    before = db.execute_sql("SELECT count(*) FROM ticket_fts_data").fetchone()[0]
    d = ticket_detail.get_ticket(Ticket.get(Ticket.number == corpus["pc"]).id)
    tickets.start_work(agent, d.id, d.version)
    assert db.execute_sql("SELECT count(*) FROM ticket_fts_data").fetchone()[0] == before
    _integrity_check(db)


def test_matches_a_plain_substring_search(db, agent):
    """Randomised: the indexed search gives exactly what a naive substring search gives."""
    rng = random.Random(7)
    alphabet = "网络打印机投诉电脑蓝屏无法上AbCpv 1-"
    for i in range(60):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25))).strip() or "空"
        _create(agent, text, reporter=rng.choice(["张三", "李四", "Ab"]), day=1 + i % 28)
    texts = _all_texts()
    for _ in range(150):
        query = " ".join("".join(rng.choice(alphabet.replace(" ", "")) for _ in range(rng.randint(1, 4)))
                         for _ in range(rng.randint(1, 2)))
        expected = {n for n, d in texts.items() if all(term.lower() in d.lower() for term in query.split())}
        assert found(query) == expected, query


def test_ticket_ids_matching_subquery(corpus):
    sub = search.ticket_ids_matching("网络 投诉")
    assert {t.number for t in Ticket.select().where(Ticket.id.in_(sub))} == {corpus["both"]}
    assert search.ticket_ids_matching("") is None


def test_split_terms():
    assert search.split_terms(" 网络  网络故障 PC pc ") == ["网络故障", "PC"]
    assert search.split_terms("") == []
    assert len(search.split_terms(" ".join(f"t{i}x" for i in range(50)))) == search.MAX_TERMS
    assert search.fts_phrase('a"b') == '"a""b"'
    assert search.like_pattern("5%_\\") == "%5\\%\\_\\\\%"


def _all_texts() -> dict[str, str]:
    """Every ticket's searched text per column, joined with a separator no query contains."""
    return {t.number: "\x01".join([t.number, t.reporter_name, t.description, t.resolution]) for t in Ticket.select()}


def _integrity_check(db) -> None:
    if on_postgres():
        return  # trigram indexes are ordinary indexes: always in step
    db.execute_sql("INSERT INTO ticket_fts(ticket_fts, rank) VALUES ('integrity-check', 1)")


def test_control_characters_in_the_query_are_ignored(corpus):
    assert found("\x00") == set(corpus.values())
    assert found("网络\x01投诉") == {corpus["both"]}


def test_one_character_terms(corpus):
    assert found("芳") == {corpus["network"]}
    assert found("纸") == {corpus["printer"]}
    assert found("v") == {corpus["vpn"]}
    assert found("鑫") == set()


def test_short_terms_without_index_fall_back_to_a_scan(corpus, monkeypatch):
    monkeypatch.setattr(search, "MAX_PREFIX_TRIGRAMS", 0)
    assert found("投诉") == {corpus["complaint"], corpus["both"]}
    assert found("网络 打印机") == {corpus["both"]}
    assert search.count_ticket_matches("网络") is None


def test_count_from_the_index(corpus):
    if on_postgres():  # no index to count from: count_tickets counts in SQL
        assert search.count_ticket_matches("网络 打印机") is None
    else:
        assert search.count_ticket_matches("网络 打印机") == 1
        assert search.count_ticket_matches("鑫鑫") == 0
    assert ticket_list.count_tickets(TicketFilter(text="网络 打印机")) == 1
    assert ticket_list.count_tickets(TicketFilter(text="鑫鑫")) == 0
    assert ticket_list.count_tickets(TicketFilter(text="网络")) == 2


@pytest.mark.sqlite_only("FTS5 internals and SQLite triggers")
def test_rebuild_and_migration_index_existing_tickets(db, db_path, agent, corpus):
    from desk_app.services.opening import open_desk
    from desk_app.store.connection import close_database

    db.execute_sql("INSERT INTO ticket_fts(ticket_fts) VALUES ('delete-all')")
    assert found("打印机") == set()
    search.rebuild_ticket_index()
    assert found("打印机") == {corpus["printer"], corpus["both"]}
    # a database of schema version 2: no index, no triggers
    for name in ("ticket_fts_ai", "ticket_fts_ad", "ticket_fts_au", "ticket_number_keep"):
        db.execute_sql(f"DROP TRIGGER {name}")
    db.execute_sql("DROP TABLE ticket_fts_vocab")
    db.execute_sql("DROP TABLE ticket_fts")
    db.execute_sql("PRAGMA user_version = 2")
    close_database(db)
    again = open_desk(db_path)
    try:
        assert again.execute_sql("PRAGMA user_version").fetchone()[0] >= 3
        assert found("投诉") == {corpus["complaint"], corpus["both"]}
        assert found("打印机") == {corpus["printer"], corpus["both"]}
    finally:
        close_database(again)
