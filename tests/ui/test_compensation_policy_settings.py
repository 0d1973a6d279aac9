"""The compensation policy in the Shop settings dialog: the manager edits what each missed promise
offers, saves, and reads it back; an amount or months beyond the rules is refused naming the
promise and the offer, with everything typed kept and nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QDoubleSpinBox, QSpinBox

import desktop_app
from desktop_app.domain.compensation import DEFAULT_POLICY, Offer
from desktop_app.domain.vocabulary import MissedPromise, OfferKind
from desktop_app.ui.dialogs.problems import INVALID_STYLE
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.resources import install_translator, text_translator
from tests.helpers import actor
from tests.ui.driving import run_modal, wait_idle


@pytest.fixture
def chinese(monkeypatch):
    app = QApplication.instance()
    here = Path(desktop_app.__file__).resolve().parent.parent / "resources"
    monkeypatch.setattr(
        "desktop_app.ui.resources.resource_path", lambda *parts: str(here.joinpath(*parts))
    )
    install_translator(app, "zh_CN")
    yield
    install_translator(app, "en")


@pytest.fixture
def manager_window(qtbot, services, ui_settings, clock) -> MainWindow:
    main = MainWindow(services, actor(services), ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot)
    return main


def _input(dialog: SettingsDialog, promise: MissedPromise, kind: OfferKind):
    return dialog.policy_editor.inputs[f"{promise.value}.{kind.value}"]


def test_the_dialog_starts_from_the_shops_policy(qtbot, services):
    dialog = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(dialog)
    voucher = _input(dialog, MissedPromise.REPAIR_LATE, OfferKind.VOUCHER)
    assert isinstance(voucher, QDoubleSpinBox) and voucher.value() == 20.0
    months = _input(dialog, MissedPromise.REPEAT_FAILURE, OfferKind.WARRANTY_EXTENSION)
    assert isinstance(months, QSpinBox) and months.value() == 3
    labour = _input(dialog, MissedPromise.REPEAT_FAILURE, OfferKind.WAIVE_LABOUR)
    assert isinstance(labour, QCheckBox) and labour.isChecked()
    assert not _input(dialog, MissedPromise.RESPONSE_LATE, OfferKind.LOAN_DEVICE).isChecked()
    for promise in MissedPromise:
        assert dialog.result_settings().compensation_policy.for_promise(
            promise
        ) == DEFAULT_POLICY.for_promise(promise)


def test_the_manager_edits_the_policy_saves_and_reads_it_back(qtbot, services, manager_window):
    def edit(dialog: SettingsDialog) -> None:
        dialog.tabs.setCurrentWidget(dialog.policy_editor)
        _input(dialog, MissedPromise.RESPONSE_LATE, OfferKind.VOUCHER).setValue(0)
        _input(dialog, MissedPromise.RESPONSE_LATE, OfferKind.DISCOUNT).setValue(15.5)
        _input(dialog, MissedPromise.REPAIR_LATE, OfferKind.WARRANTY_EXTENSION).setValue(1)
        _input(dialog, MissedPromise.REPEAT_FAILURE, OfferKind.WAIVE_LABOUR).setChecked(False)
        _input(dialog, MissedPromise.REPEAT_FAILURE, OfferKind.LOAN_DEVICE).setChecked(True)
        _input(dialog, MissedPromise.SHOP_AT_FAULT, OfferKind.VOUCHER).setValue(88)
        dialog.accept()

    run_modal(qtbot, manager_window.open_settings, edit)
    wait_idle(qtbot)
    policy = services.shop.settings().compensation_policy
    assert policy.for_promise(MissedPromise.RESPONSE_LATE) == (
        Offer(OfferKind.DISCOUNT, amount_cents=1550),
    )
    assert policy.for_promise(MissedPromise.REPAIR_LATE) == (
        Offer(OfferKind.VOUCHER, amount_cents=2000),
        Offer(OfferKind.WARRANTY_EXTENSION, months=1),
    )
    assert policy.for_promise(MissedPromise.REPEAT_FAILURE) == (
        Offer(OfferKind.WARRANTY_EXTENSION, months=3),
        Offer(OfferKind.LOAN_DEVICE),
    )
    assert policy.for_promise(MissedPromise.SHOP_AT_FAULT) == (
        Offer(OfferKind.VOUCHER, amount_cents=8800),
    )
    # Opened again: the saved policy is what it shows.
    again = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(again)
    assert _input(again, MissedPromise.RESPONSE_LATE, OfferKind.DISCOUNT).value() == 15.5
    assert _input(again, MissedPromise.RESPONSE_LATE, OfferKind.VOUCHER).value() == 0
    assert _input(again, MissedPromise.REPEAT_FAILURE, OfferKind.LOAN_DEVICE).isChecked()


def test_a_bad_amount_is_refused_naming_the_promise_and_keeps_what_was_typed(
    qtbot, services, manager_window
):
    seen: dict[str, object] = {}

    def edit(dialog: SettingsDialog) -> None:
        dialog.name.setText("新名字维修店")
        _input(dialog, MissedPromise.REPAIR_LATE, OfferKind.VOUCHER).setValue(150000)
        _input(dialog, MissedPromise.REPEAT_FAILURE, OfferKind.WARRANTY_EXTENSION).setValue(61)
        dialog.tabs.setCurrentIndex(0)  # the policy's tab is not the one in sight
        dialog.accept()
        qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.saving.active)
        seen["said"] = dialog.error_label.text()
        seen["tab"] = dialog.tabs.currentWidget() is dialog.policy_editor
        seen["marked"] = {
            name
            for name, widget in dialog.policy_editor.inputs.items()
            if widget.styleSheet() == INVALID_STYLE
        }
        seen["kept"] = (
            dialog.name.text(),
            _input(dialog, MissedPromise.REPAIR_LATE, OfferKind.VOUCHER).value(),
            _input(dialog, MissedPromise.REPEAT_FAILURE, OfferKind.WARRANTY_EXTENSION).value(),
        )
        # Corrected, it saves.
        _input(dialog, MissedPromise.REPAIR_LATE, OfferKind.VOUCHER).setValue(30)
        _input(dialog, MissedPromise.REPEAT_FAILURE, OfferKind.WARRANTY_EXTENSION).setValue(6)
        dialog.accept()

    before = services.shop.settings()
    run_modal(qtbot, manager_window.open_settings, edit)
    wait_idle(qtbot)
    said = str(seen["said"])
    assert "Compensation policy — Repair late, per working day beyond the 5 — Voucher" in said
    assert "the amount must be from 0.01 to 100000 yuan" in said
    assert "Compensation policy — Same fault again — Warranty extension" in said
    assert "the extension must be from 1 to 60 months" in said
    assert seen["tab"] is True
    assert seen["marked"] == {"repair_late.voucher", "repeat_failure.warranty_extension"}
    assert seen["kept"] == ("新名字维修店", 150000.0, 61)
    after = services.shop.settings()
    assert after.name == "新名字维修店"
    assert after.compensation_policy.for_promise(MissedPromise.REPAIR_LATE) == (
        Offer(OfferKind.VOUCHER, amount_cents=3000),
    )
    assert after.compensation_policy.for_promise(MissedPromise.REPEAT_FAILURE) == (
        Offer(OfferKind.WAIVE_LABOUR),
        Offer(OfferKind.WARRANTY_EXTENSION, months=6),
    )
    assert before.compensation_policy != after.compensation_policy


def test_nothing_offered_for_a_promise_is_a_policy_too(qtbot, services):
    dialog = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(dialog)
    _input(dialog, MissedPromise.SHOP_AT_FAULT, OfferKind.VOUCHER).setValue(0)
    saved = services.shop.save_settings(dialog.result_settings(), actor(services))
    assert saved.compensation_policy.for_promise(MissedPromise.SHOP_AT_FAULT) == ()
    assert saved.compensation_policy.for_promise(MissedPromise.RESPONSE_LATE) == (
        Offer(OfferKind.VOUCHER, amount_cents=2000),
    )


def test_the_policy_tab_reads_in_chinese(qtbot, services, chinese):
    dialog = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(1) == "补偿政策"
    assert dialog.policy_editor.row_labels[MissedPromise.RESPONSE_LATE].text().isascii() is False
    intro = dialog.policy_editor.intro.text()
    assert intro and not any("a" <= ch <= "z" for ch in intro.lower())
    dialog.policy_editor.inputs["repair_late.voucher"].setValue(150000)
    try:
        services.shop.save_settings(dialog.result_settings(), actor(services))
    except Exception as error:  # the service's refusal, shown as the window shows it
        dialog.failed(error)  # type: ignore[arg-type]
    said = dialog.error_label.text()
    assert "补偿政策" in said and "代金券" in said
    assert "compensation_policy" not in said
