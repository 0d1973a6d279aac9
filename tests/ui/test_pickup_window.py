"""Issue 16, pickup, from the window: the list of devices not collected shows the reminders; a
message copied from the job view lands on the clipboard and on the timeline; the delayed
message asks its new day; the settings' tab checks the templates; screenshots at 1366x768."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.messages import MessageChannel, MessageForm, MessageTemplate, templates_for
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.ui.dialogs.message_dialog import MessageDialog
from desktop_app.ui.dialogs.pickup_dialog import PickupDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.resources import install_translator, text_translator
from tests.helpers import FakeClock, actor, check_in_form
from tests.ui.driving import run_modal, wait_idle

SCREEN = (1366, 768)


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        yield
    finally:
        install_translator(qapp, "en")


def ready_days_ago(services: Services, clock: FakeClock, days: int, **form) -> int:
    """A repair ready `days` days before the clock's time (the clock is put back)."""
    now = clock.now
    clock.now = now - timedelta(days=days)
    try:
        manager = actor(services)
        job = services.jobs.check_in(check_in_form(**form), manager)
        services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
        services.jobs.mark_ready(job.id, manager, "已修好")
        return job.id
    finally:
        clock.now = now


def cells(dialog: PickupDialog, row: int = 0) -> list[str]:
    model = dialog.model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def open_list(qtbot, window: MainWindow) -> PickupDialog:
    dialog = PickupDialog(
        window._ready_services(), window.user, translate=text_translator(), after_days=7
    )
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)
    return dialog


def wait_composed(qtbot, message: MessageDialog) -> None:
    qtbot.waitUntil(
        lambda: message.copy_button.isEnabled() or message.error_label.isVisible(), timeout=10_000
    )
    assert not message.error_label.isVisible(), message.error_label.text()


def test_the_list_shows_the_reminder_sent_from_it(qtbot, window, services, clock):
    job_id = ready_days_ago(services, clock, 7)
    ready_days_ago(services, clock, 6, phone="13900001111")  # the day before: not listed
    dialog = open_list(qtbot, window)
    assert dialog.model.rowCount() == 1
    number, _ready, days, customer, phone, product, total, reminders, last = cells(dialog)
    assert (days, customer, phone, product, total) == (
        "7",
        "张伟",
        "138****5678",
        "华为 Mate 60 Pro",
        "0.00",
    )
    assert (reminders, last) == ("0", "—")
    assert not dialog.message_button.isEnabled()  # nothing chosen yet
    dialog.select(job_id)

    def sms(message: MessageDialog) -> None:
        wait_composed(qtbot, message)
        assert not message.new_date.isVisible()  # only the delayed message asks a day
        assert number in message.text.toPlainText()
        message.sms_button.click()
        qtbot.waitUntil(lambda: not message.isVisible(), timeout=10_000)

    run_modal(qtbot, dialog.message_button.click, sms)
    wait_idle(qtbot)
    assert cells(dialog)[7:] == ["1", clock.now.strftime("%Y-%m-%d %H:%M")]
    event = services.jobs.get(job_id).events[-1]
    assert (event.kind, event.payload["channel"], event.user_name) == (
        "customer_messaged",
        "sms",
        "王晓红",
    )


def test_copying_from_the_job_view_records_the_event(qtbot, window, services, clock):
    job_id = ready_days_ago(services, clock, 1)
    QGuiApplication.clipboard().setText("")
    view = window.controller.make_dialog(services.jobs.get(job_id))
    qtbot.addWidget(view)
    view.show()
    wait_idle(qtbot)
    version = view.job.version
    assert view.message_button.isEnabled()
    seen: dict[str, str] = {}

    def copy(message: MessageDialog) -> None:
        wait_composed(qtbot, message)
        assert message.template.count() == 1  # only "ready" fits a ready job
        seen["text"] = message.text.toPlainText()
        message.copy_button.click()
        qtbot.waitUntil(lambda: not message.isVisible(), timeout=10_000)

    run_modal(qtbot, view.message_button.click, copy)
    wait_idle(qtbot)
    assert QGuiApplication.clipboard().text() == seen["text"]
    assert "【" in seen["text"] and "取件" in seen["text"]  # the Chinese default
    last = view.job.events[-1]
    assert (last.kind, last.payload["channel"], last.payload["text"]) == (
        "customer_messaged",
        "copied",
        seen["text"],
    )
    assert view.job.version == version  # a look: another counter's view stays valid
    timeline = view.timeline
    top = timeline.topLevelItem(timeline.topLevelItemCount() - 1)
    texts = " ".join(top.text(c) for c in range(timeline.columnCount()))
    assert "Message to the customer" in texts or seen["text"] in texts


def test_the_delayed_message_asks_its_new_day(qtbot, window, services, clock):
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
    message = MessageDialog(
        services,
        window.user,
        job_id=job.id,
        job_number=job.number,
        customer="张伟 138****5678",
        templates=templates_for(job.status),
        translate=text_translator(),
        today=clock.now.date(),
    )
    qtbot.addWidget(message)
    message.show()
    wait_composed(qtbot, message)
    message.template.setCurrentIndex(message.template.findText("Repair delayed"))
    assert message.new_date.isVisible()
    # Not before today: the picker does not go back, and the service refuses it anyway.
    message.new_date.setDate(QDate(clock.now.date() - timedelta(days=3)))
    assert message.new_date.date().toPython() == clock.now.date()
    later = clock.now.date() + timedelta(days=4)
    message.new_date.setDate(QDate(later))
    qtbot.waitUntil(lambda: later.isoformat() in message.text.toPlainText(), timeout=10_000)
    wait_composed(qtbot, message)
    message.wechat_button.click()
    qtbot.waitUntil(lambda: message.sent is not None, timeout=10_000)
    event = services.jobs.get(job.id).events[-1]
    assert event.payload["new_date"] == later.isoformat()
    assert event.payload["message"] == "delayed"


def test_the_settings_tab_checks_the_templates(qtbot, services):
    dialog = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.messages_editor
    assert editor.after_days.value() == 7
    editor.after_days.setValue(0)
    assert dialog.result_settings().pickup_after_days == 1  # the spin box holds the limit
    editor.texts[next(iter(editor.texts))].setPlainText("{customer} {custmer}")
    editor.after_days.setValue(10)

    def submit(settings) -> None:
        try:
            services.shop.save_settings(settings, actor(services))
        except InvalidInput as error:
            dialog.failed(error)
        else:
            dialog.succeeded()

    dialog.set_submit(submit)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "{custmer}" in dialog.error_label.text()
    assert "Product received" in dialog.error_label.text()
    assert dialog.tabs.currentWidget() is editor
    assert editor.texts[next(iter(editor.texts))].styleSheet()  # marked
    assert editor.texts[next(iter(editor.texts))].toPlainText() == "{customer} {custmer}"
    assert services.shop.settings().pickup_after_days == 7  # nothing saved


def _screens(qtbot, window, services, clock, suffix: str) -> tuple[PickupDialog, MessageDialog]:
    first = ready_days_ago(services, clock, 12)
    ready_days_ago(services, clock, 9, customer_name="李娜", phone="13900001111")
    ready_days_ago(services, clock, 8, customer_name="王强", phone="13700002222")
    text = services.pickup.compose(first, MessageTemplate.READY, actor(services))
    services.pickup.record(
        first, MessageForm(MessageTemplate.READY, MessageChannel.SMS, text), actor(services)
    )
    dialog = open_list(qtbot, window)
    dialog.resize(*SCREEN)
    dialog.select(first)
    dialog.grab().save(f"/tmp/pickup_list_{suffix}.png")
    job = services.jobs.get(first)
    message = MessageDialog(
        services,
        window.user,
        job_id=first,
        job_number=job.number,
        customer="张伟 138****5678",
        templates=(MessageTemplate.READY,),
        translate=text_translator(),
    )
    qtbot.addWidget(message)
    message.show()
    wait_composed(qtbot, message)
    message.grab().save(f"/tmp/message_dialog_{suffix}.png")
    return dialog, message


def test_screens_in_english(qtbot, window, services, clock):
    dialog, message = _screens(qtbot, window, services, clock, "en")
    assert cells(dialog)[7] == "1"
    assert message.count_label.text().endswith("SMS")


def test_screens_and_menu_in_chinese(qtbot, window, services, clock, chinese):
    assert window.pickup_action in window.desk_menu.actions()
    assert not window.pickup_action.text().isascii()
    dialog, message = _screens(qtbot, window, services, clock, "zh")
    headers = [
        dialog.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(dialog.model.columnCount())
    ]
    assert all(h and not str(h).replace("(¥)", "").isascii() for h in headers)
    assert not dialog.windowTitle().isascii() and not message.copy_button.text().isascii()
