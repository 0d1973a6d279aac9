"""Giving products back: hand-back with payment and satisfaction, 7-day returns and exchanges,
and corrections to closed jobs. One transaction per action, like every service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Job, User
from desktop_app.data.payment_lines import payment_lines
from desktop_app.domain import events
from desktop_app.domain.actions import JobAction
from desktop_app.domain.compensation import bill_reduction
from desktop_app.domain.errors import FieldProblem, InvalidInput, RuleRefusal
from desktop_app.domain.forms import PAYMENT_METHODS, HandBackForm, validate_hand_back
from desktop_app.domain.identification import IdentifiedBy, identify_hand_back
from desktop_app.domain.limits import (
    LONG_TEXT,
    REPLACEMENT_MODEL,
    REPLACEMENT_SERIAL,
    check_texts,
    is_blank,
    text_problems,
)
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.payments import (
    MAX_AMOUNT_CENTS,
    PaymentKind,
    PaymentLine,
    Settlement,
    deposit_held,
    settle,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.rules import Claim, DocumentsPresented, ServiceKind, decide
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import CORRECTABLE, EventKind
from desktop_app.domain.workflow import CLOSED_STATUSES, Status
from desktop_app.services import compensation
from desktop_app.services.common import (
    Clock,
    finish,
    load_for,
    local_now,
    record_event,
    required_text,
    transition,
)
from desktop_app.services.payments import record_money
from desktop_app.services.signins import SignIns

# The one-method shorthand's fields (HandBackForm.payment_method, amount_paid_cents).
SHORTHAND_FIELDS = ("payment_method", "amount_paid")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked(
    form: HandBackForm, job: Job, due: int, lines: Sequence[PaymentLine]
) -> tuple[IdentifiedBy, Settlement]:
    """Who takes the product back (domain/identification.py) and the money (the deposit used
    first, the split parts), checked with the rest of the form so every broken rule is said at
    once: a wrong scan does not hide parts that do not add up."""
    problems: list[FieldProblem] = []
    identified_by = IdentifiedBy.NOTE
    settlement: Settlement | None = None
    try:
        identified_by = identify_hand_back(form, job.number, job.customer.phone)
    except InvalidInput as error:
        problems += error.problems
    try:
        validate_hand_back(form, job.accessories_received, due, deposit_held(lines))
    except InvalidInput as error:
        problems += error.problems
    try:
        settlement = settle(lines, due, form.payment_tenders())
    except InvalidInput as error:
        # The one-method shorthand's amount and method were said by validate_hand_back already.
        if form.tenders or not any(p.field in SHORTHAND_FIELDS for p in problems):
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    assert settlement is not None
    return identified_by, settlement


class HandBackService:
    def __init__(
        self,
        database: Database,
        clock: Clock = local_now,
        signins: SignIns | None = None,
        *,
        calendars: NationalCalendars = PACKAGE_CALENDARS,
    ) -> None:
        self._db = database
        self._signins = signins or SignIns("")
        self._clock = clock
        self._calendars = calendars

    def hand_back(
        self,
        job_id: int,
        actor: Actor,
        form: HandBackForm,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """The product goes back to the customer: accessories, payment, satisfaction, signed."""
        check_texts(
            ("satisfaction_comment", form.satisfaction_comment, LONG_TEXT),
            ("note", form.note, LONG_TEXT),
            *(("accessories_returned", item, LONG_TEXT) for item in form.accessories_returned),
            ("identity_note", form.identity_note, LONG_TEXT),
        )
        if not _whole(form.wrong_phone_tries) or form.wrong_phone_tries < 0:
            raise InvalidInput.single("phone_last_four", N_("must be a whole number from 0"))
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.HAND_BACK, expected_version
            )
            now = self._clock()
            # Missed promises are the job's own clocks at this moment; a manager may decide the
            # proposal here, and what they give off the bill lowers what the customer pays now.
            missed = compensation.missed_at(
                session, job, queries.work_calendar(session, self._calendars), now
            )
            if form.compensation is not None and not missed:
                raise RuleRefusal(N_("no promise was missed: there is no compensation to decide"))
            total, labour = compensation.charges(session, job.id)
            proposed = compensation.propose(session, job, None, missed, user, now)
            due = total
            if proposed is not None and form.compensation is not None:
                given = compensation.apply_decision(session, proposed, user, form.compensation, now)
                due = total - bill_reduction(given, total, labour)
            lines = payment_lines(session, job.id)
            identified_by, settlement = _checked(form, job, due, lines)
            job.accessories_returned = "、".join(form.accessories_returned)
            # The old columns, for their readers (the evaluation, the CLI's JSON): the method
            # most of the bill was paid by, and the whole amount paid (deposit used included).
            job.payment_method = settlement.main_method
            job.amount_paid_cents = due
            single = len({t.method for t in settlement.tenders}) + bool(
                settlement.deposit_used_cents
            )
            payment = events.paid(due, settlement.main_method if single == 1 else "")
            transition(session, job, user, Status.RETURNED, form.note, now, payment)
            self._record_settlement(session, job, user, settlement, now)
            record_event(
                session,
                job,
                user,
                EventKind.HANDED_BACK,
                now,
                None,
                None,
                form.identity_note.strip() if identified_by is IdentifiedBy.NOTE else "",
                payload={
                    **events.accessories_returned(form.accessories_returned),
                    **events.identified(identified_by, form.wrong_phone_tries),
                },
            )
            if form.satisfaction_score is not None:
                job.satisfaction_score = form.satisfaction_score
                job.satisfaction_comment = form.satisfaction_comment.strip()
                record_event(
                    session,
                    job,
                    user,
                    EventKind.SATISFACTION,
                    now,
                    None,
                    None,
                    payload=events.satisfaction(form.satisfaction_score, job.satisfaction_comment),
                )
            return finish(session, job)

    def _record_settlement(
        self, session: Session, job: Job, user: User, settlement: Settlement, now: datetime
    ) -> None:
        """The hand-back's lines of money: the deposit used, its rest given back, each part."""
        workstation = self._signins.workstation
        if settlement.deposit_used_cents:
            record_money(
                session,
                job,
                user,
                workstation,
                PaymentKind.DEPOSIT_USED,
                None,
                settlement.deposit_used_cents,
                now,
            )
        for method, cents in settlement.deposit_refunds:
            record_money(session, job, user, workstation, PaymentKind.REFUND, method, cents, now)
        for tender in settlement.tenders:
            record_money(
                session,
                job,
                user,
                workstation,
                PaymentKind.PAYMENT,
                tender.method,
                tender.amount_cents,
                now,
                tendered_cents=tender.tendered_cents,
            )

    def record_satisfaction(
        self,
        job_id: int,
        actor: Actor,
        score: int,
        comment: str = "",
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """A customer's score given after the hand-back (e.g. by a follow-up call)."""
        check_texts(("comment", comment, LONG_TEXT))
        if not _whole(score) or not 1 <= score <= 5:
            raise InvalidInput.single(
                "satisfaction_score", N_("must be a whole number from 1 to 5")
            )
        with self._db.write() as session:
            job, user = load_for(
                session,
                self._signins,
                job_id,
                actor,
                JobAction.RECORD_SATISFACTION,
                expected_version,
            )
            if job.satisfaction_score is not None:
                raise RuleRefusal(
                    N_("satisfaction was already recorded; a manager can record a correction")
                )
            job.satisfaction_score = score
            job.satisfaction_comment = comment.strip()
            record_event(
                session,
                job,
                user,
                EventKind.SATISFACTION,
                self._clock(),
                None,
                None,
                payload=events.satisfaction(score, job.satisfaction_comment),
            )
            return finish(session, job)

    # --- 7-day returns and exchanges ----------------------------------------------------------

    def start_inspection(
        self, job_id: int, actor: Actor, note: str = "", expected_version: int | None = None
    ) -> JobSnapshot:
        check_texts(("note", note, LONG_TEXT))
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.START_INSPECTION, expected_version
            )
            transition(session, job, user, Status.INSPECTING, note, self._clock())
            return finish(session, job)

    def approve_refund(
        self,
        job_id: int,
        actor: Actor,
        refund_cents: int,
        note: str = "",
        expected_version: int | None = None,
    ) -> JobSnapshot:
        check_texts(("note", note, LONG_TEXT))
        if not _whole(refund_cents) or refund_cents <= 0:
            raise InvalidInput.single("refund", N_("the refund must be more than 0"))
        if refund_cents > MAX_AMOUNT_CENTS:
            raise InvalidInput.single("refund", N_("the refund must be at most 1,000,000.00"))
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.APPROVE_REFUND, expected_version
            )
            job.refund_cents = refund_cents
            facts = events.refund(refund_cents)
            transition(session, job, user, Status.REFUNDED, note, self._clock(), facts)
            return finish(session, job)

    def approve_exchange(
        self,
        job_id: int,
        actor: Actor,
        replacement_model: str,
        replacement_serial: str,
        note: str = "",
        expected_version: int | None = None,
    ) -> JobSnapshot:
        problems = text_problems(
            [
                ("replacement_model", replacement_model, REPLACEMENT_MODEL),
                ("replacement_serial", replacement_serial, REPLACEMENT_SERIAL),
                ("note", note, LONG_TEXT),
            ]
        )
        if problems:
            raise InvalidInput(problems)
        if is_blank(replacement_model):
            problems.append(
                FieldProblem("replacement_model", Text(N_("the replacement's model is required")))
            )
        if is_blank(replacement_serial):
            problems.append(
                FieldProblem(
                    "replacement_serial", Text(N_("the replacement's serial/IMEI is required"))
                )
            )
        if problems:
            raise InvalidInput(problems)
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.APPROVE_EXCHANGE, expected_version
            )
            job.replacement_model = replacement_model.strip()
            job.replacement_serial = replacement_serial.strip().upper()
            facts = events.exchange(job.replacement_model, job.replacement_serial)
            transition(session, job, user, Status.EXCHANGED, note, self._clock(), facts)
            return finish(session, job)

    def refuse_return(
        self, job_id: int, actor: Actor, reason: str, expected_version: int | None = None
    ) -> JobSnapshot:
        """Inspection found the product not returnable: it goes to repair, judged as a repair."""
        reason = required_text(reason, N_("why the return or exchange is refused"), field="reason")
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.REFUSE_RETURN, expected_version
            )
            if Status(job.status) is not Status.INSPECTING:
                raise RuleRefusal(N_("only a return or exchange under inspection can be refused"))
            verdict = decide(
                Claim(
                    job.product.purchase_date,
                    job.checked_in_at.date(),
                    job.product.warranty_months,
                    DocumentsPresented(
                        job.voucher_presented, job.warranty_card_presented, job.product_presented
                    ),
                    ServiceKind.REPAIR,
                ),
                job.checked_in_at.date(),
            )
            transition(session, job, user, Status.DIAGNOSING, reason, self._clock())
            # From here on it is a repair, free or paid by the same rules as any other.
            job.coverage = verdict.coverage.value
            job.verdict_json = queries.encode_reasons(
                (
                    Text(N_("return/exchange refused at inspection: {why}"), why=Verbatim(reason)),
                    *verdict.reasons,
                )
            )
            return finish(session, job)

    # --- corrections --------------------------------------------------------------------------

    def record_correction(
        self,
        job_id: int,
        actor: Actor,
        field: str,
        value: str,
        reason: str,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """The only way to change a closed job: a manager's correction, kept in the timeline."""
        reason = required_text(reason, N_("the reason for the correction"), field="reason")
        if field not in CORRECTABLE:
            raise InvalidInput.single("field", N_("this field cannot be corrected"))
        check_texts(("value", value, LONG_TEXT))
        new_value: object = value.strip()
        # ASCII digits only: str.isdigit() also accepts "²" and "٣", which int() refuses.
        digits = value.strip() if value.strip().isascii() and value.strip().isdecimal() else ""
        if field == "satisfaction_score":
            if not digits or not 1 <= int(digits) <= 5:
                raise InvalidInput.single("value", N_("must be a whole number from 1 to 5"))
            new_value = int(digits)
        elif field == "amount_paid_cents":
            if not digits or int(digits) > MAX_AMOUNT_CENTS:
                raise InvalidInput.single(
                    "value", N_("must be an amount in cents, from 0 to 100000000")
                )
            new_value = int(digits)
        elif field == "payment_method" and new_value not in PAYMENT_METHODS:
            raise InvalidInput.single(
                "value", N_("must be one of: {methods}"), methods=", ".join(PAYMENT_METHODS)
            )
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.CORRECTION, expected_version
            )
            if Status(job.status) not in CLOSED_STATUSES:
                raise RuleRefusal(
                    N_("an open job is changed by its normal actions, not corrections")
                )
            old_value = getattr(job, field)
            setattr(job, field, new_value)
            record_event(
                session,
                job,
                user,
                EventKind.CORRECTION,
                self._clock(),
                None,
                None,
                reason,
                events.correction(field, old_value, new_value),
            )
            return finish(session, job)
