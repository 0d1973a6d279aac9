"""With the zh_CN translation installed, the counter speaks Chinese: the window, the domain's
messages (with every word filled into them) and the receipt the customer takes home."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from itertools import product

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QSettings, Qt

from desktop_app.data.db import open_database
from desktop_app.domain.errors import IllegalTransition, InvalidInput, NotPermitted
from desktop_app.domain.forms import validate_check_in
from desktop_app.domain.roles import Action, Role, may, require
from desktop_app.domain.rules import Claim, Coverage, DocumentsPresented, ServiceKind, decide
from desktop_app.domain.text import Text
from desktop_app.domain.workflow import STATUS_LABELS, Status, allowed_next, check_transition
from desktop_app.services import Services
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.resources import TEXTS_CONTEXT, text_translator
from desktop_app.ui.settings import UiSettings
from tests.helpers import (
    FAST_PASSWORDS,
    FakeClock,
    actor,
    add_user,
    check_in_form,
    settle_background,
)
from tests.ui.driving import wait_idle

CJK = re.compile(r"[\u4e00-\u9fff]")
# Latin words that stay Latin in Chinese text.
KEPT_LATIN = re.compile(r"IMEI|PDF|A4|mm")
LATIN = re.compile(r"[A-Za-z]")


def all_chinese(text: str) -> bool:
    """Chinese, with no English word left over (digits, dates and IMEI are fine)."""
    return bool(CJK.search(text)) and not LATIN.search(KEPT_LATIN.sub("", text))


def test_a_domain_template_translates(zh_cn):
    translated = QCoreApplication.translate(TEXTS_CONTEXT, "warranty ended {ended}")
    assert translated == "保修期已于 {ended} 结束"


def test_a_text_renders_in_chinese_with_its_values(zh_cn):
    rendered = Text("warranty ended {ended}", ended=date(2026, 3, 31)).render(text_translator())
    assert rendered == "保修期已于 2026-03-31 结束"


def test_words_filled_into_a_text_are_translated_too(zh_cn):
    rendered = Text("{document} not presented", document="warranty card").render(text_translator())
    assert rendered == "未出示保修卡"


def test_plural_forms(zh_cn):
    assert QCoreApplication.translate("JobTableModel", "%n working days left", "", 3) == (
        "剩余 3 个工作日"
    )
    assert QCoreApplication.translate("JobTableModel", "1 working day left") == "剩余 1 个工作日"
    assert QCoreApplication.translate("MainWindow", "Overdue: %n", "", 12) == "逾期：12"


def test_english_is_back_after_the_translator_is_removed(qapp):
    assert (
        QCoreApplication.translate(TEXTS_CONTEXT, "warranty ended {ended}")
        == "warranty ended {ended}"
    )


def test_every_refusal_of_a_role_reads_in_chinese(zh_cn):
    translate = text_translator()
    for role, action in product(Role, Action):
        if may(role, action):
            continue
        with pytest.raises(NotPermitted) as refusal:
            require(role, action)
        rendered = refusal.value.render(translate)
        assert all_chinese(rendered), rendered


def test_every_refused_status_change_reads_in_chinese(zh_cn):
    translate = text_translator()
    for coverage, current, target in product(Coverage, Status, Status):
        if target in allowed_next(coverage, current):
            continue
        with pytest.raises(IllegalTransition) as refusal:
            check_transition(coverage, current, target)
        rendered = refusal.value.render(translate)
        assert all_chinese(rendered), rendered


@pytest.mark.parametrize("requested", list(ServiceKind))
def test_every_verdict_reason_reads_in_chinese(zh_cn, requested):
    translate = text_translator()
    today = date(2026, 11, 25)
    purchases = [date(2026, 11, 22), date(2026, 9, 1), date(2024, 1, 10)]
    for purchased, *documents, override in product(
        purchases, (True, False), (True, False), (True, False), (None, "老顾客，店长同意")
    ):
        claim = Claim(purchased, today, 12, DocumentsPresented(*documents), requested, override)
        for reason in decide(claim, today).reasons:
            rendered = reason.render(translate)
            assert all_chinese(rendered), rendered


def test_every_check_in_problem_reads_in_chinese(zh_cn):
    form = check_in_form(
        customer_name="",
        phone="12345",
        brand="",
        model="",
        fault_description="",
        usage_description="",
        service_requested=ServiceKind.ON_SITE,
        warranty_months=6,
        purchase_date=date(2027, 1, 1),
        documents=DocumentsPresented(True, True, True),
        voucher_number="",
        manager_override_reason="  ",
    )
    with pytest.raises(InvalidInput) as problems:
        validate_check_in(form, date(2026, 11, 25))
    assert len(problems.value.problems) >= 8
    for problem in problems.value.problems:
        rendered = problem.render(text_translator())
        assert all_chinese(rendered), rendered


def test_status_labels_read_in_chinese(zh_cn):
    for label in STATUS_LABELS.values():
        assert all_chinese(QCoreApplication.translate(TEXTS_CONTEXT, label)), label


@pytest.fixture
def chinese_window(qtbot, zh_cn, sqlite_url, tmp_path):
    """The main window built while Chinese is installed, on a database with one job."""
    database = open_database(sqlite_url)
    clock = FakeClock(datetime(2026, 11, 25, 10, 30))
    services = Services.build(database, clock, passwords=FAST_PASSWORDS)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    job = services.jobs.check_in(check_in_form(), clerk)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(services, clerk, settings, now=clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)  # counts and clocks arrive from the background
    window.test_services = services  # the return-receipt test closes a job through them
    yield window, job
    window.close()
    settle_background()
    database.dispose()


def test_the_main_window_speaks_chinese(chinese_window):
    window, _job = chinese_window
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["文件(&F)", "工单(&J)"]
    for title in menus:
        assert all_chinese(re.sub(r"\(&\w\)", "", title)), title

    model = window.model
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    assert headers[:2] == ["工单号", "客户"]
    for header in headers:
        assert all_chinese(header), header

    summary = {key: label.text() for key, label in window.summary_labels.items()}
    assert summary["open"] == "未结：1"
    for text in summary.values():
        assert all_chinese(text), text

    status_column = headers.index("状态")
    assert model.data(model.index(0, status_column)) == "已受理"
    assert all_chinese(window.search_box.placeholderText())


def test_the_check_in_dialog_speaks_chinese(chinese_window):
    window, _job = chinese_window
    dialog = window.make_check_in_dialog()
    try:
        assert dialog.windowTitle() == "受理登记"
        assert dialog.save_button.text() == "受理并打印受理单"
        assert all_chinese(dialog.verdict_label.text()), dialog.verdict_label.text()
        for line in dialog.reasons_label.text().splitlines():
            assert all_chinese(line), line
        assert "首次响应时限" in dialog.dates_label.text()
    finally:
        dialog.close()


def test_the_intake_receipt_prints_in_chinese(chinese_window):
    window, job = chinese_window
    pdf = window.receipt_pdf(job)
    text = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    for label in ("售后服务受理单", "受理时间", "购买凭证", "保修卡", "维修完成期限", "服务条款"):
        assert label in text
    assert "Service intake receipt" not in text
    assert "warranty" not in text.lower()


def test_the_return_receipt_prints_in_chinese(chinese_window):
    window, _job = chinese_window
    services: Services = window.test_services
    manager = actor(services)
    assert manager is not None
    returned = services.jobs.check_in(
        check_in_form(purchase_date=date(2026, 11, 22), service_requested=ServiceKind.RETURN),
        manager,
    )
    services.handback.start_inspection(returned.id, manager)
    refunded = services.handback.approve_refund(returned.id, manager, 599_900)
    pdf = window.receipt_pdf(refunded, "return")
    text = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    for label in ("售后服务取件单", "七天无理由退货", "退款金额", "¥5999.00", "客户签名"):
        assert label in text
    assert "Return receipt" not in text and "Refund" not in text
