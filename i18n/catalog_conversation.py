"""Messages of the resident conversation's danger question, of the parties shown on a case, and of
the console."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the danger question
    "danger.question": (
        "⚠️ 如果现在有危险，请立即拨打 {number}！\n现在是否有人身危险？\n"
        "（{minutes} 分钟内没有回复，我们会按紧急情况立即通知社区民警和站长。）",
        "⚠️ If anyone is in danger now, call {number} at once!\nIs anyone in danger right now?\n"
        "(If we hear nothing within {minutes} minutes, we alert the community police officer and the station "
        "head at once.)",
    ),
    "btn.danger_yes": ("是，现在有危险", "Yes, in danger now"),
    "btn.danger_no": ("没有，已经过去了", "No, it is over"),
    "danger.timeout": ("{minutes} 分钟内没有收到您的回复，我们按紧急情况处理。",
                       "We heard nothing from you within {minutes} minutes, so we treat this as an emergency."),
    "danger.over": ("好的，我们按一般求助办理。", "All right: we handle it as an ordinary report."),
    # ---------------------------------------------------------------- the case's parties (staff)
    "case.parties": ("对方：{party}；诉求：{ask}", "Other party: {party}; Request: {ask}"),
    "case.party_only": ("对方：{party}", "Other party: {party}"),
    "case.ask_only": ("诉求：{ask}", "Request: {ask}"),
    # ---------------------------------------------------------------- the console
    "console.file": ("📎 {path}", "📎 {path}"),
    "console.clock_kept": ("控制台时钟接着上次：{at}（用 ~ 30m、~ 25h 推进）。",
                           "The console clock goes on from last time: {at} (move it with ~ 30m, ~ 25h)."),
    "console.clock_new": ("控制台时钟从现在开始：{at}（用 ~ 30m、~ 25h 推进）。",
                          "The console clock starts now: {at} (move it with ~ 30m, ~ 25h)."),
    "console.too_long": ("这一行太长了（{n} 个字符，最多 {limit}），没有发送。",
                         "That line is too long ({n} characters, at most {limit}); it was not sent."),
}
