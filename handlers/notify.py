"""``/notify``: where a staff member's notices go when they are reachable on several channels.

By default notices follow the member to the chat they wrote from last. ``/notify here`` keeps them
on this channel (its chat) whatever chat the member writes from; ``/notify last`` goes back to
following. ``/notify`` alone says where notices go now and on which channels the member is reachable.
"""

from __future__ import annotations

from handlers.context import ConvState, Ctx
from handlers.reporting import ReportRenderer
from storage import models as m

HERE = ("here", "这里")
LAST = ("last", "auto", "最近")


def channel_name(ctx: Ctx, channel: str | None) -> str:
    key = f"notify.channel.{channel}"
    return ctx.tr(key) if channel in ("telegram", "web", "console") else str(channel)


async def command(ctx: Ctx, conv: ConvState, staff: m.Staff, arg: str, renderer: ReportRenderer | None) -> None:
    choice = arg.strip().lower()
    if choice in HERE:
        await ctx.uow.roster.choose_notice_channel(staff, ctx.channel)
        ctx.say("notify.set_here", channel=channel_name(ctx, ctx.channel))
    elif choice in LAST:
        await ctx.uow.roster.choose_notice_channel(staff, None)
        staff.channel, staff.chat_id = ctx.channel, ctx.chat_id  # this chat is the one written from last
        ctx.say("notify.set_last")
    elif choice:
        ctx.say("notify.usage")
    else:
        await _show(ctx, staff)


async def _show(ctx: Ctx, staff: m.Staff) -> None:
    bindings = await ctx.uow.roster.bindings(staff.id)
    reachable = ctx.tr("notify.list_sep").join(channel_name(ctx, b.channel) for b in bindings)
    now = channel_name(ctx, staff.channel)
    key = "notify.show_chosen" if staff.notice_channel is not None else "notify.show_last"
    ctx.say(key, channel=now, reachable=reachable or "—")
