"""Messages of the channels and of ``linli run`` (zh-CN first, English second)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "channel.token_missing": (
        "未设置 Telegram 机器人令牌：请设置环境变量 {env}（向 @BotFather 申请），例如 export {env}=123456:ABC…",
        "No Telegram bot token: set the environment variable {env} (from @BotFather), e.g. export {env}=123456:ABC…",
    ),
    "channel.bad_listen": (
        "--listen 的格式应为 主机:端口，例如 0.0.0.0:8080（收到：{value}）",
        "--listen must be HOST:PORT, e.g. 0.0.0.0:8080 (got: {value})",
    ),
    "channel.webhook_needs_telegram": (
        "--webhook 只适用于 --channel telegram",
        "--webhook only applies to --channel telegram",
    ),
    "channel.bad_webhook_url": (
        "--webhook 需要完整的 https:// 地址（Telegram 只回调 HTTPS），收到：{value}",
        "--webhook needs a full https:// URL (Telegram only calls HTTPS), got: {value}",
    ),
    "channel.stopped": ("邻里机器人已停止。", "linli has stopped."),
    "channel.starting_many": ("邻里机器人已启动：{channels}。按 Ctrl+C 停止。",
                              "linli is running: {channels}. Press Ctrl+C to stop."),
    "channel.described_telegram": ("Telegram（{framework}，{mode}）", "Telegram ({framework}, {mode})"),
    "channel.described_web": ("网页聊天 http://{listen}/", "web chat on http://{listen}/"),
    "channel.described_console": ("控制台", "console"),
    "channel.mode_polling": ("轮询", "polling"),
    "channel.mode_webhook": ("Webhook（{url}，监听 {listen}）", "webhook ({url}, listening on {listen})"),
    "channel.share_contact": ("📱 发送我的手机号", "📱 Share my phone number"),
    "channel.share_location": ("📍 发送我的位置", "📍 Share my location"),
    "channel.hint_location": ("📍 点下方按钮可直接发送您的位置，自动匹配网格。",
                              "📍 The button below shares your location and finds your grid."),
    "channel.hint_contact": ("📱 点下方按钮可直接分享您的手机号。", "📱 The button below shares your phone number."),
    "channel.unauthorized": ("令牌无效，Telegram 拒绝了它：{problem}", "The token was rejected by Telegram: {problem}"),
    "channel.unreachable": (
        "无法连接 Telegram 接口 {base}：{problem}。请检查网络或 LINLI_TELEGRAM_API_BASE。",
        "Cannot reach the Telegram API at {base}: {problem}. Check the network or LINLI_TELEGRAM_API_BASE.",
    ),
}
