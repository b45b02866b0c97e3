"""Routing: from (category, urgency, community) to who handles a case and who else is told.

Why data: the rules live in the roster (first match by position wins), so a district changes
who handles what without a release. This module only reads the roster and decides; applying the
decision (state, clocks, messages) is in ``cases.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from storage import models as m

log = logging.getLogger(__name__)


@dataclass
class Decision:
    target: str  # grid_worker | police | station_head | centre | room:<id> | dept:<id> | none
    rule_id: str | None
    assignee: m.Staff | None = None
    room: m.Room | None = None
    department: m.Department | None = None
    referred: bool = False
    complex: bool = False
    notify: list[m.Staff] = field(default_factory=list)
    fallback: str | None = None  # why the target's person could not be used

    @property
    def none(self) -> bool:
        return self.target == "none"


def _matches(rule: m.RoutingRule, category: str, urgency: str, community_id: str | None) -> bool:
    return (
        (not rule.categories or category in rule.categories)
        and (not rule.urgencies or urgency in rule.urgencies)
        and (not rule.communities or community_id in rule.communities)
    )


async def first_rule(uow: Any, category: str, urgency: str, community_id: str | None) -> m.RoutingRule | None:
    for rule in await uow.roster.rules():
        if _matches(rule, category, urgency, community_id):
            return rule
    return None


async def _one(uow: Any, community_id: str | None, role: str) -> m.Staff | None:
    found = await uow.roster.staff_in(community_id, role) if community_id else []
    return found[0] if found else None


async def centre(uow: Any) -> m.Staff | None:
    """The district centre's duty officer (centre staff not belonging to a department)."""
    for staff in await uow.roster.staff_in(None, "centre"):
        if staff.department_id is None:
            return staff
    return None


async def station_head(uow: Any, community_id: str | None) -> m.Staff | None:
    return await _one(uow, community_id, "station_head")


async def grid_worker(uow: Any, micro_grid_id: str | None, grid_id: str | None) -> m.Staff | None:
    """The micro-grid's own worker when it has one, else the comprehensive grid's worker."""
    for staff_id in await _grid_worker_ids(uow, micro_grid_id, grid_id):
        staff = await uow.roster.staff(staff_id)
        if staff is not None and staff.active:
            return staff
    return None


async def _grid_worker_ids(uow: Any, micro_grid_id: str | None, grid_id: str | None) -> list[str]:
    ids: list[str] = []
    if micro_grid_id:
        micro = await uow.roster.micro_grid(micro_grid_id)
        if micro is not None and micro.grid_worker_id:
            ids.append(micro.grid_worker_id)
    if grid_id:
        grid = await uow.roster.grid(grid_id)
        if grid is not None and grid.grid_worker_id:
            ids.append(grid.grid_worker_id)
    return ids


async def role_staff(uow: Any, who: str, case_or_resident: Any) -> m.Staff | None:
    """``police`` / ``station_head`` / ``centre`` / ``grid_worker`` for a case or resident."""
    community_id = case_or_resident.community_id
    if who == "grid_worker":
        return await grid_worker(uow, case_or_resident.micro_grid_id, case_or_resident.grid_id)
    if who == "centre":
        return await centre(uow)
    return await _one(uow, community_id, who)


async def decide(
    uow: Any, resident: m.Resident, category: str, urgency: str, flags: list[str] | tuple[str, ...] = ()
) -> Decision:
    """The routing decision for a new report; never fails: an unstaffed target falls back."""
    rule = await first_rule(uow, category, urgency, resident.community_id)
    target = rule.target if rule else "station_head"
    if target == "none" and urgency == "emergency":
        target = "police"  # an emergency is always somebody's case
    decision = Decision(
        target=target,
        rule_id=rule.id if rule else None,
        referred=bool(rule and rule.referred) or target.startswith("dept:"),
        complex=bool(rule and rule.complex),
    )
    if decision.none:
        return decision
    await _resolve_target(uow, decision, resident)
    if decision.assignee is None and not decision.referred:
        decision.fallback = f"no active staff for {target}"
        decision.assignee = await station_head(uow, resident.community_id) or await centre(uow)
    await _collect_notify(uow, decision, rule, resident, urgency, flags)
    return decision


async def _resolve_target(uow: Any, decision: Decision, resident: m.Resident) -> None:
    target = decision.target
    if target.startswith("room:"):
        decision.room = await uow.roster.room(target.removeprefix("room:"))
        for staff_id in decision.room.members if decision.room else []:
            staff = await uow.roster.staff(staff_id)
            if staff is not None and staff.active:
                decision.assignee = staff
                break
    elif target.startswith("dept:"):
        decision.department = await uow.roster.department(target.removeprefix("dept:"))
        for staff in await uow.roster.all_staff():
            if staff.active and decision.department and staff.department_id == decision.department.id:
                decision.assignee = staff
                break
        if decision.assignee is None:
            decision.assignee = await centre(uow)  # the centre tracks the referral itself
    else:
        decision.assignee = await role_staff(uow, target, resident)


async def _collect_notify(
    uow: Any,
    decision: Decision,
    rule: m.RoutingRule | None,
    resident: m.Resident,
    urgency: str,
    flags: list[str] | tuple[str, ...],
) -> None:
    wanted: list[str] = list(rule.notify) if rule else []
    if urgency == "emergency":
        wanted += ["police", "station_head"]
    elif urgency == "high":
        wanted.append("station_head")
        if {"group", "large_sum"} & set(flags):
            wanted.append("centre")
    seen = {decision.assignee.id} if decision.assignee else set()
    found = [await role_staff(uow, who, resident) for who in wanted]
    if urgency == "emergency" and resident.community_id is None:
        found += await district_duty(uow)  # no community, no police officer: the district's people on duty
    for staff in found:
        if staff is not None and staff.id not in seen:
            seen.add(staff.id)
            decision.notify.append(staff)


async def district_duty(uow: Any) -> list[m.Staff]:
    """The district centre's duty officers and administrators (not a department's)."""
    found: list[m.Staff] = []
    for role in ("centre", "admin"):
        found += [s for s in await uow.roster.staff_in(None, role) if s.department_id is None]
    return found
