"""The message boxes: each helper shows the right kind of box, and confirm() reads the answer."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.ui import prompts


@pytest.mark.parametrize(
    ("helper", "box"),
    [("error", "critical"), ("warning", "warning"), ("info", "information")],
)
def test_each_helper_shows_its_kind_of_box(qapp, monkeypatch, helper, box):
    shown: list[tuple[object, str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        box,
        staticmethod(lambda parent, title, text: shown.append((parent, title, text))),
    )
    getattr(prompts, helper)(None, "Title", "Text")
    assert shown == [(None, "Title", "Text")]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(QMessageBox.StandardButton.Yes, True), (QMessageBox.StandardButton.No, False)],
)
def test_confirm_is_true_only_for_yes(qapp, monkeypatch, answer, expected):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda parent, title, text: answer))
    assert prompts.confirm(None, "Title", "Text") is expected


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
