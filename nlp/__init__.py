"""Understanding residents' messages: category, urgency, flags, entities and PII masking.

Start-up: call ``initialize()`` once (jieba + domain dictionary + the shipped model); ``classify``
does it lazily otherwise. This package imports only the standard library, numpy, jieba,
scikit-learn (training only) and ``i18n``. See nlp/README.md for a tour.
"""

from nlp.classify import LOW_CONFIDENCE_THRESHOLD, Classification, classify, initialize
from nlp.entities import Entities, MaskingFilter, extract_amounts, extract_entities, mask

__all__ = [
    "LOW_CONFIDENCE_THRESHOLD",
    "Classification",
    "Entities",
    "MaskingFilter",
    "classify",
    "extract_amounts",
    "extract_entities",
    "initialize",
    "mask",
]
