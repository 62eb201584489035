"""peewee models for the whole of SPEC.md. No Qt, no business rules."""

from desk_app.models.base import BaseModel, TrackedModel, database_proxy, now
from desk_app.models.complaints import Complaint, ComplaintEvent, Meeting
from desk_app.models.evaluations import Callback, CallbackAttempt, CallbackPlan, Evaluation, RevisitForm
from desk_app.models.improvement import ImprovementProject, ImprovementStep
from desk_app.models.mail import JobRun, OutboxAttachment, OutboxMessage
from desk_app.models.people import Contact, CustomerUnit, Team, User
from desk_app.models.reports import Report, ReportEvent
from desk_app.models.signing import AuthoritySlot, SigningAuthority, SigningKey
from desk_app.models.surveys import (
    Finding,
    SurveyAnswer,
    SurveyPlan,
    SurveyPlanUnit,
    SurveyQuestion,
    SurveyRecipient,
    SurveyResponse,
    SurveyTemplate,
)
from desk_app.models.system import AuditLog, Setting, UserPreference
from desk_app.models.tickets import KnowledgeArticle, Ticket, TicketEvent

#: Every table, in an order where each table comes after the tables it references.
ALL_MODELS: list[type[BaseModel]] = [
    Team,
    User,
    CustomerUnit,
    Contact,
    Ticket,
    TicketEvent,
    KnowledgeArticle,
    CallbackPlan,
    Callback,
    CallbackAttempt,
    Evaluation,
    RevisitForm,
    SurveyTemplate,
    SurveyQuestion,
    SurveyPlan,
    SurveyPlanUnit,
    SurveyRecipient,
    SurveyResponse,
    SurveyAnswer,
    Finding,
    Complaint,
    ComplaintEvent,
    Meeting,
    ImprovementProject,
    ImprovementStep,
    Report,
    ReportEvent,
    SigningAuthority,
    AuthoritySlot,
    SigningKey,
    OutboxMessage,
    OutboxAttachment,
    JobRun,
    Setting,
    AuditLog,
    UserPreference,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS", "BaseModel", "TrackedModel", "database_proxy", "now"]
