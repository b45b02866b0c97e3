"""The words every layer shares: categories, urgencies, case states, outcomes, roles, counterparties.

Why a package of its own at the bottom of the import layers: the classifier (nlp), the roster
schema (storage), the flows (handlers) and the catalogue (i18n) must agree on these ids, and
they may only share what sits below them all. Ids only: labels live in the catalogue, one
message per id and language (checked by tests/test_vocab.py).
"""

from __future__ import annotations

# /work/shared/TAXONOMY.md: a contract with routing and the held-out set; keep the ids exact.
CATEGORIES: tuple[str, ...] = (
    "labor", "rental", "neighbor", "family", "property", "consumer", "traffic", "debt", "land",
    "security", "minors", "hazard", "environment", "consult", "other",
)
URGENCIES: tuple[str, ...] = ("emergency", "high", "normal")
FLAGS: tuple[str, ...] = ("police_link", "group", "large_sum", "repeat")

# Case lifecycle (DESIGN.md, "Cases").
CASE_STATES: tuple[str, ...] = (
    "new", "assigned", "accepted", "in_progress", "closed", "settled", "reopened", "referred", "withdrawn",
)
OPEN_STATES: tuple[str, ...] = ("new", "assigned", "accepted", "in_progress", "reopened", "referred")
ENDED_STATES: tuple[str, ...] = ("closed", "settled", "withdrawn")

# How a case ended; only real resolutions count in the resolution rate.
OUTCOMES: tuple[str, ...] = ("mediated", "explained", "referred_court", "referred_dept", "not_ours", "withdrawn")
REAL_RESOLUTIONS: tuple[str, ...] = ("mediated", "explained")
REFERRAL_OUTCOMES: tuple[str, ...] = ("referred_court", "referred_dept")

# What a case_event row records (``action``): the audit log's entries.
CASE_EVENTS: tuple[str, ...] = (
    "opened", "routed", "accepted", "in_progress", "first_contact", "progress", "resident_told", "added",
    "recategorized", "assist_requested", "reassigned", "reminded", "escalated", "closed", "survey_sent",
    "survey_reminded", "survey_answered", "survey_comment", "visit_task", "agreement_check_sent",
    "agreement_answered", "reopened", "withdrawn", "located",
)
# The entries a resident's own history shows (the rest are staff bookkeeping).
RESIDENT_EVENTS: tuple[str, ...] = (
    "opened", "routed", "accepted", "in_progress", "first_contact", "closed", "reopened", "withdrawn",
    "reassigned", "survey_answered", "resident_told", "added",
)

ROLES: tuple[str, ...] = (
    "grid_worker", "police", "auxiliary", "mediator", "lawyer", "station_head", "centre", "admin",
)

# Whom a complaint is about (nlp.classify's ``counterparty``; labels: ``nlp.counterparty.<id>``).
COUNTERPARTIES: tuple[str, ...] = (
    "employer", "landlord", "neighbor", "property", "merchant", "family", "school", "official", "stranger",
    "unknown",
)

LOCALES: tuple[str, ...] = ("zh", "en")
