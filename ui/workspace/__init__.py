"""The incident workspace window and its tabs (概要, 対応チェックリスト, 事実経過, 報告内容, 提出・通知の記録, 分類)."""

from ui.workspace.workspace import TAB_CODES, IncidentWindow

__all__ = ["TAB_CODES", "IncidentWindow"]
