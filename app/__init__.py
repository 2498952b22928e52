"""BreachDesk core: plain Python that knows nothing of Qt (the ui package calls it, never the reverse)."""

__version__ = "0.1.0"
APP_NAME = "BreachDesk"
APP_NAME_JA = "漏えい等対応デスク"
