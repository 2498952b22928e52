"""Every name prints (issue 15, point 4): 𠮷 in the names fallback face, on paper and in the text a reader copies."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents.kinds.notice_letter import compose_letter
from app.documents.model import Document, DocumentKind, Grid, Para
from app.documents.render.fonts import (
    FALLBACK,
    FONT_FILES,
    GOTHIC,
    MINCHO,
    markup,
    runs,
    text_width,
    unprintable_characters,
)
from app.documents.render.letters import layout_letter, letter_problems, render_letters
from app.documents.render.pdf import to_pdf
from app.documents.render.text_map import fix_entries
from app.paths import fonts_dir
from tests.documents.builders.factories import context, recipient
from tests.documents.helpers import page_fonts, page_texts

NAME = "𠮷野 花子"
FALLBACK_PATH = fonts_dir() / FONT_FILES[FALLBACK]


def letter_pdf(name: str = NAME) -> bytes:
    ctx = context()
    letter = compose_letter(ctx, recipient(1, name=name))
    assert letter_problems(layout_letter(letter)) == []  # nothing holds the letter back any more
    return render_letters(ctx, [letter])


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def base_font_names(pdf: bytes) -> set[str]:
    return {str(font["/BaseFont"]).split("+")[-1] for _page, font in page_fonts(pdf)}


def test_a_letter_to_tsuchiyoshi_extracts_the_name_with_pypdf_and_pdftotext(tmp_path: Path) -> None:
    pdf = letter_pdf()
    first_page = page_texts(pdf)[0]
    assert f"{NAME}\u3000様" in first_page or f"{NAME} 様" in first_page
    assert NAME in pdftotext(pdf, tmp_path)
    assert "BreachDeskNamesMincho-Regular" in base_font_names(pdf)


def test_the_fallback_face_is_embedded_and_not_named_after_the_original(tmp_path: Path) -> None:
    pdf = letter_pdf()
    fallback = [font for _page, font in page_fonts(pdf) if "BreachDeskNames" in str(font["/BaseFont"])]
    assert fallback and all("/FontFile2" in font["/FontDescriptor"].get_object() for font in fallback)
    assert not any("IPA" in name for name in base_font_names(pdf))


def test_a_letter_without_rare_characters_does_not_carry_the_fallback_nor_an_update() -> None:
    pdf = letter_pdf("髙橋 一郎")
    assert "BreachDeskNamesMincho-Regular" not in base_font_names(pdf)
    assert pdf.count(b"%%EOF") == 1  # the text map was not rewritten: the file is ReportLab's own


def test_the_text_map_fix_is_an_incremental_update() -> None:
    pdf = letter_pdf()
    assert pdf.count(b"%%EOF") == 2


def test_a_report_paragraph_and_a_table_cell_extract_tsuchiyoshi(tmp_path: Path) -> None:
    document = Document(
        DocumentKind.ENTRUSTOR_NOTICE,
        "委託元への通知",
        (Para(f"漏えいした顧客には{NAME}様が含まれます。"), Grid(("氏名", "住所"), ((NAME, "東京都"),))),
        running_header=f"{NAME} 様の件",
    )
    pdf = to_pdf(document, author="株式会社サンプル商事")
    text = pdftotext(pdf, tmp_path)
    assert f"{NAME}様が含まれます" in text
    assert text.count(NAME) >= 2
    assert f"{NAME}様が含まれます" in page_texts(pdf)[0].replace("\n", "")


def test_text_is_split_into_runs_by_coverage_and_measured_in_each_face() -> None:
    assert runs("𠮷野 花子", MINCHO) == ((FALLBACK, "𠮷"), (MINCHO, "野 花子"))
    assert runs("髙橋 一郎", MINCHO) == ((MINCHO, "髙橋 一郎"),)
    expected = stringWidth("𠮷", FALLBACK, 10) + stringWidth("野", MINCHO, 10)
    assert text_width("𠮷野", MINCHO, 10) == pytest.approx(expected)
    assert text_width("𠮷野", MINCHO, 10) > stringWidth("野", MINCHO, 10) * 1.9  # not the zero-width .notdef
    assert markup("<𠮷&>", GOTHIC) == f'&lt;<font name="{FALLBACK}">𠮷</font>&amp;&gt;'


def test_only_what_neither_face_has_is_unprintable() -> None:
    assert unprintable_characters(NAME) == []
    assert unprintable_characters("𠮷野 花子😀") == ["😀"]


def test_the_text_map_entries_become_utf16_surrogate_pairs() -> None:
    cmap = b"2 beginbfchar\n<00> <91CE>\n<01> <20BB7>\nendbfchar"
    assert fix_entries(cmap) == b"2 beginbfchar\n<00> <91CE>\n<01> <D842DFB7>\nendbfchar"


def test_the_tsuchiyoshi_prints_ink_not_tofu(tmp_path: Path) -> None:
    """Render the letter and compare the ink where 𠮷 sits with a blank glyph: a missing glyph prints nothing."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf())
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "100", "-f", "1", "-l", "1", "-x", "90", "-y", "120", "-W", "400", "-H", "120",
         str(path), str(tmp_path / "name")],
        check=True,
    )  # fmt: skip
    raw = next(tmp_path.glob("name*.pgm")).read_bytes()
    header_end = raw.index(b"255\n") + 4
    width = int(raw.split(b"\n")[1].split()[0])
    pixels = raw[header_end:]
    dark_columns = {index % width for index, value in enumerate(pixels) if value < 128}
    assert len(dark_columns) > 40  # the name block printed; the first glyph column is checked below
    first = min(dark_columns)
    glyph = {c for c in dark_columns if first <= c < first + 18}  # ~14 pt at 100 dpi is ~19 px wide
    assert len(glyph) > 8  # 𠮷 has strokes across its width; an empty .notdef glyph would leave a gap


def test_the_committed_font_is_renamed_subset_with_licence_beside_it() -> None:
    font = TTFont(FALLBACK_PATH)
    names = {record.nameID: record.toUnicode() for record in font["name"].names if record.langID == 0x409}
    assert names[1] == "BreachDesk Names Mincho"
    assert not any("IPAmj" in names[name_id] for name_id in (1, 3, 4, 6))
    cmap = font.getBestCmap()
    assert 0x20BB7 in cmap and "glyf" in font  # TrueType outlines: ReportLab can embed them
    assert (FALLBACK_PATH.parent / "IPA_Font_License_Agreement_v1.0.txt").exists()
    assert FALLBACK_PATH.stat().st_size < 3_000_000
