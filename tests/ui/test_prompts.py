"""The message boxes: each helper shows the right kind of box, and confirm() reads the answer."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.ui import prompts
from tests.ui.driving import run_modal


@pytest.mark.parametrize(
    ("helper", "icon"),
    [
        ("error", QMessageBox.Icon.Critical),
        ("warning", QMessageBox.Icon.Warning),
        ("info", QMessageBox.Icon.Information),
    ],
)
def test_each_helper_shows_its_kind_of_box(qtbot, helper, icon):
    seen: list[tuple[object, str, str]] = []

    def look(box: QMessageBox) -> None:
        seen.append((box.icon(), box.windowTitle(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()

    run_modal(qtbot, lambda: getattr(prompts, helper)(None, "Title", "Text"), look)
    assert seen == [(icon, "Title", "Text")]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(QMessageBox.StandardButton.Yes, True), (QMessageBox.StandardButton.No, False)],
)
def test_confirm_is_true_only_for_yes(qtbot, answer, expected):
    answers: list[bool] = []

    def click(box: QMessageBox) -> None:
        assert box.icon() is QMessageBox.Icon.Question
        box.button(answer).click()

    run_modal(qtbot, lambda: answers.append(prompts.confirm(None, "Title", "Text")), click)
    assert answers == [expected]


def test_no_box_opens_while_quiet(qapp):
    with prompts.quiet():
        prompts.error(None, "Title", "Text")  # returns at once: nothing to click
        assert prompts.confirm(None, "Title", "Text") is False


def test_an_uncaught_error_is_logged_and_told_without_its_traceback(monkeypatch, caplog):
    import sys

    from desktop_app.ui import prompts

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    prompts.install_error_hook(None)
    try:
        raise ZeroDivisionError("internal detail")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    _title, text = shown[0]
    assert (
        "ZeroDivisionError" not in text
        and "internal detail" not in text
        and "Traceback" not in text
    )
    assert any("internal detail" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_an_uncaught_error_after_its_dialog_was_replaced_is_still_told(qtbot, monkeypatch):
    """Installed over the sign-in, which a first-password dialog may replace: the message then
    has no parent rather than a deleted one."""
    import sys

    from PySide6.QtWidgets import QDialog
    from shiboken6 import delete

    from desktop_app.ui import prompts

    parents: list[object] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: parents.append(parent))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    sign_in = QDialog()
    prompts.install_error_hook(sign_in)
    delete(sign_in)  # replaced and freed
    try:
        raise ZeroDivisionError("internal detail")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert parents == [None]
