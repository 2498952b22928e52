"""Builds resources/fonts/BreachDeskNamesMincho-Regular.ttf, the fallback face for names the BIZ UD fonts lack.

Why: BIZ UD (bundled, ~12,000 characters) has no 𠮷 (U+20BB7) and misses a few hundred JIS X 0213 characters
that appear in names; a letter to such a person must still print (docs/tech-notes.md, "Fonts"). IPAmj明朝 has
them with TrueType outlines (ReportLab can embed it) but is 46 MB, so we ship only the characters the bundled
faces lack: JIS X 0213 (every character the codec euc_jis_2004 decodes, which includes the 人名用漢字 of the
2004 revision and the 303 CJK Ext. B characters of plane 2) plus `EXTRA_NAME_CHARACTERS`, curated from rosters.

The IPA Font License v1.0 (resources/fonts/IPA_Font_License_Agreement_v1.0.txt) lets us redistribute a derived
font if it is renamed (no "IPAmj" in its font or file name), licensed under the same terms, and shipped with a
way to get the original: this script is that way, together with the Debian package named below.

Regenerate (output is committed; run again only to change the repertoire):

    apt-get download fonts-ipamj-mincho        # Debian fonts-ipamj-mincho 005.01 (IPAmj明朝 Ver.005.01)
    dpkg-deb -x fonts-ipamj-mincho_*.deb ipamj
    .venv/bin/python tools/build_fallback_font.py ipamj/usr/share/fonts/truetype/ipamj/ipamjm.ttf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
OUTPUT = FONTS / "BreachDeskNamesMincho-Regular.ttf"
FAMILY = "BreachDesk Names Mincho"
FAMILY_JA = "BreachDesk 人名明朝"
POSTSCRIPT_NAME = "BreachDeskNamesMincho-Regular"
BUNDLED = (
    "BIZUDMincho-Regular.ttf",
    "BIZUDGothic-Regular.ttf",
    "BIZUDGothic-Bold.ttf",
    "BIZUDPGothic-Regular.ttf",
)

# Name characters outside JIS X 0213 or worth naming on their own: seen in rosters of residents and customers
# (𠮷野, 𡈽井, 𥝱, 𩸽, 𠀋, 𪚲, 𤸎, 𠂉, 𠆢, 𣘺, 𦚰, 𧃴) and the common 異体字 of 人名 (髙, 﨑, 德, 濵, 邉, 邊, 辻 with one dot).
EXTRA_NAME_CHARACTERS = "𠮷𡈽𥝱𩸽𠀋𪚲𤸎𠂉𠆢𣘺𦚰𧃴髙﨑德濵濱邉邊辻隆﨔﨏𡉏"


def jis_x_0213() -> set[str]:
    """Every character JIS X 0213:2004 encodes, by decoding each two-byte (planes 1 and 2) EUC sequence."""
    chars: set[str] = set()
    for first in range(0xA1, 0xFF):
        for second in range(0xA1, 0xFF):
            for prefix in (b"", b"\x8f"):  # plane 1, plane 2
                try:
                    decoded = (prefix + bytes((first, second))).decode("euc_jis_2004")
                except UnicodeDecodeError:
                    continue
                chars.update(decoded)
    return {char for char in chars if ord(char) > 0x7F}


def repertoire(source: TTFont) -> list[int]:
    """The code points to keep: wanted, present in IPAmj明朝, missing from at least one bundled face."""
    wanted = {ord(char) for char in jis_x_0213() | set(EXTRA_NAME_CHARACTERS)}
    available = set(source.getBestCmap())
    bundled = [set(TTFont(FONTS / name, lazy=True).getBestCmap()) for name in BUNDLED]
    covered_everywhere = set.intersection(*bundled)
    return sorted((wanted & available) - covered_everywhere)


def rename(font: TTFont) -> None:
    """IPA Font License Art. 3-1(4): a derived font must not carry the original's name; copyright stays."""
    table = font["name"]
    names = {
        1: FAMILY,
        2: "Regular",
        3: f"{POSTSCRIPT_NAME};subset",
        4: f"{FAMILY} Regular",
        6: POSTSCRIPT_NAME,
    }
    for record in list(table.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    table.setName(FAMILY_JA, 1, 3, 1, 0x411)
    table.setName(f"{FAMILY_JA} Regular", 4, 3, 1, 0x411)
    description = (
        "Subset of IPAmj Mincho Ver.005.01 made by BreachDesk (tools/build_fallback_font.py); "
        "licensed under the IPA Font License Agreement v1.0."
    )
    table.setName(description, 10, 3, 1, 0x409)
    leftovers = [
        r.toUnicode() for r in table.names if "IPAmj" in r.toUnicode() and r.nameID not in (0, 7, 10, 13, 14)
    ]
    if leftovers:
        raise SystemExit(f"name table still names the original: {leftovers}")


def build(source_path: Path, output: Path = OUTPUT) -> Path:
    source = TTFont(source_path, lazy=True)
    codepoints = repertoire(source)
    options = subset.Options()
    options.layout_features = []  # names print horizontally; no vert/locl substitutions needed
    options.hinting = False  # printed at 300+ dpi and rendered anti-aliased on screen
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG", "vhea", "vmtx", "VORG"]
    font = subset.load_font(str(source_path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    rename(font)
    output.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(output), options)
    print(f"{output.name}: {len(codepoints)} characters, {output.stat().st_size / 1e6:.2f} MB")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ipamjm", type=Path, help="path to ipamjm.ttf (Debian fonts-ipamj-mincho 005.01)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    build(args.ipamjm, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
