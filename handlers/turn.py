"""One resident update as the flow modules see it: who, what, and where the conversation stands.

Why one object: every step of the resident's conversation needs the same five things; passing
them as one keeps the (state × event) table's handlers to a single signature.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from handlers.context import ConvState, Ctx
from handlers.convdata import ConvData
from handlers.messages import Incoming
from storage import models as m

Classify = Callable[[str], Any]  # text -> Classification


@dataclass
class Turn:
    ctx: Ctx
    conv: ConvState
    resident: m.Resident
    inc: Incoming
    classify: Classify

    @property
    def data(self) -> ConvData:
        return self.conv.data

    @property
    def text(self) -> str:
        return (self.inc.text or "").strip()


Step = Callable[[Turn], Awaitable[None]]
