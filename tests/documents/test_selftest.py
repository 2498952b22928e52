"""The self-test PDF that `main.py selftest` and the packaged-app smoke test build."""

from __future__ import annotations

import datetime as dt

import pytest

from app.documents.render import selftest
from app.documents.render.selftest import build_selftest_pdf
from app.errors import BreachDeskError
from tests.documents.helpers import page_fonts, page_texts, read_pdf


def test_selftest_pdf_has_two_pages_of_japanese() -> None:
    data = build_selftest_pdf(dt.date(2027, 7, 1))
    assert data.startswith(b"%PDF-")
    first, second = page_texts(data)
    assert "日本語印刷の自己診断" in first
    assert "2027年7月1日（木）／令和9年7月1日（木）" in first
    assert "髙橋 一郎" in first and "山﨑 花子" in first
    assert "行頭禁則の確認" in first
    assert first.strip().endswith("1 / 2") and second.strip().endswith("2 / 2")
    assert "令和元年5月1日" in second and "平成元年1月8日" in second


def test_selftest_pdf_embeds_its_fonts() -> None:
    data = build_selftest_pdf(dt.date(2027, 7, 1))
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for _page, font in page_fonts(data))
    assert read_pdf(data).metadata.title == "日本語印刷の自己診断"  # type: ignore[union-attr]


def test_selftest_refuses_to_print_a_character_the_font_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "SAMPLE_ROWS", (("😀田 太郎", "えもじた たろう", "絵文字"),))
    with pytest.raises(BreachDeskError, match="U\\+1F600"):
        build_selftest_pdf(dt.date(2027, 7, 1))
