"""Realistic demonstration data: for trying the app and for benchmarks at shop scale.

Jobs are spread over the past months in every status, with Chinese names, real-looking brands and
models, plausible event histories, and some jobs overdue. Rows are written with bulk inserts in
chunks (one transaction per chunk) so 100,000 jobs take seconds, not minutes.

The data is made of the services' own pieces rather than a copy of them: job numbers come from
the one format function, every history walks the workflow's allowed moves, and every event has
the kind and the payload the services would have written (domain/events.py), so a demo job's
timeline reads exactly like a real one, in any language.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from desktop_app.data import queries, search_index
from desktop_app.data.db import Database
from desktop_app.data.models import (
    Customer,
    Job,
    JobEvent,
    JobLine,
    JobNumberCounter,
    Product,
    User,
)
from desktop_app.domain import events
from desktop_app.domain.forms import job_number, job_number_day, split_accessories
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import (
    Category,
    Claim,
    Coverage,
    DocumentsPresented,
    ServiceKind,
    Verdict,
    decide,
)
from desktop_app.domain.vocabulary import EventKind, LineKind, Outcome, PaymentMethod
from desktop_app.domain.workdays import WorkCalendar, repair_due_date, response_due
from desktop_app.domain.workflow import CLOSED_STATUSES, Status, allowed_next

Progress = Callable[[int, int], None]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉波宇浩凯晨阳欣怡子涵梓轩思雨俊杰雨桐浩然一诺建国建华志强海燕丽娟晓东春梅"  # noqa: E501

PRODUCTS: dict[Category, list[tuple[str, list[str], int]]] = {
    Category.ELECTRONICS: [
        ("华为", ["Mate 60 Pro", "P70", "nova 12", "MatePad 11"], 12),
        ("小米", ["Xiaomi 14", "Redmi K70", "Redmi Note 13", "小米平板6"], 12),
        ("苹果", ["iPhone 15", "iPhone 14 Pro", "iPad Air", "MacBook Air M2"], 12),
        ("OPPO", ["Find X7", "Reno 11"], 12),
        ("vivo", ["X100", "S18"], 12),
        ("联想", ["小新 Pro 14", "ThinkPad X1", "拯救者 Y9000P"], 24),
        ("索尼", ["WH-1000XM5", "Alpha 7 IV"], 12),
    ],
    Category.APPLIANCE: [
        ("美的", ["KFR-35GW 空调", "MB80 洗衣机", "BCD-480 冰箱", "C21 电磁炉"], 36),
        ("格力", ["云佳 KFR-26GW", "天丽 KFR-72LW"], 72),
        ("海尔", ["EG100 滚筒洗衣机", "BCD-535 冰箱", "EC6001 热水器"], 36),
        ("海信", ["65E3H 电视", "55E5K 电视"], 24),
        ("九阳", ["Y88 豆浆机", "K15 电水壶"], 12),
        ("苏泊尔", ["SF40 电饭煲", "SJ12 破壁机"], 12),
        ("戴森", ["V12 吸尘器", "HP07 风扇"], 24),
    ],
    Category.HOME_GOODS: [
        ("宜家", ["MALM 床架", "BILLY 书柜", "POÄNG 扶手椅"], 12),
        ("顾家家居", ["布艺沙发 2056", "功能沙发 A078"], 36),
        ("罗莱", ["乳胶枕 L01", "羽绒被 W220"], 12),
        ("慕思", ["床垫 T10", "床垫 V6"], 60),
    ],
    Category.OTHER: [
        ("飞利浦", ["HX6730 电动牙刷", "S5000 剃须刀"], 24),
        ("欧普", ["吸顶灯 MX420", "台灯 A6"], 12),
    ],
}

FAULTS = [
    "开机无反应",
    "屏幕闪烁，偶尔黑屏",
    "充电很慢，电池鼓包",
    "不制冷，压缩机不启动",
    "噪音很大，震动明显",
    "漏水",
    "按键失灵",
    "显示错误代码 E4",
    "无法连接 Wi-Fi",
    "加热不均匀",
    "扶手开裂",
    "弹簧变形，有异响",
    "摄像头对焦失败",
    "遥控器无法配对",
]
USAGES = ["日常家用", "正常使用约半年", "每天使用", "办公使用", "偶尔使用", "搬家后出现问题"]
CONDITIONS = ["外观完好", "边框轻微划痕", "背壳有磕碰", "无明显损伤", "屏幕有细微划痕"]
ACCESSORIES = ["无", "充电器、数据线", "遥控器", "包装盒、说明书", "电源线", "充电器"]
DIAGNOSES = ["主板供电故障", "屏幕排线松动", "压缩机启动电容损坏", "电池老化", "进水导致短路"]
PARTS = [
    ("屏幕总成", 68000),
    ("电池", 19900),
    ("主板", 128000),
    ("启动电容", 4500),
    ("电机", 32000),
]

# The statuses a demo job ends in, with their share of closed (older) and open (recent) jobs.
CLOSED_MIX = [
    (Status.RETURNED, 88),
    (Status.CANCELLED, 4),
    (Status.REFUNDED, 4),
    (Status.EXCHANGED, 4),
]
OPEN_MIX = [
    (Status.RECEIVED, 14),
    (Status.DIAGNOSING, 20),
    (Status.WAITING_FOR_PARTS, 16),
    (Status.REPAIRING, 22),
    (Status.READY_FOR_PICKUP, 24),
    (Status.INSPECTING, 4),
]
# Paid jobs are paid these ways at hand-back.
PAYMENTS = (PaymentMethod.WECHAT, PaymentMethod.ALIPAY, PaymentMethod.CASH)
CHUNK = 5000


@dataclass(frozen=True)
class DemoResult:
    jobs: int
    events: int
    seconds: float


@dataclass
class _Batch:
    """The rows of one batch, inserted table by table."""

    customers: list[dict] = field(default_factory=list)
    products: list[dict] = field(default_factory=list)
    jobs: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)


class DemoGenerator:
    def __init__(self, database: Database, *, seed: int = 2026, months: int = 6) -> None:
        self._db = database
        self._random = random.Random(seed)
        self._months = months
        self._routes: dict[tuple[Coverage, Status], tuple[list[tuple[Status, ...]], list[float]]]
        self._routes = {}
        self._names: dict[int, str] = {}  # staff display names, for the assignment events

    def run(self, job_count: int, now: datetime, progress: Progress | None = None) -> DemoResult:
        started = time.perf_counter()
        staff = self._ensure_staff()
        with self._db.read() as session:
            calendar = queries.work_calendar(session)
            counters = {row.day: row.last for row in session.scalars(select(JobNumberCounter))}
            next_customer = (session.scalar(select(func.max(Customer.id))) or 0) + 1
            next_product = (session.scalar(select(func.max(Product.id))) or 0) + 1
            next_job = (session.scalar(select(func.max(Job.id))) or 0) + 1
        start = now - timedelta(days=30 * self._months)
        moments = sorted(self._opening_hours_moment(start, now) for _ in range(job_count))
        events_written = 0
        done = 0
        for offset in range(0, job_count, CHUNK):
            batch = moments[offset : offset + CHUNK]
            rows = self._build_batch(
                batch, now, calendar, staff, counters, next_customer, next_product, next_job
            )
            customers, products, jobs, events, lines = rows
            with self._db.write() as session, search_index.indexed_in_bulk(session, jobs):
                # Core executemany: the ORM's bulk path would group and re-check every row.
                for model, rows_of_model in (
                    (Customer, customers),
                    (Product, products),
                    (Job, jobs),
                    (JobEvent, events),
                    (JobLine, lines),
                ):
                    if rows_of_model:
                        session.execute(insert(model.__table__), rows_of_model)
                self._save_counters(session, counters)
                _advance_id_sequences(session, (Customer, Product, Job))
            next_customer += len(customers)
            next_product += len(products)
            next_job += len(jobs)
            events_written += len(events)
            done += len(batch)
            if progress:
                progress(done, job_count)
        return DemoResult(job_count, events_written, time.perf_counter() - started)

    def _opening_hours_moment(self, start: datetime, now: datetime) -> datetime:
        """A moment the counter is open (09:00–21:00), never in the future."""
        while True:
            day = start.date() + timedelta(days=self._random.randrange((now - start).days + 1))
            moment = datetime.combine(day, datetime.min.time()) + timedelta(
                seconds=self._random.uniform(9 * 3600, 21 * 3600)
            )
            if start <= moment <= now:
                return moment

    # --- building rows --------------------------------------------------------------------------

    def _ensure_staff(self) -> dict[Role, list[int]]:
        wanted = [
            ("clerk1", "王晓红", Role.CLERK),
            ("clerk2", "陈思远", Role.CLERK),
            ("tech1", "李建国", Role.TECHNICIAN),
            ("tech2", "赵志强", Role.TECHNICIAN),
            ("tech3", "孙海燕", Role.TECHNICIAN),
        ]
        with self._db.write() as session:
            existing = {u.username: u for u in session.scalars(select(User))}
            for username, name, role in wanted:
                if username not in existing:
                    user = User(
                        username=username,
                        display_name=name,
                        role=role.value,
                        active=True,
                        created_at=datetime.now().replace(microsecond=0),
                    )
                    session.add(user)
                    existing[username] = user
            session.flush()
            staff: dict[Role, list[int]] = {role: [] for role in Role}
            for user in existing.values():
                if user.active:
                    staff[Role(user.role)].append(user.id)
                    self._names[user.id] = user.display_name
        return staff

    def _build_batch(
        self,
        moments: list[datetime],
        now: datetime,
        calendar: WorkCalendar,
        staff: dict[Role, list[int]],
        counters: dict[str, int],
        customer_id: int,
        product_id: int,
        job_id: int,
    ) -> tuple[list[dict], list[dict], list[dict], list[dict], list[dict]]:
        batch = _Batch()
        clerks = staff[Role.CLERK] or staff[Role.MANAGER]
        technicians = staff[Role.TECHNICIAN] or staff[Role.MANAGER]
        for offset, checked_in_at in enumerate(moments):
            self._add_job(
                batch,
                checked_in_at,
                (customer_id + offset, product_id + offset, job_id + offset),
                now,
                calendar,
                (clerks, technicians),
                counters,
            )
        return batch.customers, batch.products, batch.jobs, batch.events, batch.lines

    def _add_job(
        self,
        batch: _Batch,
        checked_in_at: datetime,
        ids: tuple[int, int, int],
        now: datetime,
        calendar: WorkCalendar,
        people: tuple[list[int], list[int]],
        counters: dict[str, int],
    ) -> None:
        """One job's rows: its customer, product, job, events and part, all telling one story."""
        rnd = self._random
        customer_id, product_id, job_id = ids
        clerks, technicians = people
        checked_in_at = checked_in_at.replace(microsecond=0)
        category = rnd.choices(list(PRODUCTS), weights=[50, 30, 12, 8])[0]
        brand, models, months = rnd.choice(PRODUCTS[category])
        model = rnd.choice(models)
        age_days = int(rnd.triangular(0, 900, 120))
        purchase = checked_in_at.date() - timedelta(days=age_days)
        wants_return = age_days <= 8 and rnd.random() < 0.6
        requested = (
            rnd.choice([ServiceKind.RETURN, ServiceKind.EXCHANGE])
            if wants_return
            else rnd.choices(
                [ServiceKind.REPAIR, ServiceKind.ON_SITE, ServiceKind.CONSULTATION],
                weights=[85, 10, 5],
            )[0]
        )
        documents = DocumentsPresented(
            rnd.random() < 0.93, rnd.random() < 0.85, rnd.random() < 0.98
        )
        verdict = decide(
            Claim(purchase, checked_in_at.date(), months, documents, requested),
            checked_in_at.date(),
        )
        final = self._final_status(verdict.coverage, checked_in_at, now)
        route = self._route(verdict.coverage, final)
        day = job_number_day(checked_in_at)
        counters[day] = counters.get(day, 0) + 1
        self._add_customer_and_product(
            batch,
            customer_id,
            product_id,
            checked_in_at,
            requested,
            (category, brand, model, purchase, months),
            documents,
        )
        # What happened to the job, decided first: its history and its row both report it.
        clerk = rnd.choice(clerks)
        technician = rnd.choice(technicians) if route else None
        repaired = Status.REPAIRING in route
        part = rnd.choice(PARTS) if repaired and rnd.random() < 0.5 else None
        free = verdict.coverage is not Coverage.PAID
        charged = part[1] if part and not free else 0
        returned = final is Status.RETURNED
        facts = _Facts(
            outcome=Outcome.REPAIRED if repaired else Outcome.NO_FAULT_FOUND,
            accessories=rnd.choice(ACCESSORIES),
            charged=charged,
            method=rnd.choice(PAYMENTS) if returned and charged else "",
            refund=rnd.randrange(9900, 999900) if final is Status.REFUNDED else None,
            replacement=(f"{brand} {model}", f"SN{rnd.randrange(10**12):012d}")
            if final is Status.EXCHANGED
            else ("", ""),
            score=rnd.choices([5, 4, 3, 2, 1], [60, 25, 9, 4, 2])[0] if returned else None,
        )
        due = repair_due_date(calendar, checked_in_at)
        history, timeline = self._history(
            job_id, route, verdict, facts, checked_in_at, now, due, clerk, technician
        )
        if part is not None and technician is not None:
            _add_part(
                batch,
                history,
                job_id,
                part,
                f"{brand} {model}",
                (charged, free),
                (technician, timeline["repairing"]),
            )
        batch.events.extend(history)
        batch.jobs.append(
            self._job_row(
                (job_id, customer_id, product_id),
                job_number(checked_in_at, counters[day]),
                requested,
                verdict,
                final,
                documents,
                facts,
                (checked_in_at, clerk, due, technician),
                timeline,
                history[-1]["at"],
            )
        )

    def _add_customer_and_product(
        self,
        batch: _Batch,
        customer_id: int,
        product_id: int,
        checked_in_at: datetime,
        requested: ServiceKind,
        product: tuple[Category, str, str, date, int],
        documents: DocumentsPresented,
    ) -> None:
        rnd = self._random
        category, brand, model, purchase, months = product
        name = rnd.choice(SURNAMES) + "".join(rnd.choices(GIVEN, k=rnd.choice([1, 2])))
        phone = f"1{rnd.choice('3456789')}{rnd.randrange(10**9):09d}"
        batch.customers.append(
            {
                "id": customer_id,
                "name": name,
                "phone": phone,
                "address": f"上海市浦东新区世纪大道{rnd.randrange(1, 2000)}号"
                if requested is ServiceKind.ON_SITE
                else "",
                "created_at": checked_in_at,
            }
        )
        serial_prefix = "IMEI" if category is Category.ELECTRONICS else "SN"
        batch.products.append(
            {
                "id": product_id,
                "customer_id": customer_id,
                "category": category.value,
                "brand": brand,
                "model": model,
                "serial": f"{serial_prefix}{rnd.randrange(10**14):014d}",
                "purchase_date": purchase,
                "warranty_months": months,
                "voucher_number": f"FP{rnd.randrange(10**10):010d}"
                if documents.purchase_voucher
                else "",
                "warranty_card_number": f"BX{rnd.randrange(10**8):08d}"
                if documents.warranty_card
                else "",
            }
        )

    def _job_row(
        self,
        ids: tuple[int, int, int],
        number: str,
        requested: ServiceKind,
        verdict: Verdict,
        final: Status,
        documents: DocumentsPresented,
        facts: _Facts,
        intake: tuple[datetime, int, date, int | None],
        timeline: dict[str, datetime],
        last_event_at: datetime,
    ) -> dict:
        """The job's row, saying what its history says."""
        rnd = self._random
        job_id, customer_id, product_id = ids
        checked_in_at, clerk, due, technician = intake
        ready = "ready" in timeline
        returned = final is Status.RETURNED
        charged = facts.charged

        return {
            "id": job_id,
            "number": number,
            "customer_id": customer_id,
            "product_id": product_id,
            "service_requested": requested.value,
            "coverage": verdict.coverage.value,
            "status": final.value,
            "voucher_presented": documents.purchase_voucher,
            "warranty_card_presented": documents.warranty_card,
            "product_presented": documents.product,
            "verdict_json": queries.encode_reasons(verdict.reasons),
            "warranty_end": verdict.warranty_end,
            "return_window_end": verdict.return_window_end,
            "manager_override_reason": "",
            "fault_description": rnd.choice(FAULTS),
            "usage_description": rnd.choice(USAGES),
            "condition_on_arrival": rnd.choice(CONDITIONS),
            "accessories_received": facts.accessories,
            "checked_in_at": checked_in_at,
            "checked_in_by_id": clerk,
            "response_due_at": response_due(checked_in_at),
            "first_response_at": timeline.get("response"),
            "repair_due_date": due,
            "ready_at": timeline.get("ready"),
            "returned_at": timeline.get("closed"),
            "technician_id": technician,
            "not_quality_reason": "",
            "diagnosis": rnd.choice(DIAGNOSES) if "diagnosed" in timeline else "",
            "satisfaction_score": facts.score,
            "satisfaction_comment": "",
            "outcome": facts.outcome.value if ready else "",
            "work_done": WORK_DONE[facts.outcome] if ready else "",
            "accessories_returned": facts.accessories if returned else "",
            "payment_method": facts.method,
            "amount_paid_cents": charged if returned else None,
            "refund_cents": facts.refund,
            "replacement_model": facts.replacement[0],
            "replacement_serial": facts.replacement[1],
            "last_event_at": last_event_at,
            "version": 1,
        }

    def _route(self, coverage: Coverage, final: Status) -> tuple[Status, ...]:
        """One of the workflow's ways from received to `final`; a shorter way more often (most
        jobs go straight through, some wait for parts, some need no repair)."""
        key = (coverage, final)
        if key not in self._routes:
            found = routes(coverage, final)
            if not found:
                raise ValueError(f"the workflow has no way to {final} for {coverage}")
            shortest = min(len(route) for route in found)
            self._routes[key] = (found, [0.5 ** (len(r) - shortest) for r in found])
        choices, weights = self._routes[key]
        return self._random.choices(choices, weights)[0]

    def _final_status(self, coverage: Coverage, checked_in_at: datetime, now: datetime) -> Status:
        rnd = self._random
        age = (now - checked_in_at).days
        # Older jobs are mostly closed; the last two weeks are mostly open; a few old ones linger
        # (the overdue jobs a real counter has).
        closed_share = 0.05 if age < 3 else 0.45 if age < 14 else 0.995
        if rnd.random() < closed_share:
            status = rnd.choices([s for s, _ in CLOSED_MIX], [w for _, w in CLOSED_MIX])[0]
        else:
            status = rnd.choices([s for s, _ in OPEN_MIX], [w for _, w in OPEN_MIX])[0]
        is_return = coverage is Coverage.RETURN_EXCHANGE
        if is_return and status not in (
            Status.RECEIVED,
            Status.INSPECTING,
            Status.REFUNDED,
            Status.EXCHANGED,
            Status.CANCELLED,
        ):
            status = rnd.choice([Status.REFUNDED, Status.EXCHANGED, Status.INSPECTING])
        if not is_return and status in (Status.INSPECTING, Status.REFUNDED, Status.EXCHANGED):
            status = Status.RETURNED if status is not Status.INSPECTING else Status.DIAGNOSING
        return status

    def _history(
        self,
        job_id: int,
        route: tuple[Status, ...],
        verdict: Verdict,
        facts: _Facts,
        checked_in_at: datetime,
        now: datetime,
        due: date,
        clerk: int,
        technician: int | None,
    ) -> tuple[list[dict], dict[str, datetime]]:
        rnd = self._random
        checked_in = events.checked_in(verdict.coverage, verdict.reasons)
        history = [
            _event(job_id, checked_in_at, clerk, EventKind.CHECKED_IN, checked_in, None, RECEIVED)
        ]
        timeline: dict[str, datetime] = {}
        # Most jobs finish on time; about one in eight runs late.
        late = rnd.random() < 0.12
        finish_by = datetime.combine(due, datetime.min.time()) + timedelta(hours=17)
        if late:
            finish_by += timedelta(days=rnd.randint(1, 6))
        span = max(timedelta(hours=2), min(finish_by, now) - checked_in_at)
        at = checked_in_at
        previous = Status.RECEIVED
        response_delay = timedelta(minutes=rnd.choice([20, 45, 90, 180, 600, 1500, 2000]))
        worker = technician if technician is not None else clerk
        for index, status in enumerate(route):
            step = span * rnd.uniform(0.15, 0.35) if index else min(response_delay, span / 3)
            at = min(at + step, now - timedelta(minutes=1))
            at = max(at, checked_in_at + timedelta(minutes=1)).replace(microsecond=0)
            if index == 0 and technician is not None:
                assigned = events.assigned(technician, self._names.get(technician))
                history.append(_event(job_id, at, worker, EventKind.ASSIGNED, assigned))
            user = clerk if status is Status.RETURNED else worker
            note = "顾客取消维修" if status is Status.CANCELLED else ""
            moved = _move_facts(status, facts)
            history.append(
                _event(job_id, at, user, EventKind.STATUS_CHANGED, moved, previous, status, note)
            )
            if index == 0:
                timeline["response"] = at
            if status is Status.DIAGNOSING:
                timeline["diagnosed"] = at
            if status is Status.REPAIRING:
                timeline["repairing"] = at
            if status is Status.READY_FOR_PICKUP:
                timeline["ready"] = at
            if status in CLOSED_STATUSES:
                timeline["closed"] = at
            if status is Status.RETURNED:
                given = events.accessories_returned(split_accessories(facts.accessories))
                history.append(_event(job_id, at, clerk, EventKind.HANDED_BACK, given))
                if facts.score is not None:
                    rated = events.satisfaction(facts.score, "")
                    history.append(_event(job_id, at, clerk, EventKind.SATISFACTION, rated))
            previous = status
        if "response" not in timeline and rnd.random() < 0.7:
            at = min(checked_in_at + response_delay, now - timedelta(minutes=1))
            if at > checked_in_at:
                at = at.replace(microsecond=0)
                history.append(
                    _event(
                        job_id,
                        at,
                        clerk,
                        EventKind.FIRST_RESPONSE,
                        None,
                        note="已电话联系顾客，告知检测安排",
                    )
                )
                timeline["response"] = at
        return history, timeline

    @staticmethod
    def _save_counters(session: Session, counters: dict[str, int]) -> None:
        existing = {row.day: row for row in session.scalars(select(JobNumberCounter))}
        for day, last in counters.items():
            row = existing.get(day)
            if row is None:
                session.add(JobNumberCounter(day=day, last=last))
            elif row.last < last:
                row.last = last


def _event(
    job_id: int,
    at: datetime,
    user_id: int,
    kind: EventKind,
    payload: events.Payload | None,
    from_status: Status | None = None,
    to_status: Status | None = None,
    note: str = "",
) -> dict:
    """An event row as services/common.record_event writes it: typed text in the note, facts
    in the payload."""
    return {
        "job_id": job_id,
        "at": at,
        "user_id": user_id,
        "kind": kind.value,
        "from_status": from_status.value if from_status else None,
        "to_status": to_status.value if to_status else None,
        "note": note,
        "payload": _encoded(payload),
    }


_ENCODED: dict[tuple[tuple[str, object], ...], str] = {}
ENCODED_KEPT = 10_000


def _encoded(payload: events.Payload | None) -> str:
    """The stored JSON of a payload. Most demo payloads repeat (an outcome, a score, a
    technician): each is encoded once. Lists (reasons, accessories) are not cached."""
    if not payload:
        return "{}"
    try:
        key = tuple(payload.items())
        hash(key)
    except TypeError:
        return queries.encode_payload(payload)
    found = _ENCODED.get(key)
    if found is None:
        if len(_ENCODED) >= ENCODED_KEPT:  # refunds and replacements hardly repeat
            _ENCODED.clear()
        found = _ENCODED[key] = queries.encode_payload(payload)
    return found


def _move_facts(status: Status, facts: _Facts) -> events.Payload | None:
    """The facts the services record with this move (services/jobs.py, services/handback.py)."""
    if status is Status.READY_FOR_PICKUP:
        return events.outcome(facts.outcome)
    if status is Status.RETURNED:
        return events.paid(facts.charged, facts.method)
    if status is Status.REFUNDED and facts.refund is not None:
        return events.refund(facts.refund)
    if status is Status.EXCHANGED:
        return events.exchange(*facts.replacement)
    return None


def routes(coverage: Coverage, final: Status) -> list[tuple[Status, ...]]:
    """Every way the workflow's allowed moves lead from received to `final` without coming back
    to a status already passed: the moves, received itself not included."""
    found: list[tuple[Status, ...]] = []

    def walk(path: tuple[Status, ...]) -> None:
        if path[-1] is final:
            found.append(path[1:])
            return
        for step in allowed_next(coverage, path[-1]):
            if step not in path:
                walk((*path, step))

    walk((RECEIVED,))
    return found


@dataclass(frozen=True)
class _Facts:
    """What happened to a demo job, decided before its history and its row are written."""

    outcome: Outcome
    accessories: str
    charged: int
    method: str
    refund: int | None
    replacement: tuple[str, str]
    score: int | None


RECEIVED = Status.RECEIVED
WORK_DONE = {
    Outcome.REPAIRED: "更换故障部件，测试正常",
    Outcome.NO_FAULT_FOUND: "检测无故障，已清洁保养",
}


def _advance_id_sequences(session: Session, models: tuple[type, ...]) -> None:
    """Rows were written with explicit ids; PostgreSQL's id sequences do not see those, and the
    next ordinary insert (a real check-in after the demo) would collide. SQLite needs nothing."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__table__.name  # type: ignore[attr-defined]
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        )


def _add_part(
    batch: _Batch,
    history: list[dict],
    job_id: int,
    part: tuple[str, int],
    part_model: str,
    charge: tuple[int, bool],
    added: tuple[int, datetime],
) -> None:
    """The part a repair used: its line, and the event the service writes for it."""
    description, price = part
    charged, free = charge
    technician, added_at = added
    batch.lines.append(
        {
            "job_id": job_id,
            "kind": LineKind.PART.value,
            "description": description,
            "part_model": part_model,
            "quantity": 1,
            "unit_price_cents": price,
            "charged_cents": charged,
            "added_at": added_at,
            "added_by_id": technician,
            "removed_at": None,
            "removed_by_id": None,
        }
    )
    facts = events.line_added(LineKind.PART, description, 1, price, free)
    history.append(_event(job_id, added_at, technician, EventKind.LINE_ADDED, facts))
    history.sort(key=lambda event: event["at"])  # stable: same-minute order kept
