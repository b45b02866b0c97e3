"""Messages of long lists shown a page at a time (/mine, /queue, /overdue, /mycases)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "list.more": ("更多", "More"),
    "list.page_gone": ("这一页已经过时了，请重新发送 {command}。", "That page is out of date; send {command} again."),
    "resident.my_cases_page": ("您的案件（第 {page} 页，共 {pages} 页，最新的在前）：",
                               "Your cases (page {page} of {pages}, newest first):"),
    "resident.my_cases_next": ("更早的案件：发送 /mycases {page}", "Older cases: send /mycases {page}"),
    "resident.my_cases_no_page": ("没有第 {page} 页：您的案件共 {pages} 页。", "There is no page {page}: your cases fill {pages} page(s)."),
    "jobs.charts_missing": ("本程序未安装图表组件，以上数字即完整统计。管理员可安装：pip install 'linli[charts]'",
                            "Charts are not installed in this program; the figures above are the full statistics. "
                            "An administrator can install them: pip install 'linli[charts]'"),
    "jobs.charts_missing_cli": ("未安装图表组件（matplotlib），已跳过图表。安装：pip install 'linli[charts]'",
                                "Charts skipped: matplotlib is not installed. Install: pip install 'linli[charts]'"),
}
