"""The ``linli`` command line (Typer): one place that lists everything an operator can do."""

from __future__ import annotations

import asyncio
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot import nlp_cli as nlp_cli_module
from bot import privacy_cli, report_cli, run_cli
from bot.app import App, prepare_database, utc_now
from bot.channels import web_poster
from bot.cliutil import cli_locale, console, err, fail, help_text, run_with_app, settings_or_exit
from bot.settings import Settings
from i18n import t
from i18n.framework import use_framework_language
from storage import migrate
from storage.roster import RosterError, import_roster, load_roster

if TYPE_CHECKING:
    from handlers.dispatcher import Dispatcher

app = typer.Typer(
    name="linli",
    help=help_text("help.linli"),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
)
db_app = typer.Typer(help=help_text("help.db"), no_args_is_help=True)
roster_app = typer.Typer(help=help_text("help.roster"), no_args_is_help=True)
staff_app = typer.Typer(help=help_text("help.staff"), no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(roster_app, name="roster")
app.add_typer(staff_app, name="staff")

# --------------------------------------------------------------------------- version and db


@app.command(help=help_text("help.version"))
def version() -> None:
    console.print(t("cli.version", None, version=dist_version("linli")))


@db_app.command("upgrade", help=help_text("help.db.upgrade"))
def db_upgrade(
    revision: Annotated[str, typer.Argument(help=help_text("help.db.upgrade.revision"))] = "head",
) -> None:
    settings = settings_or_exit()
    try:
        migrate.upgrade(settings.database_url, revision)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear line
        raise fail(t("cli.db_unreachable", None, url=_safe_url(settings), problem=exc)) from exc
    console.print(t("cli.db_upgraded", None, url=_safe_url(settings)))


@db_app.command("downgrade", help=help_text("help.db.downgrade"))
def db_downgrade(revision: Annotated[str, typer.Argument(help=help_text("help.db.downgrade.revision"))]) -> None:
    settings = settings_or_exit()
    migrate.downgrade(settings.database_url, revision)
    console.print(t("cli.db_downgraded", None, revision=revision, url=_safe_url(settings)))


@db_app.command("current", help=help_text("help.db.current"))
def db_current() -> None:
    settings = settings_or_exit()
    revision = asyncio.run(migrate.current_revision(settings.database_url))
    console.print(t("cli.db_current", None, revision=revision or "-"))


def _safe_url(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).render_as_string(hide_password=True)


# --------------------------------------------------------------------------- roster


@roster_app.command("import", help=help_text("help.roster.import"))
def roster_import(
    file: Annotated[Path, typer.Argument(help=help_text("help.roster.import.file"))],
    check: Annotated[bool, typer.Option("--check", help=help_text("help.roster.import.check"))] = False,
) -> None:
    try:
        roster = load_roster(file)
    except RosterError as exc:
        raise fail(exc.render()) from exc
    settings = settings_or_exit()
    if check:
        console.print(t("cli.roster_valid", settings.locale, communities=len(roster.communities),
                        staff=len(roster.staff)))
        return

    async def work(application: App) -> str:
        await prepare_database(application, roster=False)  # the file given is the roster to import
        return (await import_roster(application.session_factory, roster)).render()

    try:
        console.print(run_with_app(work, settings))
    except RosterError as exc:
        raise fail(exc.render()) from exc


@roster_app.command("show", help=help_text("help.roster.show"))
def roster_show() -> None:
    from rich.table import Table
    from rich.tree import Tree

    async def work(application: App) -> None:
        async with application.uow_factory() as uow:
            district = await uow.roster.district()
            if district is None:
                raise fail(t("roster.empty_db"))
            staff = {s.id: s for s in await uow.roster.all_staff()}

            def who(staff_id: str | None) -> str:
                if staff_id is None or staff_id not in staff:
                    return "-"
                s = staff[staff_id]
                return f"{s.name}（{staff_id}）" + ("" if s.active else " [停用]")

            tree = Tree(f"[bold]{district.name}[/bold] ({district.id}, 案件编号前缀 {district.case_prefix})")
            for community in await uow.roster.communities():
                node = tree.add(f"[bold cyan]{community.name}[/bold cyan] ({community.id})")
                station = await uow.roster.station(community.id)
                heads = await uow.roster.staff_in(community.id, "station_head")
                police = await uow.roster.staff_in(community.id, "police")
                if station:
                    node.add(f"{station.name}：站长 {', '.join(who(s.id) for s in heads) or '-'}；"
                             f"社区民警 {', '.join(who(s.id) for s in police) or '-'}")
                for grid in await uow.roster.grids(community.id):
                    gnode = node.add(f"{grid.name} ({grid.id})：网格员 {who(grid.grid_worker_id)}")
                    for mg in grid.micro_grids:
                        extra = f"，网格员 {who(mg.grid_worker_id)}" if mg.grid_worker_id else ""
                        gnode.add(f"{mg.name} ({mg.id})：{'、'.join(mg.buildings) or '-'}{extra}")
            console.print(tree)
            rooms = Table("调解室 room", "社区 community", "受理类别 categories", "调解员 members")
            for room in await uow.roster.rooms():
                rooms.add_row(room.name, room.community_id or "-", ", ".join(room.categories),
                              "、".join(who(s) for s in room.members))
            console.print(rooms)
            depts = Table("职能部门 department", "热线 hotline", "类别 categories")
            for dept in await uow.roster.departments():
                depts.add_row(dept.name, dept.hotline or "-", ", ".join(dept.categories))
            console.print(depts)
            rules = Table("#", "规则 rule", "类别 categories", "紧急程度 urgency", "社区 communities",
                          "去向 target", "同时告知 notify")
            for rule in await uow.roster.rules():
                rules.add_row(str(rule.position + 1), rule.id, ", ".join(rule.categories) or "*",
                              ", ".join(rule.urgencies) or "*", ", ".join(rule.communities) or "*",
                              rule.target + (" (referred)" if rule.referred else ""), ", ".join(rule.notify) or "-")
            console.print(rules)

    run_with_app(work, prepare=True)


# --------------------------------------------------------------------------- console


@app.command(help=help_text("help.chat"))
def chat(
    script: Annotated[
        Path | None, typer.Option("--script", help=help_text("help.chat.script"))
    ] = None,
) -> None:
    from bot.channels import console as console_channel
    from handlers.testing import ScriptError

    settings = settings_or_exit(quiet=True)
    if script is None:
        asyncio.run(console_channel.interactive(settings, _print_line))
        return
    if str(script) != "-" and not script.is_file():
        raise fail(t("cli.script_missing", None, path=script))
    try:
        asyncio.run(console_channel.run_source(settings, console_channel.read_script(script), _print_line))
    except ScriptError as exc:
        raise fail(exc.render(settings.locale)) from exc


@app.command(help=help_text("help.demo"))
def demo() -> None:
    from bot.channels import console as console_channel

    settings, tmp = console_channel.demo_settings(settings_or_exit(quiet=True))
    with tmp:
        asyncio.run(console_channel.run_source(settings, console_channel.DEMO, _print_line))


def _print_line(line: str) -> None:
    print(line, flush=True)  # plain: rich would re-wrap the bot's lines


@staff_app.command("invite", help=help_text("help.staff.invite"))
def staff_invite(
    staff_id: Annotated[str, typer.Argument(help=help_text("help.staff.invite.staff_id"))],
    bot_username: Annotated[
        str | None,
        typer.Option("--bot", help=help_text("help.staff.invite.bot")),
    ] = None,
) -> None:
    from handlers.dispatcher import INVITE_TTL

    settings = settings_or_exit()

    async def work(application: App) -> tuple[str, str | None]:
        await prepare_database(application)
        async with application.uow_factory() as uow:
            if await uow.roster.staff(staff_id) is None:
                raise fail(t("cli.staff_unknown", None, id=staff_id))
        code = await build_dispatcher_light(application).invite(staff_id)
        return code, bot_username or await telegram_username(settings)

    code, username = run_with_app(work, settings)
    if username:
        console.print(t("cli.invite_created", settings.locale, code=code, days=INVITE_TTL.days,
                        link=f"https://t.me/{username.lstrip('@')}?start={code}"), markup=False)
    else:
        console.print(t("cli.invite_code_only", settings.locale, code=code, days=INVITE_TTL.days), markup=False)


async def telegram_username(settings: Settings) -> str | None:
    """The bot's username from the Bot API (getMe) when a token is set; None without a token or
    when Telegram cannot be reached (the code still works, sent as ``/start CODE``)."""
    if not settings.telegram_token:
        return None
    import aiohttp

    url = f"{settings.telegram_api_base.rstrip('/')}/bot{settings.telegram_token}/getMe"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session, \
                session.get(url) as response:
            body = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError):
        err.print(t("cli.invite_no_username", None))
        return None
    username = body.get("result", {}).get("username") if isinstance(body, dict) and body.get("ok") else None
    if not username:
        err.print(t("cli.invite_no_username", None))
    return username


def build_dispatcher_light(application: App) -> Dispatcher:
    """Enrolment needs no classifier: skip loading the model for a one-line command."""
    from handlers.dispatcher import Dispatcher

    def no_classifier(_text: str) -> object:
        raise RuntimeError("not used for invites")

    return Dispatcher(application.uow_factory, no_classifier, utc_now)


app.add_typer(nlp_cli_module.app, name="nlp")
app.command("classify", help=help_text("nlp.cli.classify.help"))(nlp_cli_module.classify_command)
run_cli.register(app)
report_cli.register(app)
privacy_cli.register(app)
web_poster.register(app)


def main() -> None:
    use_framework_language(cli_locale())
    app()


if __name__ == "__main__":
    main()
