"""Messages of long lists shown a page at a time (/mine, /queue, /overdue, /mycases)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "list.more": ("更多", "More"),
    "list.page_gone": ("这一页已经过时了，请重新发送 {command}。", "That page is out of date; send {command} again."),
    "resident.my_cases_page": ("您的案件（第 {page} 页，共 {pages} 页，最新的在前）：",
                               "Your cases (page {page} of {pages}, newest first):"),
    "resident.my_cases_next": ("更早的案件：发送 /mycases {page}", "Older cases: send /mycases {page}"),
    "resident.my_cases_no_page": ("没有第 {page} 页：您的案件共 {pages} 页。", "There is no page {page}: your cases fill {pages} page(s)."),
}
