"""The shared vocabulary is the one definition, and the catalogue labels every entry in both languages."""

from __future__ import annotations

import re

import pytest

import vocab
from handlers import cases, staff_actions
from handlers.resident_actions import RESIDENT
from i18n import LOCALES, MESSAGES, t
from nlp import taxonomy
from storage import roster_schema

HAN = re.compile(r"[\u3400-\u9fff]")

# vocabulary → the message id of each entry's label
LABELS = {
    "case.cat": vocab.CATEGORIES,
    "case.urgency": vocab.URGENCIES,
    "case.state": vocab.CASE_STATES,
    "case.outcome": vocab.OUTCOMES,
    "staff.role": vocab.ROLES,
    "case.event": vocab.CASE_EVENTS,
    "resident.history": vocab.RESIDENT_EVENTS,
}


@pytest.mark.parametrize("prefix", sorted(LABELS))
def test_every_entry_has_its_label_in_both_languages(prefix: str) -> None:
    for entry in LABELS[prefix]:
        zh, en = MESSAGES[f"{prefix}.{entry}"]
        assert HAN.search(zh), (entry, zh)
        assert en.strip() and not HAN.search(en), (entry, en)


def test_counterparty_labels_once_the_classifier_names_them() -> None:
    labelled = [k for k in MESSAGES if k.startswith("nlp.counterparty.")]
    if not labelled:
        pytest.skip("no nlp.counterparty.* messages in this catalogue yet (the classifier adds them)")
    for entry in vocab.COUNTERPARTIES:
        zh, en = MESSAGES[f"nlp.counterparty.{entry}"]
        assert zh.strip() and en.strip() and not HAN.search(en), entry


def test_locales_agree() -> None:
    assert vocab.LOCALES == LOCALES


def test_one_definition() -> None:
    assert taxonomy.CATEGORIES is vocab.CATEGORIES and taxonomy.URGENCIES is vocab.URGENCIES
    assert roster_schema.CATEGORIES is vocab.CATEGORIES and roster_schema.ROLES is vocab.ROLES
    assert cases.OPEN_STATES is vocab.OPEN_STATES
    assert set(vocab.OPEN_STATES) | set(vocab.ENDED_STATES) == set(vocab.CASE_STATES)
    assert set(cases.TRANSITIONS) == set(vocab.CASE_STATES)
    assert set(cases.OUTCOME_CODES.values()) < set(vocab.OUTCOMES)


@pytest.mark.parametrize("registry", [staff_actions.STAFF, RESIDENT], ids=["staff", "resident"])
def test_every_action_label_and_prompt_is_in_the_catalogue(registry) -> None:
    for action in registry.by_code.values():
        for key in (action.label, action.prompt, action.refused):
            if key is not None:
                for locale in LOCALES:
                    assert t(key, locale, number="X", outcome="Y", state="Z")
        assert set(action.states) <= set(vocab.CASE_STATES), action.code
