"""Messages of the command line (bot/cli.py) and start-up."""

MESSAGES: dict[str, tuple[str, str]] = {
    "settings.invalid_header": (
        "配置有误，linli 未启动（环境变量 LINLI_* 或配置文件 {file}）：",
        "Invalid settings, linli did not start (LINLI_* environment variables or {file}):",
    ),
    "settings.invalid_item": (
        "  - {key}（环境变量 {env}，或 linli.toml 中的 {key}）：{problem}",
        "  - {key} (environment variable {env}, or {key} in linli.toml): {problem}",
    ),
    "settings.bad_file": ("无法读取配置文件 {file}：{problem}", "Cannot read the config file {file}: {problem}"),
    "settings.token_missing": (
        "使用 Telegram 渠道需要机器人令牌：请设置环境变量 LINLI_TELEGRAM_TOKEN（向 @BotFather 申请）",
        "The Telegram channel needs a bot token: set LINLI_TELEGRAM_TOKEN (ask @BotFather for one)",
    ),
    "cli.version": ("linli {version}", "linli {version}"),
    "cli.db_upgraded": ("数据库已升级到最新版本：{url}", "Database upgraded to the latest revision: {url}"),
    "cli.db_downgraded": ("数据库已降级到 {revision}：{url}", "Database downgraded to {revision}: {url}"),
    "cli.db_current": ("当前数据库版本：{revision}", "Current database revision: {revision}"),
    "cli.db_unreachable": (
        "无法连接数据库 {url}：{problem}\n请检查 LINLI_DATABASE_URL，或 PostgreSQL 是否已启动。",
        "Cannot reach the database {url}: {problem}\nCheck LINLI_DATABASE_URL, or whether PostgreSQL is running.",
    ),
    "cli.staff_unknown": ("名册中没有编号为 {id} 的工作人员", "No staff member with id {id} in the roster"),
    "cli.roster_valid": ("名册校验通过：{communities} 个社区，{staff} 名工作人员。未写入数据库。",
                         "The roster is valid: {communities} communities, {staff} staff. Nothing was written."),
    "cli.invite_code_only": (
        "邀请码（一次有效，{days} 天内使用）：{code}\n请该工作人员向机器人发送：/start {code}\n"
        "（要生成 Telegram 链接，请设置 LINLI_TELEGRAM_TOKEN 或加上 --bot 机器人用户名）",
        "Invite code (single use, valid {days} days): {code}\nThe staff member sends the bot: /start {code}\n"
        "(for a Telegram link, set LINLI_TELEGRAM_TOKEN or pass --bot BOT_USERNAME)",
    ),
    "cli.invite_no_username": ("无法从 Telegram 获取机器人用户名（getMe 失败），只给出邀请码。",
                               "Could not get the bot's username from Telegram (getMe failed); the code alone follows."),
    "cli.invite_created": (
        "邀请码（一次有效，{days} 天内使用）：{code}\n在 Telegram 中打开：{link}\n或向机器人发送：/start {code}",
        "Invite code (single use, valid {days} days): {code}\nOpen in Telegram: {link}\nor send the bot: /start {code}",
    ),
    "cli.first_run": (
        "首次运行：已创建数据库 {url} 并导入示例名册。",
        "First run: created the database {url} and imported the sample roster.",
    ),
    "cli.console_hello": (
        "邻里 linli 控制台。输入 @名字 消息 发言（新名字即新居民；@staff:编号 以工作人员身份），"
        "@名字 [按钮] 按按钮，~ 25h 快进时间，/quit 退出。",
        "linli console. Type @NAME text to speak (a new name is a new resident; @staff:ID speaks as staff), "
        "@NAME [button] to press a button, ~ 25h to advance time, /quit to leave.",
    ),
    "cli.script_error": ("脚本第 {line} 行出错：{problem}", "Script error at line {line}: {problem}"),
    "cli.script_missing": ("找不到脚本文件：{path}", "Script file not found: {path}"),
}
