"""The survey plan's states (R28): where each may go next, their names, and the two checks that
refuse a step in the wrong state with the plan's state named.

draft → approved → distributing → collecting → closed → analysed; an approved plan may go back
to draft, a closed one may collect again.
"""

from collections.abc import Iterable

from desk_app.errors import ValidationError
from desk_app.i18n import N_, t
from desk_app.models import SurveyPlan
from desk_app.models.enums import PlanState
from desk_app.services import records
from desk_app.services.actor import Actor

S = PlanState

#: Where each state may go next; anything else is refused with a clear message.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.APPROVED,),
    S.APPROVED: (S.DRAFT, S.DISTRIBUTING),
    S.DISTRIBUTING: (S.COLLECTING,),
    S.COLLECTING: (S.CLOSED,),
    S.CLOSED: (S.COLLECTING, S.ANALYSED),
    S.ANALYSED: (),
}
#: States in which returned workbooks are accepted.
COLLECT_STATES = (S.DISTRIBUTING.value, S.COLLECTING.value)
#: States in which the recipients may still be changed.
EDIT_RECIPIENT_STATES = (S.DRAFT.value, S.APPROVED.value)

#: English display names of the plan states (t() gives the Chinese).
STATE_LABELS: dict[str, str] = {
    S.DRAFT: N_("Draft"), S.APPROVED: N_("Approved"), S.DISTRIBUTING: N_("Distributing"),
    S.COLLECTING: N_("Collecting"), S.CLOSED: N_("Collection closed"), S.ANALYSED: N_("Analysed"),
}


def state_label(state: str) -> str:
    return t(STATE_LABELS.get(state, state))


def plan_state_choices() -> list[tuple[str, str]]:
    """(code, label) of every plan state, in order, for filters."""
    return [(s.value, state_label(s.value)) for s in S]


def require_state(plan: SurveyPlan, allowed: Iterable[str]) -> None:
    """Refuse a step unless the plan is in one of the `allowed` states."""
    allowed = tuple(allowed)
    if plan.state not in allowed:
        raise ValidationError(
            t("Survey plan {number} is {state}; this step is possible only when it is {allowed}.",
              number=plan.number, state=state_label(plan.state),
              allowed=t(" or ").join(state_label(s) for s in allowed)), field="state")


def move(actor: Actor, plan: SurveyPlan, expected_version: int | None, to: str, action: str,
         extra: dict | None = None) -> SurveyPlan:
    """One step of the transition table; refused with the plan's state named otherwise."""
    if to not in TRANSITIONS.get(plan.state, ()):
        raise ValidationError(
            t("Survey plan {number} is {state} and cannot become {target}.", number=plan.number,
              state=state_label(plan.state), target=state_label(to)), field="state")
    return records.update(actor, plan, expected_version, {"state": to, **(extra or {})}, action)
