"""Messages of the privacy features: /mydata, /forget, retention (handlers/privacy.py, bot/privacy_cli.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- /mydata
    "privacy.mydata_title": (
        "“邻里”保存的您的信息（这是您本人的数据，完整显示给您）：",
        "What linli keeps about you (this is your own data, shown in full):",
    ),
    "privacy.nothing_kept": ("我们没有保存这个聊天的任何个人信息。", "We keep no personal data for this chat."),
    "privacy.section_registration": ("【登记信息】", "[Registration]"),
    "privacy.field.name": ("称呼：{value}", "Name: {value}"),
    "privacy.field.community": ("社区：{value}", "Community: {value}"),
    "privacy.field.grid": ("网格：{value}", "Grid: {value}"),
    "privacy.field.building": ("楼栋：{value}", "Building: {value}"),
    "privacy.field.phone": ("手机号：{value}", "Phone: {value}"),
    "privacy.field.locale": ("语言：{value}", "Language: {value}"),
    "privacy.field.first_seen": ("首次联系：{value}", "First message: {value}"),
    "privacy.field.consented": ("同意隐私说明：{value}", "Privacy notice accepted: {value}"),
    "privacy.field.registered": ("登记完成：{value}", "Registered: {value}"),
    "privacy.not_given": ("未提供", "not given"),
    "privacy.section_cases": ("【案件】共 {count} 件", "[Cases] {count} in all"),
    "privacy.no_cases": ("（没有案件）", "(no cases)"),
    "privacy.case_line": ("· {number}｜{category}｜{state}｜提交于 {created}",
                          "· {number} | {category} | {state} | reported {created}"),
    "privacy.case_ended": ("  结束于 {at}，结果：{outcome}", "  ended {at}, outcome: {outcome}"),
    "privacy.case_text": ("  内容：{text}", "  What you wrote: {text}"),
    "privacy.case_satisfaction": ("  您的评价：{answer}", "  Your rating: {answer}"),
    "privacy.case_comment": ("  您的意见：{text}", "  Your comment: {text}"),
    "privacy.note_line": ("  {at} 您补充：{text}", "  {at} you added: {text}"),
    "privacy.photo": ("[照片]", "[photo]"),
    "privacy.section_draft": ("【尚未提交的内容】", "[Not yet submitted]"),
    "privacy.footer": (
        "以上信息只用于办理您的案件和辖区统计。如需删除您的个人信息，请发送 /forget。",
        "We use this only to handle your cases and for the district's statistics. To erase your "
        "personal data, send /forget.",
    ),
    # ---------------------------------------------------------------- /forget
    "privacy.forget_ask": (
        "确定要删除您在“邻里”的个人信息吗？\n"
        "· 您的手机号、称呼、楼栋等登记信息将被清除；\n"
        "· 您反映的内容、补充的内容和评价将被替换为“[已删除]”；\n"
        "· {open_cases}\n"
        "· 案件编号、类别、日期和办理结果会保留（不含个人信息），用于辖区统计。\n"
        "删除后无法恢复。",
        "Do you really want to erase your personal data from linli?\n"
        "· Your phone number, name, building and registration are cleared;\n"
        "· What you reported, added and commented is replaced by “[deleted]”;\n"
        "· {open_cases}\n"
        "· Case numbers, categories, dates and outcomes stay (with no personal data) for the district's "
        "statistics.\nThis cannot be undone.",
    ),
    "privacy.forget_open": ("您未办结的 {count} 件案件（{numbers}）将先撤回，承办人员会收到撤回通知；",
                            "your {count} open case(s) ({numbers}) are withdrawn first and the handlers told;"),
    "privacy.forget_none_open": ("您没有未办结的案件；", "you have no open cases;"),
    "privacy.btn.confirm": ("确认删除", "Erase my data"),
    "privacy.btn.cancel": ("取消", "Cancel"),
    "privacy.forget_done": (
        "您的个人信息已删除。{withdrawn}如以后还需要帮助，直接发消息即可重新登记。",
        "Your personal data has been erased. {withdrawn}If you need us again, just send a message to "
        "register anew.",
    ),
    "privacy.forget_withdrawn": ("已撤回的案件：{numbers}。", "Withdrawn: {numbers}. "),
    "privacy.forget_cancelled": ("已取消，没有删除任何信息。", "Cancelled; nothing was erased."),
    "privacy.forget_stale": ("这个确认按钮已失效，没有删除任何信息。如需删除，请重新发送 /forget。",
                             "That confirmation is no longer valid; nothing was erased. Send /forget again."),
    # ---------------------------------------------------------------- retention CLI
    "privacy.cli.retain_help": (
        "按保留期（名册 settings.privacy.retention_days）匿名化已结束的案件",
        "Anonymise ended cases past the retention period (roster settings.privacy.retention_days).",
    ),
    "privacy.cli.dry_run_help": ("只统计，不修改", "Count only; change nothing"),
    "privacy.cli.done": (
        "保留期 {days} 天：已匿名化 {cases} 件已结束的案件，清除了 {residents} 位居民的手机号。",
        "Retention {days} days: anonymised {cases} ended case(s), cleared {residents} resident phone number(s).",
    ),
    "privacy.cli.dry": (
        "试运行（保留期 {days} 天）：将匿名化 {cases} 件已结束的案件，清除 {residents} 位居民的手机号；未做任何更改。",
        "Dry run (retention {days} days): would anonymise {cases} ended case(s) and clear {residents} resident "
        "phone number(s); nothing changed.",
    ),
    "privacy.cli.forever": ("保留期为 0（永久保留），未做任何更改。",
                            "Retention is 0 (keep forever); nothing changed."),
    "privacy.cli.no_district": ("数据库中还没有辖区名册，请先导入：linli roster import",
                                "The database has no roster yet; import one first: linli roster import"),
}
