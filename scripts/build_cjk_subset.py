"""Build ``bot/data/linli-cjk-subset.otf``: the glyphs charts need, cut from Noto Sans CJK SC.

Why a subset: the whole font is 16 MB (the mplfonts package that shipped it: 103 MB); charts need
the message catalogue, the roster's names, digits and Latin text. The 3,755 most common characters
(GB 2312 level 1) ride along, so another district's community names render too. The family is
renamed (the OFL asks a modified font not to pass for the original), licence: bot/data/OFL.txt.

Needs fonttools and a system copy of Noto Sans CJK (``apt-get install fonts-noto-cjk``).
Run from the repository root: ``python scripts/build_cjk_subset.py [--source PATH]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from i18n import MESSAGES  # noqa: E402

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = ROOT / "bot" / "data" / "linli-cjk-subset.otf"
FAMILY = "Linli CJK Subset"
SC_FACE = "Noto Sans CJK SC"
ROSTERS = (*(ROOT / "examples").glob("*.yaml"), *(ROOT / "storage" / "samples").glob("*.yaml"))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def gb2312_level1() -> str:
    """The 3,755 characters of GB 2312 level 1 (rows 16-55), straight from Python's codec."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def wanted() -> set[str]:
    text = "".join(zh + en for zh, en in MESSAGES.values())
    for path in ROSTERS:
        text += "".join(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    text += "".join(map(chr, range(0x20, 0x7F)))  # ASCII: digits, Latin, punctuation
    text += "，。、；：？！“”‘’（）《》【】—…·％～￥０１２３４５６７８９"
    text += gb2312_level1()
    return {c for c in text if c.isprintable()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="Noto Sans CJK .ttc or SC .otf")
    args = parser.parse_args()
    if args.source.suffix.lower() == ".ttc":
        font = next(f for f in TTCollection(args.source).fonts if f["name"].getDebugName(1) == SC_FACE)
    else:
        font = TTFont(args.source)
    chars = wanted()
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    names = font["name"]
    postscript = FAMILY.replace(" ", "") + "-Regular"
    for name_id, value in {1: FAMILY, 3: postscript, 4: f"{FAMILY} Regular", 6: postscript}.items():
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FamilyName, top.FullName = FAMILY, f"{FAMILY} Regular"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    covered = set(map(chr, font.getBestCmap()))
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size / 1e6:.2f} MB, "
          f"{len(covered)} characters ({len(chars - covered)} asked for are not in the source)")


if __name__ == "__main__":
    main()
