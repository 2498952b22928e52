"""年次レビュー: a fiscal year of incidents on A4 for the マネジメントレビュー (JIS Q 15001 9.3; issue 18 point 6).

Not a document about one incident, so it takes the year's figures (app.domain.review.AnnualReview) rather than a
DocumentContext and is not in builders._MODULES. The charts are reportlab.graphics drawings, vectors with the
embedded Gothic face, so they print sharp and their words can be searched. The figures carry 番号, dates and the
JIPDEC categories (docs/domain.md §8) only: no 件名, no names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.documents.render.flowables import data_table, label_value_table, para
from app.documents.render.fonts import GOTHIC
from app.documents.render.styles import stylesheet
from app.documents.render.template import FRAME_WIDTH, render
from app.domain import jipdec
from app.domain.review import AnnualReview, FilingTiming, Timing, TimingCounts

TITLE = "年次レビュー"
BAR = colors.HexColor("#3a6ea5")
LATE = colors.HexColor("#c0504d")
NONE = "―"
UNCLASSIFIED = "未分類"
TIMING_JA = {
    Timing.ON_TIME: "期限内",
    Timing.LATE: "期限後",
    Timing.OVERDUE: "未提出（期限超過）",
    Timing.PENDING: "期限前",
}


def _day(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day is not None else NONE


def _label(categories: tuple[jipdec.Category, ...], code: str) -> str:
    found = jipdec.find(categories, code) if code else None
    return found.ja if found is not None else (code or UNCLASSIFIED)


def _axis_max(values: Sequence[int]) -> tuple[int, int]:
    top = max([1, *values])
    step = max(1, -(-top // 5))
    return step * -(-top // step), step


def bar_chart(labels: Sequence[str], values: Sequence[int], *, horizontal: bool = False) -> Drawing:
    """Counts as bars with their numbers; horizontal for long category names."""
    rows = max(1, len(labels))
    height = (14 * rows + 30) if horizontal else 62 * mm
    drawing = Drawing(FRAME_WIDTH, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    left = 62 * mm if horizontal else 10 * mm
    chart.x, chart.y = left, 18
    chart.width, chart.height = FRAME_WIDTH - left - 12 * mm, height - 26
    chart.data = [list(values) or [0]]
    chart.bars[0].fillColor = BAR
    chart.bars.strokeColor = None
    top, step = _axis_max(values)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labels.fontName = GOTHIC
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(labels) or [NONE]
    chart.categoryAxis.labels.fontName = GOTHIC
    chart.categoryAxis.labels.fontSize = 7.5
    if horizontal:
        chart.categoryAxis.reverseDirection = 1  # the largest first, at the top
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -3
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = GOTHIC
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def timing_chart(sokuho: TimingCounts, kakuho: TimingCounts) -> Drawing:
    """速報 and 確報 side by side: on time, late, overdue, pending (one colour each, with a legend line)."""
    order = (Timing.ON_TIME, Timing.LATE, Timing.OVERDUE, Timing.PENDING)
    values = [[getattr(counts, t.value) for counts in (sokuho, kakuho)] for t in order]
    drawing = Drawing(FRAME_WIDTH, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 10 * mm, 30, FRAME_WIDTH - 20 * mm, 62 * mm - 40
    chart.data = values
    palette = (BAR, LATE, colors.HexColor("#8b0000"), colors.HexColor("#a0a0a0"))
    for i, colour in enumerate(palette):
        chart.bars[i].fillColor = colour
    chart.bars.strokeColor = None
    top, step = _axis_max([v for row in values for v in row])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labels.fontName = GOTHIC
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = ["速報", "確報"]
    chart.categoryAxis.labels.fontName = GOTHIC
    chart.categoryAxis.labels.fontSize = 8
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = GOTHIC
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    x = 10 * mm
    for timing, colour in zip(order, palette, strict=True):
        drawing.add(String(x, 4, "■", fontName=GOTHIC, fontSize=8, fillColor=colour))
        drawing.add(String(x + 10, 4, TIMING_JA[timing], fontName=GOTHIC, fontSize=8))
        x += 40 * mm
    return drawing


def _timing_cell(timing: FilingTiming | None) -> str:
    if timing is None:
        return NONE
    taken = f"（{timing.days_taken}日）" if timing.days_taken is not None else ""
    return f"期限 {_day(timing.deadline)}\n提出 {_day(timing.filed_on)}{taken}\n{TIMING_JA[timing.timing]}"


def story(review: AnnualReview, office_name: str) -> list[Flowable]:
    styles = stylesheet()
    year = review.fiscal_year
    actions = review.open_actions
    out: list[Flowable] = [
        para(f"{TITLE}（{year}年度）", styles["title"]),
        para(f"{office_name}　個人情報の漏えい等の事案の集計（マネジメントレビュー資料）", styles["body_center"]),
        para(
            f"対象期間：{_day(review.first_day)}〜{_day(review.last_day)}（発覚日による）　集計日：{_day(review.as_of)}",
            styles["note"],
        ),
        para("件名・関係者の氏名は含めていません。各事案は番号で示しています。", styles["note"]),
        Spacer(1, 4 * mm),
        label_value_table(
            [
                ("事案の総数", f"{review.total}件"),
                ("報告対象", f"{review.reportable}件"),
                ("報告対象外", f"{review.not_reportable}件"),
                ("未判定", f"{review.not_assessed}件"),
                ("速報", _counts_text(review.sokuho)),
                ("確報", _counts_text(review.kakuho)),
                ("未完了のチェックリスト項目", f"{actions.checklist_items}件"),
                ("未達の本人通知", f"{actions.undelivered_letters}件"),
                ("未提出の報告（期限超過）", f"{actions.missing_filings}件"),
            ],
            styles,
        ),
        _section("月別の件数", bar_chart([f"{m}月" for (_, m), _ in review.per_month], [c for _, c in review.per_month]), styles),
        _section(
            "事象分類別の件数",
            bar_chart([_label(jipdec.CATEGORIES, c) for c, _ in review.by_category], [n for _, n in review.by_category], horizontal=True),
            styles,
        ),
        _section(
            "原因別の件数",
            bar_chart([_label(jipdec.CAUSES, c) for c, _ in review.by_cause], [n for _, n in review.by_cause], horizontal=True),
            styles,
        ),
        _section(
            "報告対象か否か",
            bar_chart(["報告対象", "報告対象外", "未判定"], [review.reportable, review.not_reportable, review.not_assessed], horizontal=True),
            styles,
        ),
        _section("速報・確報の提出と期限", timing_chart(review.sokuho, review.kakuho), styles),
    ]  # fmt: skip
    out += _incident_tables(review, styles)
    return out


def _counts_text(counts: TimingCounts) -> str:
    return (
        f"期限内 {counts.on_time}件・期限後 {counts.late}件・未提出（期限超過） {counts.overdue}件・"
        f"期限前 {counts.pending}件"
    )


def _section(heading: str, drawing: Drawing, styles: StyleSheet1) -> Flowable:
    return KeepTogether([para(heading, styles["h1"]), drawing])


def _incident_tables(review: AnnualReview, styles: StyleSheet1) -> list[Flowable]:
    sheet = styles
    due = [r for r in review.rows if r.sokuho is not None or r.kakuho is not None]
    rows = [(r.reference, _day(r.learned_date), _timing_cell(r.sokuho), _timing_cell(r.kakuho)) for r in due]
    out: list[Flowable] = [para("事案ごとの提出状況", sheet["h1"])]
    if rows:
        out.append(data_table(("番号", "発覚日", "速報", "確報"), rows, sheet, weights=(1.0, 1.3, 2.2, 2.2)))
    else:
        out.append(para("報告期限のある事案はありません。", sheet["body"]))
    open_rows = [
        (r.reference, f"{r.open_checklist}件", f"{r.undelivered_letters}件", "・".join({"sokuho": "速報", "kakuho": "確報"}[k] for k in r.missing_filings) or NONE)
        for r in review.rows
        if r.open_checklist or r.undelivered_letters or r.missing_filings
    ]  # fmt: skip
    out.append(para("未完了の対応", sheet["h1"]))
    if open_rows:
        header = ("番号", "チェックリスト未完了", "未達の本人通知", "未提出の報告")
        out.append(data_table(header, open_rows, sheet, weights=(1.0, 1.4, 1.4, 1.4)))
    else:
        out.append(para("未完了の対応はありません。", sheet["body"]))
    return out


def build(review: AnnualReview, *, office_name: str, footer_note: str | None = None) -> bytes:
    """The PDF; `footer_note` is the audit chain's anchor line, as on the other reports."""
    return render(
        story(review, office_name),
        title=f"{TITLE}（{review.fiscal_year}年度）",
        author=office_name,
        running_header=f"{TITLE}（{review.fiscal_year}年度）",
        footer_note=footer_note,
    )
