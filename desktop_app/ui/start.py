"""The dialogs before the counter opens, each saving through the sign-in service in the
background: the first start's setup, a database's first manager password, signing in, and the
new password a person owes after a manager set theirs.

Each `ask_*` shows its dialog (non-blocking) and calls `then(actor)` once it has done its job, or
`then(None)` when the person cancels; app.py chains them, and the lock screen uses the last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.people import Actor, SetupForm
from desktop_app.domain.snapshots import ShopSnapshot, UserSnapshot
from desktop_app.domain.text import Translator
from desktop_app.ui import background
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.password_dialogs import (
    ChangePasswordDialog,
    ManagerPasswordDialog,
    NewPassword,
    _PasswordDialog,
)
from desktop_app.ui.dialogs.setup_dialog import SetupDialog

if TYPE_CHECKING:
    from desktop_app.services import Services

Then = Callable[[Actor | None], None]


def _saving(
    dialog: SetupDialog | _PasswordDialog,
    call: Callable[[], Actor],
    translate: Translator,
    then: Then,
) -> None:
    def done(actor: Actor) -> None:
        dialog.succeeded()
        then(actor)

    def failed(error: Exception) -> None:
        if isinstance(error, InvalidInput):
            dialog.failed(error)
        else:
            dialog.show_refusal(failure_text(error, translate))

    background.run(call, done=done, failed=failed, busy=dialog.show_busy, sign_in=True)


def _cancelled_means_none(dialog: SetupDialog | _PasswordDialog, then: Then) -> None:
    dialog.rejected.connect(lambda: then(None))


def ask_setup(
    services: Services, shop: ShopSnapshot, translate: Translator, then: Then
) -> SetupDialog:
    """A new database: the shop and its first manager, who is then signed in."""
    dialog = SetupDialog(shop, translate=translate)

    def submit(form: SetupForm) -> None:
        _saving(dialog, lambda: services.auth.set_up(form), translate, then)

    dialog.set_submit(submit)
    _cancelled_means_none(dialog, then)
    dialog.show()
    return dialog


def ask_manager_password(
    services: Services, managers: Sequence[UserSnapshot], translate: Translator, then: Then
) -> ManagerPasswordDialog:
    """A database made before sign-in: its manager chooses a password, and is signed in."""
    dialog = ManagerPasswordDialog(managers, translate=translate)

    def submit(typed: NewPassword) -> None:
        call = lambda: services.auth.set_manager_password(  # noqa: E731
            typed.username, typed.password, typed.again
        )
        _saving(dialog, call, translate, then)

    dialog.set_submit(submit)
    _cancelled_means_none(dialog, then)
    dialog.show()
    return dialog


def ask_new_password(
    services: Services,
    actor: Actor,
    translate: Translator,
    parent: QWidget | None,
    then: Then,
) -> ChangePasswordDialog:
    """`actor` signed in with a password a manager set: they choose their own before anything
    else (then(the actor who may act)), or cancel (then(None))."""
    dialog = ChangePasswordDialog(actor, translate=translate, parent=parent)

    def submit(typed: NewPassword) -> None:
        call = lambda: services.auth.change_password(  # noqa: E731
            actor, typed.current, typed.password, typed.again
        )
        _saving(dialog, call, translate, then)

    dialog.set_submit(submit)
    _cancelled_means_none(dialog, then)
    dialog.open()
    return dialog
