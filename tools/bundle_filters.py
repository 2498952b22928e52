"""What the one-folder bundle leaves out, as patterns on a file's path inside the bundle (or inside a wheel).

One place for pyinstaller.spec (which filters PyInstaller's Analysis lists with them) and for the Windows size
estimate of tools/smoke_bundle.py (which applies them to the files of the win_amd64 wheels), so the estimate
counts what a Windows build would really keep. Each pattern says what goes and what keeps working; the reasons
in full: docs/adr/0015-windows-delivery.md ("What the bundle carries and why").
"""

from __future__ import annotations

import re

# Qt plugins BreachDesk never loads (all platforms). Kept: the xcb and offscreen platforms (windows on Windows), the
# Windows style, the desktop-portal theme (file dialogs), ibus and compose input contexts (Japanese input on
# Linux), print support, the ICO image format (the window icon on Windows). Removed: evdev/tuio input, network
# information, TLS backends (the single-instance QLocalServer is local), the virtual keyboard (it alone pulled Qt
# Quick and Qml, 17 MB), the framebuffer/VNC/Vulkan/minimal/Direct2D platforms, the GLX/EGL integrations (nothing
# draws with OpenGL: Qt Charts without setUseOpenGL), the SVG icon engine and the image readers other than ICO
# (the app's icons are PNG, which Qt Gui reads itself; a desktop icon theme in SVG falls back to Qt's own icons;
# PDF pages are drawn by QtPdf). With them go Qt Svg and the libraries only they needed.
UNUSED_QT_PLUGINS = re.compile(
    r"plugins[\\/](generic|networkinformation|tls|position|sensors|sqldrivers|designer|qmltooling|canbus|"
    r"texttospeech|webview|multimedia|sceneparsers|renderers|geometryloaders|assetimporters|iconengines|"
    r"xcbglintegrations)[\\/]|"
    r"platforminputcontexts[\\/](lib)?qtvirtualkeyboard|"
    r"platforms[\\/](lib)?q(linuxfb|minimal|minimalegl|vkkhrdisplay|vnc|direct2d)\.|"
    r"imageformats[\\/](?!(lib)?qico\.)",
    re.IGNORECASE,
)

# Pillow is imported by ReportLab (reportlab.lib.utils) but only decodes pictures, and no BreachDesk document holds
# one: its core (_imaging: PNG, JPEG, TIFF) stays; AVIF (5 MB), WebP, FreeType text, colour management and Tk go.
UNUSED_PILLOW = re.compile(r"PIL[\\/]_(avif|webp|imagingft|imagingcms|imagingtk)\.", re.IGNORECASE)

# Windows: Qt's software OpenGL (opengl32sw.dll, 20 MB) and the shader compiler serve only OpenGL drawing on a PC
# without a GPU driver; BreachDesk draws with the raster engine (Qt Charts without setUseOpenGL, QtPdf to images).
UNUSED_WINDOWS_GL = re.compile(r"(^|[\\/])(opengl32sw|d3dcompiler_\d+)\.dll$", re.IGNORECASE)

# The standard library's Chinese and Korean codecs (GBK, Big5, EUC-KR...): the app reads text as UTF-8 or
# Shift_JIS/cp932 only (app/recipients/csv_import.py); _codecs_jp and _codecs_iso2022 stay. And the C decimal
# module: `decimal` falls back to its pure-Python twin (_pydecimal, same API), fast enough for Babel's and
# psycopg's few numbers.
# The same for the C accelerators of pickle and ElementTree (pure-Python fallbacks in the standard library; the
# app pickles nothing and parses XML only in pypdf's rarely read XMP metadata).
UNUSED_PY_EXTENSIONS = re.compile(
    r"(^|[\\/])(_codecs_(cn|hk|kr|tw)|_decimal|_pickle|_elementtree)\.", re.IGNORECASE
)

# Qt's own translations: only the Japanese ones (Qt's buttons: 戻る・次へ・完了・キャンセル).
QT_TRANSLATION = re.compile(r"[\\/]translations[\\/][^\\/]+\.qm$")
KEPT_QT_TRANSLATION = re.compile(r"(qtbase|qt)_ja\.qm$")

# Babel ships 1,000+ locales; BreachDesk formats dates through Babel in English only (app/wizard/verdict.py,
# locale "en", which reads root); Japanese dates are written by the app itself.
BABEL_LOCALES = {"root", "en", "en_US", "en_001"}
BABEL_LOCALE_DATA = re.compile(r"babel[\\/]locale-data[\\/](\w+)\.dat$")


# Qt libraries the app uses (and what they need): widgets, QtPdf + QtPdfWidgets (the preview), Qt Charts (the
# 年次レビュー dashboard) with the OpenGL libraries it links, QtNetwork (QLocalServer: one instance per data folder),
# QtPrintSupport (printing), QtDBus (Qt Gui talks to the Linux desktop through it).
KEPT_QT_MODULES = (
    "Core", "Gui", "Widgets", "Pdf", "PdfWidgets", "Charts", "OpenGL", "OpenGLWidgets", "Network",
    "PrintSupport", "DBus", "XcbQpa",
)  # fmt: skip


# Packages' install records and software bills of materials: importlib.metadata reads versions and entry points
# from METADATA and entry_points.txt, never these.
UNUSED_METADATA = re.compile(r"\.dist-info[\\/](RECORD$|sboms[\\/])")


def keeps_data(path: str) -> bool:
    """Whether a data file (its path inside the bundle, or its source path) stays in the bundle."""
    if UNUSED_METADATA.search(path):
        return False
    if QT_TRANSLATION.search(path) and not KEPT_QT_TRANSLATION.search(path):
        return False
    match = BABEL_LOCALE_DATA.search(path)
    return not match or match.group(1) in BABEL_LOCALES


def keeps_binary(path: str) -> bool:
    """Whether a binary (its path inside the bundle) stays, by the filters common to every platform."""
    patterns = (UNUSED_QT_PLUGINS, UNUSED_PILLOW, UNUSED_WINDOWS_GL, UNUSED_PY_EXTENSIONS)
    return not any(pattern.search(path) for pattern in patterns)
