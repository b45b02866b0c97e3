"""What happens: conversation flows per role, routing, case lifecycle, clocks and follow-up.

The public surface the composition root (``bot/``) uses:

- ``Dispatcher(uow_factory, classify, now, *, channel_default="console", renderer=None,
  max_batch=32, parallel_batches=1)`` (``renderer``: a ``handlers.reporting.ReportRenderer`` for
  ``/stats`` and ``/report``)
  - ``await handle(incoming) -> list[Outgoing]``: every update; replies to the speaker. Calls made
    concurrently share one transaction (``handlers.batching``).
  - ``await run_due(limit=500, batch=500) -> int``: run due clocks in batches (call it from the scheduler).
  - ``await invite(staff_id, ttl=7 days) -> str``: a one-time code for ``/start CODE``.
- ``handlers.outbox.drain(uow_factory, send, now, limit=100) -> int`` with ``OutboxMessage``,
  ``TemporarySendError(retry_after)`` and ``PermanentSendError``.
- ``handlers.testing``: ``ChatHarness``, ``VirtualClock``, ``KeywordClassifier``, ``ScriptError``.
- ``handlers.script``: ``run_script(harness, source, echo=True, emit=None)``, ``parse``, ``DEMO``.
- ``handlers.figures`` (响应率, 按期办结率, 解决率, 满意率), ``handlers.digests`` (daily digest and
  weekly report messages), ``handlers.privacy`` (``/mydata``, ``/forget``, ``apply_retention``).

Module map: dispatcher (entry, enrolment, flood control; batching: group commit of the updates in
hand) → resident (the resident's (state × event) table) over registration, report, followup,
resident_cases, language and privacy; staff (commands) over staff_actions (the staff's button
registry; resident_actions is the resident's; actions holds the registry types) → cases (states,
transitions, messages) → routing (roster rules) and clocks (due times, actions); convdata (typed
conversation data), turn (one resident update), context (per-update working set), outbox (drain),
geo (point in polygon); figures, digests, reporting beside them. The shared ids (categories, states,
outcomes…) are the ``vocab`` package.
"""
