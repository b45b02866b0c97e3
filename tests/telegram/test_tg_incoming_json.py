"""The Bot API's JSON read straight into ``Incoming`` (python-telegram-bot's path) says exactly
what the frameworks' objects say (``incoming_from_update``, aiogram's path), update kind by kind."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram.types import Update as AiogramUpdate
from telegram import Update as PtbUpdate

from bot.channels.base import incoming_from_json, incoming_from_update

USER = {"id": 501, "is_bot": False, "first_name": "Amy", "last_name": "Lin", "language_code": "en"}
PLAIN = {"id": 502, "is_bot": False, "first_name": "阿明"}
PRIVATE = {"id": 501, "type": "private", "first_name": "Amy"}
GROUP = {"id": -1001, "type": "group", "title": "网格员"}
SUPERGROUP = {"id": -100777, "type": "supergroup", "title": "网格员"}


def _message(**fields: Any) -> dict[str, Any]:
    return {"message_id": 9, "date": 1_700_000_000, "chat": PRIVATE, "from": USER, **fields}


UPDATES: dict[str, dict[str, Any]] = {
    "text": {"update_id": 1, "message": _message(text="老板欠薪")},
    "text, no last name or language": {"update_id": 2, "message": _message(text="你好", **{"from": PLAIN})},
    "group text": {"update_id": 3, "message": _message(text="/mine", chat=GROUP)},
    "supergroup text": {"update_id": 4, "message": _message(text="/queue", chat=SUPERGROUP)},
    "location": {"update_id": 5, "message": _message(location={"latitude": 18.25, "longitude": 109.5})},
    "own contact": {"update_id": 6, "message": _message(
        contact={"phone_number": "+8613800000000", "first_name": "Amy", "user_id": 501})},
    "contact without user": {"update_id": 7, "message": _message(
        contact={"phone_number": "13800000000", "first_name": "某人"})},
    "photo with caption": {"update_id": 8, "message": _message(caption="漏水", photo=[
        {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60, "file_size": 900},
        {"file_id": "big", "file_unique_id": "b", "width": 1280, "height": 853, "file_size": 90_000},
        {"file_id": "mid", "file_unique_id": "m", "width": 320, "height": 213}])},
    "sticker": {"update_id": 9, "message": _message(sticker={
        "file_id": "st", "file_unique_id": "st", "type": "regular", "width": 512, "height": 512,
        "is_animated": False, "is_video": False})},
    "group became a supergroup (old)": {"update_id": 10, "message": _message(
        chat=GROUP, migrate_to_chat_id=-100777)},
    "group became a supergroup (new)": {"update_id": 11, "message": _message(
        chat=SUPERGROUP, migrate_from_chat_id=-1001)},
    "button press": {"update_id": 12, "callback_query": {
        "id": "q1", "from": USER, "chat_instance": "ci", "data": "rg:c:0", "message": _message(text="请选择")}},
    "button press in a group": {"update_id": 13, "callback_query": {
        "id": "q2", "from": PLAIN, "chat_instance": "ci", "data": "st:ack:1",
        "message": _message(text="新案件", chat=SUPERGROUP)}},
    "button press on an inaccessible message": {"update_id": 14, "callback_query": {
        "id": "q3", "from": USER, "chat_instance": "ci", "data": "x",
        "message": {"message_id": 3, "date": 0, "chat": PRIVATE}}},
    "edited message": {"update_id": 15, "edited_message": _message(text="改了", edit_date=1_700_000_100)},
}


@pytest.mark.parametrize("kind", list(UPDATES))
def test_json_reads_as_the_frameworks_objects_do(kind: str) -> None:
    data = UPDATES[kind]
    expected = incoming_from_update(PtbUpdate.de_json(data, None))
    assert incoming_from_json(data) == expected
    assert incoming_from_update(AiogramUpdate.model_validate(data)) == expected


def test_the_kinds_linli_reads_are_read() -> None:
    read = {kind for kind, data in UPDATES.items() if incoming_from_json(data) is not None}
    assert read == set(UPDATES) - {"sticker", "edited message"}
    assert incoming_from_json(UPDATES["photo with caption"]).photo_file_id == "big"  # type: ignore[union-attr]
