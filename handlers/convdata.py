"""The typed data of one chat's conversation, stored as JSON in the conversation row.

Why pydantic: the row is written by one release and read by the next, by any worker. A model
gives every field a type and a default, so a flow reads ``conv.data.draft.text`` instead of
guessing keys, and a row written before a field existed still loads (missing fields take their
defaults, unknown keys are dropped). A row that cannot be read at all starts afresh rather than
failing every update of that chat.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

log = logging.getLogger(__name__)


class Part(BaseModel):
    """One of two (or more) problems told in one message, with its own category."""

    text: str
    category: str
    counterparty: str | None = None


class Draft(BaseModel):
    """A report the resident has not confirmed yet."""

    model_config = ConfigDict(extra="ignore")

    text: str
    category: str
    urgency: str = "normal"
    confidence: float = 0.0
    flags: list[str] = []
    alternatives: list[str] = []
    photos: list[str] = []
    numbers: list[str] = []  # an emergency's numbers to call, kept on the case for its follow-ups
    parts: list[Part] = []  # distinct problems routed to different handlers: offered as separate cases
    counterparty: str | None = None  # whom the complaint is about (an nlp counterparty id)
    ask: str | None = None  # the sentence that carries the request


class DangerQuestion(BaseModel):
    """A possible danger asked about ("is anyone in danger now?"): the report waits for the answer,
    and the clock ``token`` names takes the emergency path when none comes."""

    model_config = ConfigDict(extra="ignore")

    token: str
    draft: Draft


class ConvData(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    # resident: reporting
    draft: Draft | None = None
    pending_text: str | None = None  # said before registration ended, or while asking add-or-new
    emergency_case: int | None = None  # opened before registration ended: registration completes it
    photos: list[str] = []  # photos sent before there was a draft
    danger: DangerQuestion | None = None  # the danger question awaiting an answer
    danger_cleared: str | None = None  # a text whose danger the resident said is over: not asked again
    # resident: follow-up and privacy
    survey_case: int | None = None  # the case whose survey comment is awaited
    forget: str | None = None  # the one-time token of the last /forget question
    withdraw: int | None = None  # the case a withdrawal question is about
    # staff: the action, case and outcome a text prompt is for
    action: str | None = None
    case_id: int | None = None
    outcome: str | None = None

    @classmethod
    def load(cls, stored: dict[str, Any] | None) -> ConvData:
        try:
            return cls.model_validate(stored or {})
        except ValidationError as exc:
            log.warning("conversation data unreadable (%s error(s)); starting afresh", exc.error_count())
            return cls()

    def dump(self) -> dict[str, Any]:
        """Only what differs from the defaults: most rows stay ``{}``."""
        return self.model_dump(mode="json", exclude_defaults=True)


@dataclass
class ConvState:
    """The chat's flow step and data, edited as plain Python and written back once at the end.

    Why not edit the ORM row: in-place changes to a JSON column are invisible to the ORM after an
    autoflush; a fresh value assigned at the end always is.
    """

    state: str
    data: ConvData = field(default_factory=ConvData)

    def reset(self, state: str = "idle") -> None:
        self.state, self.data = state, ConvData()
