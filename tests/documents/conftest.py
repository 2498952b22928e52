"""Fixtures for the documents tests."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import StyleSheet1

from app.documents.render.styles import stylesheet


@pytest.fixture
def styles() -> StyleSheet1:
    return stylesheet()
