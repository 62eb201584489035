"""Demo step: teams, staff with roles and demo passwords, customer units and their contacts."""

from datetime import datetime, time, timedelta

from desk_app.demo import vocabulary as V
from desk_app.demo.context import ContactInfo, DemoContext, StaffInfo, TeamInfo, UnitInfo, bulk_insert
from desk_app.i18n import current_language, label
from desk_app.models import Contact, CustomerUnit, Team, User
from desk_app.models.enums import Role
from desk_app.services import settings, signing_keys
from desk_app.services.passwords import hash_password

ADMIN_PASSWORD = "admin123"
DEMO_PASSWORD = "demo1234"

CONTACTS_PER_UNIT = (12, 24)


def person_name(ctx: DemoContext, taken: set[str]) -> str:
    """A Chinese full name not yet used in this demo."""
    while True:
        given = "".join(ctx.rng.choice(V.GIVEN_CHARS) for _ in range(ctx.rng.choice((1, 2, 2))))
        name = ctx.rng.choice(V.SURNAMES) + given
        if name not in taken:
            taken.add(name)
            return name


def mobile(ctx: DemoContext) -> str:
    return ctx.rng.choice(("138", "139", "136", "151", "158", "187", "189")) + f"{ctx.rng.randrange(10**8):08d}"


def role_text(roles: tuple[str, ...], team: str = "") -> str:
    """'Team lead (网络一班)' — the role names in the current language, for the list of demo logins."""
    sep = "、" if current_language() == "zh_CN" else ", "
    text = sep.join(label(r) for r in roles)
    if team:
        text += f"（{team}）" if current_language() == "zh_CN" else f" ({team})"
    return text


def _team_id(name: str, description: str, stamp: datetime) -> int:
    """The team of that name: reused if an administrator already made it, else created."""
    existing = Team.get_or_none(Team.name == name)
    if existing is not None:
        return existing.id
    return Team.insert(name=name, description=description, created_at=stamp, updated_at=stamp).execute()


def _unit_id(spec: V.UnitSpec, stamp: datetime) -> int:
    existing = CustomerUnit.get_or_none(CustomerUnit.name == spec.name)
    if existing is not None:
        return existing.id
    return CustomerUnit.insert(name=spec.name, importance=spec.importance, address=spec.address,
                               created_at=stamp, updated_at=stamp).execute()


def _signing_keys(logins: list[tuple[str, str]]) -> None:
    """Keys and certificates for the demo's reviewers and approvers (R45), so reports can be signed at once.

    On a desk that already has an authority (an administrator came first) the certificates are issued
    at that administrator's next log-in."""
    passwords = dict(logins)
    admin = User.get(User.username == "admin")
    ca = None if signing_keys.authority() else signing_keys.create_authority(
        admin, ADMIN_PASSWORD, str(settings.get("org.name") or ""))
    for username, password in logins:
        signing_keys.ensure_key(User.get(User.username == username), password)
    signing_keys.issue_pending(admin, passwords["admin"], ca)


def create_people(ctx: DemoContext) -> None:
    stamp = datetime.combine(ctx.start - timedelta(days=30), time(9, 0))
    rng = ctx.rng
    taken: set[str] = set()
    hashes = {ADMIN_PASSWORD: hash_password(ADMIN_PASSWORD), DEMO_PASSWORD: hash_password(DEMO_PASSWORD)}

    for name, description, kind in V.TEAMS:
        ctx.teams.append(TeamInfo(_team_id(name, description, stamp), name, kind))

    # (username, roles, team, password)
    plan: list[tuple[str, tuple[str, ...], TeamInfo | None, str]] = [
        ("admin", (Role.ADMIN.value, Role.MANAGER.value), None, ADMIN_PASSWORD),
        ("manager1", (Role.MANAGER.value,), None, DEMO_PASSWORD),
        ("manager2", (Role.MANAGER.value,), None, DEMO_PASSWORD),
        ("quality1", (Role.QUALITY.value,), None, DEMO_PASSWORD),
        ("dispatch1", (Role.DISPATCHER.value,), None, DEMO_PASSWORD),
        ("dispatch2", (Role.DISPATCHER.value,), None, DEMO_PASSWORD),
        ("agent1", (Role.AGENT.value,), None, DEMO_PASSWORD),
        ("agent2", (Role.AGENT.value,), None, DEMO_PASSWORD),
        ("agent3", (Role.AGENT.value,), None, DEMO_PASSWORD),
    ]
    tech_no = 0
    for n, team in enumerate(ctx.teams, start=1):
        plan.append((f"lead{n}", (Role.TEAM_LEAD.value,), team, DEMO_PASSWORD))
        for _ in range(V.TECHNICIANS_PER_TEAM[team.kind]):
            tech_no += 1
            plan.append((f"tech{tech_no:02d}", (Role.TECHNICIAN.value,), team, DEMO_PASSWORD))

    for username, roles, team, password in plan:
        full_name = "系统管理员" if username == "admin" else person_name(ctx, taken)
        values = dict(
            full_name=full_name, roles=",".join(roles), team=team.id if team else None,
            phone=mobile(ctx), email=f"{username}@it-repair.example.cn", title=V.STAFF_TITLES[roles[0]],
            password_hash=hashes[password], can_login=True, active=True, created_at=stamp, updated_at=stamp,
        )
        existing = User.get_or_none(User.username == username)  # staff without a login, e.g. imported
        if existing is not None:
            User.update(**values).where(User.id == existing.id).execute()
            user_id = existing.id
        else:
            user_id = User.insert(username=username, **values).execute()
        info = StaffInfo(user_id, username, full_name, roles, team.id if team else None)
        ctx.staff[user_id] = info
        for role in roles:
            ctx.users.setdefault(role, []).append(info)
        if team is not None:
            if Role.TEAM_LEAD.value in roles:
                team.lead_id = user_id
            else:
                team.technician_ids.append(user_id)
        ctx.logins.append((username, password, role_text(roles, team.name if team else "")))
    _signing_keys([(username, password) for username, _roles, _team, password in plan])
    ctx.advance(20)

    network_teams = [team for team in ctx.teams if team.kind == "network"]
    for spec in V.UNITS:
        ctx.units.append(UnitInfo(_unit_id(spec, stamp), spec.name, spec.kind, spec.importance, spec.weight,
                                  network_teams[spec.network_team % len(network_teams)].id))

    rows = []
    for unit in ctx.units:
        count = rng.randint(*CONTACTS_PER_UNIT)
        vips = rng.randint(1, 2) if unit.importance != "normal" else rng.randint(0, 1)
        for i in range(count):
            vip = i < vips
            title = rng.choice(V.VIP_TITLES[unit.kind] if vip else V.CONTACT_TITLES[unit.kind])
            location = rng.choice(V.LOCATIONS[unit.kind])
            if vip:
                location = "行政楼" + rng.choice(("3层", "4层", "5层")) + title + "办公室"
            rows.append(dict(
                unit=unit.id, name=person_name(ctx, taken), title=title,
                phone=mobile(ctx) if vip or rng.random() < 0.4 else f"0571-8{rng.randrange(10**6, 10**7)}",
                email="", location=location, is_vip=vip, created_at=stamp, updated_at=stamp,
            ))
    bulk_insert(Contact, rows)
    first = Contact.select(Contact.id).order_by(Contact.id.desc()).limit(1).scalar() - len(rows) + 1
    ctx.contacts = [
        ContactInfo(first + i, r["unit"], r["name"], r["title"], r["phone"], r["location"], r["is_vip"])
        for i, r in enumerate(rows)
    ]
    ctx.advance(10)
