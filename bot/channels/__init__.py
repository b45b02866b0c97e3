"""Transports: each maps its native updates to ``Incoming`` and sends ``Outgoing``."""
