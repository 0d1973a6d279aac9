"""The satisfaction follow-up call: which returned jobs are called, and what a call records.

The agreement keeps coming back to customer satisfaction (response speed, repair quality,
attitude); the counter already asks for one score at the hand-back, in front of the clerk who
gave the product back. The follow-up call asks again a few days later, when the customer has
used the product, on four aspects, and a low answer opens a complaint draft for the manager.

Which jobs are called (`SURVEYED_STATUSES`): those returned to the customer after a repair or
an inspection (`returned`) and those exchanged for a new product (`exchanged`): in both the
customer lives with what the shop did. A refund is not called: the customer gave the product
back and has their money, so there is no repair or product to rate, and the 7-day no-reason
return was their choice, not a service to measure. A cancelled job was never served.

When (`due_window`, `refusal`): from `after_days` days after the return (the shop's setting,
default 3) for `WINDOW_DAYS` days more. After a month a customer no longer remembers the visit
well, and a list without an end would only grow with the customers nobody could reach.

How often: a call that did not reach the customer keeps the job on the list, with its attempts
shown, until `MAX_ATTEMPTS` calls failed; then the shop stops calling (three calls on different
days is a fair try, and more becomes a nuisance). A call that reached the customer ends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.limits import LONG_TEXT, is_blank, text_problem
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import ComplaintCategory, Status

SURVEYED_STATUSES = frozenset({Status.RETURNED, Status.EXCHANGED})
DEFAULT_AFTER_DAYS = 3
WINDOW_DAYS = 30  # days a job stays on the list once it is due
MAX_ATTEMPTS = 3  # calls that did not reach the customer before the shop stops calling
LOWEST, HIGHEST = 1, 5
LOW_SCORE = 2  # a score at or below this is a complaint waiting to be heard

# The four aspects asked, in the order the clerk asks them: field name and its label.
ASPECTS: tuple[tuple[str, str], ...] = (
    ("speed", N_("Speed")),
    ("quality", N_("Repair quality")),
    ("attitude", N_("Staff attitude")),
    ("overall", N_("Overall")),
)
ASPECT_LABELS: dict[str, str] = dict(ASPECTS)
# Which kind of complaint a low aspect is, in the order it decides the draft's category: a
# repair that failed weighs more than a slow one, and a slow one more than a curt answer.
CATEGORY_OF_LOW: tuple[tuple[str, ComplaintCategory], ...] = (
    ("quality", ComplaintCategory.REPAIR_QUALITY),
    ("speed", ComplaintCategory.DELAY),
    ("attitude", ComplaintCategory.ATTITUDE),
    ("overall", ComplaintCategory.OTHER),
)

SCORE_RULE = N_("must be a whole number from 1 to 5")
NO_SCORE_WHEN_NOT_REACHED = N_("must be empty: the customer was not reached")
LOW_NEEDS_WORDS = N_(
    "say what the customer was unhappy about: a score of 2 or less opens a complaint"
)


@dataclass(frozen=True)
class SurveyForm:
    """What the clerk records for one call. Not reached: no scores, `comment` an optional note
    (\"no answer\", \"number switched off\"). Reached: all four scores and the customer's words."""

    reached: bool
    speed: int | None = None
    quality: int | None = None
    attitude: int | None = None
    overall: int | None = None
    comment: str = ""

    def scores(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name, _label in ASPECTS}


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_survey(form: SurveyForm) -> SurveyForm:
    """Every problem of the form at once, each naming its field; the form back with its
    comment stripped when it is good."""
    problems: list[FieldProblem] = []
    if not isinstance(form.reached, bool):
        problems.append(FieldProblem("reached", Text(N_("must be yes or no"))))
    for name, value in form.scores().items():
        if form.reached is True:
            if not _whole(value) or not LOWEST <= value <= HIGHEST:  # type: ignore[operator]
                problems.append(FieldProblem(name, Text(SCORE_RULE)))
        elif value is not None:
            problems.append(FieldProblem(name, Text(NO_SCORE_WHEN_NOT_REACHED)))
    comment_problem = text_problem("comment", form.comment, LONG_TEXT)
    if comment_problem is not None:
        problems.append(comment_problem)
    elif is_low(form) and is_blank(form.comment):
        problems.append(FieldProblem("comment", Text(LOW_NEEDS_WORDS)))
    if problems:
        raise InvalidInput(problems)
    return SurveyForm(
        form.reached, form.speed, form.quality, form.attitude, form.overall, form.comment.strip()
    )


def low_aspects(form: SurveyForm) -> tuple[str, ...]:
    """The aspects the customer scored 2 or less (none when not reached)."""
    if form.reached is not True:
        return ()
    return tuple(
        name for name, value in form.scores().items() if _whole(value) and value <= LOW_SCORE
    )


def is_low(form: SurveyForm) -> bool:
    """A low answer: any score of 2 or less. It opens a complaint draft for the manager."""
    return bool(low_aspects(form))


def complaint_category(form: SurveyForm) -> ComplaintCategory:
    """The draft's category, from the lowest-ranked aspects (see CATEGORY_OF_LOW)."""
    low = set(low_aspects(form))
    for name, category in CATEGORY_OF_LOW:
        if name in low:
            return category
    return ComplaintCategory.OTHER


# --- when a job is called --------------------------------------------------------------------


@dataclass(frozen=True)
class DueWindow:
    """The jobs to call today: returned from `earliest` (inclusive) to `latest` (inclusive)."""

    earliest: date
    latest: date

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.earliest, datetime.min.time())

    @property
    def ends_before(self) -> datetime:
        """The first moment after the window, for a half-open range on returned_at."""
        return datetime.combine(self.latest + timedelta(days=1), datetime.min.time())


def due_window(today: date, after_days: int) -> DueWindow:
    """Returned on or before today − after_days, and not before today − after_days − 30."""
    latest = today - timedelta(days=after_days)
    return DueWindow(latest - timedelta(days=WINDOW_DAYS), latest)


def due_from(returned_at: datetime, after_days: int) -> date:
    """The first day the job is called."""
    return returned_at.date() + timedelta(days=after_days)


@dataclass(frozen=True)
class CallHistory:
    """The calls already made about a job."""

    attempts: int  # calls that did not reach the customer
    reached_at: datetime | None  # when a call reached them, if one did


def refusal(
    status: Status,
    returned_at: datetime | None,
    history: CallHistory,
    today: date,
    after_days: int,
) -> Text | None:
    """Why a job may not be called today, or None when it is due. The same rule the due list
    reads, checked again inside the call's own transaction."""
    if status not in SURVEYED_STATUSES or returned_at is None:
        return Text(
            N_("the product was not returned to the customer: there is nothing to follow up")
        )
    if history.reached_at is not None:
        return Text(
            N_("the customer was already reached about this job at {at}: it is no longer due"),
            at=history.reached_at,
        )
    if history.attempts >= MAX_ATTEMPTS:
        return Text(
            N_("the customer could not be reached {count} times: it is no longer due"),
            count=history.attempts,
        )
    window = due_window(today, after_days)
    if returned_at.date() > window.latest:
        return Text(
            N_("follow-up calls for this job start on {day}"), day=due_from(returned_at, after_days)
        )
    if returned_at.date() < window.earliest:
        last = due_from(returned_at, after_days) + timedelta(days=WINDOW_DAYS)
        return Text(N_("the follow-up of this job ended on {day}: it is no longer due"), day=last)
    return None


# --- what the services hand out ----------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpRow:
    """One job of the call list. Only the masked phone: the full number is shown through the
    job's reveal (who saw it, when, on the record)."""

    job_id: int
    number: str
    status: Status
    returned_at: datetime
    customer_name: str
    masked_phone: str
    product: str
    satisfaction_score: int | None  # the hand-back's score, if the customer gave one
    attempts: int  # calls that did not reach the customer
    last_attempt_at: datetime | None
    version: int  # the job's, for the call's optimistic lock


@dataclass(frozen=True)
class SurveySnapshot:
    """One follow-up call as recorded."""

    id: int
    job_id: int
    job_number: str
    at: datetime
    by_name: str
    reached: bool
    speed: int | None
    quality: int | None
    attitude: int | None
    overall: int | None
    comment: str
    complaint_id: int | None  # the complaint draft a low score opened

    @property
    def low(self) -> bool:
        return is_low(
            SurveyForm(self.reached, self.speed, self.quality, self.attitude, self.overall)
        )
