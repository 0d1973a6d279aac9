"""The parts catalogue: a manager adds, edits and deactivates parts; the job view picks from it.

Stock moves with the job's lines, in the job action's own transaction (services/jobs.py calls
`take` and `put_back` here): a conditional UPDATE takes the part only while the shelf holds
enough, so two counters taking the last one at the same moment cannot both have it, on SQLite
(one writer at a time) and on PostgreSQL (the row's lock) alike.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.data.db import Database
from desktop_app.data.models import Part
from desktop_app.domain.errors import ConcurrentChange, InvalidInput, NotFound
from desktop_app.domain.limits import is_lookup_text
from desktop_app.domain.parts import (
    PartForm,
    PartSnapshot,
    for_model,
    matches_search,
    part_number_key,
    take_from_stock,
    validate_part,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action
from desktop_app.domain.text import N_, Verbatim
from desktop_app.services.common import Clock, is_row_id, local_now
from desktop_app.services.signins import SignIns

DUPLICATE = N_("part number {number} is already in the catalogue ({name})")
DUPLICATE_MEANWHILE = N_("part number {number} was just added to the catalogue at another counter")


class PartService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    # --- reading ------------------------------------------------------------------------------

    def list(self, search: str = "", *, include_inactive: bool = True) -> tuple[PartSnapshot, ...]:
        """The catalogue by name, filtered by a search (every word in the name, part number or
        models); the few hundred parts of a shop are read whole and filtered here, so the
        matching is the domain's (full-width and case alike) on both backends."""
        if not is_lookup_text(search):
            return ()
        with self._db.read() as session:
            rows = session.scalars(select(Part).order_by(Part.name, Part.number_key)).all()
            parts = [snapshot(row) for row in rows]
        return tuple(
            p for p in parts if (include_inactive or p.active) and matches_search(p, search)
        )

    def for_model(self, product_model: str, search: str = "") -> tuple[PartSnapshot, ...]:
        """The active parts to pick from for a product: those fitting its model first."""
        if not is_lookup_text(product_model):
            product_model = ""
        return for_model(self.list(search, include_inactive=False), product_model)

    def get(self, part_id: int) -> PartSnapshot:
        with self._db.read() as session:
            return snapshot(_load(session, part_id))

    def find_by_number(self, number: str) -> PartSnapshot | None:
        if not is_lookup_text(number):
            return None
        with self._db.read() as session:
            row = session.scalars(select(Part).where(Part.number_key == part_number_key(number)))
            found = row.first()
            return snapshot(found) if found is not None else None

    # --- writing ------------------------------------------------------------------------------

    def add(self, form: PartForm, actor: Actor) -> PartSnapshot:
        clean = validate_part(form)
        try:
            with self._db.write() as session:
                user = self._signins.user(session, actor, Action.MANAGE_PARTS)
                _refuse_duplicate(session, clean.part_number, None)
                row = Part(
                    name=clean.name,
                    part_number=clean.part_number,
                    number_key=part_number_key(clean.part_number),
                    models=json.dumps(list(clean.models), ensure_ascii=False),
                    unit_price_cents=clean.unit_price_cents,
                    stock=clean.stock,
                    active=clean.active,
                    updated_at=self._clock(),
                    updated_by_id=user.id,
                    version=1,
                )
                session.add(row)
                session.flush()
                return snapshot(row)
        except IntegrityError as error:  # another counter added the same number meanwhile
            raise InvalidInput.single(
                "part_number", DUPLICATE_MEANWHILE, number=Verbatim(clean.part_number)
            ) from error

    def edit(
        self, part_id: int, form: PartForm, actor: Actor, expected_version: int | None = None
    ) -> PartSnapshot:
        """Changes a part (stock included: the manager's count of the shelf). Refused when the
        part changed since `expected_version` was read (an edit elsewhere, or a job taking one
        from stock), so a count typed on an old reading never overwrites a newer one."""
        clean = validate_part(form)
        try:
            with self._db.write() as session:
                user = self._signins.user(session, actor, Action.MANAGE_PARTS)
                row = _load(session, part_id, lock=True)
                _check_version(row, expected_version)
                _refuse_duplicate(session, clean.part_number, row.id)
                row.name = clean.name
                row.part_number = clean.part_number
                row.number_key = part_number_key(clean.part_number)
                row.models = json.dumps(list(clean.models), ensure_ascii=False)
                row.unit_price_cents = clean.unit_price_cents
                row.stock = clean.stock
                row.active = clean.active
                row.updated_at = self._clock()
                row.updated_by_id = user.id
                row.version += 1
                session.flush()
                return snapshot(row)
        except IntegrityError as error:
            raise InvalidInput.single(
                "part_number", DUPLICATE_MEANWHILE, number=Verbatim(clean.part_number)
            ) from error

    def set_active(
        self, part_id: int, active: bool, actor: Actor, expected_version: int | None = None
    ) -> PartSnapshot:
        """Deactivate (no longer offered to pick; lines already on jobs keep it) or activate."""
        current = self.get(part_id)
        form = PartForm(
            current.name,
            current.part_number,
            current.models,
            current.unit_price_cents,
            current.stock,
            bool(active),
        )
        version = current.version if expected_version is None else expected_version
        return self.edit(part_id, form, actor, version)


# --- used by the job's own transaction (services/jobs.py) ---------------------------------------


def snapshot(row: Part) -> PartSnapshot:
    return PartSnapshot(
        id=row.id,
        name=row.name,
        part_number=row.part_number,
        models=tuple(str(m) for m in json.loads(row.models or "[]")),
        unit_price_cents=row.unit_price_cents,
        stock=row.stock,
        active=row.active,
        version=row.version,
        updated_at=row.updated_at,
    )


def part_for_line(session: Session, part_id: object) -> PartSnapshot:
    return snapshot(_load(session, part_id))


def take(session: Session, part: PartSnapshot, quantity: int, now: datetime) -> int:
    """Take `quantity` of the part from stock in the caller's transaction; the stock left.
    Refused (nothing taken) when the shelf holds fewer, read as the database has it now."""
    taken = session.execute(
        update(Part)
        .where(Part.id == part.id, Part.active.is_(True), Part.stock >= quantity)
        .values(stock=Part.stock - quantity, version=Part.version + 1, updated_at=now)
        .returning(Part.stock)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if taken is None:
        fresh = session.execute(select(Part.stock, Part.active).where(Part.id == part.id)).one()
        # The domain says why (deactivated, or not enough on the shelf).
        take_from_stock(
            PartSnapshot(
                part.id,
                part.name,
                part.part_number,
                part.models,
                part.unit_price_cents,
                fresh.stock,
                fresh.active,
                part.version,
            ),
            quantity,
        )
        raise AssertionError("the update refused what the domain allows")  # pragma: no cover
    return int(taken)


def put_back(session: Session, part_id: int, quantity: int, now: datetime) -> int:
    """A removed line's part goes back on the shelf; the stock after it did."""
    return int(
        session.execute(
            update(Part)
            .where(Part.id == part_id)
            .values(stock=Part.stock + quantity, version=Part.version + 1, updated_at=now)
            .returning(Part.stock)
            .execution_options(synchronize_session=False)
        ).scalar_one()
    )


def _load(session: Session, part_id: object, *, lock: bool = False) -> Part:
    row = None
    if is_row_id(part_id):
        statement = select(Part).where(Part.id == part_id)
        if lock:
            statement = statement.with_for_update()
        row = session.scalars(statement).first()
    if row is None:
        raise NotFound(N_("no part with id {id} in the catalogue"), id=Verbatim(str(part_id)))
    return row


def _check_version(row: Part, expected_version: int | None) -> None:
    if expected_version is not None and row.version != expected_version:
        raise ConcurrentChange(
            N_(
                "part {number} was changed meanwhile (at another counter, or taken from stock "
                "for a job): look at it again"
            ),
            number=Verbatim(row.part_number),
        )


def _refuse_duplicate(session: Session, number: str, own_id: int | None) -> None:
    other = session.scalars(select(Part).where(Part.number_key == part_number_key(number))).first()
    if other is not None and other.id != own_id:
        raise InvalidInput.single(
            "part_number", DUPLICATE, number=Verbatim(number), name=Verbatim(other.name)
        )
