"""Messages to the customer: the shop's templates, and the text one of them makes for a job.

Counter staff tell customers four things: the product was received (its job number and the day
it is due back), it is ready for pickup, it is late (an apology and the new day), and, after the
return, a short survey. The shop keeps one template for each in its settings, Chinese by
default because the customers read Chinese; a template names the facts it needs as
placeholders (`{job_number}`), and `render` fills them in plain Python. Only `{name}` in braces
is a placeholder: no format specs, no attribute access, nothing a template could use to reach
into the program.

A template is short: an SMS carries 70 Chinese characters (67 a part once it is split), so the
settings say how many parts a template makes, and refuse one past `TEMPLATE_LIMIT` characters.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.limits import has_control_characters, is_blank
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import Status
from desktop_app.domain.workflow import CLOSED_STATUSES


class MessageTemplate(StrEnum):
    RECEIVED = "received"
    READY = "ready"
    DELAYED = "delayed"
    SURVEY = "survey"


TEMPLATE_LABELS: dict[MessageTemplate, str] = {
    MessageTemplate.RECEIVED: N_("Product received"),
    MessageTemplate.READY: N_("Ready to collect"),
    MessageTemplate.DELAYED: N_("Repair delayed"),
    MessageTemplate.SURVEY: N_("Satisfaction survey"),
}


class MessageChannel(StrEnum):
    """How the text left the counter: copied (to paste anywhere), or sent by SMS or WeChat."""

    COPIED = "copied"
    SMS = "sms"
    WECHAT = "wechat"


CHANNEL_LABELS: dict[MessageChannel, str] = {
    MessageChannel.COPIED: N_("Copied"),
    MessageChannel.SMS: N_("SMS"),
    MessageChannel.WECHAT: N_("WeChat"),
}

# Each placeholder a template may hold, and what it stands for (the settings list them).
PLACEHOLDERS: dict[str, str] = {
    "shop": N_("the shop's name"),
    "customer": N_("the customer's name"),
    "job_number": N_("the job number"),
    "product": N_("the product (brand and model)"),
    "due_date": N_("the day the repair is due"),
    "new_date": N_("the new day (delayed message only)"),
    "hotline": N_("the after-sales hotline"),
    "total": N_("the amount charged"),
}
# A placeholder only one template can fill: the new day is asked when a delay is announced.
ONLY_IN: dict[str, MessageTemplate] = {"new_date": MessageTemplate.DELAYED}

TEMPLATE_LIMIT = 300  # characters: at most five SMS parts
SMS_SINGLE = 70  # characters one SMS carries (Chinese, UCS-2)
SMS_PART = 67  # characters a part of a split SMS carries

DEFAULT_TEXTS: dict[MessageTemplate, str] = {
    MessageTemplate.RECEIVED: (
        "【{shop}】{customer}您好，您的{product}已收到，维修单号{job_number}，"
        "预计{due_date}前修好。咨询电话{hotline}。"
    ),
    MessageTemplate.READY: (
        "【{shop}】{customer}您好，您的{product}（单号{job_number}）已可取件，"
        "费用{total}，请携带取件凭证到店领取。咨询电话{hotline}。"
    ),
    MessageTemplate.DELAYED: (
        "【{shop}】{customer}您好，非常抱歉，您的{product}（单号{job_number}）维修需延期，"
        "预计{new_date}完成，给您带来不便敬请谅解。咨询电话{hotline}。"
    ),
    MessageTemplate.SURVEY: (
        "【{shop}】{customer}您好，感谢您选择我们的售后服务。请为本次维修（单号{job_number}）"
        "打分（1-5分）并回复本短信，您的意见对我们很重要。"
    ),
}

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class MessageTemplates:
    """The shop's four templates (shop settings)."""

    received: str = DEFAULT_TEXTS[MessageTemplate.RECEIVED]
    ready: str = DEFAULT_TEXTS[MessageTemplate.READY]
    delayed: str = DEFAULT_TEXTS[MessageTemplate.DELAYED]
    survey: str = DEFAULT_TEXTS[MessageTemplate.SURVEY]

    def text(self, template: MessageTemplate) -> str:
        return str(getattr(self, template.value))


DEFAULT_TEMPLATES = MessageTemplates()
FIELD = "message_templates"  # the settings' field; a template's is FIELD.<template>


def field_of(template: MessageTemplate) -> str:
    return f"{FIELD}.{template.value}"


def templates_to_json(templates: MessageTemplates) -> str:
    """Stored as JSON; "" when every template is the default (a new shop's row)."""
    if templates == DEFAULT_TEMPLATES:
        return ""
    return json.dumps({t.value: templates.text(t) for t in MessageTemplate}, ensure_ascii=False)


def templates_from_json(stored: str) -> MessageTemplates:
    """What the column holds; a template missing or not text there is the default."""
    try:
        data = json.loads(stored) if stored else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    kept = {
        t.value: data[t.value]
        for t in MessageTemplate
        if isinstance(data.get(t.value), str) and data[t.value]
    }
    return MessageTemplates(**kept)


def sms_parts(text: str) -> int:
    """How many SMS a text takes (70 characters alone, 67 a part when split)."""
    if len(text) <= SMS_SINGLE:
        return 1 if text else 0
    return -(-len(text) // SMS_PART)


def placeholders_in(text: str) -> tuple[str, ...]:
    return tuple(_PLACEHOLDER.findall(text))


def template_problems(template: MessageTemplate, text: object) -> list[FieldProblem]:
    """What is wrong with one template: empty, too long, a stray brace, an unknown placeholder
    (named), or one this template cannot fill."""
    field = field_of(template)
    if not isinstance(text, str):
        return [FieldProblem(field, Text(N_("must be text")))]
    if is_blank(text):
        return [FieldProblem(field, Text(N_("must not be empty")))]
    if len(text) > TEMPLATE_LIMIT:
        return [
            FieldProblem(
                field,
                Text(
                    N_("must be at most {limit} characters (it has {count})"),
                    limit=TEMPLATE_LIMIT,
                    count=len(text),
                ),
            )
        ]
    if has_control_characters(text.replace("\n", "")):
        return [FieldProblem(field, Text(N_("must not contain control characters")))]
    problems: list[FieldProblem] = []
    for name in placeholders_in(text):
        if name not in PLACEHOLDERS:
            problems.append(
                FieldProblem(
                    field,
                    Text(
                        N_("{placeholder} is not a placeholder; use one of {known}"),
                        placeholder=Verbatim("{" + name + "}"),
                        known=Verbatim(" ".join("{" + p + "}" for p in PLACEHOLDERS)),
                    ),
                )
            )
        elif ONLY_IN.get(name, template) is not template:
            problems.append(
                FieldProblem(
                    field,
                    Text(
                        N_("{placeholder} can only be used in the “{other}” message"),
                        placeholder=Verbatim("{" + name + "}"),
                        other=TEMPLATE_LABELS[ONLY_IN[name]],
                    ),
                )
            )
    if "{" in _PLACEHOLDER.sub("", text) or "}" in _PLACEHOLDER.sub("", text):
        problems.append(
            FieldProblem(
                field,
                Text(
                    N_("the braces {braces} may only surround a placeholder name"),
                    braces=Verbatim("{ }"),
                ),
            )
        )
    return problems


def validate_templates(templates: object) -> None:
    """Every problem of the four templates at once, each naming its template."""
    if not isinstance(templates, MessageTemplates):
        raise InvalidInput.single(FIELD, N_("must be the four message templates"))
    problems = [p for t in MessageTemplate for p in template_problems(t, templates.text(t))]
    if problems:
        raise InvalidInput(problems)


def normalized(templates: MessageTemplates) -> MessageTemplates:
    """The templates as saved: without leading and trailing spaces."""
    return MessageTemplates(**{t.value: templates.text(t).strip() for t in MessageTemplate})


# --- which message, when ---------------------------------------------------------------------


def templates_for(status: Status) -> tuple[MessageTemplate, ...]:
    """The messages that make sense for a job now: received and delayed while it is being
    worked on, ready while it waits at the counter, the survey once it is back with the
    customer (a cancelled job was never served)."""
    if status is Status.READY_FOR_PICKUP:
        return (MessageTemplate.READY,)
    if status in CLOSED_STATUSES:
        return () if status is Status.CANCELLED else (MessageTemplate.SURVEY,)
    return (MessageTemplate.RECEIVED, MessageTemplate.DELAYED)


@dataclass(frozen=True)
class MessageValues:
    """The facts a template may name, for one job. None: the fact is not known."""

    shop: str
    customer: str
    job_number: str
    product: str
    due_date: date
    hotline: str
    total: str
    new_date: date | None = None

    def value(self, name: str) -> str | None:
        found = getattr(self, name)
        if found is None:
            return None
        text = found.isoformat() if isinstance(found, date) else str(found)
        return None if is_blank(text) else text


MISSING_WORDS: dict[str, str] = {
    "shop": N_("the shop's name is not set: a manager fills it in the shop settings"),
    "hotline": N_("the hotline is not set: a manager fills it in the shop settings"),
    "new_date": N_("the new day is needed"),
}


def render(text: str, values: MessageValues) -> str:
    """The template with its placeholders filled. A placeholder without a value (the shop's
    hotline never set, the delayed message without its new day) is refused with the
    placeholder named: a message with a hole in it is not sent to a customer."""
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            raise InvalidInput.single(
                FIELD,
                N_("{placeholder} is not a placeholder; use one of {known}"),
                placeholder=Verbatim("{" + name + "}"),
                known=Verbatim(" ".join("{" + p + "}" for p in PLACEHOLDERS)),
            )
        value = values.value(name)
        if value is None:
            missing.append(name)
            return ""
        return value

    rendered = _PLACEHOLDER.sub(fill, text)
    if missing:
        raise InvalidInput(
            [
                FieldProblem(
                    "new_date" if name == "new_date" else FIELD,
                    Text(
                        N_("{placeholder} has no value: {why}"),
                        placeholder=Verbatim("{" + name + "}"),
                        why=Text(MISSING_WORDS.get(name, N_("it is not known for this job"))),
                    ),
                )
                for name in dict.fromkeys(missing)
            ]
        )
    return rendered


# --- a message sent ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageForm:
    """What the clerk did with a message: which template, how it left, the text as shown, and
    the new day of a delayed one."""

    template: MessageTemplate
    channel: MessageChannel
    text: str
    new_date: date | None = None


def validate_message(form: MessageForm, status: Status, today: date) -> None:
    """The template fits the job's status, the channel is known, a delay has a new day that is
    not in the past."""
    problems: list[FieldProblem] = []
    if not isinstance(form.template, MessageTemplate) or form.template not in templates_for(status):
        problems.append(
            FieldProblem("template", Text(N_("this message does not fit the job's status")))
        )
    if not isinstance(form.channel, MessageChannel):
        problems.append(FieldProblem("channel", Text(N_("must be copied, SMS or WeChat"))))
    if form.template is MessageTemplate.DELAYED:
        if not isinstance(form.new_date, date):
            problems.append(FieldProblem("new_date", Text(N_("the new day is needed"))))
        elif form.new_date < today:
            problems.append(
                FieldProblem(
                    "new_date", Text(N_("must be today or later, not {day}"), day=form.new_date)
                )
            )
    elif form.new_date is not None:
        problems.append(FieldProblem("new_date", Text(N_("only a delayed message has a new day"))))
    if problems:
        raise InvalidInput(problems)


@dataclass(frozen=True)
class SentMessage:
    """A message recorded on the job (its event)."""

    job_id: int
    job_number: str
    template: MessageTemplate
    channel: MessageChannel
    text: str
    at: datetime
    by_name: str
