"""Service-job use cases: one public method per user action, one transaction each.

Each method validates first, asks the domain for verdicts and dates, writes the job and an event
row in the same transaction, and returns a frozen snapshot. An exception anywhere rolls the whole
action back: the database is left as it was.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import (
    Customer,
    Job,
    JobLine,
    JobNumberCounter,
    Product,
    ShopSettings,
    User,
)
from desktop_app.domain import events
from desktop_app.domain.actions import STATUS_ACTIONS, JobAction
from desktop_app.domain.check_in import (
    CheckInPreview,
    RepeatCheck,
    job_in_shop,
    preview_check_in,
    serial_in_shop_problems,
)
from desktop_app.domain.errors import (
    FieldProblem,
    InvalidInput,
    NotFound,
    NotPermitted,
    RuleRefusal,
)
from desktop_app.domain.forms import (
    CheckInForm,
    ClockList,
    JobQuery,
    job_number,
    job_number_day,
    validate_check_in,
    visit_address_of,
)
from desktop_app.domain.limits import (
    LINE_DESCRIPTION,
    LONG_TEXT,
    PART_MODEL,
    check_texts,
    is_blank,
    is_lookup_text,
    text_problems,
)
from desktop_app.domain.money import yuan
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.parts import PartSnapshot, model_reason_problem
from desktop_app.domain.people import Actor
from desktop_app.domain.repair_warranty import repeat_candidate
from desktop_app.domain.roles import Action, Role, may, require
from desktop_app.domain.rules import Coverage, ServiceKind, validate_mobile
from desktop_app.domain.snapshots import DueSummary, JobPage, JobRow, JobSnapshot, PageCursor
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import COVERAGE_LABELS, EventKind, LineKind, Outcome
from desktop_app.domain.workflow import STATUS_LABELS, Status
from desktop_app.services import consultations, parts, quotations
from desktop_app.services.common import (
    Clock,
    find_or_add_customer,
    finish,
    get_user,
    is_row_id,
    load_for,
    load_job,
    read_job,
    record_event,
    record_look,
    required_text,
    transition,
)
from desktop_app.services.common import local_now as local_now
from desktop_app.services.payments import record_deposit
from desktop_app.services.signins import SignIns

log = logging.getLogger(__name__)

LINE_KINDS: tuple[str, ...] = tuple(LineKind)
# Statuses reached only through their own action, because they need more than a note.
DEDICATED_ACTIONS: dict[Status, str] = {
    Status.READY_FOR_PICKUP: JobAction.MARK_READY.value,
    Status.RETURNED: JobAction.HAND_BACK.value,
    Status.REFUNDED: JobAction.APPROVE_REFUND.value,
    Status.EXCHANGED: JobAction.APPROVE_EXCHANGE.value,
    Status.RECEIVED: N_("check in"),
}
MAX_LINE_CENTS = 100_000_000
MAX_QUANTITY = 999  # the dialog's own limit  # one million yuan: anything above is a typo


class JobService:
    def __init__(
        self,
        database: Database,
        clock: Clock = local_now,
        calendars: NationalCalendars = PACKAGE_CALENDARS,
        signins: SignIns | None = None,
    ) -> None:
        self._db = database
        self._signins = signins or SignIns("")
        self._clock = clock
        self._calendars = calendars  # the national calendars app.py loaded (see WorkCalendar)

    # --- writing ------------------------------------------------------------------------------

    def check_in(self, form: CheckInForm, actor: Actor) -> JobSnapshot:
        now = self._clock()
        phone, _claim = validate_check_in(form, now.date(), now)
        # Every statement of a check-in is a lookup by serial, phone or id, or an INSERT: one
        # plan fits any values, so they are prepared (data/db.py).
        return self._db.prepared_or_not(
            lambda prepared: self._check_in(form, actor, phone, now, prepared)
        )

    def _check_in(
        self, form: CheckInForm, actor: Actor, phone: str, now: datetime, prepared: bool
    ) -> JobSnapshot:
        with self._db.write(prepared=prepared) as session:
            user = self._signins.user(session, actor, Action.CHECK_IN)
            if form.manager_override_reason:
                require(Role(user.role), Action.OVERRIDE_DOCUMENTS)
            technician: User | None = None
            if form.technician_id is not None:
                # Naming who goes is part of booking the visit (a clerk books it).
                require(Role(user.role), Action.SCHEDULE_VISIT)
                technician = technician_for(session, form.technician_id)
            # Read in this transaction, under the write lock (SQLite) or the serial's lock
            # (PostgreSQL), so two counters cannot both take in the same serial.
            queries.hold_serial(session, form.serial)
            in_shop = queries.open_jobs_for_serial(session, form.serial)
            if serial_problems := serial_in_shop_problems(form, in_shop):
                raise InvalidInput(serial_problems)
            # The consultation this check-in converts: refused before anything is written if
            # unknown or already a job; held (locked) until the job links it.
            consultation = (
                consultations.take_for_check_in(session, form.consultation_id)
                if form.consultation_id is not None
                else None
            )
            open_job = job_in_shop(in_shop)
            if open_job is not None:
                require(Role(user.role), Action.CHECK_IN_SERIAL_IN_SHOP)
            # The same preview the check-in dialog showed while the clerk typed. The shop's
            # settings row is held for the transaction: the calendar and the repeat check both
            # read it from the session then, not twice from the server.
            _settings = session.get(ShopSettings, 1)
            calendar = queries.work_calendar(session, self._calendars)
            extended = queries.extended_warranty_end(session, form.serial)
            repeat = _repeat_check(session, form.serial, now)
            preview = preview_check_in(form, now, calendar, extended, repeat)
            if preview.verdict is None:
                raise InvalidInput(list(preview.problems))
            verdict = preview.verdict
            if form.deposit is not None and verdict.coverage is not Coverage.PAID:
                raise InvalidInput.single(
                    "deposit_amount", N_("a deposit is only taken for a paid repair")
                )
            # The number first: the day's counter row, held to the commit, puts two check-ins
            # one after the other before either writes its customer. (A returning customer's
            # address written first, the other counter's new job, holding the counter, would
            # wait for that customer's row, read FOR SHARE on PostgreSQL to take the phone, while
            # this one waited for the counter: a deadlock.)
            number = _next_job_number(session, now)
            customer = find_or_add_customer(
                session, form.customer_name.strip(), phone, now, form.address.strip()
            )
            product = _new_product(form, customer.id)
            session.add(product)
            session.flush()
            job = _new_job(form, number, customer, product, preview, now, user, technician)
            if (form.repeat_of or "").strip() and verdict.coverage is not Coverage.RETURN_EXCHANGE:
                assert repeat.candidate is not None  # preview_check_in refused any other
                job.repeat_of = repeat.candidate.number
            session.add(job)
            session.flush()
            record_event(
                session,
                job,
                user,
                EventKind.CHECKED_IN,
                now,
                None,
                Status.RECEIVED,
                payload=events.checked_in(
                    verdict.coverage,
                    verdict.reasons,
                    serial_in_shop=open_job.number if open_job is not None else None,
                    serial_override_reason=(form.serial_override_reason or "").strip(),
                    repeat_of=job.repeat_of or None,
                ),
                new_job=True,  # checked in at `now`: its last event's time already
            )
            if consultation is not None:
                consultations.mark_converted(session, consultation, job, now)
            _record_booking(session, job, user, technician, now)
            if form.deposit is not None:
                # In the same transaction: the job and its deposit are written together or not
                # at all.
                record_deposit(session, job, user, self._signins.workstation, form.deposit, now)
            return finish(session, job)

    def record_first_response(
        self, job_id: int, actor: Actor, note: str, expected_version: int | None = None
    ) -> JobSnapshot:
        """The customer was contacted or offered a solution: stops the 24-hour clock."""
        note = required_text(note, N_("how the customer was contacted or what was offered"))
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.RECORD_RESPONSE, expected_version
            )
            now = self._clock()
            if job.first_response_at is not None:
                raise RuleRefusal(
                    N_("the first response was already recorded at {at}"), at=job.first_response_at
                )
            job.first_response_at = now
            record_event(session, job, user, EventKind.FIRST_RESPONSE, now, None, None, note)
            return self._finish(session, job)

    def change_status(
        self,
        job_id: int,
        target: Status,
        actor: Actor,
        note: str = "",
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """Move a job along its path. Steps that need more than a note have their own action."""
        if not isinstance(target, Status):
            raise InvalidInput.single("status", N_("must be one of the choices offered"))
        dedicated = DEDICATED_ACTIONS.get(target)
        if dedicated is not None:
            raise RuleRefusal(
                N_("use “{action}” to make a job {target}"),
                action=dedicated,
                target=STATUS_LABELS[target],
            )
        action = STATUS_ACTIONS[target]
        check_texts(("note", note, LONG_TEXT))
        if target is Status.CANCELLED and is_blank(note):
            raise InvalidInput.single("note", N_("a reason is required to cancel a job"))
        with self._db.write() as session:
            job, user = load_for(session, self._signins, job_id, actor, action, expected_version)
            transition(session, job, user, target, note, self._clock())
            return self._finish(session, job)

    def mark_ready(
        self,
        job_id: int,
        actor: Actor,
        work_done: str,
        note: str = "",
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """The repair is done and tested: the 5-working-day clock stops here."""
        work_done = required_text(work_done, N_("what was done"), field="work_done")
        check_texts(("note", note, LONG_TEXT))
        return self._finish_bench(
            job_id, actor, Outcome.REPAIRED, work_done, note, expected_version
        )

    def cannot_repair(
        self, job_id: int, actor: Actor, reason: str, expected_version: int | None = None
    ) -> JobSnapshot:
        """The product goes back unrepaired; the reason is on the record and the receipt."""
        reason = required_text(reason, N_("why it cannot be repaired"), field="reason")
        return self._finish_bench(
            job_id, actor, Outcome.CANNOT_REPAIR, reason, reason, expected_version
        )

    def _finish_bench(
        self,
        job_id: int,
        actor: Actor,
        outcome: Outcome,
        work_done: str,
        note: str,
        expected_version: int | None,
    ) -> JobSnapshot:
        with self._db.write() as session:
            action = (
                JobAction.CANNOT_REPAIR
                if outcome is Outcome.CANNOT_REPAIR
                else JobAction.MARK_READY
            )
            job, user = load_for(session, self._signins, job_id, actor, action, expected_version)
            job.outcome = outcome.value
            job.work_done = work_done
            transition(
                session,
                job,
                user,
                Status.READY_FOR_PICKUP,
                note or work_done,
                self._clock(),
                events.outcome(outcome),
            )
            return self._finish(session, job)

    def cancel(
        self, job_id: int, actor: Actor, reason: str, expected_version: int | None = None
    ) -> JobSnapshot:
        reason = required_text(reason, N_("a reason to cancel the job"), field="note")
        return self.change_status(job_id, Status.CANCELLED, actor, reason, expected_version)

    def record_diagnosis(
        self, job_id: int, actor: Actor, diagnosis: str, expected_version: int | None = None
    ) -> JobSnapshot:
        diagnosis = required_text(diagnosis, N_("the diagnosis"), field="diagnosis")
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.RECORD_DIAGNOSIS, expected_version
            )
            now = self._clock()
            job.diagnosis = diagnosis
            if job.first_response_at is None:
                job.first_response_at = now
            record_event(session, job, user, EventKind.DIAGNOSIS, now, None, None, diagnosis)
            return self._finish(session, job)

    def mark_not_quality_problem(
        self, job_id: int, actor: Actor, reason: str, expected_version: int | None = None
    ) -> JobSnapshot:
        """Misuse, liquid, a drop: the technician's finding turns a warranty job into a paid one."""
        reason = required_text(reason, N_("why the fault is not a quality problem"), field="reason")
        with self._db.write() as session:
            job, user = load_for(
                session,
                self._signins,
                job_id,
                actor,
                JobAction.NOT_QUALITY_PROBLEM,
                expected_version,
            )
            if job.coverage != Coverage.WARRANTY.value:
                raise RuleRefusal(
                    N_(
                        "only a free warranty repair can be turned into a paid one; this job is {c}"
                    ),
                    c=COVERAGE_LABELS[Coverage(job.coverage)],
                )
            now = self._clock()
            job.coverage = Coverage.PAID.value
            job.not_quality_reason = reason
            for line in session.scalars(
                select(JobLine).where(JobLine.job_id == job.id, JobLine.removed_at.is_(None))
            ):
                line.charged_cents = line.quantity * line.unit_price_cents
            record_event(session, job, user, EventKind.NOT_QUALITY_PROBLEM, now, None, None, reason)
            return self._finish(session, job)

    def add_line(
        self,
        job_id: int,
        actor: Actor,
        *,
        kind: str,
        description: str,
        quantity: int,
        unit_price_cents: int,
        part_model: str = "",
        expected_version: int | None = None,
        part_id: int | None = None,
        model_reason: str = "",
    ) -> JobSnapshot:
        """A part or labour line. With `part_id`, a catalogue part: taken from stock in this same
        transaction (refused when the shelf holds fewer), at the catalogue's price unless the
        role may change it, and with a written reason when the part does not list the job's
        product model (the agreement's same-model parts)."""
        _validate_line(kind, description, quantity, unit_price_cents, part_model)
        check_texts(("model_reason", model_reason, LONG_TEXT))
        if part_id is not None and kind != LineKind.PART.value:
            raise InvalidInput.single("kind", N_("only a part comes from the parts catalogue"))
        with self._db.write() as session:
            action = JobAction.ADD_PART if kind == "part" else JobAction.ADD_LABOUR
            job, user = load_for(session, self._signins, job_id, actor, action, expected_version)
            now = self._clock()
            matching = quotations.matching_quotation(session, job)
            free = job.coverage != Coverage.PAID.value
            taken: tuple[PartSnapshot, int] | None = None
            if part_id is not None:
                part = parts.part_for_line(session, part_id)
                problem = model_reason_problem(part, job.product.model, model_reason)
                if problem is not None:
                    raise InvalidInput([problem])
                if unit_price_cents != part.unit_price_cents and not may(
                    Role(user.role), Action.CHANGE_PART_PRICE
                ):
                    # Most often a pick dialog opened before a manager changed the price.
                    raise NotPermitted(
                        N_(
                            "part {number} costs {price} in the catalogue now: pick it again "
                            "(only a manager may charge another price)"
                        ),
                        number=Verbatim(part.part_number),
                        price=yuan(part.unit_price_cents),
                    )
                taken = part, parts.take(session, part, quantity, now)
            line = JobLine(
                job_id=job.id,
                kind=kind,
                description=description.strip(),
                part_model=part_model.strip(),
                quantity=quantity,
                unit_price_cents=unit_price_cents,
                charged_cents=0 if free else quantity * unit_price_cents,
                added_at=now,
                added_by_id=user.id,
                part_id=part_id,
                model_reason=model_reason.strip()
                if taken and not taken[0].fits(job.product.model)
                else "",
            )
            session.add(line)
            session.flush()
            facts = events.line_added(
                kind,
                line.description,
                quantity,
                unit_price_cents,
                free,
                part_number=taken[0].part_number if taken else "",
                stock_left=taken[1] if taken else None,
                model_reason=line.model_reason,
            )
            record_event(session, job, user, EventKind.LINE_ADDED, now, None, None, "", facts)
            quotations.record_if_stale(session, job, user, now, matching)
            return self._finish(session, job)

    def remove_line(
        self,
        job_id: int,
        line_id: int,
        actor: Actor,
        reason: str,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        reason = required_text(reason, N_("why the line is removed"), field="reason")
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.REMOVE_LINE, expected_version
            )
            line = session.get(JobLine, line_id) if is_row_id(line_id) else None
            if line is None or line.job_id != job.id or line.removed_at is not None:
                raise NotFound(N_("that line is not on job {number}"), number=job.number)
            now = self._clock()
            matching = quotations.matching_quotation(session, job)
            line.removed_at = now
            line.removed_by_id = user.id
            # A catalogue part goes back on the shelf in this same transaction.
            number, left = "", None
            if line.part_id is not None:
                number = parts.part_for_line(session, line.part_id).part_number
                left = parts.put_back(session, line.part_id, line.quantity, now)
            record_event(
                session,
                job,
                user,
                EventKind.LINE_REMOVED,
                now,
                None,
                None,
                reason,
                events.line_removed(
                    line.kind, line.description, part_number=number, stock_left=left
                ),
            )
            quotations.record_if_stale(session, job, user, now, matching)
            return self._finish(session, job)

    def assign(
        self,
        job_id: int,
        technician_id: int | None,
        actor: Actor,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.ASSIGN, expected_version
            )
            technician = (
                technician_for(session, technician_id) if technician_id is not None else None
            )
            name = technician.display_name if technician is not None else ""
            job.technician = technician
            now = self._clock()
            facts = events.assigned(technician_id, name or None)
            record_event(session, job, user, EventKind.ASSIGNED, now, None, None, "", facts)
            return self._finish(session, job)

    def reveal_phone(self, job_id: int, actor: Actor) -> JobSnapshot:
        """Someone needs to call the customer: the job view may show the whole number, and the
        record says who saw it, when.

        Seeing a number changes nothing about the job, so it is not a write to it: the version
        another counter's open view holds stays valid (its next action is not refused), and the
        last-event time stays (the job does not leave the "no news" list). Allowed in every
        status, closed jobs too (a complaint after hand-back needs a call as well)."""
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.REVEAL_PHONE)
            job = load_job(session, job_id)
            record_look(session, job, user, EventKind.PHONE_REVEALED, self._clock())
            return read_job(session, job.id)

    def reveal_phones(self, actor: Actor, job_ids: list[int]) -> None:
        """A manager lists full phone numbers (the command line's export): each job listed gets
        the same record as a look in the window, who and when, all in one transaction before
        anything is shown. Like `reveal_phone`, a look, not a change of the jobs."""
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.LIST_FULL_PHONES)
            now = self._clock()
            for job_id in job_ids:
                record_look(session, load_job(session, job_id), user, EventKind.PHONE_REVEALED, now)

    # --- reading ------------------------------------------------------------------------------

    def get(self, job_id: int) -> JobSnapshot:
        def read(prepared: bool) -> JobSnapshot:
            with self._db.read(prepared=prepared, one_moment=True) as session:
                return read_job(session, job_id)

        return self._db.prepared_or_not(read)

    def find_by_number(self, number: str) -> JobSnapshot | None:
        if not is_lookup_text(number):
            return None  # no job number holds a control character or is anything but text
        with self._db.read(one_moment=True) as session:
            job_id = session.scalar(select(Job.id).where(Job.number == number.strip().upper()))
            return read_job(session, job_id) if job_id is not None else None

    def search(self, query: JobQuery, after: PageCursor | None = None, limit: int = 100) -> JobPage:
        if query.matches_nothing:
            return JobPage((), None)
        with self._db.read() as session:
            return queries.list_jobs(
                session,
                query,
                now=self._clock(),
                calendars=self._calendars,
                after=after,
                limit=limit,
            )

    def summary(self) -> DueSummary:
        with self._db.read() as session:
            return queries.due_summary(session, now=self._clock())

    def clock_list(self, which: ClockList) -> tuple[JobRow, ...]:
        with self._db.read() as session:
            return queries.clock_list(session, which, now=self._clock(), calendars=self._calendars)

    def technician_queue(self, technician_id: int | None) -> tuple[JobRow, ...]:
        if technician_id is not None and not is_row_id(technician_id):
            return ()
        with self._db.read() as session:
            return queries.technician_queue(session, technician_id)

    def earlier_jobs_for_serial(self, serial: str) -> tuple[JobRow, ...]:
        if not is_lookup_text(serial):
            return ()  # no serial on file holds one: check-in refuses them
        with self._db.read() as session:
            return queries.jobs_for_serial(session, serial)

    def repeat_check(self, serial: str) -> RepeatCheck:
        """The serial's repaired hand-back whose guarantee covers a check-in now (the check-in
        dialog offers to confirm the same fault), with the shop's repair warranty days."""
        if not is_lookup_text(serial):
            return RepeatCheck(None)
        with self._db.read() as session:
            return _repeat_check(session, serial, self._clock())

    def extended_warranty_end(self, serial: str) -> date | None:
        """The warranty end a compensation extended this serial to (the check-in's verdict
        counts it), or None."""
        if not is_lookup_text(serial):
            return None
        with self._db.read() as session:
            return queries.extended_warranty_end(session, serial)

    def names_for_phone(self, phone: str) -> tuple[str, ...]:
        """The names customers with this phone number are on file under (the check-in dialog
        warns when the name typed is not one of them). A number that is not a valid mobile
        number has none."""
        try:
            normalised = validate_mobile(phone)
        except InvalidInput:
            return ()
        with self._db.read() as session:
            return queries.customer_names_for_phone(session, normalised)

    # --- helpers --------------------------------------------------------------------------------

    def _finish(self, session: Session, job: Job) -> JobSnapshot:
        return finish(session, job)


def _repeat_check(session: Session, serial: str, now: datetime) -> RepeatCheck:
    days = queries.repair_warranty_days(session)
    earlier = queries.earlier_repairs_for_serial(session, serial)
    return RepeatCheck(repeat_candidate(earlier, now, days), days)


def technician_for(session: Session, technician_id: int) -> User:
    """The active technician (or manager) a job goes to; refused naming the field otherwise."""
    technician = get_user(session, technician_id)
    if technician is None or not technician.active:
        raise NotFound(N_("no active user with id {id}"), id=technician_id)
    if technician.role not in (Role.TECHNICIAN.value, Role.MANAGER.value):
        raise InvalidInput.single(
            "technician",
            N_("{name} is not a technician"),
            name=Verbatim(technician.display_name),
        )
    return technician


def _validate_line(
    kind: str, description: str, quantity: int, unit_price_cents: int, part_model: str
) -> None:
    problems = text_problems(
        [("description", description, LINE_DESCRIPTION), ("part_model", part_model, PART_MODEL)]
    )
    if kind not in LINE_KINDS:
        problems.append(FieldProblem("kind", Text(N_("must be a part or labour"))))
    if isinstance(description, str) and is_blank(description):
        problems.append(FieldProblem("description", Text(N_("a description is required"))))
    whole_quantity = isinstance(quantity, int) and not isinstance(quantity, bool)
    if not whole_quantity or not 1 <= quantity <= MAX_QUANTITY:
        problems.append(FieldProblem("quantity", Text(N_("must be a whole number from 1 to 999"))))
    if isinstance(unit_price_cents, bool) or not isinstance(unit_price_cents, int):
        problems.append(FieldProblem("unit_price", Text(N_("must be an amount in cents"))))
    elif unit_price_cents < 0:
        problems.append(FieldProblem("unit_price", Text(N_("cannot be negative"))))
    elif whole_quantity and quantity * unit_price_cents > MAX_LINE_CENTS:
        problems.append(
            FieldProblem("unit_price", Text(N_("the line total must be at most 1,000,000.00")))
        )
    if problems:
        raise InvalidInput(problems)


def _new_product(form: CheckInForm, customer_id: int) -> Product:
    """The product as brought in (one row per job: the job keeps what was true then)."""
    return Product(
        customer_id=customer_id,
        category=form.category.value,
        brand=form.brand.strip(),
        model=form.model.strip(),
        serial=form.serial.strip().upper(),
        purchase_date=form.purchase_date,
        warranty_months=form.warranty_months,
        voucher_number=form.voucher_number.strip(),
        warranty_card_number=form.warranty_card_number.strip(),
    )


def _new_job(
    form: CheckInForm,
    number: str,
    customer: Customer,
    product: Product,
    preview: CheckInPreview,
    now: datetime,
    checked_in_by: User,
    technician: User | None,
) -> Job:
    """The job row of a check-in: the form as typed (trimmed), the verdict and both clocks."""
    verdict = preview.verdict
    assert verdict is not None  # the caller refused a form without one
    on_site = form.service_requested is ServiceKind.ON_SITE
    return Job(
        number=number,
        customer_id=customer.id,
        product_id=product.id,
        service_requested=form.service_requested.value,
        coverage=verdict.coverage.value,
        status=Status.RECEIVED.value,
        voucher_presented=form.documents.purchase_voucher,
        warranty_card_presented=form.documents.warranty_card,
        product_presented=form.documents.product,
        verdict_json=queries.encode_reasons(verdict.reasons),
        warranty_end=verdict.warranty_end,
        return_window_end=verdict.return_window_end,
        manager_override_reason=(form.manager_override_reason or "").strip(),
        fault_description=form.fault_description.strip(),
        usage_description=form.usage_description.strip(),
        condition_on_arrival=form.condition_on_arrival.strip(),
        accessories_received=form.accessories_received.strip(),
        visit_address=visit_address_of(form) if on_site else "",
        appointment_start=form.appointment_start if on_site else None,
        appointment_end=form.appointment_end if on_site else None,
        technician=technician,
        checked_in_at=now,
        checked_in_by_id=checked_in_by.id,
        response_due_at=preview.response_due_at,
        repair_due_date=preview.repair_due,
        last_event_at=now,
    )


def _record_booking(
    session: Session, job: Job, user: User, technician: User | None, now: datetime
) -> None:
    """An on-site check-in's technician and appointment: the same events as "Assign
    technician…" and "Set appointment…"."""
    if technician is not None:
        facts = events.assigned(technician.id, technician.display_name)
        record_event(session, job, user, EventKind.ASSIGNED, now, None, None, "", facts)
    if job.appointment_start is not None:
        facts = events.appointment_set((None, None), (job.appointment_start, job.appointment_end))
        record_event(session, job, user, EventKind.APPOINTMENT_SET, now, None, None, "", facts)


def _next_job_number(session: Session, now: datetime) -> str:
    """R20261125-0007: unique even when two counters check in at the same moment.

    The per-day counter row is incremented with an upsert that takes its row lock (PostgreSQL)
    or runs under the write lock the transaction already holds (SQLite, BEGIN IMMEDIATE), so two
    check-ins never read the same value.
    """
    day = job_number_day(now)
    # Imported here: the PostgreSQL dialect package loads all its drivers (25 ms) and a counter
    # on SQLite never needs it.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(JobNumberCounter)
        .values(day=day, last=1)
        .on_conflict_do_update(
            index_elements=[JobNumberCounter.day], set_={"last": JobNumberCounter.last + 1}
        )
        .returning(JobNumberCounter.last)
    )
    sequence = session.execute(statement).scalar_one()
    return job_number(now, sequence)
