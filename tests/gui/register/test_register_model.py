"""The on-demand table model on a real register: qtmodeltester, rows fetched in blocks, search and filters."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.db.database import Database
from app.domain.register import RegisterQuery, SortKey
from app.services.incidents import IncidentService
from app.services.register import RegisterService
from tests.gui.jp_input import type_japanese
from tests.gui.register.conftest import TODAY, add_assessed
from ui.register import view as register_view
from ui.register.view import INCIDENT_ID_ROLE, Column, IncidentTableModel, RegisterPage, RegisterView


def _many(db: Database, n: int) -> None:
    service = IncidentService(db)
    for i in range(n):
        service.create(
            f"事案{i:04d} 書類の誤交付", {"learned_date": f"2027-0{1 + i % 6}-1{i % 9}"}, None, None
        )


def test_model_passes_qtmodeltester_and_fetches_rows_in_blocks(qtmodeltester, register_db: Database) -> None:
    _many(register_db, register_view.BLOCK * 2 + 7)
    service = RegisterService(register_db)
    fetched: list[int] = []

    def fetch(ids):  # type: ignore[no-untyped-def]
        fetched.append(len(ids))
        return service.rows(ids)

    model = IncidentTableModel(fetch, today=lambda: TODAY)
    model.set_ids(service.ids(RegisterQuery(sort=SortKey.REFERENCE, descending=False), TODAY))
    assert model.rowCount() == register_view.BLOCK * 2 + 7
    assert fetched == []  # nothing loaded until a row is shown
    last = model.rowCount() - 1
    assert model.index(last, Column.TITLE).data() == f"事案{last:04d} 書類の誤交付"
    assert fetched == [7]  # only the block around that row
    assert model.index(0, Column.STATUS).data() == "調査中"
    assert fetched == [7, register_view.BLOCK]
    qtmodeltester.check(model, force_py=True)
    assert model.index(5, 0).data(INCIDENT_ID_ROLE) == model.id_at(5)


def test_register_view_searches_filters_and_sorts(qtbot, register_db: Database) -> None:
    mail = add_assessed(register_db, "メールの誤送信により健康診断結果が漏えい")
    lost = add_assessed(register_db, "USBメモリの紛失", "loss", learned_date="2027-06-20")
    view = RegisterView(today=lambda: TODAY)
    qtbot.addWidget(view)
    view.attach(RegisterService(register_db))
    assert view.page() is RegisterPage.TABLE
    assert view.model.ids() == [mail, lost]  # newest 発覚日 first
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["番号", "件名", "発覚日", "事象", "該当号", "番号法", "状態", "次の期限", "あと何日"]
    assert (
        view.model.index(0, Column.DAYS_LEFT).data() == "あと2日（営業日 1日）"
    )  # Sat 7/3: Sunday is closed
    assert view.model.index(0, Column.KIND).data() == "メール誤送信"

    with qtbot.waitSignal(view.reloaded, timeout=2000):
        type_japanese(view.filters.search_edit, "誤送")  # two characters: found all the same
    assert view.model.ids() == [mail]
    with qtbot.waitSignal(view.reloaded, timeout=2000):  # the query runs on a worker
        view.filters.search_edit.clear()
        view.filters.apply_now()
        assert view.model.ids() == [mail]  # the previous rows stay until the answer arrives
    assert len(view.model.ids()) == 2

    with qtbot.waitSignal(view.reloaded, timeout=2000):
        view.table.horizontalHeader().setSortIndicator(Column.LEARNED, Qt.SortOrder.AscendingOrder)
    assert view.model.ids() == [lost, mail]
    with qtbot.waitSignal(view.reloaded, timeout=2000):
        view.filters.category_combo.setCurrentIndex(view.filters.category_combo.findData("missend"))
    assert view.model.ids() == []
    assert view.no_match_label.isVisibleTo(view)
    view.filters.category_combo.setCurrentIndex(0)
    with qtbot.waitSignal(view.reloaded, timeout=2000):
        view.filters.due_check.setChecked(True)  # 7/5 速報 guide for mail; lost's (6/24) is already past
    assert set(view.model.ids()) == {mail, lost}
    assert view.model.index(view.model.row_of(lost), Column.DAYS_LEFT).data() == "9日超過"


def test_opening_a_row_emits_its_incident(qtbot, register_db: Database) -> None:
    incident = add_assessed(register_db, "書類の誤交付", "misdelivery")
    view = RegisterView(today=lambda: dt.date(2027, 7, 3))
    qtbot.addWidget(view)
    view.attach(RegisterService(register_db))
    with qtbot.waitSignal(view.incidentActivated) as opened:
        view.table.doubleClicked.emit(view.model.index(0, Column.TITLE))
    assert opened.args == [incident]


def test_my_number_column_and_filter(qtbot, register_db: Database) -> None:
    """番号法 column: 「4号」 when reportable, 「努力義務」, 「—」 without My Numbers; the filter narrows to them."""
    my_numbers = ["name", "my_number"]
    only = add_assessed(register_db, "マイナンバー一覧の誤送信", data_items=my_numbers, affected_count=150)
    effort = add_assessed(
        register_db, "扶養控除等申告書の誤送付", data_items=my_numbers, learned_date="2027-06-30"
    )
    plain = add_assessed(register_db, "健康診断結果の誤送信", learned_date="2027-06-29")
    view = RegisterView(today=lambda: TODAY)
    qtbot.addWidget(view)
    view.attach(RegisterService(register_db))
    model = view.model

    def cell(incident: int, column: Column, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
        row = model.row_of(incident)
        assert row is not None
        return model.index(row, column).data(role)

    assert [cell(i, Column.BANGO) for i in (only, effort, plain)] == ["4号", "努力義務", "—"]
    # Reportable under the 番号法 alone: 第7条 has no item, yet it is not 非該当 and its 速報 guide counts down.
    assert (cell(only, Column.ITEMS), cell(only, Column.STATUS), cell(only, Column.DAYS_LEFT)) == (
        "該当なし",
        "調査中",
        "あと2日（営業日 1日）",
    )
    assert cell(only, Column.BANGO, Qt.ItemDataRole.ToolTipRole) == (
        "マイナンバーを含みます。番号法の報告対象です（規則2条4号）。"
    )
    combo = view.filters.reportable_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == [
        "報告対象・非該当すべて",
        "報告対象のみ",
        "非該当のみ",
        "",  # a separator
        "マイナンバーを含む",
        "番号法の報告対象",
        "マイナンバーを含まない",
    ]

    def choose(text: str) -> list[int]:
        with qtbot.waitSignal(view.reloaded, timeout=2000):
            combo.setCurrentIndex(texts.index(text))
        return model.ids()

    assert set(choose("報告対象のみ")) == {only, plain}  # reportable under either law
    assert choose("非該当のみ") == [effort]
    assert set(choose("マイナンバーを含む")) == {only, effort}
    assert choose("番号法の報告対象") == [only]
    assert choose("マイナンバーを含まない") == [plain]
    assert len(choose("報告対象・非該当すべて")) == 3
    with qtbot.waitSignal(view.reloaded, timeout=2000):
        view.table.horizontalHeader().setSortIndicator(Column.BANGO, Qt.SortOrder.AscendingOrder)
    assert model.ids() == [only, effort, plain]


def test_only_the_newest_search_is_answered(qtbot, register_db: Database) -> None:
    """Typing fast asks again and again: the rows shown are the last question's, never an older answer's, and
    the table keeps its rows while the worker searches (the GUI thread never waits for the query)."""
    mail = add_assessed(register_db, "メールの誤送信により健康診断結果が漏えい")
    lost = add_assessed(register_db, "USBメモリの紛失", "loss", learned_date="2027-06-20")
    view = RegisterView(today=lambda: TODAY)
    qtbot.addWidget(view)
    view.attach(RegisterService(register_db))
    answers: list[int] = []
    view.reloaded.connect(lambda matching, _total: answers.append(matching))
    for text in ("紛失", "誤送信", "USB"):
        view.filters.search_edit.setText(text)
        view.filters.apply_now()
    assert view.model.ids() == [mail, lost]  # nothing answered yet: the previous rows
    qtbot.waitUntil(lambda: not view.searching(), timeout=3000)
    assert view.model.ids() == [lost]
    assert answers[-1] == 1 and len(answers) <= 3
    with qtbot.waitSignal(view.reloaded, timeout=2000):
        view.filters.search_edit.setText("存在しない言葉")
        view.filters.apply_now()
    assert view.model.ids() == [] and view.no_match_label.isVisibleTo(view)
