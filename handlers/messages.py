"""The neutral messages every channel speaks: typed, frozen, and free of any framework.

Why: the same flows serve the console, python-telegram-bot, aiogram and the tests; a channel
only maps its native update to ``Incoming`` and sends ``Outgoing``. Richer features (buttons,
edits, location) degrade to text on channels that lack them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The core's own limits, not a channel's: the longest text it writes as one message (a channel
# that carries less splits it, ``Capabilities.max_text``) and the longest button payload, small
# enough for every channel's buttons (a channel without buttons numbers them, ``handlers.fallback``).
MAX_TEXT = 4096
MAX_PAYLOAD_BYTES = 64


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Contact:
    phone: str
    user_id: str | None = None


@dataclass(frozen=True, slots=True)
class Button:
    """A button: the label people see and a short stable payload such as ``case:123:accept``."""

    label: str
    payload: str

    def __post_init__(self) -> None:
        if len(self.payload.encode()) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"button payload over {MAX_PAYLOAD_BYTES} bytes: {self.payload!r}")


@dataclass(frozen=True, slots=True)
class Incoming:
    channel: str
    chat_id: str
    user_id: str
    update_id: str
    text: str | None = None
    payload: str | None = None  # a pressed button
    location: Location | None = None
    contact: Contact | None = None
    photo_file_id: str | None = None
    locale: str | None = None
    display_name: str | None = None
    is_group: bool = False
    # Telegram's notice that this chat (a group) goes on under another id (its supergroup): the
    # core re-points what was bound to ``chat_id``; nothing else is in such an update.
    moved_to: str | None = None


@dataclass(frozen=True, slots=True)
class Outgoing:
    chat_id: str
    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default=())  # rows of buttons
    edit_of: str | None = None  # native id of a message to edit instead of sending anew
    document: str | None = None  # path of a file to attach (reports)
    request_contact: bool = False  # ask the client to offer "share my phone number"
    request_location: bool = False
    channel: str | None = None  # None: the speaker's channel
    # The labels of the contact/location request, rendered by the core in the reader's language.
    contact_label: str | None = None
    location_label: str | None = None

    def flat_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a channel can carry; the core renders within it (buttons degrade to numbered text)."""

    max_text: int = 4096
    buttons: bool = True
    max_payload_bytes: int = 64
    files: bool = True
    locations: bool = True
    contact_request: bool = True
    per_chat_per_second: float = 1.0
    global_per_second: float = 30.0
