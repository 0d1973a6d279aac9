"""With Chinese chosen, nothing a person can see is an internal key or an English word.

Three closed jobs (returned after a paid repair, refunded, exchanged) are opened in the job
view; every label, button, group title and timeline cell, the clocks panel, the job list and
both receipts are read back. The only Latin letters allowed are the ones this test typed itself
(job numbers, the model, serials, document numbers) and the few a Chinese counter writes in Latin
(IMEI, A4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from desktop_app.data.db import open_database
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.quotation import ApprovalForm, QuotationForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import ApprovalMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.job_table_model import JobTableModel
from desktop_app.ui.resources import install_translator
from desktop_app.ui.settings import UiSettings
from tests.helpers import (
    FAST_PASSWORDS,
    ID_CHECKED,
    FakeClock,
    actor,
    add_user,
    check_in_form,
    settle_background,
)
from tests.receipts.pdfs import pdftotext

LATIN = re.compile(r"[A-Za-z]")
TAG = re.compile(r"<[^>]+>")
ACCELERATOR = re.compile(r"\(&?[A-Z]\)")  # 文件(&F): the key that opens the menu
CJK = re.compile(r"[\u4e00-\u9fff]")
# What this test (and the seeded manager, 店长) wrote in Chinese: it stays as typed in English.
TYPED_CHINESE = re.compile(
    "|".join(
        [
            "张伟",
            "李建国",
            "店长",
            "华为",
            "屏幕不亮",
            "日常使用，未摔落",
            "外观完好",
            "充电器、数据线",
            "充电器",
            "已电话联系顾客",
            "电池老化",
            "电池",
            "检测费",
            "顾客不需要",
            "更换电池，测试正常",
            "有点慢",
            "数据线丢失",
            "顾客实际用支付宝",
            "包装完好",
            "身份证已核对",  # tests.helpers.ID_CHECKED, the hand-back's identity note
        ]
    )
)
# Written in Latin letters at a Chinese counter too.
ALWAYS_LATIN = ("IMEI", "A4")
REPLACEMENT = ("Mate 60 Pro Max", "SN99887766")


@dataclass
class Counter:
    window: MainWindow
    services: Services
    jobs: dict[str, JobSnapshot]
    typed: tuple[str, ...]  # everything Latin this test entered itself


def leftover_latin(text: str, typed: tuple[str, ...]) -> str:
    """The Latin letters in `text` once what the test typed itself is taken out."""
    text = ACCELERATOR.sub("", text)
    for allowed in sorted((*typed, *ALWAYS_LATIN), key=len, reverse=True):
        text = text.replace(allowed, " ")
    return "".join(LATIN.findall(text))


def visible_texts(widget: QWidget) -> list[str]:
    """Every text a person can read in the widget and its visible children."""
    texts = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(TAG.sub("", child.text()))  # a rich-text label's markup is not read
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QLineEdit):
            texts += [child.text(), child.placeholderText()]
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QTreeWidget):
            header = child.headerItem()
            texts += [header.text(c) for c in range(child.columnCount())]
            for row in range(child.topLevelItemCount()):
                item = child.topLevelItem(row)
                texts += [item.text(c) for c in range(child.columnCount())]
    for action in widget.findChildren(QAction):
        texts.append(action.text())
    return [t for t in texts if t]


def model_texts(model: JobTableModel) -> list[str]:
    texts = [
        model.headerData(c, Qt.Orientation.Horizontal) or "" for c in range(model.columnCount())
    ]
    for row in range(model.rowCount()):
        texts += [model.data(model.index(row, c)) or "" for c in range(model.columnCount())]
    return texts


@pytest.fixture
def counter(qtbot, zh_cn, database_url, tmp_path) -> Iterator[Counter]:
    """A Chinese counter with a returned, a refunded and an exchanged job, fully worked."""
    database = open_database(database_url)
    clock = FakeClock(datetime(2026, 11, 25, 10, 30))
    services = Services.build(database, clock, passwords=FAST_PASSWORDS)
    manager = actor(services)
    assert manager is not None
    tech = add_user(services, "tech1", "李建国", Role.TECHNICIAN)
    jobs, handback = services.jobs, services.handback

    # A paid repair (out of warranty), worked through every bench step, then handed back.
    paid = check_in_form(purchase_date=date(2024, 1, 10), accessories_received="充电器、数据线")
    job = jobs.check_in(paid, manager)
    jobs.record_first_response(job.id, manager, "已电话联系顾客")
    jobs.assign(job.id, tech.id, manager)
    jobs.assign(job.id, None, manager)
    jobs.assign(job.id, tech.id, manager)
    jobs.change_status(job.id, Status.DIAGNOSING, manager)
    jobs.record_diagnosis(job.id, manager, "电池老化")
    jobs.add_line(
        job.id, manager, kind="part", description="电池", quantity=1, unit_price_cents=12900
    )
    # Quoted, then a line the customer does not want: the quotation changes, quoted again,
    # approved by phone (issue 16).
    services.quotations.write(job.id, manager, QuotationForm("电池老化", date(2026, 11, 30)))
    line = jobs.add_line(
        job.id, manager, kind="labour", description="检测费", quantity=1, unit_price_cents=3000
    ).lines[-1]
    jobs.remove_line(job.id, line.id, manager, "顾客不需要")
    quoted = services.quotations.write(
        job.id, manager, QuotationForm("电池老化", date(2026, 11, 30))
    )
    called = ApprovalForm(quoted.quotation.number, ApprovalMethod.PHONE, "张伟", clock())
    services.quotations.approve(job.id, manager, called)
    jobs.change_status(job.id, Status.REPAIRING, manager)
    jobs.mark_ready(job.id, manager, "更换电池，测试正常")
    handback.hand_back(
        job.id,
        manager,
        HandBackForm(
            ("充电器",), "wechat", 12900, 4, "有点慢", "数据线丢失", identity_note=ID_CHECKED
        ),
    )
    returned = handback.record_correction(
        job.id, manager, "payment_method", "alipay", "顾客实际用支付宝"
    )

    # A 7-day return, refunded; and a 7-day exchange.
    bought = date(2026, 11, 22)
    job = jobs.check_in(
        check_in_form(purchase_date=bought, service_requested=ServiceKind.RETURN), manager
    )
    handback.start_inspection(job.id, manager)
    refunded = handback.approve_refund(job.id, manager, 599_900, "包装完好")
    job = jobs.check_in(
        check_in_form(purchase_date=bought, service_requested=ServiceKind.EXCHANGE), manager
    )
    handback.start_inspection(job.id, manager)
    exchanged = handback.approve_exchange(job.id, manager, *REPLACEMENT)
    # One open job, overdue for its first response: the clocks panel has rows to read.
    clock.now = datetime(2026, 11, 27, 10, 30)
    open_job = jobs.check_in(check_in_form(), manager)
    clock.now = datetime(2026, 12, 8, 10, 30)

    form = check_in_form()
    numbers = tuple(j.number for j in (returned, refunded, exchanged, open_job))
    typed = (
        *numbers,
        form.model,
        form.serial.upper(),
        form.voucher_number,
        form.warranty_card_number,
        *REPLACEMENT,
    )
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(services, manager, settings, now=clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    all_jobs = {"returned": returned, "refunded": refunded, "exchanged": exchanged}
    try:
        yield Counter(window, services, all_jobs, typed)
    finally:
        window.close()
        settle_background()
        database.dispose()


def open_view(qtbot, counter: Counter, which: str) -> JobDialog:
    assert counter.window.controller is not None
    dialog = counter.window.controller.make_dialog(counter.jobs[which])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("which", ["returned", "refunded", "exchanged"])
def test_the_job_view_of_a_closed_job_is_all_chinese(qtbot, counter, which):
    dialog = open_view(qtbot, counter, which)
    texts = visible_texts(dialog)
    assert any("已交还客户" in t or "已退款" in t or "已换货" in t for t in texts)
    english = {t: left for t in texts if (left := leftover_latin(t, counter.typed))}
    assert not english, f"English or keys in the {which} job's view: {english}"
    dialog.close()


def test_the_timeline_says_the_facts_in_chinese(qtbot, counter):
    dialog = open_view(qtbot, counter, "returned")
    rows = [
        [dialog.timeline.topLevelItem(r).text(c) for c in range(4)]
        for r in range(dialog.timeline.topLevelItemCount())
    ]
    what = [row[2] for row in rows]
    notes = [row[3] for row in rows]
    assert "已交还客户" in what and "交还附件" in what  # never `returned` or `handed_back`
    assert "已付 ¥129.00（微信支付）；数据线丢失" in notes
    assert "配件：电池 × 1，单价 ¥129.00" in notes
    assert (
        "已归还配件：充电器；客户身份核验：凭备注（无受理单、未核对手机号）；身份证已核对" in notes
    )
    assert "付款方式：微信支付 → 支付宝；顾客实际用支付宝" in notes
    assert "未分配" in notes
    assert "报价已变更，需重新确认" in what and "报价已确认" in what
    assert any(n.startswith("报价单 2；电话确认；") and "接听人：张伟" in n for n in notes)
    assert "报价单 1；报价 ¥129.00，现为 ¥159.00" in notes
    dialog.close()


def test_the_clocks_panel_and_the_list_are_all_chinese(counter):
    window = counter.window
    texts = visible_texts(window.clock_panel) + model_texts(window.model)
    for model in window.clock_panel.models.values():
        texts += model_texts(model)
    assert any("响应逾期" in t for t in texts)
    english = {t: left for t in texts if (left := leftover_latin(t, counter.typed))}
    assert not english, f"English or keys in the clocks panel or the list: {english}"


@pytest.mark.parametrize("which", ["returned", "refunded", "exchanged"])
@pytest.mark.parametrize("kind", ["intake", "return"])
def test_both_receipts_are_all_chinese(counter, which, kind):
    text = pdftotext(counter.window.receipt_pdf(counter.jobs[which], kind))
    shop_typed = (*counter.typed, "400")
    english = [line for line in text.splitlines() if leftover_latin(line, shop_typed)]
    assert not english, f"English on the {kind} receipt of the {which} job: {english}"


@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_the_printed_quotation_is_all_chinese(counter, paper):
    from desktop_app.receipts.quotation import render_quotation

    window = counter.window
    job = counter.jobs["returned"]
    text = pdftotext(render_quotation(job, window._shop, translate=window._translate, paper=paper))
    assert "维修报价单" in text and "报价单 2" in text and "同型号零部件" in text
    english = [line for line in text.splitlines() if leftover_latin(line, (*counter.typed, "400"))]
    assert not english, f"English on the printed quotation: {english}"


def test_the_check_is_not_blind():
    assert leftover_latin("handed_back 已交还", ()) == "handedback"
    assert leftover_latin("序列号/IMEI R20261125-0001", ("R20261125-0001",)) == ""
    assert leftover_latin("文件(&F) Close", ()) == "Close"


def test_the_whole_window_follows_a_language_change(qtbot, counter):
    """Chinese → English → Chinese without a restart: menus, filters, list headers, clocks,
    summary and an open job view all change at once."""
    window = counter.window
    dialog = open_view(qtbot, counter, "returned")
    app = QApplication.instance()

    def snapshot() -> list[str]:
        texts = visible_texts(window) + model_texts(window.model) + visible_texts(dialog)
        for model in window.clock_panel.models.values():
            texts += model_texts(model)
        return texts

    assert window.file_menu.title() == "文件(&F)"
    install_translator(app, "en")
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    qtbot.waitUntil(lambda: dialog.timeline_box.title() == "Timeline")
    english = snapshot()
    chinese_left = {t for t in english if CJK.search(TYPED_CHINESE.sub("", t))}
    assert not chinese_left, f"still Chinese after switching to English: {chinese_left}"
    assert window.clock_dock.windowTitle() == "Clocks"
    assert window.status_filter.itemText(0) == "All statuses"
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Job number"
    assert window.summary_labels["open"].text().startswith("Open")
    assert "paid ¥129.00 (WeChat Pay); 数据线丢失" in english

    install_translator(app, "zh_CN")
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    qtbot.waitUntil(lambda: dialog.timeline_box.title() != "Timeline")
    chinese = snapshot()
    english_left = {t: left for t in chinese if (left := leftover_latin(t, counter.typed))}
    assert not english_left, f"still English after switching back: {english_left}"
    dialog.close()


def test_a_language_change_event_reaches_the_window(qtbot, counter):
    """The window retranslates on QEvent.LanguageChange itself (what Qt sends on a switch)."""
    window = counter.window
    install_translator(QApplication.instance(), "en")
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    window.file_menu.setTitle("stale")
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert window.file_menu.title() == "&File"
