"""Registries of what a role can do: case buttons (actions) and slash commands.

Why one table per role: a button's code, label, allowed states and roles, handler and text prompt
are declared once, and the buttons people see, the server-side permission check of each press
and /help are all read from that one entry. A code cannot be offered by a button and missing
from the check (or the other way round), and adding a button is one entry plus its messages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from handlers.context import Buttons, rows
from handlers.messages import Button
from i18n import t
from storage import models as m
from vocab import CASE_STATES

Run = Callable[..., Awaitable[None]]


def payload(case: m.Case, action: str, *args: object) -> str:
    return ":".join(["c", str(case.id), action, *map(str, args)])


@dataclass(frozen=True)
class Action:
    """A case button. ``label``: its message id (None: pressed only with arguments, from a
    picker another action shows). ``who``: ``owner`` (the assignee), ``supervisor`` (the assignee,
    their station head, the centre) or ``resident`` (the case's resident). ``menus``: the button
    sets it appears in. ``prompt``: the message asking for a text; ``on_text`` receives it.
    ``refused``: the message when the case's state does not allow it (default: the role's own)."""

    code: str
    run: Run
    label: str | None = None
    states: tuple[str, ...] = CASE_STATES
    who: str = "owner"
    menus: tuple[str, ...] = ()
    prompt: str | None = None
    on_text: Run | None = None
    refused: str | None = None


class Actions:
    def __init__(self, *actions: Action) -> None:
        self.by_code = {a.code: a for a in actions}
        if len(self.by_code) != len(actions):
            raise ValueError("an action code is declared twice")

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def get(self, code: str) -> Action | None:
        return self.by_code.get(code)

    def menu(self, name: str, case: m.Case, locale: str | None, per_row: int = 3) -> Buttons:
        """The buttons of menu ``name`` for ``case``, labelled in the reader's language."""
        return rows(*(Button(t(a.label, locale), payload(case, a.code))
                      for a in self.by_code.values() if name in a.menus and a.label), per_row=per_row)

    def labels(self, locale: str | None) -> list[str]:
        return [t(a.label, locale) for a in self.by_code.values() if a.label and a.menus]


@dataclass(frozen=True)
class Command:
    """A slash command: its handler, the message id of its /help line, who may use it and the
    message for those who may not."""

    name: str
    run: Run
    help: str | None = None
    allowed: Callable[[Any], bool] = lambda _who: True
    denied: str = "flow.unknown_command"


class Commands:
    def __init__(self, *commands: Command, aliases: dict[str, str] | None = None) -> None:
        self.by_name = {c.name: c for c in commands}
        for alias, name in (aliases or {}).items():
            self.by_name[alias] = self.by_name[name]

    def get(self, name: str) -> Command | None:
        return self.by_name.get(name)

    def help_lines(self, who: Any, locale: str | None) -> list[str]:
        seen: list[Command] = []
        for command in self.by_name.values():
            if command.help and command not in seen and command.allowed(who):
                seen.append(command)
        return [t(c.help, locale) for c in seen if c.help]


def split_command(text: str) -> tuple[str, str]:
    """``/case@linli_bot TY1`` → (``/case``, ``TY1``)."""
    command, _, arg = text.partition(" ")
    return command.split("@")[0].lower(), arg.strip()
