"""``linli web poster``: PNG and A4 PDF per community, the QR code pointing at the preselecting link."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from bot.channels.web_poster import A4, poster_url
from bot.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINLI_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def test_poster_url_carries_the_start_payload() -> None:
    assert poster_url("https://x.example/", "qunzhongjie") == "https://x.example/?start=c-qunzhongjie"


def test_one_poster_png_and_pdf(env: Path) -> None:
    result = runner.invoke(app, ["web", "poster", "--community", "qunzhongjie", "--base-url", "https://x.example",
                                 "--out", str(env / "out")])
    assert result.exit_code == 0, result.output
    png, pdf = env / "out" / "poster-qunzhongjie.png", env / "out" / "poster-qunzhongjie.pdf"
    with Image.open(png) as img:
        assert img.size == A4
        # the QR's quiet zone and modules are there: black and white pixels in the middle band
        middle = img.crop((240, 500, 1000, 1260)).convert("L")
        assert middle.getextrema() == (0, 255)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_all_and_bad_community(env: Path) -> None:
    result = runner.invoke(app, ["web", "poster", "--all", "--out", str(env / "all")])
    assert result.exit_code == 0, result.output
    assert len(list((env / "all").glob("*.pdf"))) >= 6
    bad = runner.invoke(app, ["web", "poster", "--community", "nowhere"])
    assert bad.exit_code == 2 and "qunzhongjie" in bad.output
    none = runner.invoke(app, ["web", "poster"])
    assert none.exit_code == 2
