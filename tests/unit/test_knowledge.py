"""Knowledge articles (R7): one step from a ticket, edit with optimistic locking, Chinese-aware search."""

from datetime import datetime

import pytest

from desk_app.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from desk_app.models import AuditLog, KnowledgeArticle
from desk_app.models.enums import Role
from desk_app.services import knowledge, tickets
from desk_app.services.ticket_input import TicketInput


@pytest.fixture
def agent(make_user):
    return make_user(Role.AGENT, team="服务台")


@pytest.fixture
def closed_ticket(db, agent):
    d = tickets.create_ticket(agent, TicketInput(
        channel="hotline", reported_at=datetime(2026, 10, 20, 9), reporter_name="张三",
        description="  \n打印机卡纸，无法打印\n三楼东侧 HP M404", assignee_id=agent.id))
    return tickets.close(agent, d.id, d.version, "搓纸轮磨损", "更换搓纸轮并清洁纸道")


def test_article_from_ticket(db, agent, closed_ticket):
    a = knowledge.article_from_ticket(agent, closed_ticket.id)
    assert a.title == "打印机卡纸，无法打印"
    assert a.symptom == closed_ticket.input.description.strip()
    assert a.cause == "搓纸轮磨损" and a.solution == "更换搓纸轮并清洁纸道"
    assert a.source_ticket_id == closed_ticket.id and a.source_ticket_number == closed_ticket.number
    assert AuditLog.select().where(AuditLog.action == "knowledge.from_ticket").count() == 1
    again = knowledge.article_from_ticket(agent, closed_ticket.id)  # no duplicate
    assert again.id == a.id and KnowledgeArticle.select().count() == 1


def test_title_is_shortened():
    assert knowledge.title_from("x" * 300).endswith("…")
    assert len(knowledge.title_from("x" * 300)) == knowledge.TITLE_LENGTH
    assert knowledge.title_from("  \n\n", "GD-1") == "GD-1"


def test_permissions(db, make_user, closed_ticket):
    quality = make_user(Role.QUALITY)
    with pytest.raises(PermissionDenied):
        knowledge.article_from_ticket(quality, closed_ticket.id)
    with pytest.raises(PermissionDenied):
        knowledge.save_article(quality, "标题", "", "", "方法")


def test_missing_ticket(db, agent):
    with pytest.raises(NotFound):
        knowledge.article_from_ticket(agent, 12345)


def test_save_and_conflict(db, agent, closed_ticket):
    a = knowledge.save_article(agent, "VPN 无法连接", "提示 809 错误", "防火墙拦截", "开放 UDP 500/4500")
    assert a.version == 1 and a.source_ticket_id is None
    b = knowledge.save_article(agent, "VPN 无法连接（809）", a.symptom, a.cause, a.solution, article_id=a.id,
                               expected_version=a.version, source_ticket_id=closed_ticket.id)
    assert b.version == 2 and b.title == "VPN 无法连接（809）" and b.source_ticket_number == closed_ticket.number
    with pytest.raises(ConflictError):
        knowledge.save_article(agent, "旧版本", a.symptom, a.cause, a.solution, article_id=a.id,
                               expected_version=a.version)
    with pytest.raises(ValidationError) as err:
        knowledge.save_article(agent, " ", "", "", "")
    assert err.value.field == "title"
    with pytest.raises(ValidationError) as err:
        knowledge.save_article(agent, "x", "", "", "", source_ticket_id=999)
    assert err.value.field == "source_ticket_id"
    assert knowledge.get_article(a.id).title == "VPN 无法连接（809）"


def test_search_articles(db, agent, closed_ticket):
    from_ticket = knowledge.article_from_ticket(agent, closed_ticket.id)
    vpn = knowledge.save_article(agent, "VPN 无法连接", "提示 809 错误", "防火墙拦截", "开放 UDP 端口")
    net = knowledge.save_article(agent, "网络断开", "网线松动", "", "重新插好网线")
    ids = lambda text: {a.id for a in knowledge.search_articles(text)}  # noqa: E731
    assert ids("") == {from_ticket.id, vpn.id, net.id}
    assert ids("打印机") == {from_ticket.id}
    assert ids("网络") == {net.id}
    assert ids("网线") == {net.id}
    assert ids("vpn") == {vpn.id}
    assert ids("防火墙") == {vpn.id}  # the cause is searched
    assert ids("搓纸轮 清洁") == {from_ticket.id}
    assert ids("网络 VPN") == set()
    assert ids('"; DROP TABLE x; -- % _') == set()
    assert len(knowledge.search_articles("", limit=2)) == 2
    assert knowledge.search_articles("打印机")[0].source_ticket_number == closed_ticket.number
