"""Errors the domain raises: each names the field and the rule a clerk broke."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.domain.text import N_, Text, Translator, Verbatim, no_translation


@dataclass(frozen=True)
class FieldProblem:
    """One broken rule: which field, and what the rule is, in words a clerk understands."""

    field: str
    message: Text

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def render(self, translate: Translator = no_translation) -> str:
        return self.message.render(translate)


class DomainError(Exception):
    """Base for everything the counter's rules refuse."""

    def render(self, translate: Translator = no_translation) -> str:
        """The message in the reader's language; every subclass says its own."""
        return str(self)


class InvalidInput(DomainError):
    """Input that breaks one or more rules; nothing was written.

    Carries every problem at once so a form can mark all the bad fields in one go instead of
    making the clerk fix them one at a time.
    """

    def __init__(self, problems: list[FieldProblem] | tuple[FieldProblem, ...]) -> None:
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, message: str, **params: Any) -> InvalidInput:
        return cls([FieldProblem(field, Text(message, **params))])

    def fields(self) -> set[str]:
        return {p.field for p in self.problems}

    def render(self, translate: Translator = no_translation) -> str:
        return "\n".join(f"• {p.field}: {p.render(translate)}" for p in self.problems)


class RuleRefusal(DomainError):
    """An action refused by a rule, with a translatable explanation."""

    def __init__(self, message: str, **params: Any) -> None:
        self.text = Text(message, **params)
        super().__init__(str(self.text))

    def render(self, translate: Translator = no_translation) -> str:
        return self.text.render(translate)


class IllegalTransition(RuleRefusal):
    """A status change the workflow does not allow from the job's current status."""


class NotPermitted(RuleRefusal):
    """The user's role does not allow this action."""


class NotFound(RuleRefusal):
    """The job, line or user asked for does not exist."""


class ConcurrentChange(RuleRefusal):
    """Someone else changed the job since it was read; the action must be retried on fresh data."""


class DatabaseBusy(RuleRefusal):
    """Another program holds the database's write lock longer than we wait: nothing was written,
    and the same action can simply be tried again."""


class DatabaseUnreachable(RuleRefusal):
    """The connection to the database server was lost (the server stopped or restarted, the
    connection was ended by the administrator, the network went away). The action's transaction
    never committed, so nothing of it was saved; the same action works again once the server
    answers (the window retries on its own and says when)."""


class ReadOnlyDatabase(RuleRefusal):
    """The database was opened read-only: looking, searching and printing work, changing does
    not."""


class NotOurFile(RuleRefusal):
    """An export would replace a file this application did not make (a workbook someone edited,
    another program's file): it is left as it is, whatever the name chosen."""

    def __init__(self, path: str) -> None:
        super().__init__(
            N_(
                "{path} already exists and was not made by Repair Counter (or was changed "
                "since): it is left as it is. Choose another file name."
            ),
            path=Verbatim(path),
        )
