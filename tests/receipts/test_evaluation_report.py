"""The evaluation's PDF report: every figure row and footnote on paper, the charts, the tables,
in Chinese, for an empty period, a year, and many or oddly named technicians."""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from desktop_app.domain.errors import NotOurFile
from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    DEFINITIONS,
    Period,
    Rate,
    Unit,
    figure_rows,
    format_change,
    format_row_change,
)
from desktop_app.domain.text import no_translation
from desktop_app.domain.vocabulary import Category, ComplaintCategory, OfferKind, label
from desktop_app.receipts.evaluation_report import (
    evaluation_pdf,
    value_text,
    write_evaluation_pdf,
)
from desktop_app.receipts.fonts import REPLACEMENT
from tests.receipts import evaluations
from tests.receipts.pdfs import pdftotext, reader, require, squeeze, words
from tests.receipts.test_hostile_text import embedded_fonts, shipped_chinese

EMOJI, ARABIC = "😀", "مرحبا"


@pytest.fixture(scope="module")
def zh():
    return shipped_chinese()


@pytest.fixture(scope="module")
def month():
    return evaluations.evaluation()


@pytest.fixture(scope="module")
def month_pdf(month, zh) -> bytes:
    return evaluation_pdf(month, zh)


@pytest.fixture(scope="module")
def month_text(month_pdf) -> str:
    return squeeze(pdftotext(month_pdf))


def layout_lines(pdf: bytes) -> list[str]:
    """The page as pdftotext -layout sets it, each line without its spaces, blank lines out."""
    done = subprocess.run(
        [require("pdftotext"), "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return [squeeze(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]


def test_every_figure_row_prints_its_label_footnote_values_and_change_on_one_line(
    month, month_pdf, zh
):
    lines = layout_lines(month_pdf)
    rows = figure_rows(month)
    assert len(rows) > 20
    for row in rows:
        line = squeeze(
            f"{zh(row.label)}{row.note}"
            f"{value_text(row.unit, row.current)}{value_text(row.unit, row.previous)}"
            f"{format_row_change(row, zh)}"
        )
        assert line in lines, row.key
        if row.unit is Unit.RATE:  # "46 / 50" under each rate
            details = lines[lines.index(line) + 1]
            assert details == squeeze(row.detail + row.previous_detail), row.key


def test_values_are_written_for_their_unit():
    assert value_text(Unit.RATE, 46 / 50) == "92.0%"
    assert value_text(Unit.RATE, None) == "—"
    assert value_text(Unit.COUNT, 0) == "0"
    assert value_text(Unit.DAYS, 3.256) == "3.3"
    assert value_text(Unit.SCORE, 4.256) == "4.26"
    assert value_text(Unit.MONEY, 39050) == "¥390.50"
    assert value_text(Unit.MONEY, 405000) == "¥4,050.00"  # grouped, as the workbook shows it
    assert format_change(Unit.RATE, 0.035, no_translation) == "+3.5 pp"
    assert format_change(Unit.RATE, -0.052, no_translation) == "-5.2 pp"
    assert format_change(Unit.COUNT, -17, no_translation) == "-17"
    assert format_change(Unit.COUNT, 0, no_translation) == "0"
    assert format_change(Unit.MONEY, -1200, no_translation) == "-¥12.00"
    assert format_change(Unit.SCORE, None, no_translation) == "—"


def test_a_change_is_the_difference_of_the_values_shown_beside_it():
    """67.7% after 64.4% reads +3.3 pp (the unrounded shares differ by 3.37 points)."""
    from desktop_app.domain.evaluation import FigureRow

    row = FigureRow("repair_on_time", "x", Unit.RATE, 277 / 409, 316 / 491)
    assert (value_text(Unit.RATE, row.current), value_text(Unit.RATE, row.previous)) == (
        "67.7%",
        "64.4%",
    )
    assert format_row_change(row) == "+3.3 pp"
    scores = FigureRow("satisfaction.follow_up.average", "x", Unit.SCORE, 4.4286, 4.2857)
    assert format_row_change(scores) == "+0.14"  # 4.43 - 4.29


def test_every_definition_prints_in_full_numbered(month_text, zh):
    for number, (key, text) in enumerate(DEFINITIONS, start=1):
        assert f"{number}.{squeeze(zh(text))}" in month_text, key


def test_the_cover_names_the_shop_the_periods_and_when(month_pdf, month, zh):
    cover = squeeze(pdftotext(month_pdf).split("\f")[0])
    for expected in (
        evaluations.SHOP,
        "服务质量评估报告",
        "2026-09（月度）：2026-09-01至2026-09-30，共30天",
        "2026-08（月度）：2026-08-01至2026-08-31，共31天",
        "2026-10-0809:30",
    ):
        assert expected in cover, expected


def test_every_page_has_the_shop_and_its_number_in_the_footer(month_pdf):
    pages = pdftotext(month_pdf).split("\f")[:-1]
    assert 3 <= len(pages) <= 6
    for number, page in enumerate(pages, start=1):
        assert evaluations.SHOP in page and f"第 {number} 页" in page


def test_a4_and_every_font_embedded(month_pdf):
    for page in reader(month_pdf).pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.01)
    fonts = embedded_fonts(month_pdf)
    assert {name.split("+")[-1] for name, _ in fonts} == {"WenQuanYiMicroHei-0"}
    assert all(emb == "yes" for _, emb in fonts)


def test_no_english_is_left_in_the_chinese_report(month_text):
    english = set(re.findall(r"[A-Za-z]{2,}", month_text)) - {"Apple"}
    assert english == set()


def test_the_charts_are_drawn_with_translated_labels(month_text, zh):
    assert "本期间没有数据" not in month_text
    for text in ("每周按时率", "24小时内首次响应", "5个工作日内修好", "维修所用工作日"):
        assert text in month_text, text
    for bucket in DAY_BUCKETS:
        assert squeeze(zh("{days} working days").format(days=bucket)) in month_text
    assert "5个工作日内" in month_text and "超过5个工作日" in month_text
    for kind in ComplaintCategory:
        assert squeeze(zh(label(kind))) in month_text


def test_the_per_technician_table_and_the_breakdowns(month, month_pdf, month_text, zh):
    lines = layout_lines(month_pdf)
    for person in month.current.per_technician:
        rate = person.repair_on_time
        line = squeeze(
            f"{person.name}{person.completed}{value_text(Unit.RATE, rate.rate)}"
            f"{value_text(Unit.DAYS, person.days_taken.average)}"
            f"{value_text(Unit.SCORE, person.satisfaction.average)}"
            f"{person.complaints}{person.repeat_repairs}"
        )
        assert line in lines, person.name
        details = f"{rate.count}/{rate.of}{person.satisfaction.count}次评分"
        assert lines[lines.index(line) + 1] == details, person.name
    received, before = month.current.received, month.previous.received
    for category in Category:
        row = f"{zh(label(category))}{received.by_category[category]}{before.by_category[category]}"
        assert row in month_text
    for brand, count in received.by_brand:
        assert f"{brand}{count}{dict(before.by_brand)[brand]}" in month_text
    given = month.current.compensation.by_kind[OfferKind.WAIVE_LABOUR]
    assert f"{zh(label(OfferKind.WAIVE_LABOUR))}{given.count}¥240.00" in month_text


def test_english_when_no_translator_is_given(month):
    text = squeeze(pdftotext(evaluation_pdf(month)))
    for expected in ("Servicequalityevaluationreport", "Jobsreceived", "Definitions", "Page1"):
        assert expected in text
    scored_once = [p for p in month.current.per_technician if p.satisfaction.count == 1]
    assert scored_once and "1score" in text and "1scores" not in text


# --- hostile cases -------------------------------------------------------------------------------


def test_a_period_with_no_data_at_all_prints_dashes_and_empty_charts(zh):
    empty = evaluations.empty_evaluation()
    pdf = evaluation_pdf(empty, zh)
    text = squeeze(pdftotext(pdf))
    assert text.count("本期间没有数据") >= 5  # four charts, the technicians, the brands
    for row in figure_rows(empty):
        if row.unit in (Unit.RATE, Unit.DAYS, Unit.SCORE):
            assert row.current is None
    lines = layout_lines(pdf)
    for row in figure_rows(empty):
        if row.unit is Unit.RATE:  # a rate of nothing: a dash and its 0 / 0, no change
            line = squeeze(f"{zh(row.label)}{row.note}———")
            assert lines[lines.index(line) + 1] == "0/00/0", row.key
    assert "%" not in text.split("指标定义")[0]  # no made-up 0 % or 100 %


def test_weeks_with_nothing_due_leave_gaps_not_zeros(zh):
    period = Period.month(2026, 9)
    month = evaluations.evaluation(period)
    weekly = tuple(
        replace(w, first_response_on_time=Rate(0, 0)) if n % 2 else w
        for n, w in enumerate(month.current.weekly)
    )
    quiet = replace(month, current=replace(month.current, weekly=weekly))
    assert "每周按时率" in squeeze(pdftotext(evaluation_pdf(quiet, zh)))


def test_a_whole_year_thins_the_week_labels_so_none_overlap(zh):
    year = evaluations.evaluation(Period.year(2026))
    assert len(year.current.weekly) == 53
    pdf = evaluation_pdf(year, zh)
    by_line: dict[tuple[int, int], list] = defaultdict(list)
    for word in words(pdf):
        if re.fullmatch(r"\d\d-\d\d", word.text):
            by_line[word.page, round(word.y_min)].append(word)
    labels = max(by_line.values(), key=len)
    assert 6 <= len(labels) < 53
    labels.sort(key=lambda w: w.x_min)
    for before, after in pairwise(labels):
        assert before.x_max < after.x_min, (before.text, after.text)


def test_forty_five_technicians_split_the_table_with_its_header_repeated(zh):
    names = tuple(f"技师{n:02d}" for n in range(1, 46))
    many = evaluations.evaluation(technicians=45, names=names)
    pdf = evaluation_pdf(many, zh)
    pages = [squeeze(page) for page in pdftotext(pdf).split("\f")[:-1]]
    table_pages = [p for p in pages if "维修技师完成工单" in p]
    assert len(table_pages) >= 2
    text = "".join(pages)
    for name in names:
        assert text.count(name) >= 2, name  # in the chart and in the table
    assert len(pages) <= 10


def test_long_names_and_characters_the_font_lacks_do_not_break_the_report(zh):
    long_name = "欧阳" * 60 + "终"
    odd = f"{ARABIC} {EMOJI} 李娜"
    shop = "华为授权服务中心" * 40 + "末"
    hostile = evaluations.evaluation(
        technicians=3, shop=shop + EMOJI, names=(long_name, odd, "Bartholomew " * 8 + "End")
    )
    pdf = evaluation_pdf(hostile, zh)
    text = pdftotext(pdf)
    flat = squeeze(text)
    assert squeeze(long_name) in flat  # the table wraps the whole name
    assert ("Bartholomew" * 8 + "End") in flat
    assert squeeze(shop) in flat  # the cover prints it whole
    assert EMOJI not in text and REPLACEMENT in text
    assert all(letter in text for letter in ARABIC)
    fonts = {name.split("+")[-1] for name, _ in embedded_fonts(pdf)}
    assert fonts == {"WenQuanYiMicroHei-0", "DejaVuSans"}
    # The footer's shop is cut short to stay on one line beside the page number.
    for page in text.split("\f")[1:-1]:
        footer = page.strip().splitlines()[-1]
        assert "…" in footer or "第" in footer


# --- writing the file ----------------------------------------------------------------------------


def test_writes_a_new_file(month, tmp_path, zh):
    target = tmp_path / "评估报告 2026-09.pdf"
    assert write_evaluation_pdf(month, target, zh) == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert "服务质量评估报告" in pdftotext(target.read_bytes())
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary left


def test_replaces_a_report_of_ours(month, tmp_path):
    target = tmp_path / "report.pdf"
    write_evaluation_pdf(evaluations.empty_evaluation(), target)
    write_evaluation_pdf(month, target)
    assert str(month.current.received.total) in pdftotext(target.read_bytes())


@pytest.mark.parametrize(
    "content",
    [
        b"name,amount\n",  # a spreadsheet export someone saved as .pdf
        b"%PDF-1.7\n% someone else's PDF\n%%EOF\n",
        b"",  # even an empty file: we did not make it
    ],
)
def test_never_writes_over_a_file_we_did_not_make(month, tmp_path, content, zh):
    target = tmp_path / "report.pdf"
    target.write_bytes(content)
    with pytest.raises(NotOurFile) as refused:
        write_evaluation_pdf(month, target, zh)
    assert target.read_bytes() == content
    message = refused.value.render(zh)
    assert str(target) in message and "不是售后维修台生成" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_report_of_ours_edited_by_another_program_is_no_longer_ours(month, tmp_path):
    target = tmp_path / "report.pdf"
    write_evaluation_pdf(month, target)
    annotated = target.read_bytes() + b"\n1 0 obj\n<< /Annots [] >>\nendobj\n%%EOF\n"
    target.write_bytes(annotated)
    with pytest.raises(NotOurFile):
        write_evaluation_pdf(month, target)
    assert target.read_bytes() == annotated


def test_a_link_to_someone_elses_file_is_refused(month, tmp_path):
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("keep me")
    link = tmp_path / "report.pdf"
    link.symlink_to(theirs)
    with pytest.raises(NotOurFile):
        write_evaluation_pdf(month, link)
    assert theirs.read_text() == "keep me" and link.is_symlink()


def test_a_folder_is_refused(month, tmp_path):
    folder = tmp_path / "report.pdf"
    folder.mkdir()
    with pytest.raises(NotOurFile):
        write_evaluation_pdf(month, folder)


def test_a_missing_folder_is_an_os_error(month, tmp_path):
    with pytest.raises(OSError):
        write_evaluation_pdf(month, tmp_path / "missing" / "report.pdf")


def test_without_hard_links_the_new_file_is_still_created_exclusively(month, tmp_path, monkeypatch):
    def no_links(_source: str, _target: Path) -> None:
        raise PermissionError("this file system has no hard links")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "report.pdf"
    write_evaluation_pdf(month, target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_file_made_meanwhile_under_the_name_is_left_alone(month, tmp_path, monkeypatch):
    """Someone saves under the name between our check and our write: theirs stays."""
    target = tmp_path / "report.pdf"
    real_link = os.link

    def someone_first(source: str, destination: Path) -> None:
        Path(destination).write_text("theirs")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", someone_first)
    with pytest.raises(NotOurFile):
        write_evaluation_pdf(month, target)
    assert target.read_text() == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
