from __future__ import annotations

import pytest

from nlp import initialize


@pytest.fixture(scope="session", autouse=True)
def _nlp_ready() -> None:
    """jieba, the dictionaries and the model, loaded once for every nlp test."""
    initialize()
