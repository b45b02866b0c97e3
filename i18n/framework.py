"""Chinese for the words the command-line framework prints itself (panel titles, defaults, errors).

Typer marks these strings for GNU gettext (the standard library's ``gettext``), the way it means
them to be translated: we ship a message catalogue and select it when the command line speaks
Chinese. "Usage:", "Show this message and exit." and the parser's errors are fixed English
in Typer's bundled click, so they stay English. ``MESSAGES`` is the source; ``linli-framework.mo`` is built from
it by ``python -m i18n.framework`` (a test checks the two agree).
"""

from __future__ import annotations

import gettext
import os
import struct
from pathlib import Path

DOMAIN = "linli-framework"
LOCALE_DIR = Path(__file__).parent / "locale"
MO_PATH = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo"

MESSAGES: dict[str, str] = {
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Error": "错误",
    "[default: {}]": "[默认：{}]",
    "default: {default}": "默认：{default}",
    "[required]": "[必填]",
    "required": "必填",
    "[env var: {}]": "[环境变量：{}]",
    "env var: {var}": "环境变量：{var}",
    "(deprecated) ": "（已弃用）",
    "(dynamic)": "（动态）",
    "Aborted.": "已中止。",
    "Aborted!": "已中止！",
    "Missing command.": "缺少子命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}


def mo_bytes(messages: dict[str, str]) -> bytes:
    """A GNU .mo file (the format ``gettext`` reads): header, two string tables, no hash table."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(entries)
    ids = [k.encode() for k in keys]
    strs = [entries[k].encode() for k in keys]
    start = 7 * 4 + 16 * len(keys)
    offsets: list[int] = []
    blob = b""
    for s in ids + strs:
        offsets += [len(s), start + len(blob)]
        blob += s + b"\0"
    n = len(keys)
    head = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return head + struct.pack(f"<{4 * n}I", *offsets) + blob


def use_framework_language(locale: str) -> None:
    """Select the framework's Chinese for this process (before it renders any help or error)."""
    if locale != "zh":
        return
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    # gettext picks the language from the environment; LANGUAGE is read by gettext alone.
    os.environ["LANGUAGE"] = "zh_CN"


if __name__ == "__main__":
    MO_PATH.parent.mkdir(parents=True, exist_ok=True)
    MO_PATH.write_bytes(mo_bytes(MESSAGES))
    print(MO_PATH)
