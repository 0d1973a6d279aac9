"""A manager's changes to the staff, one small unit each: the typed form, its fields, the call.

Like `job_actions.py`: each unit is a function registered for its `UserAction`; given who is
acting and the staff member chosen (`UserContext`), it returns a `UserStep`: the dialog's title,
the fields, the frozen form they fill (field names are the form's attribute names), the service
call, and a check the dialog runs before anything is sent (the domain's own password and name
rules: a password typed twice is compared here, the service receives it once).

The rules about people (the last active manager, who may manage) are the service's alone: a
refusal comes back from the call and the dialog shows its words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.limits import DISPLAY_NAME, USERNAME
from desktop_app.domain.people import (
    MAXIMUM_PASSWORD,
    ROLES_OF_STAFF,
    Actor,
    new_password_problems,
    new_user_problems,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.services import Services
from desktop_app.services.users import StaffMember
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind
from desktop_app.ui.labels import label, person_label

F = TypeVar("F")


class UserAction(Enum):
    ADD = "add"
    CHANGE_ROLE = "change_role"
    DISABLE = "disable"
    ENABLE = "enable"
    RESET_PASSWORD = "reset_password"


@dataclass(frozen=True)
class UserContext:
    """Who is acting, and the staff member chosen in the list (none for adding)."""

    actor: Actor
    member: StaffMember | None = None

    @property
    def user(self) -> UserSnapshot:
        if self.member is None:
            raise ValueError("this action needs a staff member")
        return self.member.user


@dataclass(frozen=True)
class UserStep(Generic[F]):
    title: str
    fields: Sequence[Field]
    form: type[F]
    call: Callable[[Services, F], UserSnapshot]
    validate: Callable[[F], None] | None = None

    def read(self, values: dict[str, Any]) -> F:
        given = {f.name: values[f.name] for f in fields(self.form) if f.name in values}  # type: ignore[arg-type]
        return self.form(**given)


# --- the typed forms ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoInput:
    """Nothing to ask but a confirmation."""


@dataclass(frozen=True)
class NewUserForm:
    username: str
    display_name: str
    role: str
    password: str
    password_again: str


@dataclass(frozen=True)
class RoleForm:
    role: str


@dataclass(frozen=True)
class PasswordForm:
    password: str
    password_again: str


# --- the registry -------------------------------------------------------------------------------

UserOperation = Callable[[UserContext], UserStep[Any]]
USER_OPERATIONS: dict[UserAction, UserOperation] = {}


def user_operation(action: UserAction) -> Callable[[UserOperation], UserOperation]:
    def register(function: UserOperation) -> UserOperation:
        if action in USER_OPERATIONS:
            raise ValueError(f"{action} has two operations")
        USER_OPERATIONS[action] = function
        return function

    return register


def user_step(action: UserAction, context: UserContext) -> UserStep[Any]:
    return USER_OPERATIONS[action](context)


def role_choices() -> list[tuple[str, str]]:
    """The roles to choose from; a choice's value is the role's key (Qt hands back a str)."""
    return [(label(role), role.value) for role in ROLES_OF_STAFF]


def as_role(value: object) -> Role | object:
    """The role a choice names; anything else goes to the service as it is, which refuses it
    with its own words."""
    return Role(value) if value in {role.value for role in Role} else value


def _password_fields(first: str, again: str) -> list[Field]:
    return [
        Field("password", first, FieldKind.PASSWORD, required=True, max_length=MAXIMUM_PASSWORD),
        Field(
            "password_again", again, FieldKind.PASSWORD, required=True, max_length=MAXIMUM_PASSWORD
        ),
    ]


def _info(text: str) -> Field:
    return Field("info", "", FieldKind.INFO, default=text)


def _check(problems: list[Any]) -> None:
    if problems:
        raise InvalidInput(problems)


# --- the actions ---------------------------------------------------------------------------------


@user_operation(UserAction.ADD)
def add_user(c: UserContext) -> UserStep[NewUserForm]:
    return UserStep(
        QCoreApplication.translate("UserActions", "Add user"),
        [
            Field(
                "username",
                QCoreApplication.translate("UserActions", "User name (to sign in)"),
                required=True,
                max_length=USERNAME,
            ),
            Field(
                "display_name",
                QCoreApplication.translate("UserActions", "Display name (on receipts and records)"),
                required=True,
                max_length=DISPLAY_NAME,
            ),
            Field(
                "role",
                QCoreApplication.translate("UserActions", "Role"),
                FieldKind.CHOICE,
                choices=role_choices(),
                default=Role.CLERK.value,
            ),
            *_password_fields(
                QCoreApplication.translate("UserActions", "First password"),
                QCoreApplication.translate("UserActions", "First password again"),
            ),
            _info(
                QCoreApplication.translate(
                    "UserActions",
                    "Tell the new user this first password. They must choose a password of "
                    "their own when they first sign in.",
                )
            ),
        ],
        NewUserForm,
        lambda s, f: s.users.add(
            c.actor,
            f.username,
            f.display_name,
            as_role(f.role),  # type: ignore[arg-type]
            f.password,
        ),
        lambda f: _check(
            new_user_problems(f.username, f.display_name)
            + new_password_problems(f.password, f.password_again, f.username)
        ),
    )


@user_operation(UserAction.CHANGE_ROLE)
def change_role(c: UserContext) -> UserStep[RoleForm]:
    user = c.user
    return UserStep(
        QCoreApplication.translate("UserActions", "Change role of %s")
        % person_label(user.display_name),
        [
            Field(
                "role",
                QCoreApplication.translate("UserActions", "Role"),
                FieldKind.CHOICE,
                choices=role_choices(),
                default=user.role,
            )
        ],
        RoleForm,
        lambda s, f: s.users.change_role(c.actor, user.id, as_role(f.role)),  # type: ignore[arg-type]
    )


@user_operation(UserAction.DISABLE)
def disable(c: UserContext) -> UserStep[NoInput]:
    user = c.user
    return UserStep(
        QCoreApplication.translate("UserActions", "Disable %s") % person_label(user.display_name),
        [
            _info(
                QCoreApplication.translate(
                    "UserActions",
                    "%s will no longer be able to sign in; a window they have open is signed "
                    "out at its next action. Their name stays on everything they did, and the "
                    "account can be enabled again.",
                )
                % person_label(user.display_name)
            )
        ],
        NoInput,
        lambda s, _f: s.users.disable(c.actor, user.id),
    )


@user_operation(UserAction.ENABLE)
def enable(c: UserContext) -> UserStep[NoInput]:
    user = c.user
    return UserStep(
        QCoreApplication.translate("UserActions", "Enable %s") % person_label(user.display_name),
        [],
        NoInput,
        lambda s, _f: s.users.enable(c.actor, user.id),
    )


@user_operation(UserAction.RESET_PASSWORD)
def reset_password(c: UserContext) -> UserStep[PasswordForm]:
    user = c.user
    return UserStep(
        QCoreApplication.translate("UserActions", "Reset password of %s")
        % person_label(user.display_name),
        [
            *_password_fields(
                QCoreApplication.translate("UserActions", "Temporary password"),
                QCoreApplication.translate("UserActions", "Temporary password again"),
            ),
            _info(
                QCoreApplication.translate(
                    "UserActions",
                    "Tell the user this temporary password. They must choose a new password "
                    "of their own at their next sign-in.",
                )
            ),
        ],
        PasswordForm,
        lambda s, f: s.users.reset_password(c.actor, user.id, f.password),
        lambda f: _check(new_password_problems(f.password, f.password_again, user.username)),
    )
