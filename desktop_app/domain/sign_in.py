"""What the sign-in shows, read before the services load (data/first_screen.py): the shop's name,
language and country, and who may sign in.

Kept apart from domain/snapshots.py so that the first screen makes three small records and loads
nothing else of the domain: every frozen dataclass costs Python about half a millisecond to make,
and the start-up used to make 51 of them (the whole shop's settings, with the compensation
policy and the message templates it holds) before the sign-in was painted.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.vocabulary import Role


@dataclass(frozen=True)
class UserSnapshot:
    """A member of staff, as the window and the receipts show them."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool = True


@dataclass(frozen=True)
class SignInShop:
    """Of the shop's settings, what the sign-in needs: its name on the dialog, its language for
    the dialog's words, its country for the calendar the services load behind the dialog."""

    name: str
    language: str  # "" for the system's, or e.g. "zh_CN"
    country: str


@dataclass(frozen=True)
class FirstScreen:
    """What the sign-in shows before the services are loaded: read at start-up without
    SQLAlchemy (data/first_screen.py). Nothing about customers: nobody has signed in yet."""

    shop: SignInShop
    users: tuple[UserSnapshot, ...]  # who may sign in, as AuthService.sign_in_names
