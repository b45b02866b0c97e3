"""``linli web poster``: a printable A4 poster (PNG and PDF) whose QR code opens the web chat with
the community preselected, for the station's wall, the grid worker's card and the notice board.

Why Pillow and segno: Pillow is already installed with matplotlib and writes both PNG and PDF;
segno makes standard QR codes (error correction M survives a scuffed print) without code of ours.
"""

from __future__ import annotations

import functools
import io
import logging
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer

from bot.cliutil import console, fail, help_text, run_with_app, settings_or_exit
from i18n import t

log = logging.getLogger(__name__)

A4 = (1240, 1754)  # pixels at 150 dpi
DPI = 150
DEFAULT_BASE_URL = "http://127.0.0.1:8080"


def poster_url(base_url: str, community_id: str) -> str:
    return f"{base_url.rstrip('/')}/?start={quote('c-' + community_id, safe='-_')}"


@functools.cache
def _font_file() -> tuple[str, int] | None:
    """A font with every Chinese character a community name may use: a system CJK font (the
    Simplified Chinese face of a collection), else the subset shipped with linli."""
    from matplotlib import font_manager
    from PIL import ImageFont

    for entry in font_manager.fontManager.ttflist:
        if "CJK" in entry.name and entry.name.startswith(("Noto Sans", "Source Han Sans")) and entry.weight in (
                400, "normal", "regular", 700, "bold"):
            path = entry.fname
            for index in range(10 if path.endswith(".ttc") else 1):
                try:
                    name = ImageFont.truetype(path, 20, index=index).getname()[0]
                except OSError:
                    break
                if name.endswith("SC"):
                    return path, index
            return path, 0
    bundled = Path(str(resources.files("bot") / "data" / "linli-cjk-subset.otf"))
    return (str(bundled), 0) if bundled.is_file() else None


def _font(size: int) -> Any:
    from PIL import ImageFont

    found = _font_file()
    if found is None:
        log.warning("no CJK font found: the poster's Chinese will not render")
        return ImageFont.load_default(size)
    return ImageFont.truetype(found[0], size, index=found[1])


def render(community: str, district: str, url: str, hotline: str | None, locale: str | None = None) -> Any:
    """The poster as a Pillow image (A4 at 150 dpi)."""
    import segno
    from PIL import Image, ImageDraw

    width, height = A4
    img = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width, 250), fill="#0b5cad")

    def centred(y: int, text: str, size: int, fill: str = "#111111") -> int:
        font = _font(size)
        box = draw.textbbox((0, 0), text, font=font)
        draw.text(((width - (box[2] - box[0])) / 2, y), text, font=font, fill=fill)
        return y + (box[3] - box[1]) + size // 2

    centred(50, district, 48, "#ffffff")
    centred(130, community, 76, "#ffffff")
    y = centred(320, t("web.poster.headline", locale), 96, "#0b5cad")
    qr = segno.make(url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=1, border=2)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    side = 760
    code = code.resize((side, side), Image.Resampling.NEAREST)
    img.paste(code, ((width - side) // 2, y + 20))
    y += side + 60
    y = centred(y, t("web.poster.sub", locale), 38, "#333333")
    if hotline:
        y = centred(y + 20, t("web.poster.hotline", locale, phone=hotline), 52, "#b3261e")
    centred(height - 90, url, 26, "#666666")
    return img


def write(img: Any, out_dir: Path, stem: str) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    png, pdf = out_dir / f"{stem}.png", out_dir / f"{stem}.pdf"
    img.save(png, dpi=(DPI, DPI))
    img.save(pdf, "PDF", resolution=DPI)
    return png, pdf


async def _posters(application: Any, community_id: str | None, all_: bool, base_url: str,
                   out_dir: Path) -> list[tuple[Path, Path]]:
    from bot.app import prepare_database

    await prepare_database(application)
    written = []
    async with application.uow_factory() as uow:
        district = await uow.roster.district()
        communities = list(await uow.roster.communities())
        chosen = communities if all_ else [c for c in communities if c.id == community_id]
        if not chosen:
            raise fail(t("web.poster.unknown_community", None, id=community_id,
                         known=", ".join(c.id for c in communities)), 2)
        heads = {s.community_id: s.phone for s in await uow.roster.all_staff()
                 if s.role == "station_head" and s.active and s.phone}
        for community in chosen:
            img = render(community.name, district.name if district else "", poster_url(base_url, community.id),
                         heads.get(community.id))
            written.append(write(img, out_dir, f"poster-{community.id}"))
    return written


def register(app: typer.Typer) -> None:
    web_app = typer.Typer(help=help_text("help.web"), no_args_is_help=True)
    app.add_typer(web_app, name="web")

    @web_app.command("poster", help=help_text("help.web.poster"))
    def poster(
        community: Annotated[str | None, typer.Option("--community", help=help_text("help.web.poster.community"))] = None,
        all_: Annotated[bool, typer.Option("--all", help=help_text("help.web.poster.all"))] = False,
        base_url: Annotated[str | None, typer.Option(
            "--base-url", help=help_text("help.web.poster.base_url"))] = None,
        out: Annotated[Path, typer.Option("--out", help=help_text("help.web.poster.out"))] = Path("posters"),
    ) -> None:
        settings = settings_or_exit()
        if not community and not all_:
            raise fail(t("web.poster.need_community", settings.locale), 2)
        url = base_url or settings.web_base_url or DEFAULT_BASE_URL
        for png, pdf in run_with_app(lambda application: _posters(application, community, all_, url, out), settings):
            console.print(t("web.poster.written", settings.locale, png=png, pdf=pdf), markup=False)
