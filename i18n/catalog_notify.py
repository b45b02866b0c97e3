"""Messages of /notify: which channel a staff member's notices go to."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.staff.notify": ("/notify 通知发到哪个渠道（/notify here 固定在这里）",
                          "/notify where your notices go (/notify here keeps them here)"),
    "notify.list_sep": ("、", ", "),
    "notify.channel.telegram": ("Telegram", "Telegram"),
    "notify.channel.web": ("网页聊天", "the web chat"),
    "notify.channel.console": ("控制台", "the console"),
    "notify.show_last": ("通知现在发到：{channel}（您最近发消息的渠道，会随您换渠道而变）。\n"
                         "您可在这些渠道收到消息：{reachable}。\n"
                         "发送 /notify here 可把通知固定在当前渠道。",
                         "Your notices go to {channel} now (where you wrote last; they follow you).\n"
                         "You can be reached on: {reachable}.\n"
                         "Send /notify here to keep them on this channel."),
    "notify.show_chosen": ("通知固定发到：{channel}（您选定的渠道）。\n"
                           "您可在这些渠道收到消息：{reachable}。\n"
                           "发送 /notify here 改到当前渠道，/notify last 改回随最近使用的渠道。",
                           "Your notices go to {channel} (your choice).\n"
                           "You can be reached on: {reachable}.\n"
                           "Send /notify here to move them to this channel, /notify last to let them "
                           "follow you again."),
    "notify.set_here": ("好的，以后通知都发到{channel}。", "All right: from now on your notices go to {channel}."),
    "notify.set_last": ("好的，以后通知发到您最近发消息的渠道。",
                        "All right: from now on your notices go wherever you wrote last."),
    "notify.usage": ("用法：/notify（查看）、/notify here（固定在当前渠道）、/notify last（随最近使用的渠道）。",
                     "Usage: /notify (show), /notify here (keep them on this channel), "
                     "/notify last (follow where you write)."),
}
