"""With Chinese chosen, the consultation log, its two forms, the clocks tab and the summary
strip show no English word and no internal key: a log with a consultation in every state."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.domain.consultations import ConsultationForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category
from desktop_app.domain.vocabulary import ConsultationChannel
from desktop_app.services import Services
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import FAST_PASSWORDS, FakeClock, add_user, check_in_form
from tests.i18n.test_nothing_english import leftover_latin, model_texts, visible_texts
from tests.ui.driving import run_modal, wait_idle

TYPED = ("ZX20261125-00", "R20261126-0001", "MG100V11D", "KFR-35GW")


def test_the_consultation_log_is_all_chinese(qtbot, zh_cn, database, tmp_path):
    clock = FakeClock(datetime(2026, 11, 25, 9, 0))
    services = Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="t")
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    record = services.consultations.record
    record(
        ConsultationForm(
            ConsultationChannel.HOTLINE,
            "13912345678",
            "脱水响",
            "刘芳",
            Category.APPLIANCE,
            "美的",
            "MG100V11D",
        ),
        clerk,
    )
    record(
        ConsultationForm(ConsultationChannel.ONLINE, "13812345678", "保修几年", answer="一年"),
        clerk,
    )
    called = record(ConsultationForm(ConsultationChannel.IN_PERSON, "13712345678", "噪音"), clerk)
    services.consultations.call_back(called.id, "建议送修", clerk)
    converted = record(
        ConsultationForm(
            ConsultationChannel.HOTLINE, "13612345678", "不制冷", brand="美的", model="KFR-35GW"
        ),
        clerk,
    )
    clock.advance(days=1, hours=2)
    services.jobs.check_in(check_in_form(consultation_id=converted.id), clerk)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(services, clerk, settings, now=clock)
    qtbot.addWidget(window)
    wait_idle(qtbot)
    strip = [label.text() for label in window.summary_labels.values()]
    tabs = [window.clock_panel.tabs.tabText(i) for i in range(window.clock_panel.tabs.count())]
    assert "回电超时：1" in strip and "回电超时 (1)" in tabs
    assert window.consultations_action.text() == "咨询登记(&C)…"
    log = window.make_consultation_log()
    qtbot.addWidget(log)
    log.show()
    qtbot.waitUntil(lambda: log.model.rowCount() == 4)
    texts = visible_texts(log) + model_texts(log.model) + strip + tabs
    assert any("已转为工单 R" in text for text in texts)
    assert any("（已超时）" in text for text in texts)
    forms: list[str] = []

    def read_form(dialog) -> None:
        forms.extend(visible_texts(dialog))
        forms.extend(w.placeholderText() for w in dialog.findChildren(QPlainTextEdit))
        dialog.reject()

    run_modal(qtbot, log.new_button.click, read_form)
    log.select(log.model.rows()[-1].id)  # the oldest: waiting, overdue
    run_modal(qtbot, log.call_back_button.click, read_form)
    assert forms
    latin = {t: leftover_latin(t, TYPED) for t in texts + forms}
    assert {t: left for t, left in latin.items() if left} == {}
    log.close()
