"""The demo's parts catalogue, and its parts on the demo jobs' lines.

The catalogue is the shelf of the demo shop: every part a demo fault replaces, for the models of
the demo's own product list (services/demo.py PRODUCTS), at the price the fault's line charges,
with a part number of the brand's style; a few wear parts (a washer's inlet hose, a starting
capacitor) listed once for every model of the brand that takes them; a few older parts no longer
offered (deactivated). Its random numbers are its own (seeded with the demo's seed): the jobs,
their events and their other rows are the same ones with or without it.

A demo job's part line takes its part from the shelf as services/jobs.py add_line does: the
line names the part (part_id), its event the part number and the stock left after it. The shelf
of each part is followed batch after batch (the lines of a batch in the order they were added):
an empty shelf is restocked to the part's usual level by the manager (an edit, so a version)
before the part is taken; where a part of the same brand and specification for another model
exists (a receiver board, a temperature sensor), the first take on an empty shelf uses that one
instead, with the reason written as a technician writes it (the agreement's same-model parts),
and the shelf is restocked after. Each batch's transaction saves the stock, version and time of
the parts its lines took, so a demo stopped between batches leaves counts that agree with the
lines written.

The batches are made in check-in order, and a part is taken when its job is repaired: a job
checked in late in one batch can be repaired after a job of the next batch. The stock left in
two such events is then in the order of the batches rather than of the clock, as after a
manager's recount between them; never below zero, and the last take of a part leaves the count
the catalogue shows.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from desktop_app.data import bulk, queries
from desktop_app.data.models import Part
from desktop_app.domain import events
from desktop_app.domain.parts import part_number_key
from desktop_app.domain.vocabulary import LineKind

# One part for every model of the brand that takes it: wear parts of one specification.
SHARED = frozenset({"启动电容", "进水管"})
# Parts of which the brand's models share the specification though each model lists its own:
# one of another model may stand in when the shelf is empty, with a reason.
STAND_INS = frozenset({"接收板", "无线模块", "温度传感器", "驱动电源", "接收模块"})
STAND_IN_KINDS_EXCLUDED = frozenset({"phone", "tablet", "laptop"})  # never across these models
STAND_IN_REASON = "本型号{name}缺货，改用同规格的{model}{name}（接口与参数一致，已告知顾客）"

BRAND_CODES = {
    "华为": "HW",
    "小米": "MI",
    "苹果": "661",
    "OPPO": "OP",
    "vivo": "VV",
    "联想": "5B",
    "索尼": "SY",
    "美的": "MD",
    "格力": "GL",
    "海尔": "HR",
    "海信": "HS",
    "九阳": "JY",
    "苏泊尔": "SP",
    "戴森": "DY",
    "宜家": "IK",
    "顾家家居": "KU",
    "罗莱": "LL",
    "慕思": "DR",
    "飞利浦": "PH",
    "欧普": "OPL",
}
PART_CODES = {
    "主板": "MB",
    "电池": "BAT",
    "无线模块": "WF",
    "摄像头模组": "CAM",
    "屏幕总成": "LCD",
    "充电尾插": "USB",
    "无线天线": "ANT",
    "键盘": "KB",
    "散热风扇": "FAN",
    "喇叭单元": "SPK",
    "降噪麦克风": "MIC",
    "对焦马达": "AF",
    "快门组件": "SHT",
    "镜头卡口": "MNT",
    "启动电容": "CAP",
    "温度传感器": "TS",
    "接收板": "RX",
    "电机": "MOT",
    "水位传感器": "WL",
    "进水管": "HOS",
    "化霜加热器": "DEF",
    "风扇电机": "FM",
    "加热管": "HT",
    "温控器": "TC",
    "背光灯条": "BL",
    "屏幕模组": "PNL",
    "加热盘": "HP",
    "电源板": "PWR",
    "密封圈": "SL",
    "电池组": "BP",
    "滚刷电机": "BR",
    "摇头电机": "OSC",
    "床板横条": "SLT",
    "层板": "SHF",
    "扶手": "ARM",
    "坐垫海绵": "FOM",
    "推杆电机": "ACT",
    "枕芯": "PIL",
    "弹簧组": "SPR",
    "马达": "MTR",
    "充电板": "CHG",
    "驱动电源": "DRV",
    "接收模块": "RXM",
}
# Older parts the shop no longer offers (deactivated): brand, model, name, price in cents.
RETIRED = (
    ("华为", "Mate 40 Pro", "屏幕总成", 159_000),
    ("小米", "Xiaomi 12", "电池", 17_900),
    ("格力", "KFR-35GW/(35592)FNhAa", "接收板", 5_500),
    ("海信", "55E3F 电视", "背光灯条", 36_000),
)

RETIRED_KIND = "retired"

# Where a line (services/demo.py LINE_COLUMNS) and an event (EVENT_COLUMNS) keep their values.
LINE_JOB, LINE_DESCRIPTION, LINE_PART_MODEL, LINE_QUANTITY, LINE_PRICE, LINE_CHARGED = (
    0,
    2,
    3,
    4,
    5,
    6,
)
LINE_ADDED_AT, LINE_PART_ID, LINE_REASON = 7, 11, 12
EVENT_PAYLOAD = 7
ENCODED_KEPT = 10_000


@dataclass
class _Shelf:
    """One catalogue part as the demo follows it."""

    id: int
    name: str
    number: str
    models: tuple[str, ...]
    brand: str
    kind: str  # the kind of product (services/demo.py FAULTS)
    price: int
    usual: int  # restocked to this many
    stock: int
    version: int = 1
    updated_at: datetime = datetime.min
    updated_by: int = 0
    active: bool = True
    new: bool = True  # added by this demo run (else taken over)
    stand_ins: tuple[_Shelf, ...] = ()
    touched: bool = False


class Catalogue:
    """The demo's catalogue: made once before the jobs, taken from batch after batch."""

    def __init__(
        self,
        seed: int,
        products: Mapping[Any, Sequence[tuple[str, Sequence[tuple[str, str]], int]]],
        faults: Mapping[str, Sequence[Any]],
    ) -> None:
        self._random = random.Random(f"demo parts {seed}")
        self._products = products
        self._faults = faults
        self._shelves: list[_Shelf] = []
        # A line's part as the generator writes it (its part model "brand model", its
        # description): the part that lists the model.
        self._for_line: dict[tuple[str, str], _Shelf] = {}
        self._encoded: dict[tuple, str] = {}

    # --- the catalogue ----------------------------------------------------------------------

    def set_up(self, session: Session, manager: int, at: datetime) -> int:
        """The catalogue's rows, added in `session`; how many were added. A part number drawn
        that is in the catalogue already (the same seed's demo run before) is that part: its
        row, count and version are taken over, not added again."""
        rnd = self._random
        existing = {row.number_key: row for row in session.scalars(select(Part).order_by(Part.id))}
        next_id = max((row.id for row in existing.values()), default=0) + 1
        drawn: set[str] = set()
        by_key: dict[tuple, _Shelf] = {}

        def shelf(brand: str, model: str, kind: str, name: str, price: int) -> _Shelf:
            nonlocal next_id
            prefix = f"{BRAND_CODES.get(brand, 'DM')}-{PART_CODES.get(name, 'PT')}"
            while True:
                typed = f"{prefix}-{rnd.randrange(10_000, 100_000)}"
                if part_number_key(typed) not in drawn:
                    drawn.add(part_number_key(typed))
                    break
            usual = _usual(price, rnd)
            active = kind != RETIRED_KIND
            # The demo starts with the shop already at work: some shelves part-used.
            stock = rnd.randrange(0, usual + 1) if active else 0
            item = _Shelf(next_id, name, typed, (model,), brand, kind, price, usual, stock)
            item.version, item.updated_at, item.updated_by, item.active = 1, at, manager, active
            row = existing.get(part_number_key(typed))
            if row is not None:  # taken over as it stands
                item.id, item.stock, item.version = row.id, row.stock, row.version
                item.updated_at, item.updated_by = row.updated_at, row.updated_by_id
                item.models, item.active = tuple(json.loads(row.models)), row.active
                item.new = False
            else:
                next_id += 1
            self._shelves.append(item)
            return item

        for makers in self._products.values():
            for brand, models, _months in makers:
                for model, kind in models:
                    for fault in self._faults[kind]:
                        if fault.part is None:
                            continue
                        name, price = fault.part
                        key = (brand, name, price) if name in SHARED else (brand, model, name)
                        item = by_key.get(key)
                        if item is None:
                            item = by_key[key] = shelf(brand, model, kind, name, price)
                        elif item.new and model not in item.models:
                            item.models = (*item.models, model)
                        self._for_line.setdefault((f"{brand} {model}", name), item)
        for brand, model, name, price in RETIRED:
            shelf(brand, model, RETIRED_KIND, name, price)
        # The stand-ins: the brand's parts of one specification listed each for its own model.
        groups: dict[tuple, list[_Shelf]] = {}
        for item in self._shelves:
            if item.active and item.name in STAND_INS and item.kind not in STAND_IN_KINDS_EXCLUDED:
                groups.setdefault((item.brand, item.name, item.price, item.kind), []).append(item)
        for group in groups.values():
            for item in group:
                item.stand_ins = tuple(other for other in group if other is not item)
        rows = [
            {
                "id": item.id,
                "name": item.name,
                "part_number": item.number,
                "number_key": part_number_key(item.number),
                "models": json.dumps(list(item.models), ensure_ascii=False),
                "unit_price_cents": item.price,
                "stock": item.stock,
                "active": item.active,
                "updated_at": at,
                "updated_by_id": manager,
                "version": 1,
            }
            for item in self._shelves
            if item.new
        ]
        bulk.insert_rows(session, Part.__table__, rows)
        return len(rows)

    # --- the lines --------------------------------------------------------------------------

    def take(
        self,
        lines: list[tuple],
        job_events: list[tuple],
        takes: Sequence[tuple[int, int]],
        manager: int,
    ) -> None:
        """The batch's part lines take their parts: each line (and its event, by their
        positions in `takes`) rewritten in place with the part, the stock left and any
        reason, in the order the lines were added."""
        order = sorted(takes, key=lambda t: (lines[t[0]][LINE_ADDED_AT], lines[t[0]][LINE_JOB]))
        for line_index, event_index in order:
            line = lines[line_index]
            own = self._for_line.get((line[LINE_PART_MODEL], line[LINE_DESCRIPTION]))
            if own is None:
                continue  # a part the catalogue does not list: the line stays typed
            quantity = line[LINE_QUANTITY]
            at: datetime = line[LINE_ADDED_AT]
            used, reason, part_model = own, "", line[LINE_PART_MODEL]
            if own.stock < quantity:
                stand_in = next((s for s in own.stand_ins if s.stock >= quantity), None)
                if stand_in is not None:
                    used = stand_in
                    model = stand_in.models[0]
                    reason = STAND_IN_REASON.format(name=own.name, model=model)
                    part_model = f"{stand_in.brand} {model}"
                # Ordered at once: on the shelf for this line, or for the next one when a
                # stand-in served this one.
                _restock(own, at, manager)
            used.stock -= quantity
            used.version += 1
            used.touched = True
            if at > used.updated_at:
                used.updated_at = at
            lines[line_index] = (
                *line[:LINE_PART_MODEL],
                part_model,
                *line[LINE_PART_MODEL + 1 : LINE_PART_ID],
                used.id,
                reason,
            )
            event = job_events[event_index]
            payload = self._payload(line, used, reason)
            job_events[event_index] = (*event[:EVENT_PAYLOAD], payload, *event[EVENT_PAYLOAD + 1 :])

    def save(self, session: Session) -> None:
        """The parts the batch's lines took: their count, version and time, in `session`."""
        touched = [s for s in self._shelves if s.touched]
        if not touched:
            return
        table = Part.__table__
        session.execute(
            update(table)
            .where(table.c.id == bindparam("part_id"))
            .values(
                stock=bindparam("new_stock"),
                version=bindparam("new_version"),
                updated_at=bindparam("new_at"),
                updated_by_id=bindparam("new_by"),
            ),
            [
                {
                    "part_id": s.id,
                    "new_stock": s.stock,
                    "new_version": s.version,
                    "new_at": s.updated_at,
                    "new_by": s.updated_by,
                }
                for s in touched
            ],
        )
        for s in touched:
            s.touched = False

    def _payload(self, line: tuple, part: _Shelf, reason: str) -> str:
        free = line[LINE_CHARGED] == 0
        key = (line[LINE_DESCRIPTION], line[LINE_QUANTITY], line[LINE_PRICE], free)
        key += (part.number, part.stock, reason)
        found = self._encoded.get(key)
        if found is None:
            if len(self._encoded) >= ENCODED_KEPT:
                self._encoded.clear()
            found = self._encoded[key] = queries.encode_payload(
                events.line_added(
                    LineKind.PART,
                    line[LINE_DESCRIPTION],
                    line[LINE_QUANTITY],
                    line[LINE_PRICE],
                    free,
                    part_number=part.number,
                    stock_left=part.stock,
                    model_reason=reason,
                )
            )
        return found


def _usual(price: int, rnd: random.Random) -> int:
    """How many of a part the shop keeps: cheap wear parts by the dozen, a screen or a
    mattress's springs one or two."""
    if price <= 10_000:
        return rnd.randrange(8, 25)
    if price <= 50_000:
        return rnd.randrange(3, 10)
    if price <= 150_000:
        return rnd.randrange(2, 5)
    return rnd.randrange(1, 3)


def _restock(shelf: _Shelf, at: datetime, manager: int) -> None:
    """The manager counts the delivery in (an edit of the part): the shelf at its usual level."""
    shelf.stock = max(shelf.stock, shelf.usual)
    shelf.version += 1
    shelf.touched = True
    shelf.updated_by = manager
    if at > shelf.updated_at:
        shelf.updated_at = at
