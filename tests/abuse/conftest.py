"""The workflow fixtures of tests/handlers (``uow_factory`` on SQLite and PostgreSQL, ``clock``,
``dispatcher``, ``chat``), reused here: loaded by path under a unique module name, because two
modules both called ``conftest`` cannot be imported by name."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_HANDLERS = Path(__file__).resolve().parents[1] / "handlers"
if str(_HANDLERS) not in sys.path:
    sys.path.insert(0, str(_HANDLERS))  # flow_helpers

_spec = importlib.util.spec_from_file_location("handlers_fixtures_for_abuse", _HANDLERS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

uow_factory = _fixtures.uow_factory
clock = _fixtures.clock
dispatcher = _fixtures.dispatcher
chat = _fixtures.chat
