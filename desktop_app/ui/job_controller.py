"""Runs the job view: asks for an action's inputs, calls the service off the GUI thread, shows
the new snapshot.

What each action asks and calls is declared once, in `ui/operations/job_actions.py`; this module
only drives it: a dialog for the inputs (none for one-click actions), the call in the background
with the view's buttons disabled, then the new snapshot (or the error, with the form kept as
typed) back on the GUI thread. The main window and the clock panel share it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from desktop_app.domain.actions import JobAction
from desktop_app.domain.compensation import CompensationSnapshot, HandBackPreview
from desktop_app.domain.errors import ConcurrentChange, InvalidInput
from desktop_app.domain.parts import PartSnapshot
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot, UserSnapshot
from desktop_app.domain.text import Translator
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.services import Services
from desktop_app.services.changes import JOBS, Changes
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.compensation_dialog import decision_form
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.fitting import remember_size
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.operations.job_actions import (
    NEEDS_PREVIEW,
    NEEDS_STAFF,
    RETURN_RECEIPT_AFTER,
    ActionContext,
    NoInput,
    Step,
    step_for,
)
from desktop_app.ui.settings import UiSettings

log = logging.getLogger(__name__)

# The first job view is built this long after the window opens (not while it first paints).
SPARE_DELAY_MS = 1000


class JobController(QObject):
    """Emits job_changed(job_id) after every action that changed a job."""

    job_changed = Signal(int)
    complaint_requested = Signal(object)  # a JobSnapshot: a new complaint about this job

    def __init__(
        self,
        services: Services,
        user: Actor,
        shop: Callable[[], ShopSnapshot],
        translate: Translator,
        show_receipt: Callable[[JobSnapshot, str], None],
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
        *,
        calendar: Callable[[], WorkCalendar],
        settings: UiSettings | None = None,
    ) -> None:
        """With `settings` the job view and each action's form open at the size they were
        last left at."""
        super().__init__(parent)
        self._services = services
        self._user = user
        self._shop = shop
        self._translate = translate
        self._show_receipt = show_receipt
        self._now = now
        self._parent = parent
        self._calendar = calendar
        self._settings = settings
        self._open_jobs: set[int] = set()  # job views opening or open
        self._shown: list[JobDialog] = []  # the job views open, to catch up with other counters
        self.last_dialog: JobDialog | None = None
        self.last_decision_form: FormDialog | None = None
        self.last_part_picker: QDialog | None = None
        self.last_message_dialog: QWidget | None = None
        # The next job view, built while the counter is idle and holding no job yet, with what it
        # was built for (role, read-only, calendar): opening a job then only fills it and shows
        # it. Used once, for one job, and freed with it; nothing of one job reaches the next.
        self._spare: tuple[tuple[Role, bool, WorkCalendar], JobDialog] | None = None
        self._retired = False
        QTimer.singleShot(SPARE_DELAY_MS, self, self.prepare_spare)

    def set_user(self, user: Actor) -> None:
        """The same person signed in again (after a lock): their new sign-in acts from now on."""
        self._user = user

    # --- opening --------------------------------------------------------------------------------

    def open_id(self, job_id: int) -> None:
        """Read the job in the background, then open its view. A second request for a job
        whose view is opening or open (a double-click sends two) is ignored."""
        if job_id in self._open_jobs:
            return
        self._open_jobs.add(job_id)

        def failed(error: Exception) -> None:
            self._open_jobs.discard(job_id)
            self._report(self.tr("Cannot open the job"))(error)

        def loaded(job: JobSnapshot) -> None:
            try:
                # Another person took the counter while the job was read: not theirs to see.
                if not self._retired:
                    self.open(job)
            finally:
                self._open_jobs.discard(job_id)

        background.run(lambda: self._services.jobs.get(job_id), done=loaded, failed=failed)

    def open(self, job: JobSnapshot) -> JobDialog:
        """Show the job view until it is closed; then it is freed."""
        dialog = self.make_dialog(job)
        self.last_dialog = dialog
        self._open_jobs.add(job.id)
        self._shown.append(dialog)
        try:
            exec_dialog(dialog)
        finally:
            self._open_jobs.discard(job.id)
            self._shown.remove(dialog)
            dialog.deleteLater()
        return dialog

    def make_dialog(self, job: JobSnapshot) -> JobDialog:
        """The job view of `job`: the one built ahead if it still fits, else a new one."""
        dialog = self._take_spare() or self._build_dialog()
        dialog.set_job(job)
        if self._settings is not None:
            remember_size(dialog, self._settings)
        self.load_compensation(dialog)
        # Once this view is done with, the next one is built while the counter is idle.
        dialog.finished.connect(lambda _result: QTimer.singleShot(0, self, self.prepare_spare))
        return dialog

    @property
    def spare(self) -> JobDialog | None:
        """The job view built ahead, if one is ready (never shown, holding no job)."""
        return self._spare[1] if self._spare is not None and isValid(self._spare[1]) else None

    def prepare_spare(self) -> None:
        """Build the next job view now (none is shown; it holds no job), unless one that fits
        the signed-in person, the database and the calendar is ready."""
        if self._retired:
            return
        key = self._spare_key()
        if self._spare is not None:
            built_for, dialog = self._spare
            if isValid(dialog) and _same(built_for, key):
                return
            self._drop_spare()
        dialog = self._build_dialog()
        # What does not depend on the job is worked out now: the style of every widget. (Not its
        # layout: laid out empty, it kept sizes of the empty view the job's did not undo, and
        # opened wider than a view built for the job; tests/ui/test_job_view_ahead.py.)
        dialog.ensurePolished()
        self._spare = (key, dialog)

    def retire(self) -> None:
        """Another controller takes over (another person signed in): its view built ahead is
        freed, no other is built, and a job asked for before is not opened when it arrives."""
        self._retired = True
        self._drop_spare()

    def _take_spare(self) -> JobDialog | None:
        spare, self._spare = self._spare, None
        if spare is None:
            return None
        built_for, dialog = spare
        if isValid(dialog) and _same(built_for, self._spare_key()):
            return dialog
        if isValid(dialog):
            dialog.deleteLater()
        return None

    def _drop_spare(self) -> None:
        if self._spare is not None and isValid(self._spare[1]):
            self._spare[1].deleteLater()
        self._spare = None

    def _spare_key(self) -> tuple[Role, bool, WorkCalendar]:
        # the window's calendar, read when the settings last changed
        return self._user.role, self._services.read_only is not None, self._calendar()

    def _build_dialog(self) -> JobDialog:
        key = self._spare_key()
        dialog = JobDialog(
            None,
            role=key[0],
            read_only=key[1],
            calendar=key[2],
            translate=self._translate,
            now=self._now,
            parent=self._parent,
        )
        dialog.action_requested.connect(lambda action: self.perform(dialog, JobAction(action)))
        dialog.receipt_requested.connect(lambda kind: self._show_receipt(dialog.job, kind))
        dialog.phone_requested.connect(lambda: self.reveal_phone(dialog))
        dialog.complaint_requested.connect(lambda: self.complaint_requested.emit(dialog.job))
        dialog.decide_requested.connect(lambda chosen: self.decide_compensation(dialog, chosen))
        dialog.message_requested.connect(lambda: self.message_customer(dialog))
        return dialog

    # --- the job's compensation -----------------------------------------------------------------

    def load_compensation(self, dialog: JobDialog) -> None:
        """Read the job's compensations in the background and show them in its view."""
        job_id = dialog.job.id

        def shown(items: tuple[CompensationSnapshot, ...]) -> None:
            if dialog.job.id == job_id:
                dialog.set_compensations(items)

        background.run(
            lambda: self._services.compensation.for_job(job_id),
            done=shown,
            failed=self._report(self.tr("Cannot read the job's compensation")),
            owner=dialog,
        )

    def decide_compensation(self, dialog: JobDialog, compensation_id: int) -> None:
        """A manager decides the job's proposal in the same form as in the list of proposals;
        the view shows the job (its warranty, its events) and the decision once saved."""
        chosen = next((c for c in dialog.compensations if c.id == compensation_id), None)
        if chosen is None:
            return

        def after(saved: CompensationSnapshot | None) -> None:
            if isValid(dialog):
                self.reload(dialog)
            if saved is not None:
                self.job_changed.emit(dialog.job.id if isValid(dialog) else saved.job_id or 0)

        form = decision_form(dialog, self._services, self._user, chosen, self._translate, after)
        self.last_decision_form = form
        if self._settings is not None:
            remember_size(form, self._settings, "form_decide_compensation")
        try:
            exec_dialog(form)
        finally:
            form.deleteLater()

    def reveal_phone(self, dialog: JobDialog) -> None:
        """Record the look first; the number shows once it is on the record (never otherwise).

        Not a change of the job (its version stays), so the list is not read again."""
        dialog.set_busy(True)
        user = self._user

        def shown(job: JobSnapshot) -> None:
            if isValid(dialog):
                dialog.set_busy(False)
                dialog.show_phone(job)

        def failed(error: Exception) -> None:
            if isValid(dialog):
                dialog.set_busy(False)
            parent = dialog if isValid(dialog) else self._parent
            prompts.error(
                parent, self.tr("Cannot show the number"), failure_text(error, self._translate)
            )

        background.run(
            lambda: self._services.jobs.reveal_phone(dialog.job.id, user),
            done=shown,
            failed=failed,
            busy=lambda on: dialog.show_busy(on) if isValid(dialog) else None,
        )

    def message_customer(self, dialog: JobDialog) -> None:
        """The message dialog on the templates that fit the job; once a message is recorded the
        view reads the job again (its timeline shows it). Not a change of the job: the list
        is not read again."""
        from desktop_app.domain.messages import templates_for
        from desktop_app.domain.rules import mask_phone
        from desktop_app.ui.dialogs.message_dialog import MessageDialog

        job = dialog.job
        message = MessageDialog(
            self._services,
            self._user,
            job_id=job.id,
            job_number=job.number,
            customer=f"{job.customer.name} {mask_phone(job.customer.phone)}",
            templates=templates_for(job.status),
            translate=self._translate,
            today=self._now().date(),
            parent=dialog,
        )
        self.last_message_dialog = message
        if self._settings is not None:
            remember_size(message, self._settings)
        try:
            exec_dialog(message)
        finally:
            sent = message.sent
            message.deleteLater()
        if sent is not None and isValid(dialog):
            self.reload(dialog)

    # --- actions ----------------------------------------------------------------------------------

    def perform(self, dialog: JobDialog, action: JobAction) -> None:
        """Ask for the action's inputs (if any) and run it; the view updates when it is saved.

        An action that offers staff to choose from (assignment) reads them first, in the
        background, so the choice is never built from a stale or empty list."""
        if action is JobAction.ADD_PART:
            self._pick_part(dialog)
            return
        if action not in NEEDS_STAFF and action not in NEEDS_PREVIEW:
            self._ask(dialog, action, ())
            return
        dialog.set_busy(True)
        job_id = dialog.job.id

        def read() -> tuple[list[UserSnapshot], HandBackPreview | None]:
            staff = self._services.users.list() if action in NEEDS_STAFF else []
            preview = (
                self._services.compensation.missed_for(job_id) if action in NEEDS_PREVIEW else None
            )
            return staff, preview

        def loaded(found: tuple[list[UserSnapshot], HandBackPreview | None]) -> None:
            if isValid(dialog):
                dialog.set_busy(False)
                self._ask(dialog, action, tuple(found[0]), found[1])

        def failed(error: Exception) -> None:
            if isValid(dialog):
                dialog.set_busy(False)
            self._report(self.tr("Cannot open the job"))(error)

        background.run(read, done=loaded, failed=failed)

    def _pick_part(self, dialog: JobDialog) -> None:
        """Add part: pick from the catalogue first (parts fitting the product's model listed
        first), or choose a part not in it; then the line's inputs."""
        from desktop_app.ui.dialogs.part_pick_dialog import PartPickDialog

        parts, model = self._services.parts, dialog.job.product.model
        picker = PartPickDialog(
            model,
            lambda search: parts.for_model(model, search),
            translate=self._translate,
            parent=dialog,
        )
        self.last_part_picker = picker
        try:
            if not exec_dialog(picker) or not isValid(dialog):
                return
            part = picker.part
        finally:
            picker.deleteLater()
        self._ask(dialog, JobAction.ADD_PART, (), None, part)

    def _ask(
        self,
        dialog: JobDialog,
        action: JobAction,
        staff: tuple[UserSnapshot, ...],
        preview: HandBackPreview | None = None,
        part: PartSnapshot | None = None,
    ) -> None:
        step = step_for(action, ActionContext(dialog.job, self._user, staff, preview, part))
        if not step.fields:  # one-click actions
            self._submit(dialog, action, step, NoInput(), None)
            return
        form = FormDialog(
            step.title,
            step.fields,
            validate=_validator(step),
            submit=lambda values: self._submit(dialog, action, step, step.read(values), form),
            translate=self._translate,
            parent=dialog,
        )
        if self._settings is not None:
            remember_size(form, self._settings, "form_" + action.name.lower())
        try:
            exec_dialog(form)
        finally:
            form.deleteLater()

    def _submit(
        self,
        dialog: JobDialog,
        action: JobAction,
        step: Step[Any],
        typed: object,
        form: FormDialog | None,
    ) -> None:
        dialog.set_busy(True)

        def done(updated: JobSnapshot) -> None:
            # The job view may have been closed (and freed) while this was saved; the list
            # must learn of the change all the same.
            if isValid(dialog):
                dialog.set_busy(False)
                dialog.set_job(updated)
                self.load_compensation(dialog)  # a hand-back may have proposed one
            if form is not None and isValid(form):
                form.succeeded()
            self.job_changed.emit(updated.id)
            if action in RETURN_RECEIPT_AFTER:
                self._show_receipt(updated, "return")

        def failed(error: Exception) -> None:
            alive = isValid(dialog)
            form_alive = form is not None and isValid(form)
            if isinstance(error, InvalidInput) and form_alive:
                dialog.set_busy(False) if alive else None
                form.failed(error)  # type: ignore[union-attr]
                return
            if form_alive:
                form.failed()  # type: ignore[union-attr]
            parent = form if form_alive else (dialog if alive else self._parent)
            prompts.error(parent, step.title, failure_text(error, self._translate))
            if not alive:
                return
            if isinstance(error, ConcurrentChange):
                # The view was stale: its inputs were built from it. Show the job as it is now;
                # the buttons stay disabled until it is shown.
                if form_alive:
                    form.reject()  # type: ignore[union-attr]
                self.reload(dialog, changed_elsewhere=True)
            else:
                dialog.set_busy(False)

        def busy(on: bool) -> None:
            if isValid(dialog):
                dialog.show_busy(on)
            if form is not None and isValid(form):
                form.show_busy(on)

        background.run(
            lambda: step.call(self._services, typed), done=done, failed=failed, busy=busy
        )

    def reload(self, dialog: JobDialog, *, changed_elsewhere: bool = False) -> None:
        """Show the job as it is in the database now (after another counter changed it: then
        the view says who changed it and when)."""
        dialog.set_busy(True)
        job_id = dialog.job.id

        def read() -> tuple[JobSnapshot, tuple[CompensationSnapshot, ...]]:
            return self._services.jobs.get(job_id), self._services.compensation.for_job(job_id)

        def shown(found: tuple[JobSnapshot, tuple[CompensationSnapshot, ...]]) -> None:
            dialog.set_busy(False)
            if changed_elsewhere:
                dialog.show_changed_elsewhere(found[0])
            else:
                dialog.set_job(found[0])
            dialog.set_compensations(found[1])

        def failed(error: Exception) -> None:
            dialog.set_busy(False)
            self._report(self.tr("Cannot open the job"))(error)

        background.run(
            read,
            done=shown,
            failed=failed,
            owner=dialog,
        )

    def changed_elsewhere(self, changes: Changes) -> None:
        """Other counters changed jobs (ui/live.py): each open view of one of them reads its job
        again, and shows it with a notice if its version moved on. A view saving an action is
        left alone: the action's answer shows the job (or its refusal names the change)."""
        for dialog in list(self._shown):
            if isValid(dialog) and not dialog.busy and changes.may_touch(JOBS, dialog.job.id):
                self._catch_up(dialog)

    def _catch_up(self, dialog: JobDialog) -> None:
        job_id = dialog.job.id

        def read() -> tuple[JobSnapshot, tuple[CompensationSnapshot, ...]]:
            return self._services.jobs.get(job_id), self._services.compensation.for_job(job_id)

        def shown(found: tuple[JobSnapshot, tuple[CompensationSnapshot, ...]]) -> None:
            job, compensations = found
            if dialog.busy or dialog.job.id != job_id or job.version <= dialog.job.version:
                return  # its own action's answer, or nothing new
            dialog.show_changed_elsewhere(job)
            dialog.set_compensations(compensations)

        background.run(
            read,
            done=shown,
            # The view keeps what it shows; the next change, or an action, tries again.
            failed=lambda error: log.info("cannot catch up with job %s: %s", job_id, error),
            owner=dialog,
            lane=background.Lane.REFRESH,
        )

    def _report(self, title: str) -> Callable[[Exception], None]:
        def show(error: Exception) -> None:
            prompts.error(self._parent, title, failure_text(error, self._translate))

        return show


def _validator(step: Step[Any]) -> Callable[[dict[str, Any]], None] | None:
    check = step.validate
    if check is None:
        return None
    return lambda values: check(step.read(values))


def _same(built_for: tuple[Role, bool, WorkCalendar], now: tuple[Role, bool, WorkCalendar]) -> bool:
    """A view built ahead still fits: the same role and database, the same calendar object."""
    return built_for[0] is now[0] and built_for[1] == now[1] and built_for[2] is now[2]
