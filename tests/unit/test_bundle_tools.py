"""The bundle's filters and the trimmed ICU data (issue 20 point 1): what pyinstaller.spec leaves out must be what
the app never loads, and Qt must still collate and decode Japanese with the smaller ICU library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import bundle_filters  # noqa: E402
import bundle_size  # noqa: E402
import icu_trim  # noqa: E402


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/plugins/imageformats/qsvg.dll", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PIL/_avif.cpython-311-x86_64-linux-gnu.so", False),
        ("PySide6/opengl32sw.dll", False),
        ("python3.11/lib-dynload/_codecs_cn.cpython-311-x86_64-linux-gnu.so", False),
        ("python3.11/lib-dynload/_codecs_jp.cpython-311-x86_64-linux-gnu.so", True),
        ("python3.11/lib-dynload/_decimal.cpython-311-x86_64-linux-gnu.so", False),
    ],
)
def test_binary_filters_keep_what_the_app_loads(path: str, kept: bool) -> None:
    assert bundle_filters.keeps_binary(path) is kept


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qt_ja.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("babel/locale-data/en.dat", True),
        ("babel/locale-data/ja.dat", False),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("resources/fonts/BIZUDGothic-Regular.ttf", True),
        ("keyring-25.7.0.dist-info/entry_points.txt", True),
        ("holidays-0.108.dist-info/RECORD", False),
    ],
)
def test_data_filters_keep_what_is_read(path: str, kept: bool) -> None:
    assert bundle_filters.keeps_data(path) is kept


def test_components_name_every_file(tmp_path: Path) -> None:
    for rel in ("BreachDesk", "_internal/PySide6/Qt/lib/libicudata.so.73", "_internal/resources/fonts/a.ttf",
                "_internal/libfoo.so.1", "_internal/app/db/migrations/env.py"):  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * 10)
    sizes = bundle_size.by_component(tmp_path)
    assert sizes["launchers"] == 10 and sizes["ICU (Qt's Unicode and locale data)"] == 10
    assert sizes["other shared libraries"] == 10 and sum(sizes.values()) == 50


def test_icu_item_choice() -> None:
    keep = icu_trim.keep
    assert keep("icudt73l/coll/ja.res") and keep("icudt73l/coll/root.res") and keep("icudt73l/en.res")
    assert (
        keep("icudt73l/zone/ja.res")
        and keep("icudt73l/zoneinfo64.res")
        and keep("icudt73l/ibm-943_P15A-2003.cnv")
    )
    assert keep("icudt73l/supplementalData.res") and keep("icudt73l/coll/ucadata.icu")
    assert not keep("icudt73l/coll/de.res") and not keep("icudt73l/zone/zh_Hant_TW.res")
    assert not keep("icudt73l/translit/root.res") and not keep(
        "icudt73l/brkitr/cjdict.dict"
    )  # Qt breaks text itself
    assert not keep("icudt73l/curr/ja.res") and not keep("icudt73l/unames.icu")
    assert not keep("icudt73l/gb18030.cnv") and not keep("icudt73l/ibm-949_P11A-1999.cnv")


QT_WITH_TRIMMED_ICU = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
c = QCollator(QLocale(QLocale.Language.Japanese))
assert sorted(["かき", "あお", "アイ"], key=c.sortKey) == ["アイ", "あお", "かき"]
assert QStringDecoder("Shift_JIS").isValid() and QStringDecoder("EUC-JP").isValid()
assert not QStringDecoder("GB18030").isValid()  # gone with the trimming: proves the trimmed library was loaded
assert QLocale(QLocale.Language.Japanese).monthName(3) == "3月"
tokyo = QTimeZone(b"Asia/Tokyo")
assert tokyo.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("ja_JP")) == "日本標準時"
print("ok")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt for Windows uses the system's ICU")
def test_qt_runs_on_the_trimmed_icu_data(tmp_path: Path) -> None:
    import PySide6

    original = Path(PySide6.__file__).parent / "Qt" / "lib" / "libicudata.so.73"
    if not original.exists():
        pytest.skip("this PySide6 has no libicudata.so.73")
    built, dropped = icu_trim.build(original, tmp_path)
    assert built.stat().st_size < original.stat().st_size / 3 and len(dropped) > 3000
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", QT_WITH_TRIMMED_ICU], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "ok", result.stderr
