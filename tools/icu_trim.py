"""A smaller ICU data library for the Linux bundle: PySide6's Qt Core links libicudata.so.73 (32 MB, every locale,
every legacy converter, every script's word dictionary); BreachDesk is read in Japanese and English.

Used by pyinstaller.spec on Linux only (Qt for Windows uses the ICU that Windows ships). Qt Core calls ICU for three
services only: collation (ucol_*), text codecs (ucnv_*) and time-zone names and ids (ucal_*) - see
`readelf -Ws --dyn-syms libQt6Core.so.6 | grep _73`; no other Qt library calls ICU. The library's single symbol
(``icudt73_dat``) points at one ICU "common data" archive: a table of named items. This keeps every item except
  * the locale data (collation, time-zone and region names, ...) of locales other than root, ja and en: ICU falls
    back to root for any other locale, as it does for a locale it does not know;
  * the trees and items of services Qt never calls: word/line break rules and dictionaries, transliteration,
    number spell-out, unit/currency/language names, character names, IDNA/StringPrep and spoof-check data;
  * converters of Chinese, Korean and EBCDIC encodings and of X11 compound text (Shift_JIS, EUC-JP, ISO-2022-JP
    and the Western ones stay),
and links the rest into a library of the same name and symbol with gcc (binutils and gcc: PyInstaller's own
requirements on Linux). What keeps working: Qt's collation, text codecs and time-zone names in Japanese and
English (tests/unit/test_bundle_tools.py runs Qt on the trimmed library); the app itself formats dates with Babel
and decodes text with Python, not with ICU.

Run on its own to print what it drops: python tools/icu_trim.py <libicudata.so.73>
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = {"root", "ja", "ja_JP", "en", "en_US", "en_001", "pool", "res_index"}
# A locale-named resource: "ja.res", "zh_Hant_TW.res", "sr_Latn.res".
_LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
_DROPPED_TREES = ("translit/", "brkitr/", "rbnf/", "unit/", "curr/", "lang/")
_DROPPED_ITEMS = re.compile(r"^(unames\.icu|.*\.spp|.*\.cfu)$")
_DROPPED_CONVERTERS = re.compile(
    r"^(euc-tw|gb18030|cns-11643|iso-ir-165|icu-internal-compound|icu-internal-25546|windows-950|"
    r"ibm-(1375|1388|964|1364|933|1363|5471|949|1373|1371|1386|970|935|1383|5478|950|937|1390|1399|930|939|"
    r"16684|1392|1381|5488|4899|4971|9005|12712|16804|1137|838|1160|1162|1164|1129|1130|1132|1133))[_\-.]"
)


def _items(blob: bytes) -> tuple[int, list[tuple[str, bytes]]]:
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data archive")
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        end = header_size + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[header_size + data_offset : end]))
    return header_size, items


def keep(name: str) -> bool:
    """Whether the item `name` ("icudt73l/coll/ja.res") stays in the trimmed archive."""
    path = name.split("/", 1)[1] if "/" in name else name
    leaf = path.rsplit("/", 1)[-1]
    if path.startswith(_DROPPED_TREES) or _DROPPED_ITEMS.match(path):
        return False
    if leaf.endswith(".cnv") and _DROPPED_CONVERTERS.match(leaf):
        return False
    if _LOCALE_RES.match(leaf):
        return leaf[: -len(".res")] in KEEP_LOCALES
    return True


def trimmed_archive(blob: bytes) -> tuple[bytes, list[str]]:
    """The archive with only the kept items (same header, table sorted as before) and the names dropped."""
    header_size, items = _items(blob)
    kept = [(name, data) for name, data in items if keep(name)]
    dropped = [name for name, _ in items if not keep(name)]
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in kept)
    table_size = 4 + 8 * len(kept)
    data_start = header_size + table_size + len(names)
    data_start += -data_start % 16
    offsets, position = [], data_start
    for _, data in kept:
        offsets.append(position - header_size)
        position += len(data) + (-len(data) % 16)
    out = bytearray(blob[:header_size])
    out += struct.pack("<I", len(kept))
    name_offset = table_size
    for (name, _), data_offset in zip(kept, offsets, strict=True):
        out += struct.pack("<II", name_offset, data_offset)
        name_offset += len(name) + 1
    out += names
    out += b"\0" * (data_start - len(out))
    for _, data in kept:
        out += data + b"\0" * (-len(data) % 16)
    return bytes(out), dropped


def _symbol_bytes(library: Path, symbol: str) -> bytes:
    """The bytes of a data symbol, located through readelf (section addresses -> file offsets)."""
    symbols = subprocess.run(
        ["readelf", "-Ws", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(
        rf"^\s*\d+:\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+{symbol}$",
        symbols,
        re.MULTILINE,
    )
    if not match:
        raise ValueError(f"{symbol} not found in {library.name}")
    address, size = int(match.group(1), 16), int(match.group(2), 0)
    sections = subprocess.run(
        ["readelf", "-SW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = re.match(r"^\s*\[\s*\d+\]\s+\S+\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if fields:
            start, offset, length = (int(value, 16) for value in fields.groups())
            if start <= address < start + length:
                data = library.read_bytes()
                return data[offset + address - start : offset + address - start + size]
    raise ValueError(f"{symbol}: no section holds it")


def build(library: Path, out_dir: Path) -> tuple[Path, list[str]]:
    """A trimmed copy of `library` (libicudata.so.NN) in `out_dir`: same file name, soname and symbol."""
    soname_version = re.search(r"\.so\.(\d+)$", library.name)
    if not soname_version:
        raise ValueError(f"unexpected ICU data library name: {library.name}")
    symbol = f"icudt{soname_version.group(1)}_dat"
    archive, dropped = trimmed_archive(_symbol_bytes(library, symbol))
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "icudata.dat"
        dat.write_bytes(archive)
        source = Path(tmp) / "icudata.S"
        source.write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n"
            f'.incbin "{dat}"\n.size {symbol}, .-{symbol}\n.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        out = out_dir / library.name
        subprocess.run(
            ["gcc", "-shared", "-nostdlib", "-s", f"-Wl,-soname,{library.name}", "-o", str(out), str(source)],
            check=True,
        )
    return out, dropped


if __name__ == "__main__":
    source_library = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as out_tmp:
        built, names = build(source_library, Path(out_tmp))
        print(
            f"{source_library.stat().st_size / 1e6:.1f} MB -> {built.stat().st_size / 1e6:.1f} MB, "
            f"{len(names)} items dropped"
        )
