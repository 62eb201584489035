"""Demo step: tickets of the 3 months before `until`, with their work log (TicketEvent rows).

Every ticket gets a planned life (assigned, in progress, maybe escalated, resolved, closed)
drawn from the SLA settings; only the part that lies before the demo's "now" (`until` at
the end of the working day) is kept, so old tickets are closed and recent ones are spread
over the open states, and a few are overdue. Rows are built as plain dicts and bulk-inserted
in chunks: 100 000 tickets take seconds, not minutes.
"""

import bisect
import itertools
import random
import string
from collections import deque
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from desk_app.demo import vocabulary as V
from desk_app.demo.context import CHUNK_ROWS, DemoContext, TicketInfo, bulk_insert
from desk_app.models import Ticket, TicketEvent
from desk_app.models.enums import Channel, Priority, Role, TicketState

#: Relative number of reports per hour of the day (0–23): office hours, with the morning peak.
HOUR_WEIGHTS = (0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1.5, 6, 10, 9, 7, 3, 5, 8, 8, 7, 4, 1.5, 1, 0.8, 0.6, 0.5, 0.4)
WEEKEND_SHARE = 0.22  # a weekend or holiday gets this share of a working day's reports
PRIORITIES = (Priority.P1.value, Priority.P2.value, Priority.P3.value, Priority.P4.value)
PRIORITY_WEIGHTS = (2, 12, 62, 24)
CHANNELS = (Channel.HOTLINE.value, Channel.EMAIL.value, Channel.WALK_IN.value, Channel.SELF_SERVICE.value)
CHANNEL_WEIGHTS = (80, 8, 5, 7)
REPEAT_SHARE = 0.03  # share of tickets that are a repeat report of the reporter's earlier ticket
REPEAT_WINDOW = timedelta(days=30)
FIRST_RESPONSE_LATE = 0.06  # share of tickets whose first response misses its due time
RESOLUTION_LATE = 0.03
DELAYED = 0.03  # share of tickets held up for days (waiting for parts, for the customer …)
ESCALATE_L2 = 0.12
VENDOR_OF_L2 = 0.35  # of the tickets escalated to L2, share that goes on to the vendor

N, A, P, L2, VD, R, C = (TicketState.NEW.value, TicketState.ASSIGNED.value,
                         TicketState.IN_PROGRESS.value, TicketState.ESCALATED_L2.value,
                         TicketState.ESCALATED_VENDOR.value, TicketState.RESOLVED.value, TicketState.CLOSED.value)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the end of a shorter month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def period_start(until: date) -> date:
    """First day of the 3 months that end with `until` (2026-10-31 → 2026-08-01)."""
    return add_months(until, -3) + timedelta(days=1)


def _per_day(ctx: DemoContext) -> list[tuple[date, int]]:
    """How many tickets each day of the period gets (more on working days), summing to the total."""
    weekend = set(ctx.settings["calendar.weekend"])
    holidays = set(ctx.settings["calendar.holidays"])
    days = [ctx.start + timedelta(days=i) for i in range((ctx.until - ctx.start).days + 1)]
    weights = []
    for day in days:
        base = WEEKEND_SHARE if day.weekday() in weekend or day.isoformat() in holidays else 1.0
        if day == ctx.until:
            base *= 0.8  # the day is not over yet
        weights.append(base * ctx.rng.uniform(0.85, 1.15))
    total = sum(weights)
    exact = [ctx.ticket_count * w / total for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(days)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: ctx.ticket_count - sum(counts)]:
        counts[i] += 1
    return list(zip(days, counts, strict=True))


def _report_times(ctx: DemoContext) -> list[datetime]:
    rng = ctx.rng
    rnd = rng.random
    hours = range(24)
    today_hours = [h for h in hours if h < ctx.now.hour]
    times: list[datetime] = []
    for day, count in _per_day(ctx):
        if not count:
            continue
        midnight = datetime(day.year, day.month, day.day)
        if day == ctx.until:
            picked = rng.choices(today_hours, weights=HOUR_WEIGHTS[: len(today_hours)], k=count)
        else:
            picked = rng.choices(hours, weights=HOUR_WEIGHTS, k=count)
        times.extend(midnight + timedelta(seconds=h * 3600 + int(rnd() * 3600)) for h in picked)
    times.sort()
    return times


class _Draw:
    """Fast draws from the demo's one random source (random.Random's helpers are slow in a hot loop)."""

    def __init__(self, rng: random.Random):
        self.random = rng.random

    def pick(self, seq: Sequence):
        return seq[int(self.random() * len(seq))]

    def between(self, lo: int, hi: int) -> int:
        """A whole number in lo..hi (both included)."""
        return lo + int(self.random() * (hi - lo + 1))

    def weighted(self, seq: Sequence, cum_weights: list[float]):
        return seq[bisect.bisect(cum_weights, self.random() * cum_weights[-1])]


_FIELDS = string.Formatter()


def _placeholders(template: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in _FIELDS.parse(template) if name)


def _fillers(draw: _Draw) -> dict[str, Callable[[str], str]]:
    """Makers of the values of the fault texts' placeholders, by name; they receive the unit kind."""
    pick, between = draw.pick, draw.between
    return {
        "sys": lambda kind: pick(V.SYSTEMS[kind]),
        "pc": lambda kind: pick(V.PCS),
        "printer": lambda kind: pick(V.PRINTERS),
        "os": lambda kind: pick(V.OPERATING_SYSTEMS),
        "asset": lambda kind: f"ZC-{between(2016, 2025)}-{between(0, 9999):04d}",
        "ip": lambda kind: f"10.{between(1, 40)}.{between(1, 254)}.{between(2, 250)}",
        "ext": lambda kind: str(between(6000, 8999)),
    }


def create_tickets(ctx: DemoContext) -> None:
    rng = ctx.rng
    draw = _Draw(rng)
    rnd, pick, between, weighted = draw.random, draw.pick, draw.between, draw.weighted
    now = ctx.now
    first_hours: dict[str, float] = ctx.settings["sla.first_response_hours"]
    resolution_hours: dict[str, float] = ctx.settings["sla.resolution_hours"]
    agents = [u.id for u in ctx.users[Role.AGENT.value]]
    dispatchers = [u.id for u in ctx.users[Role.DISPATCHER.value]]
    team_of_kind = {team.kind: team for team in ctx.teams}
    teams = {team.id: team for team in ctx.teams}
    tech_weights = {team.id: list(itertools.accumulate(rng.uniform(0.6, 1.6) for _ in team.technician_ids))
                    for team in ctx.teams}
    contacts_by_unit: dict[int, list] = {}
    for contact in ctx.contacts:
        contacts_by_unit.setdefault(contact.unit_id, []).append(contact)
    contact_weights = {uid: list(itertools.accumulate(rng.uniform(0.3, 3.0) for _ in cs))
                       for uid, cs in contacts_by_unit.items()}
    fillers = _fillers(draw)
    wants = {text: _placeholders(text) for fault in V.FAULTS for text in fault.descriptions + fault.environments}
    assigned_text = {tech: f"指派给{team.name} {ctx.staff[tech].full_name}"
                     for team in ctx.teams for tech in team.technician_ids}

    times = _report_times(ctx)
    count = len(times)
    unit_seq = rng.choices(ctx.units, weights=[u.weight for u in ctx.units], k=count)
    fault_seq = rng.choices(range(len(V.FAULTS)), weights=[f.weight for f in V.FAULTS], k=count)
    priority_seq = rng.choices(range(4), weights=PRIORITY_WEIGHTS, k=count)
    channel_seq = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS, k=count)

    base_id = Ticket.select(Ticket.id).order_by(Ticket.id.desc()).limit(1).scalar() or 0
    recent_of_contact: dict[int, deque[TicketInfo]] = {}
    ticket_rows: list[dict] = []
    event_rows: list[dict] = []
    day_key, day_no, seq = "", -1, 0
    recent = now - timedelta(hours=3)
    second = timedelta(seconds=1)

    def flush() -> None:
        bulk_insert(Ticket, ticket_rows)
        bulk_insert(TicketEvent, event_rows)
        ctx.advance(len(ticket_rows))
        ticket_rows.clear()
        event_rows.clear()

    for i, reported in enumerate(times):
        ticket_id = base_id + i + 1
        if reported.toordinal() != day_no:
            day_no, day_key, seq = reported.toordinal(), reported.strftime("%Y%m%d"), 0
        seq += 1
        number = f"GD-{day_key}-{seq:04d}"

        unit = unit_seq[i]
        contact = weighted(contacts_by_unit[unit.id], contact_weights[unit.id])
        fault_no = fault_seq[i]
        repeat_of = None
        prefix = ""
        if rnd() < REPEAT_SHARE:  # the same fault again, after the reporter's last closed ticket
            for previous in reversed(recent_of_contact.get(contact.id, ())):
                if previous.closed_at is not None and previous.closed_at < reported:
                    if reported <= previous.closed_at + REPEAT_WINDOW:
                        repeat_of, fault_no = previous.id, previous.fault
                        prefix = V.REPEAT_PREFIX.format(number=previous.number)
                    break
        fault = V.FAULTS[fault_no]
        kind = V.CATEGORY_TEAM_KIND[fault.category]
        team = teams[unit.network_team_id] if kind == "network" else team_of_kind[kind]
        assignee = weighted(team.technician_ids, tech_weights[team.id])
        p = priority_seq[i] + (fault.priority_bias if rnd() < 0.5 else 0)
        if contact.is_vip or (repeat_of and rnd() < 0.5):
            p -= 1
        if unit.importance == "core" and fault.priority_bias < 0:
            p -= 1
        priority = PRIORITIES[min(max(p, 0), 3)]
        description = pick(fault.descriptions)
        environment = pick(fault.environments)
        fill = {"loc": contact.location}
        for name in wants[description] + wants[environment]:
            if name not in fill:
                fill[name] = fillers[name](unit.kind)
        description = prefix + description.format_map(fill)
        environment = environment.format_map(fill)
        fix_no = int(rnd() * len(fault.fixes))
        cause, resolution = fault.fixes[fix_no]
        agent = pick(agents)
        first_due = reported + timedelta(hours=first_hours[priority])
        resolution_due = reported + timedelta(hours=resolution_hours[priority])

        # The planned life of the ticket: (at, user, kind, from, to, text).
        plan = [(reported, agent, "created", "", N, f"{contact.name}来电报修" if channel_seq[i] == "hotline"
                 else "受理报修")]
        vendor = ""
        if not (reported > recent and rnd() < 0.3):  # else: still waiting to be assigned
            fr_seconds = first_hours[priority] * 3600
            assign = reported + second * between(30, max(60, min(900, int(fr_seconds * 0.25))))
            assigner = pick(dispatchers) if rnd() < 0.35 else agent
            plan.append((assign, assigner, "assigned", N, A, assigned_text[assignee]))
            factor = 1.05 + 1.95 * rnd() if rnd() < FIRST_RESPONSE_LATE else 0.3 + 0.65 * rnd()
            first = max(reported + second * int(fr_seconds * factor), assign + second * 60)
            held = rnd() < DELAYED
            if held and rnd() < 0.3:  # the technician could not start: stays "assigned"
                first += second * between(4 * 3600, 30 * 3600)
                held = False
            plan.append((first, assignee, "state", A, P, pick(V.PROGRESS_TEXTS)))
            last, state = first, P
            if rnd() < ESCALATE_L2:
                last += second * between(1200, 3 * 3600)
                plan.append((last, assignee, "escalated", P, L2, pick(V.ESCALATE_L2_TEXTS)))
                state = L2
                if rnd() < VENDOR_OF_L2:
                    vendor = pick(V.VENDORS[fault.category])
                    last += second * between(3600, 8 * 3600)
                    plan.append((last, team.lead_id or assignee, "escalated", L2, VD,
                                 pick(V.ESCALATE_VENDOR_TEXTS).format(vendor=vendor)))
                    state = VD
            res_seconds = resolution_hours[priority] * 3600
            if state == VD:
                resolved = last + second * between(12 * 3600, 6 * 24 * 3600)
            else:
                share = 1.05 + 1.45 * rnd() if rnd() < RESOLUTION_LATE else min(rnd(), rnd(), rnd() + 0.2)
                if state == L2:
                    share *= 1.5
                resolved = max(reported + second * int(res_seconds * share), last + second * between(600, 3600))
            if held:  # waiting for parts or for the customer to be available
                resolved += second * between(24 * 3600, 8 * 24 * 3600)
            plan.append((resolved, assignee, "state", state, R, resolution))
            wait = between(600, 4 * 3600) if rnd() < 0.7 else between(4 * 3600, 60 * 3600)
            plan.append((resolved + second * wait, pick(agents), "state", R, C, pick(V.CLOSE_TEXTS)))

        happened = [e for e in plan if e[0] <= now]
        state = happened[-1][4]
        times_of = {e[4]: e[0] for e in happened}
        resolved_at = times_of.get(R)
        closed_at = times_of.get(C)
        done = resolved_at is not None
        ticket_rows.append({
            "id": ticket_id, "number": number, "channel": channel_seq[i], "reported_at": reported,
            "reporter_name": contact.name, "reporter_phone": contact.phone, "reporter_location": contact.location,
            "unit": unit.id, "contact": contact.id, "category": fault.category, "description": description,
            "environment": environment,
            "required_by": reported + timedelta(hours=pick((2, 4, 8, 24, 48))) if rnd() < 0.25 else None,
            "priority": priority, "state": state, "assignee": assignee if len(happened) > 1 else None,
            "team": team.id, "vendor": vendor if VD in times_of else "",
            "first_response_due": first_due, "resolution_due": resolution_due,
            "first_response_at": times_of.get(P), "resolved_at": resolved_at, "closed_at": closed_at,
            "cause": cause if done else "", "resolution": resolution if done else "",
            "repeat_of": repeat_of, "created_by": agent, "updated_by": happened[-1][1],
            "created_at": reported, "updated_at": happened[-1][0], "version": len(happened),
        })
        for at, user, kind_, from_state, to_state, text in happened:
            event_rows.append({"ticket": ticket_id, "at": at, "user": user, "kind": kind_,
                               "from_state": from_state, "to_state": to_state, "text": text})
        info = TicketInfo(ticket_id, number, reported, state, fault.category, fault_no, fix_no, priority, team.id,
                          assignee, contact.id, unit.id, resolved_at, closed_at, repeat_of)
        ctx.tickets.append(info)
        if contact.id not in recent_of_contact:
            recent_of_contact[contact.id] = deque(maxlen=8)
        recent_of_contact[contact.id].append(info)
        if len(ticket_rows) >= CHUNK_ROWS:
            flush()
    flush()
