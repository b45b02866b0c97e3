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
    # ---------------------------------------------------------------- console script errors
    "script.line": ("第 {n} 行：{error}", "line {n}: {error}"),
    "script.nothing_yet": ("{name} 还没有收到任何消息。", "{name} has received nothing yet."),
    "script.no_buttons": ("{name} 还没有收到带按钮的消息。", "{name} has received no message with buttons."),
    "script.no_button": ("{name} 最近一条带按钮的消息里没有 [{label}]，可按：{labels}",
                         "{name}: no button [{label}] on the last message with buttons: {labels}"),
    "script.no_button_index": ("{name} 没有第 {index} 个按钮（共 {count} 个）。",
                               "{name}: no button #{index} (there are {count})."),
    "script.unknown_staff": ("名册里没有工作人员 {id}。", "There is no staff member {id} in the roster."),
    "script.bad_time": ("看不懂时间步 {text}（例如 ~ 30m、~ 25h、~ 3d）。",
                        "Cannot read the time step {text} (use e.g. ~ 30m, ~ 25h, ~ 3d)."),
    "script.bad_line": ("每行以 @名字、~ 或 # 开头（收到：{text}）。",
                        "A line starts with @NAME, ~ or # (got: {text})."),
}
