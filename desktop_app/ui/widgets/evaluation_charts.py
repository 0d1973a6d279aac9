"""The evaluation's four charts, drawn with Qt's own chart module (QtCharts), and the one chart
of the figure a manager is reading (FigureChart, beside the figures table).

On-time rates per week as lines (the two promises), working days taken as bars (this period
beside the previous one), complaints by category (lying bars: a category's name is read whole
beside its bars, never cut to "Service attitu…"), and the technicians side by side (their jobs
on time and late). A chart with nothing to draw says so instead of drawing empty axes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QStackedWidget, QWidget

from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    SCORES,
    Evaluation,
    Figures,
    Rate,
    WeekRates,
)
from desktop_app.domain.vocabulary import Category, ComplaintCategory, ServiceKind
from desktop_app.ui.labels import label, person_label

CURRENT_COLOUR = QColor("#1565c0")
PREVIOUS_COLOUR = QColor("#b0bec5")
RESPONSE_COLOUR = QColor("#6a1b9a")
REPAIR_COLOUR = QColor("#1565c0")
ON_TIME_COLOUR = QColor("#2e7d32")
LATE_COLOUR = QColor("#c62828")
# Charts: the weekly on-time lines, working days taken, complaints, technicians.
CHART_NAMES = ("weekly", "days_taken", "complaints", "technicians")


def nice_top(top: float) -> tuple[int, int]:
    """An axis end at or above `top` and its step, both whole: 1, 2 or 5 times a power of ten,
    about five steps (an axis of jobs counts whole jobs)."""
    step = 1
    while top / step > 6:
        for factor in (2, 5 / 2, 2):
            step = int(step * factor)
            if top / step <= 6:
                break
    end = max(step, -(-int(top) // step) * step)
    return end, step


def _value_axis(chart: QChart, top: float) -> QValueAxis:
    axis = QValueAxis(chart)
    end, step = nice_top(top)
    axis.setRange(0, end)
    axis.setTickCount(end // step + 1)
    axis.setLabelFormat("%d")
    return axis


def _categories(chart: QChart, names: Sequence[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis(chart)
    axis.append(list(names))
    return axis


def _bar_set(name: str, values: Sequence[float], colour: QColor) -> QBarSet:
    bars = QBarSet(name)
    bars.append([float(v) for v in values])
    bars.setColor(colour)
    bars.setBorderColor(colour)
    return bars


def draw_week_lines(
    chart: QChart,
    weeks: Sequence[WeekRates],
    lines: Sequence[tuple[str, QColor, Callable[[WeekRates], Rate]]],
    week_title: str,
) -> None:
    """A line per rate, a point per week that had something to measure (a week without any
    due response or ready repair has no point: a line through 0 % would be a lie)."""
    x_axis = _categories(chart, [f"{w.monday:%m-%d}" for w in weeks])
    x_axis.setTitleText(week_title)
    y_axis = _value_axis(chart, 100)
    y_axis.setLabelFormat("%d %%")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for name, colour, rate_of in lines:
        line = QLineSeries(chart)
        line.setName(name)
        line.setPen(QPen(colour, 2.5))
        line.setPointsVisible(True)
        for place, week in enumerate(weeks):
            fraction = rate_of(week).rate
            if fraction is not None:
                line.append(place, fraction * 100)
        chart.addSeries(line)
        line.attachAxis(x_axis)
        line.attachAxis(y_axis)


def draw_paired_bars(
    chart: QChart,
    names: Sequence[str],
    current: Sequence[int],
    previous: Sequence[int],
    legends: tuple[str, str],
    *,
    lying: bool = False,
) -> None:
    """This period's bars beside the previous period's, one group per category. Lying bars
    (`lying`) put each category's name beside its bars, read whole however long it is, the
    first at the top."""
    if lying:  # a lying chart draws its first category at the bottom
        names, current, previous = names[::-1], current[::-1], previous[::-1]
        series: QBarSeries | QHorizontalBarSeries = QHorizontalBarSeries(chart)
    else:
        series = QBarSeries(chart)
    series.append(_bar_set(legends[0], current, CURRENT_COLOUR))
    series.append(_bar_set(legends[1], previous, PREVIOUS_COLOUR))
    name_axis = _categories(chart, names)
    value_axis = _value_axis(chart, max([*current, *previous]))
    chart.addSeries(series)
    chart.addAxis(name_axis, Qt.AlignmentFlag.AlignLeft if lying else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if lying else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(name_axis)
    series.attachAxis(value_axis)


class ChartCard(QStackedWidget):
    """A chart, or in its place a line saying there is nothing to draw."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_chart")
        self.chart = self._new_chart()
        self.view = QChartView(self.chart, self)
        self.view.setObjectName(f"{name}_chart_view")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.empty = QLabel(self)
        self.empty.setObjectName(f"{name}_chart_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #607d8b; font-size: 14px; padding: 16px;")
        self.addWidget(self.view)
        self.addWidget(self.empty)

    @staticmethod
    def _new_chart() -> QChart:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def clear(self) -> None:
        """Nothing drawn, on a new chart: QtCharts keeps drawing the labels of an axis removed
        from a chart under the next one's (another period's counts, another figure's names)."""
        old, self.chart = self.chart, self._new_chart()
        self.view.setChart(self.chart)
        shiboken6.delete(old)

    def show_nothing(self, title: str, text: str) -> None:
        self.clear()
        self.empty.setText(f"<b>{title}</b><br><br>{text}")
        self.setCurrentWidget(self.empty)

    @property
    def has_data(self) -> bool:
        return self.currentWidget() is self.view

    def series(self) -> list[object]:
        return list(self.chart.series())


class EvaluationCharts(QWidget):
    """The four charts of one evaluation, in a 2×2 grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluation_charts")
        self.cards = {name: ChartCard(name, self) for name in CHART_NAMES}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for place, name in enumerate(CHART_NAMES):
            grid.addWidget(self.cards[name], place // 2, place % 2)
        self._evaluation: Evaluation | None = None
        self.show_evaluation(None)

    def show_evaluation(self, evaluation: Evaluation | None) -> None:
        self._evaluation = evaluation
        for name, draw in self._drawers().items():
            card = self.cards[name]
            if evaluation is None:
                card.show_nothing(self._titles()[name], self.tr("No figures shown yet."))
            else:
                draw(card, evaluation)

    def retranslate(self) -> None:
        self.show_evaluation(self._evaluation)

    def _titles(self) -> dict[str, str]:
        return {
            "weekly": self.tr("On time, week by week"),
            "days_taken": self.tr("Working days taken to repair"),
            "complaints": self.tr("Complaints by category"),
            "technicians": self.tr("Technicians: jobs completed on time and late"),
        }

    def _drawers(self) -> dict[str, Callable[[ChartCard, Evaluation], None]]:
        return {
            "weekly": self._weekly,
            "days_taken": self._days_taken,
            "complaints": self._complaints,
            "technicians": self._technicians,
        }

    def _nothing(self, card: ChartCard, name: str) -> None:
        card.show_nothing(self._titles()[name], self.tr("No data in this period."))

    def _start(self, card: ChartCard, name: str) -> QChart:
        card.clear()
        card.chart.setTitle(self._titles()[name])
        card.setCurrentWidget(card.view)
        return card.chart

    def _weekly(self, card: ChartCard, evaluation: Evaluation) -> None:
        weeks = evaluation.current.weekly
        if not any(w.first_response_on_time.of or w.repair_on_time.of for w in weeks):
            self._nothing(card, "weekly")
            return
        draw_week_lines(
            self._start(card, "weekly"),
            weeks,
            (
                (
                    self.tr("First response within 24 hours"),
                    RESPONSE_COLOUR,
                    lambda w: w.first_response_on_time,
                ),
                (
                    self.tr("Repair within 5 working days"),
                    REPAIR_COLOUR,
                    lambda w: w.repair_on_time,
                ),
            ),
            self.tr("Week beginning"),
        )

    def _days_taken(self, card: ChartCard, evaluation: Evaluation) -> None:
        now, before = evaluation.current, evaluation.previous
        if not (now.working_days_taken.count or before.working_days_taken.count):
            self._nothing(card, "days_taken")
            return
        chart = self._start(card, "days_taken")
        self._paired_bars(
            chart,
            [self.tr("%1 d").replace("%1", bucket) for bucket in DAY_BUCKETS],
            now.working_days_taken.buckets,
            before.working_days_taken.buckets,
            (now, before),
        )

    def _complaints(self, card: ChartCard, evaluation: Evaluation) -> None:
        now, before = evaluation.current, evaluation.previous
        if not (now.complaints.received or before.complaints.received):
            self._nothing(card, "complaints")
            return
        chart = self._start(card, "complaints")
        self._paired_bars(
            chart,
            [label(category) for category in ComplaintCategory],
            [now.complaints.by_category.get(c, 0) for c in ComplaintCategory],
            [before.complaints.by_category.get(c, 0) for c in ComplaintCategory],
            (now, before),
            lying=True,
        )

    def _paired_bars(
        self,
        chart: QChart,
        names: Sequence[str],
        current: Sequence[int],
        previous: Sequence[int],
        periods: tuple[Figures, Figures],
        *,
        lying: bool = False,
    ) -> None:
        """This period's bars beside the previous period's, one group per category."""
        draw_paired_bars(chart, names, current, previous, self._legends(periods), lying=lying)

    def _legends(self, periods: tuple[Figures, Figures]) -> tuple[str, str]:
        return (
            self.tr("This period (%1)").replace("%1", periods[0].period.label()),
            self.tr("Previous (%1)").replace("%1", periods[1].period.label()),
        )

    def _technicians(self, card: ChartCard, evaluation: Evaluation) -> None:
        people = [t for t in evaluation.current.per_technician if t.completed]
        if not people:
            self._nothing(card, "technicians")
            return
        chart = self._start(card, "technicians")
        people.reverse()  # a horizontal chart draws its first category at the bottom
        series = QHorizontalStackedBarSeries(chart)
        on_time = [t.repair_on_time.count for t in people]
        late = [t.repair_on_time.misses for t in people]
        series.append(_bar_set(self.tr("On time"), on_time, ON_TIME_COLOUR))
        series.append(_bar_set(self.tr("Late"), late, LATE_COLOUR))
        y_axis = _categories(chart, [person_label(t.name) for t in people])
        x_axis = _value_axis(chart, max(t.repair_on_time.of for t in people))
        chart.addSeries(series)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)


# The figures (figure_rows keys) whose rate FigureChart draws week by week, and the line's colour.
WEEKLY_RATES: dict[str, tuple[QColor, Callable[[WeekRates], Rate]]] = {
    "first_response_on_time": (RESPONSE_COLOUR, lambda week: week.first_response_on_time),
    "repair_on_time": (REPAIR_COLOUR, lambda week: week.repair_on_time),
}


class FigureChart(ChartCard):
    """The chart of the one figure a manager is reading, beside the figures table: a promise's
    share on time week by week, the working days taken, the scores given, the complaints or the
    jobs received by kind, this period beside the previous one. Figures a chart would add
    nothing to (a single count) have none: `show_figure` says so and the card is hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("figure", parent)

    def show_figure(self, evaluation: Evaluation, key: str) -> bool:
        """Draw the figure's chart; False (and nothing drawn) when it has none."""
        now, before = evaluation.current, evaluation.previous
        legends = (
            self.tr("This period (%1)").replace("%1", now.period.label()),
            self.tr("Previous (%1)").replace("%1", before.period.label()),
        )
        if key in WEEKLY_RATES:
            colour, rate_of = WEEKLY_RATES[key]
            if not any(rate_of(week).of for week in now.weekly):
                return self._nothing(self.tr("On time, week by week"))
            line = self.tr("Share on time (%1)").replace("%1", now.period.label())
            draw_week_lines(
                self._begin(self.tr("On time, week by week")),
                now.weekly,
                ((line, colour, rate_of),),
                self.tr("Week beginning"),
            )
            return True
        table = self._pairs(now, before)
        pairs = table.get(key) or next(
            (v for k, v in table.items() if k.endswith("*") and key.startswith(k[:-1])), None
        )
        if pairs is None:
            self.clear()
            return False
        title, names, current, previous, lying = pairs
        if not any(current) and not any(previous):
            return self._nothing(title)
        draw_paired_bars(self._begin(title), names, current, previous, legends, lying=lying)
        return True

    def _pairs(
        self, now: Figures, before: Figures
    ) -> dict[str, tuple[str, list[str], list[int], list[int], bool]]:
        """title, category names, this period's and the previous period's counts, lying."""
        days = (
            self.tr("Working days taken to repair"),
            [self.tr("%1 d").replace("%1", bucket) for bucket in DAY_BUCKETS],
            list(now.working_days_taken.buckets),
            list(before.working_days_taken.buckets),
            False,
        )
        return {
            "received.total": (
                self.tr("Jobs received by category"),
                [label(category) for category in Category],
                [now.received.by_category.get(c, 0) for c in Category],
                [before.received.by_category.get(c, 0) for c in Category],
                True,
            ),
            "received.by_service.*": (
                self.tr("Jobs received by service"),
                [label(kind) for kind in ServiceKind],
                [now.received.by_service.get(k, 0) for k in ServiceKind],
                [before.received.by_service.get(k, 0) for k in ServiceKind],
                True,
            ),
            "working_days_taken.average": days,
            "complaints.*": (
                self.tr("Complaints by category"),
                [label(category) for category in ComplaintCategory],
                [now.complaints.by_category.get(c, 0) for c in ComplaintCategory],
                [before.complaints.by_category.get(c, 0) for c in ComplaintCategory],
                True,
            ),
            "satisfaction.hand_back.average": (
                self.tr("Hand-back scores given"),
                [str(score) for score in SCORES],
                list(now.satisfaction.hand_back.distribution),
                list(before.satisfaction.hand_back.distribution),
                False,
            ),
            "satisfaction.follow_up.average": (
                self.tr("Follow-up call scores given"),
                [str(score) for score in SCORES],
                list(now.satisfaction.follow_up.distribution),
                list(before.satisfaction.follow_up.distribution),
                False,
            ),
        }

    def _begin(self, title: str) -> QChart:
        self.clear()
        self.chart.setTitle(title)
        self.setCurrentWidget(self.view)
        return self.chart

    def _nothing(self, title: str) -> bool:
        self.show_nothing(title, self.tr("No data in this period."))
        return True
