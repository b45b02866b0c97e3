"""SQLAlchemy models: the district as the roster describes it, and everything the bot keeps.

Why one module: a newcomer sees the whole schema on one page. Timestamps are stored as UTC and
always come back timezone-aware (``UTCDateTime``), so SQLite and PostgreSQL behave the same.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from vocab import OPEN_STATES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as UTC; SQLite drops the zone, so put it back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


# Partial indices cover the rows the interactive commands and the clock runner look for (open
# cases, pending clocks, text not yet anonymised): they stay as small as the backlog while the
# history grows. The predicates are literals, as the queries that use them write them.
OPEN_PREDICATE = text("state IN (" + ", ".join(f"'{s}'" for s in OPEN_STATES) + ")")
ANONYMISED = "[已删除]"  # the retention pass's placeholder (handlers.privacy.PLACEHOLDER)
RETAINED_PREDICATE = text(f"text <> '{ANONYMISED}'")
PENDING_PREDICATE = text("state = 'pending'")


def _partial(name: str, *columns: str, where: Any) -> Index:
    return Index(name, *columns, postgresql_where=where, sqlite_where=where)


# --------------------------------------------------------------------------- the district (roster)


class District(Base):
    __tablename__ = "district"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    case_prefix: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    # Clock durations, limits and cron times: validated by the roster schema, kept as one document.
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Community(Base):
    __tablename__ = "community"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("district.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="community")  # community | village
    position: Mapped[int] = mapped_column(Integer, default=0)
    grids: Mapped[list[Grid]] = relationship(
        back_populates="community", order_by="Grid.position", lazy="raise"
    )


class Station(Base):
    """A 平安工作站: one per community (1 police officer, grid workers, auxiliaries, N, X)."""

    __tablename__ = "station"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("community.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Grid(Base):
    """A comprehensive grid (综合网格), looked after by one full-time grid worker."""

    __tablename__ = "grid"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    community_id: Mapped[str] = mapped_column(ForeignKey("community.id"))
    name: Mapped[str] = mapped_column(String(200))
    grid_worker_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    community: Mapped[Community] = relationship(back_populates="grids")
    micro_grids: Mapped[list[MicroGrid]] = relationship(
        back_populates="grid", order_by="MicroGrid.position", lazy="raise"
    )


class MicroGrid(Base):
    __tablename__ = "micro_grid"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    grid_id: Mapped[str] = mapped_column(ForeignKey("grid.id"))
    name: Mapped[str] = mapped_column(String(200))
    buildings: Mapped[list[Any]] = mapped_column(default=list)
    # [[lon, lat], ...] closed ring, WGS84; empty when the roster gives none.
    polygon: Mapped[list[Any]] = mapped_column(default=list)
    grid_worker_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    grid: Mapped[Grid] = relationship(back_populates="micro_grids")


STAFF_ROLES = (
    "grid_worker",
    "police",
    "auxiliary",
    "mediator",
    "lawyer",
    "station_head",
    "centre",
    "admin",
)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("district.id"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    community_id: Mapped[str | None] = mapped_column(ForeignKey("community.id"))
    department_id: Mapped[str | None] = mapped_column(ForeignKey("department.id"))
    phone: Mapped[str | None] = mapped_column(String(32))
    # False when the roster no longer lists this person: kept so that old cases still name them.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The chat identity, bound by an invite code (never by the roster).
    channel: Mapped[str | None] = mapped_column(String(32))
    chat_id: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8), default="zh")
    # The channel chosen for notices (``/notify here``); None: the chat written from last.
    notice_channel: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (UniqueConstraint("channel", "chat_id", name="uq_staff_channel_chat"),)


class Room(Base):
    """A named mediation room (调解室) such as 马哥调解室."""

    __tablename__ = "room"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    community_id: Mapped[str | None] = mapped_column(ForeignKey("community.id"))
    categories: Mapped[list[Any]] = mapped_column(default=list)
    # Staff ids of the room's mediators; the first one receives the cases.
    members: Mapped[list[Any]] = mapped_column(default=list)


class Department(Base):
    __tablename__ = "department"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    hotline: Mapped[str | None] = mapped_column(String(32))
    categories: Mapped[list[Any]] = mapped_column(default=list)


class RoutingRule(Base):
    """Maps (category, urgency, community) to a target; the first matching rule by position wins."""

    __tablename__ = "routing_rule"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    district_id: Mapped[str] = mapped_column(ForeignKey("district.id"))
    position: Mapped[int] = mapped_column(Integer)
    categories: Mapped[list[Any]] = mapped_column(default=list)  # empty = any
    urgencies: Mapped[list[Any]] = mapped_column(default=list)  # empty = any
    communities: Mapped[list[Any]] = mapped_column(default=list)  # empty = any
    # grid_worker | police | station_head | centre | room:<id> | dept:<id> | none
    target: Mapped[str] = mapped_column(String(128))
    notify: Mapped[list[Any]] = mapped_column(default=list)
    referred: Mapped[bool] = mapped_column(Boolean, default=False)
    complex: Mapped[bool] = mapped_column(Boolean, default=False)


# --------------------------------------------------------------------------- people and cases


class Resident(Base):
    __tablename__ = "resident"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8), default="zh")
    community_id: Mapped[str | None] = mapped_column(ForeignKey("community.id"))
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"))
    micro_grid_id: Mapped[str | None] = mapped_column(ForeignKey("micro_grid.id"))
    building: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    consented_at: Mapped[datetime | None]
    registered_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    forgotten_at: Mapped[datetime | None]
    __table_args__ = (UniqueConstraint("channel", "chat_id", name="uq_resident_channel_chat"),)


CASE_STATES = (
    "new",
    "assigned",
    "accepted",
    "in_progress",
    "closed",
    "settled",
    "reopened",
    "referred",
    "withdrawn",
)
OUTCOMES = ("mediated", "explained", "referred_court", "referred_dept", "not_ours", "withdrawn")


class Case(Base):
    __tablename__ = "case"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"))
    district_id: Mapped[str] = mapped_column(ForeignKey("district.id"))
    community_id: Mapped[str | None] = mapped_column(ForeignKey("community.id"))
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"))
    micro_grid_id: Mapped[str | None] = mapped_column(ForeignKey("micro_grid.id"))
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    flags: Mapped[list[Any]] = mapped_column(default=list)
    state: Mapped[str] = mapped_column(String(16), default="new")
    outcome: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[str | None] = mapped_column(Text)
    # The routing decision and the rule that made it.
    target: Mapped[str | None] = mapped_column(String(128))
    rule_id: Mapped[str | None] = mapped_column(String(64))
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"))
    department_id: Mapped[str | None] = mapped_column(ForeignKey("department.id"))
    complex: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    assigned_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    first_contact_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    sign_for_due: Mapped[datetime | None]
    resolution_due: Mapped[datetime | None]
    satisfaction: Mapped[str | None] = mapped_column(String(16))  # satisfied | basic | unsatisfied
    satisfaction_comment: Mapped[str | None] = mapped_column(Text)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        Index("ix_case_state", "state"),
        Index("ix_case_resident_id", "resident_id", "id"),
        Index("ix_case_assignee", "assignee_id"),
        Index("ix_case_community_created", "community_id", "created_at"),
        Index("ix_case_created", "created_at"),
        _partial("ix_case_open_created", "created_at", "id", where=OPEN_PREDICATE),
        _partial("ix_case_open_community", "community_id", "created_at", "id", where=OPEN_PREDICATE),
        _partial("ix_case_open_assignee", "assignee_id", "created_at", "id", where=OPEN_PREDICATE),
        _partial("ix_case_retained_closed", "closed_at", where=RETAINED_PREDICATE),
    )


class CaseNote(Base):
    """What was added to a case after it was opened: more text, photos, progress notes."""

    __tablename__ = "case_note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    at: Mapped[datetime]
    author: Mapped[str] = mapped_column(String(80))  # resident | staff:<id>
    kind: Mapped[str] = mapped_column(String(16))  # text | photo | progress
    text: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(256))
    visible_to_resident: Mapped[bool] = mapped_column(Boolean, default=True)


class CaseEvent(Base):
    """The audit log: one row per transition or action on a case."""

    __tablename__ = "case_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))  # resident | staff:<id> | system
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Correction(Base):
    """A staff correction of a category: a new labelled example for retraining."""

    __tablename__ = "correction"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    text: Mapped[str] = mapped_column(Text)
    old_category: Mapped[str] = mapped_column(String(32))
    new_category: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime]


# --------------------------------------------------------------------------- machinery


class Clock(Base):
    """A due row: something that must happen at ``due_at`` unless cancelled first."""

    __tablename__ = "clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | done | cancelled
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    __table_args__ = (
        _partial("ix_clock_pending_due", "due_at", "id", where=PENDING_PREDICATE),
        Index("ix_clock_case", "case_id"),
    )


class Outbox(Base):
    """A message to someone other than the speaker, written with the change that caused it."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[Any]] = mapped_column(default=list)
    edit_of: Mapped[str | None] = mapped_column(String(64))
    document: Mapped[str | None] = mapped_column(String(512))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    native_id: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    # A message the channel sends in parts (a long caption, then the document): the parts that
    # went out before a failure, so that the retry does not send them again.
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    __table_args__ = (
        Index("ix_outbox_pending", "state", "next_attempt_at"),
        Index("ix_outbox_case", "case_id"),
        Index("ix_outbox_chat", "channel", "chat_id"),
    )


class ProcessedUpdate(Base):
    __tablename__ = "processed_update"
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    update_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime]


class Conversation(Base):
    """Flow state per chat: the one truth shared by every channel and worker."""

    __tablename__ = "conversation"
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(64), default="start")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
    # Flood control: messages in the current window and whether the polite answer was sent.
    window_start: Mapped[datetime | None]
    window_count: Mapped[int] = mapped_column(Integer, default=0)
    # The chat's last handled update and the replies it produced (serialised ``Outgoing``),
    # written with the state: a redelivery of that update gets its replies again, in case the
    # process died before sending them (``handlers.dispatcher``). /forget clears them.
    last_update_id: Mapped[str | None] = mapped_column(String(64))
    last_replies: Mapped[list[Any] | None]


class Invite(Base):
    __tablename__ = "invite"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class JobRun(Base):
    """One row per scheduled job run (digest, weekly report), so each is sent once."""

    __tablename__ = "job_run"
    job: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime]


class ChatPace(Base):
    """A chat's sending bucket shared by every worker (``storage.repos.PaceRepo``).

    Why in the database: two workers may both send to one chat (an answer and an outbox row), and
    Telegram counts the chat's messages, not each worker's. ``tokens`` below zero are sends
    already reserved for the future; ``at`` is the database's clock, never a worker's.
    """

    __tablename__ = "chat_pace"
    chat_key: Mapped[str] = mapped_column(String(128), primary_key=True)  # channel ":" chat id
    tokens: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime]


class CaseCounter(Base):
    """Per-day case number sequence (TY20261128-0007), safe under several workers."""

    __tablename__ = "case_counter"
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class WebSession(Base):
    """A browser (or app) talking to linli over the web channel: the chat behind a cookie.

    Why only the token's hash: a leaked database must not let anyone resume a resident's chat.
    """

    __tablename__ = "web_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    locale: Mapped[str | None] = mapped_column(String(8))


class WebMessage(Base):
    """One bubble of a web chat, either side; ``id`` orders them and lets a client resume once."""

    __tablename__ = "web_message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    author: Mapped[str] = mapped_column(String(8))  # "bot" | "me"
    text: Mapped[str] = mapped_column(Text, default="")
    # Bot: rows of {label, payload}, and flags (location, contact); resident: a photo or location.
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    __table_args__ = (Index("ix_web_message_chat", "chat_id", "id"),)


class StaffBinding(Base):
    """A staff member's chat on one channel; a member may be reachable on several.

    ``Staff.channel``/``Staff.chat_id`` stay the one chat notices go to: the binding on the channel
    the member chose (``Staff.notice_channel``), else the binding used last."""

    __tablename__ = "staff_binding"
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64))
    bound_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("channel", "chat_id", name="uq_staff_binding_channel_chat"),)


class Meta(Base):
    """Facts about the database itself, e.g. ``sandbox``: a console-made database where the
    console may play anyone (``bot.channels.console``)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
