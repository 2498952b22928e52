"""A reset of the clock list hands the view a batch of rows, not all 30,000 (issue 18 point 4): scrolling to the
bottom brings the next batch, and a row asked for by number or kept selected is there."""

from __future__ import annotations

from dataclasses import replace

from app.services.clocks import ClockService
from tests.clocks.helpers import jst
from tests.clocks.test_services import add_incident
from ui.calendar.countdown_panel import BATCH_ROWS, CLOCK_ROLE, ClockList


def test_rows_reach_the_view_a_batch_at_a_time(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add_incident(db, "診断書の誤送付")
    clocks = ClockService(db).open_clocks(jst(2027, 7, 6, 10))
    many = [replace(clock, incident_id=n) for n in range(10_000) for clock in clocks]  # distinct keys
    today = jst(2027, 7, 6, 10).date()
    view = ClockList(compact=True)
    qtbot.addWidget(view)
    view.resize(300, 400)
    view.show()
    view.set_clocks(many, today)
    model = view.model()
    qtbot.waitUntil(lambda: len(model._looks) > 0)  # painted
    known = model.rowCount()
    assert BATCH_ROWS <= known <= 3 * BATCH_ROWS < len(many)  # the view was told of a few screenfuls only
    assert view.topLevelItemCount() == len(many)  # every clock is listed all the same

    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the officer scrolls to the bottom: the next batch comes
    qtbot.waitUntil(lambda: model.rowCount() > known)

    view.setCurrentItem(view.topLevelItem(20_000))  # far past what was loaded
    assert view.selected_clock() == many[20_000]
    view.set_clocks(many, today)  # a refresh keeps it selected, loading as far as it
    assert view.currentIndex().row() == 20_000
    assert view.currentIndex().data(CLOCK_ROLE) == many[20_000]
    assert model.rowCount() <= 20_001 + BATCH_ROWS
