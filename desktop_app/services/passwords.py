"""Password hashes: argon2id (argon2-cffi), salted and memory-hard; nothing else is ever stored.

The production parameters are argon2-cffi's defaults, RFC 9106's second recommended profile:
argon2id, 3 passes over 64 MiB with 4 lanes, a 16-byte random salt and a 32-byte tag. On a
counter PC that is about a fifth of a second per sign-in (off the window's thread), and makes each
guess of a stolen hash cost the same 64 MiB and fifth of a second on a guesser's machine. Tests
pass cheaper parameters (the format is the same, the hashes still argon2id).

A password never appears in a log, an exception or an event: the hasher's own exceptions carry
no password, and `verify` answers only yes or no.
"""

from __future__ import annotations

import contextlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# A hash of a password nobody has, verified when the user name is unknown, so that an unknown
# name takes as long to refuse as a wrong password.
_NOBODY = "correct horse battery staple, but nobody's"


class Passwords:
    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._nobody: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        """Whether `password` is the one `stored` was made from; False for no hash at all, or
        a hash that is not argon2's (an edited database), never an exception."""
        if not isinstance(stored, str) or not stored.isascii():
            # None at all, a number an edit left there, or text no argon2 hash is (argon2
            # reads it as ASCII and would raise).
            self.waste_time(password)
            return False
        try:
            return self._hasher.verify(stored, _as_bytes(password))
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        """After a successful sign-in: whether the hash was made with other parameters than
        today's (so it is rehashed with them)."""
        try:
            return self._hasher.check_needs_rehash(stored)
        except InvalidHashError:
            return True

    def waste_time(self, password: str) -> None:
        if self._nobody is None:
            self._nobody = self._hasher.hash(_NOBODY)
        with contextlib.suppress(VerificationError, InvalidHashError):
            self._hasher.verify(self._nobody, _as_bytes(password))


def _as_bytes(password: str) -> bytes:
    """The bytes argon2 hashes: UTF-8, as argon2-cffi encodes a str. A password typed or piped
    as bytes that are not UTF-8 holds lone surrogates (a terminal in the C locale decodes them
    so), which strict UTF-8 cannot encode: they are kept as bytes no UTF-8 text ever encodes to,
    so such a password is simply wrong (no new password may hold one), never an exception."""
    return password.encode("utf-8", "surrogatepass")
