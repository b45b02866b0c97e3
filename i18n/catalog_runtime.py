"""Messages of the console's safety rules and the plural runtime (zh-CN first, English second)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "console.staff_bound_elsewhere": (
        "{id}（{name}）已在 {channels} 上使用机器人，控制台不能代其发言，以免抢走其通知。"
        "请在控制台专用的沙盒数据库上试用（例如 LINLI_DATABASE_URL=sqlite:///sandbox.db linli chat）。",
        "{id} ({name}) already uses the bot on {channels}; the console will not speak for them, so their "
        "notices stay theirs. Try it on a sandbox database the console made "
        "(e.g. LINLI_DATABASE_URL=sqlite:///sandbox.db linli chat).",
    ),
    "console.no_time_travel": (
        "此数据库不是控制台沙盒：快进时间会让真实案件的时钟提前到期，已拒绝。请在沙盒数据库上使用 ~。",
        "This database is not a console sandbox: moving the clock would make real cases' clocks fall due "
        "early, so ~ is refused. Use ~ on a sandbox database.",
    ),
    "console.not_sandbox": (
        "注意：此数据库由正式机器人使用（不是沙盒）。控制台以自己的渠道发言，不会改动已绑定的工作人员或其他渠道的通知；"
        "快进时间不可用。",
        "Note: this database belongs to a running bot (not a sandbox). The console speaks on its own channel and "
        "leaves bound staff and other channels' notices alone; ~ (moving the clock) is off.",
    ),
    "channel.unknown": (
        "未知渠道 {name}（可用：{known}）",
        "Unknown channel {name} (known: {known})",
    ),
    "channel.reply_number": ("回复 {number}", "reply {number}"),
    "channel.numbered_hint": (
        "请回复编号（如 1）或选项文字。",
        "Reply with the number (e.g. 1) or the option's text.",
    ),
}
