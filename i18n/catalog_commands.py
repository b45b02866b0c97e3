"""Messages of the chat commands: one /help line per command (handlers' command registries), and
the language choice (/lang)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- residents
    "help.resident.mycases": ("/mycases 我的案件", "/mycases your cases"),
    "help.resident.case": ("/case 编号 查看案件进展（可撤回）", "/case NUMBER a case's progress (you can withdraw it)"),
    "help.resident.register": ("/register 重新选择社区", "/register choose your community again"),
    "help.resident.lang": ("/lang 语言 / Language（中文、English）", "/lang language (Chinese or English)"),
    "help.resident.cancel": ("/cancel 取消当前操作", "/cancel cancel what you are doing"),
    "help.resident.mydata": ("/mydata 查看我们保存的您的信息", "/mydata see what we keep about you"),
    "help.resident.forget": ("/forget 删除您的个人信息", "/forget erase your personal data"),
    "resident.lang_ask": ("请选择语言 / Choose your language:", "Choose your language / 请选择语言:"),
    "resident.lang_set": ("好的，以后用中文和您交流。", "All right, we will write to you in English."),
    # ---------------------------------------------------------------- staff
    "help.staff.mine": ("/mine 我的在办案件", "/mine your open cases"),
    "help.staff.case": ("/case 编号 查看案件", "/case NUMBER view a case"),
    "help.staff.queue": ("/queue 本站在办案件（最早的在前，⚠️ 为超期）", "/queue open cases (oldest first, ⚠️ overdue)"),
    "help.staff.overdue": ("/overdue 超期案件", "/overdue overdue cases"),
    "help.staff.stats": ("/stats 本月统计（响应率、解决率、满意率）和一张图表",
                         "/stats this month's figures (response, resolution, satisfaction) and a chart"),
    "help.staff.report": ("/report 本月 Excel 报表", "/report this month's Excel workbook"),
    "help.staff.cancel": ("/cancel 取消当前输入", "/cancel cancel the current input"),
    "staff.help_buttons": ("案件消息下的按钮：{buttons}", "Buttons on case messages: {buttons}"),
    "staff.case_usage": ("用法：/case 编号（例如 /case {example}）。发送 /mine 查看您的案件。",
                         "Usage: /case NUMBER (e.g. /case {example}). Send /mine to see your cases."),
}
