"""The console script language, parsed and run on a ``ChatHarness``.

Lines::

    # a comment
    @alice 老板拖欠我三个月工资          (alice says something; a new handle is a new resident)
    @alice [确认提交]                    (press the button with that label on alice's last buttons)
    @staff:room-mage-1 [#1]             (press the first button)
    @alice 📍18.242,109.512             (share a location: latitude,longitude)
    @alice 📞13800138000                (share the phone number)
    ~ 25h                               (advance the virtual clock: 30m, 25h, 3d; runs what falls due)

Output: ``→ NAME: text`` for every message the bot sends, followed by the button labels in
brackets. Why here: the lead's CLI only wires files and stdout to ``run_script``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from handlers.messages import Outgoing
from handlers.testing import ChatHarness, ScriptError

_SAY = re.compile(r"^@(\S+)\s*(.*)$")
_ADVANCE = re.compile(r"^~\s*(\d+(?:\.\d+)?)\s*([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_LOCATION = re.compile(r"^📍\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$")
_CONTACT = re.compile(r"^📞\s*(\+?\d[\d\- ]{4,})$")


@dataclass(frozen=True)
class Step:
    line_no: int
    kind: str  # say | press | advance | location | contact
    name: str = ""
    text: str = ""
    index: int | None = None
    delta: timedelta | None = None
    lat: float = 0.0
    lon: float = 0.0
    raw: str = ""


class ScriptSyntaxError(ScriptError):
    pass


def parse(source: str) -> list[Step]:
    """Every line, validated before anything runs, so a typo on line 40 fails at once."""
    steps: list[Step] = []
    for no, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        steps.append(_parse_line(no, line))
    return steps


def _parse_line(no: int, line: str) -> Step:
    if line.startswith("~"):
        m = _ADVANCE.match(line)
        if not m:
            raise ScriptSyntaxError(f"cannot read the time step {line!r} (use e.g. ~ 30m, ~ 25h, ~ 3d)",
                                    "script.bad_time", no, text=line)
        return Step(no, "advance", delta=timedelta(**{_UNITS[m.group(2)]: float(m.group(1))}), raw=line)
    m = _SAY.match(line)
    if not m:
        raise ScriptSyntaxError(f"a line starts with @NAME, ~ or # (got {line!r})", "script.bad_line", no, text=line)
    name, rest = m.group(1), m.group(2).strip()
    if rest.startswith("[") and rest.endswith("]"):
        label = rest[1:-1].strip()
        if label.startswith("#") and label[1:].isdigit():
            return Step(no, "press", name=name, index=int(label[1:]))
        return Step(no, "press", name=name, text=label)
    if (loc := _LOCATION.match(rest)) is not None:
        return Step(no, "location", name=name, lat=float(loc.group(1)), lon=float(loc.group(2)))
    if (contact := _CONTACT.match(rest)) is not None:
        return Step(no, "contact", name=name, text=contact.group(1).replace(" ", "").replace("-", ""))
    return Step(no, "say", name=name, text=rest)


def format_message(name: str, message: Outgoing) -> list[str]:
    """``→ NAME: text`` (continuation lines indented), then ``  [label] [label]``."""
    first, *more = message.text.splitlines() or [""]
    lines = [f"→ {name}: {first}", *(f"    {x}" for x in more)]
    if message.buttons:
        lines.append("    " + " ".join(f"[{b.label}]" for b in message.flat_buttons()))
    if message.document:
        lines.append(f"    📎 {os.path.abspath(message.document)}")  # where the attached file was written
    return lines


async def run_script(
    harness: ChatHarness, source: str, *, echo: bool = True, emit: Callable[[str], None] | None = None
) -> list[str]:
    """Run a script; returns the printed lines (and hands each to ``emit`` as it comes, so a
    console shows progress). A ``ScriptError`` names the line that failed."""
    steps = parse(source)
    out = _Lines(emit)
    for step in steps:
        start = len(harness.transcript)
        if echo:
            out.append(_echo(step))
        try:
            await _run_step(harness, step)
        except ScriptError as exc:
            if isinstance(exc, ScriptSyntaxError):
                raise
            raise exc.at_line(step.line_no) from exc
        for entry in harness.transcript[start:]:
            out.extend(format_message(entry.recipient, entry.message))
    return list(out)


class _Lines(list[str]):
    def __init__(self, emit: Callable[[str], None] | None) -> None:
        super().__init__()
        self.emit = emit

    def append(self, line: str) -> None:
        super().append(line)
        if self.emit is not None:
            self.emit(line)

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.append(line)


async def _run_step(harness: ChatHarness, step: Step) -> None:
    if step.kind == "advance":
        assert step.delta is not None
        await harness.advance(step.delta)
    elif step.kind == "press":
        await harness.press(step.name, step.index if step.index is not None else step.text)
    elif step.kind == "location":
        await harness.share_location(step.name, step.lat, step.lon)
    elif step.kind == "contact":
        await harness.share_contact(step.name, step.text)
    else:
        await harness.say(step.name, step.text)


def _echo(step: Step) -> str:
    if step.kind == "advance":
        return step.raw
    if step.kind == "press":
        return f"@{step.name} [{'#' + str(step.index) if step.index is not None else step.text}]"
    if step.kind == "location":
        return f"@{step.name} 📍{step.lat},{step.lon}"
    if step.kind == "contact":
        return f"@{step.name} 📞{step.text}"
    return f"@{step.name} {step.text}"


DEMO = """\
# linli demo: a wage complaint from 回新社区, routed to 马哥调解室, mediated, surveyed, reopened.
@alice 你好
@alice [回新社区]
@alice [5栋]
@alice 📞13800138000
@alice 老板拖欠我三个月工资，一共一万二，一直不给
@alice [确认提交]
@staff:room-mage-1 [签收]
@staff:room-mage-1 [已联系]
@staff:room-mage-1 [结案]
@staff:room-mage-1 [调解成功]
@staff:room-mage-1 双方达成协议，老板月底前分两次付清工资。
~ 25h
@alice [不满意]
@alice 到现在一分钱都没给
# an emergency: the reply to call 110 comes first, and police and station head are alerted
@bob 你好
@bob [群众街社区]
@bob [跳过]
@bob [跳过]
@bob 楼道里有人拿刀要砍人！
"""
