"""What the urgency rules alone say of a message (before the model's heads and the danger check)."""

from __future__ import annotations

from nlp.entities import extract_amounts
from nlp.segment import normalize
from nlp.urgency import assess


def rules_danger(text: str) -> str:
    """``danger`` of ``nlp.urgency.assess`` on the normalised text: present, uncertain or none."""
    norm = normalize(text)
    return assess(norm, extract_amounts(norm)).danger
