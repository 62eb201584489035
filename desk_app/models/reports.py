"""Reports for approval (§9): each generated version, frozen once approved (R37)."""

from peewee import BlobField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from desk_app.models.base import BaseModel, TrackedModel, now
from desk_app.models.enums import ReportState
from desk_app.models.people import by_user


class Report(TrackedModel):
    """One version of one report. Regenerating makes a new row; an approved row never changes."""

    number = CharField(index=True)  # document number, shared by the versions of one report
    kind = CharField(index=True)  # ReportKind
    period = CharField(default="")  # "2026-10", "2026-Q3", "2026", or a record number for forms
    report_version = IntegerField(default=1)
    title = CharField()
    language = CharField(default="zh_CN")
    state = CharField(default=ReportState.DRAFT.value, index=True)
    figures_json = TextField(default="{}")  # the figures printed, stored with the report
    pdf = BlobField(null=True)
    sha256 = CharField(default="", index=True)
    drafter = by_user()
    reviewer = by_user()
    approver = by_user()
    submitted_at = DateTimeField(null=True)
    reviewed_at = DateTimeField(null=True)
    approved_at = DateTimeField(null=True)
    published_at = DateTimeField(null=True)
    reject_comment = TextField(default="")
    #: Where the digital signatures go: {"reviewer": [page, x1, y1, x2, y2], "approver": […]} (R45).
    signature_boxes = TextField(default="{}")
    effective_date = DateField(null=True)
    distribution_scope = CharField(default="")
    supersedes = ForeignKeyField("self", null=True, backref="superseded_by", on_delete="SET NULL")
    updated_by = by_user()

    class Meta:
        indexes = ((("number", "report_version"), True),)


class ReportEvent(BaseModel):
    """The approval history: generated, submitted, reviewed, approved, rejected (with comment), published."""

    report = ForeignKeyField(Report, backref="events", on_delete="CASCADE")
    action = CharField()
    at = DateTimeField(default=now)
    user = by_user()
    comment = TextField(default="")
