"""Messages of the station heads' report commands (/stats, /report) and the scheduled jobs
(daily digest, weekly report): handlers/staff.py, handlers/digests.py, bot/jobs.py.

The figures and digest texts themselves are the reports' (``report.*`` in catalog_report); only
what the chat commands and the jobs add lives here.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "jobs.head_only": ("抱歉，统计和报表只提供给社区平安工作站站长和区矛盾纠纷调处中心。",
                       "Sorry: figures and reports are for station heads and the district centre only."),
    "jobs.unavailable": ("抱歉，当前运行的程序没有开启报表功能，请稍后再试或联系管理员。",
                         "Sorry: reports are not available in this process. Please try later or ask the admin."),
    "jobs.render_failed": ("抱歉，报表文件生成失败，已记录，请稍后再试。",
                           "Sorry: the report file could not be made. It has been logged; please try later."),
    "jobs.stats_title": ("本月统计 · {name}", "This month · {name}"),
    "jobs.late": ("（迟发：原定 {month}月{day}日 {time} 发送，系统当时未运行）",
                  "(Late: due {month}/{day} at {time}; linli was not running then)"),
    "jobs.week_title": ("【周报】{name}", "Weekly report: {name}"),
    "jobs.chart_caption": ("{name}：响应率、解决率、满意率（{period}）",
                           "{name}: response, resolution and satisfaction rates ({period})"),
    "jobs.workbook_caption": ("{name} Excel 报表（{period}）", "{name}: Excel workbook ({period})"),
}
