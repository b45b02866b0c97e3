"""The ids of /work/shared/TAXONOMY.md, re-exported from the shared vocabulary (one definition)."""

from vocab import CATEGORIES, COUNTERPARTIES, FLAGS, URGENCIES

__all__ = ["CATEGORIES", "COUNTERPARTIES", "FLAGS", "URGENCIES"]
