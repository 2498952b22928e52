"""The re-assessment refused because someone saved the incident after the wizard opened on it (issue 19 point 2).

The officer is told who and when, keeps every answer (the wizard stays open, its draft saved), and may load the
latest: the wizard then stands on the newest version and facts, and Finish re-runs the assessment with the same
answers. Nothing was written by the refused Finish (docs/adr/0013-optimistic-concurrency.md).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import ConcurrentEdit
from app.i18n import _


def ask_reload(parent: QWidget | None, conflict: ConcurrentEdit) -> bool:
    """True when the officer chose to load the latest; kept in one function so tests can find its box."""
    box = QMessageBox(parent)
    box.setObjectName("reassess_conflict")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Someone saved this incident first"))
    box.setText(conflict.message)
    box.setInformativeText(
        _(
            "Nothing was saved and your answers are kept. After loading the latest, check the result "
            "and press Finish again."
        )
    )
    load = box.addButton(_("&Load the latest"), QMessageBox.ButtonRole.AcceptRole)
    load.setObjectName("load_latest")
    stay = box.addButton(_("&Back to the answers"), QMessageBox.ButtonRole.RejectRole)
    stay.setObjectName("back_to_answers")
    box.setDefaultButton(load)
    box.exec()
    return box.clickedButton() is load
