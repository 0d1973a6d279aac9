"""The demonstration counter's consultation log: hotline, WeChat and counter questions over the
demo's months, most answered at once, the rest called back (a few callbacks overdue, a few
still due within their 24 hours), and some that became the demo's repair and on-site jobs,
linked. Written in bulk after the jobs exist (DemoGenerator.run)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from desktop_app.data.db import Database
from desktop_app.data.models import Consultation, Customer, DocumentCounter, Job, Product
from desktop_app.domain.consultations import NUMBER_SERIES, callback_due, consultation_number
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category, ServiceKind
from desktop_app.domain.vocabulary import ConsultationChannel, ConsultationState

# (category, brand, model, question, answer given at once or on the callback)
QUESTIONS: tuple[tuple[Category, str, str, str, str], ...] = (
    (
        Category.APPLIANCE,
        "美的",
        "KFR-35GW 空调",
        "空调开机后不制冷，只吹自然风，怎么办？",
        "请先检查遥控器是否设为制冷模式、滤网是否堵塞；仍不制冷请预约上门检修。",
    ),
    (
        Category.APPLIANCE,
        "海尔",
        "EG100 滚筒洗衣机",
        "洗衣机显示 E4 故障代码是什么意思？",
        "E4 为排水超时，请清理排水泵过滤器后重试。",
    ),
    (
        Category.APPLIANCE,
        "格力",
        "云佳 KFR-26GW",
        "空调室外机噪音很大，还在保修期吗？",
        "购买一年内整机保修，压缩机保修更长；建议安排上门检查。",
    ),
    (
        Category.ELECTRONICS,
        "华为",
        "Mate 60 Pro",
        "手机充电很慢，是充电器还是电池的问题？",
        "请换用原装充电器和数据线测试；仍慢请带机到店检测电池健康度。",
    ),
    (
        Category.ELECTRONICS,
        "苹果",
        "iPhone 15",
        "屏幕有一条绿线，保修能免费换屏吗？",
        "无外力损伤的屏幕质量问题在保修期内免费更换，请携带发票和保修卡到店。",
    ),
    (
        Category.ELECTRONICS,
        "联想",
        "小新 Pro 14",
        "笔记本开机黑屏，风扇在转。",
        "请长按电源键 15 秒强制关机后重启；仍黑屏请送修。",
    ),
    (
        Category.APPLIANCE,
        "九阳",
        "Y88 豆浆机",
        "豆浆机加热时跳闸，能修吗？",
        "可能是加热管漏电，请停止使用并送修检测。",
    ),
    (
        Category.HOME_GOODS,
        "慕思",
        "床垫 T10",
        "床垫中间塌陷，保修几年？",
        "床垫弹簧保修以保修卡为准；请拍照发客服，约上门查看。",
    ),
    (
        Category.APPLIANCE,
        "海信",
        "65E3H 电视",
        "电视有声音没图像。",
        "请检查信号源设置；背光故障需送修，我们可上门取机。",
    ),
    (
        Category.OTHER,
        "飞利浦",
        "HX6730 电动牙刷",
        "牙刷充不进电，需要带发票吗？",
        "保修需出示购买凭证和保修卡，请带上牙刷和充电座到店检测。",
    ),
)
# Questions with no product in mind.
GENERAL: tuple[tuple[str, str], ...] = (
    ("你们的售后服务时间是几点到几点？", "门店 9:00-18:00，热线 24 小时有人接听。"),
    ("七天无理由退货需要什么手续？", "请带上商品、购买凭证在购买后 7 天内到店办理。"),
    ("维修一般要几天？", "承诺 5 个工作日内修好交付，24 小时内给出处理方案。"),
    ("发票丢了还能保修吗？", "需要店长审核，请带保修卡和商品到店。"),
)


def add_demo_consultations(
    database: Database, now: datetime, staff: dict[Role, list[int]], rnd: random.Random
) -> int:
    """Adds the consultations (a few hundred to a few thousand, with the jobs); returns how many."""
    answerers = staff[Role.CLERK] + staff[Role.MANAGER] or staff[Role.TECHNICIAN]
    callers_back = staff[Role.TECHNICIAN] + staff[Role.CLERK] or answerers
    with database.read() as session:
        jobs = session.scalar(select(func.count()).select_from(Job)) or 0
        first = session.scalar(select(func.min(Job.checked_in_at))) or now - timedelta(days=30)
        converted_jobs = _jobs_to_convert(session, rnd, jobs)
        counters = {
            row.day: row.last
            for row in session.scalars(
                select(DocumentCounter).where(DocumentCounter.series == NUMBER_SERIES)
            )
        }
    total = max(12, min(3000, jobs // 20))
    rows: list[dict] = [_converted(job, rnd, answerers) for job in converted_jobs]
    span = max(60.0, (now - first).total_seconds())
    while len(rows) < total:
        received = now - timedelta(seconds=rnd.uniform(0, span))
        rows.append(_question(received.replace(microsecond=0), now, rnd, answerers, callers_back))
    # Two always waiting: one overdue, one still within its 24 hours (the clocks show both).
    # `now` is where the demo's history ends (the start of the day it is run): the second came
    # to the hotline a few minutes before, so it stays due all that day.
    for minutes_ago in (30 * 60, 5):
        received = (now - timedelta(minutes=minutes_ago)).replace(microsecond=0)
        row = _question(received, now, rnd, answerers, callers_back, answer="", remote=True)
        rows.append(row)
    rows.sort(key=lambda row: (row["received_at"], row["phone"]))
    touched: dict[str, int] = {}
    for row in rows:
        day = row["received_at"].strftime("%Y%m%d")
        touched[day] = counters.get(day, 0) + 1
        counters[day] = touched[day]
        row["number"] = consultation_number(row["received_at"].date(), touched[day])
    with database.write() as session:
        session.execute(insert(Consultation.__table__), rows)
        for day, last in touched.items():
            counter = session.get(DocumentCounter, (NUMBER_SERIES, day))
            if counter is None:
                session.add(DocumentCounter(series=NUMBER_SERIES, day=day, last=last))
            else:
                counter.last = max(counter.last, last)
    return len(rows)


def _jobs_to_convert(session, rnd: random.Random, jobs: int) -> list:  # noqa: ANN001
    """Repair and on-site jobs, picked at random, that no consultation is linked to yet."""
    wanted = max(3, min(400, jobs // 150))
    highest = session.scalar(select(func.max(Job.id))) or 0
    if highest == 0:
        return []
    ids = {rnd.randint(1, highest) for _ in range(wanted * 3)}
    linked = set(session.scalars(select(Consultation.job_id).where(Consultation.job_id.in_(ids))))
    statement = (
        select(
            Job.id,
            Job.checked_in_at,
            Job.fault_description,
            Customer.name,
            Customer.phone,
            Product.category,
            Product.brand,
            Product.model,
        )
        .join(Customer, Customer.id == Job.customer_id)
        .join(Product, Product.id == Job.product_id)
        .where(
            Job.id.in_(ids - linked),
            Job.service_requested.in_([ServiceKind.REPAIR.value, ServiceKind.ON_SITE.value]),
        )
        .order_by(Job.id)
        .limit(wanted)
    )
    return list(session.execute(statement))


def _base(received: datetime, answered_by: int) -> dict:
    return {
        "received_at": received,
        "answered_by_id": answered_by,
        "callback_due_at": None,
        "called_back_at": None,
        "called_back_by_id": None,
        "callback_answer": "",
        "job_id": None,
        "last_event_at": received,
        "version": 1,
        "answer": "",
    }


def _converted(job, rnd: random.Random, answerers: list[int]) -> dict:  # noqa: ANN001
    """The call that became this job: shortly before the check-in, the same caller and product."""
    received = job.checked_in_at - timedelta(minutes=rnd.randint(20, 48 * 60))
    channel = rnd.choice(list(ConsultationChannel))
    if channel is ConsultationChannel.IN_PERSON:
        received = _in_opening_hours(received, job.checked_in_at)
    row = _base(received, rnd.choice(answerers))
    row.update(
        channel=channel.value,
        state=ConsultationState.CONVERTED.value,
        phone=job.phone,
        caller_name=job.name,
        category=job.category,
        brand=job.brand,
        model=job.model,
        question=job.fault_description,
        answer="建议送修（或预约上门），已约好时间",
        job_id=job.id,
        last_event_at=job.checked_in_at,
    )
    return row


def _question(
    received: datetime,
    now: datetime,
    rnd: random.Random,
    answerers: list[int],
    callers_back: list[int],
    answer: str | None = None,
    remote: bool = False,
) -> dict:
    """A question, answered at once or called back; `remote`: not asked at the counter (it may
    come at any hour)."""
    channel = rnd.choices(list(ConsultationChannel), weights=[60, 30, 10])[0]
    if remote and channel is ConsultationChannel.IN_PERSON:
        channel = ConsultationChannel.HOTLINE
    if channel is ConsultationChannel.IN_PERSON:
        received = _in_opening_hours(received, now)
    row = _base(received, rnd.choice(answerers))
    if rnd.random() < 0.75:
        category, brand, model, question, reply = rnd.choice(QUESTIONS)
        product = {"category": category.value, "brand": brand, "model": model}
    else:
        question, reply = rnd.choice(GENERAL)
        product = {"category": "", "brand": "", "model": ""}
    surname, title = rnd.choice("王李张刘陈杨黄赵吴周"), rnd.choice(("先生", "女士"))
    name = "" if rnd.random() < 0.3 else surname + title
    row.update(
        channel=channel.value,
        phone=f"1{rnd.choice('3456789')}{rnd.randrange(10**9):09d}",
        caller_name=name,
        question=question,
        **product,
    )
    answered_at_once = rnd.random() < 0.6 if answer is None else bool(answer)
    if answered_at_once:
        row.update(state=ConsultationState.ANSWERED.value, answer=reply)
        return row
    due = callback_due(received)
    row.update(state=ConsultationState.CALLBACK_DUE.value, callback_due_at=due)
    # Most callbacks are made in time; about one in eight past its due time is still owed.
    if answer is None and due < now and rnd.random() < 0.88:
        late = rnd.random() < 0.1
        called = received + timedelta(minutes=rnd.randint(30, 36 * 60 if late else 23 * 60))
        called = min(called, now)
        row.update(
            state=ConsultationState.CALLED_BACK.value,
            called_back_at=called,
            called_back_by_id=rnd.choice(callers_back),
            callback_answer=reply,
            last_event_at=called,
        )
    return row


def _in_opening_hours(at: datetime, now: datetime) -> datetime:
    """Someone asking at the counter came while the shop was open (9:00-18:00); the hotline
    and online questions come at any hour. A time outside opening hours moves to an earlier one
    (so a question meant to be more than 24 hours old stays so, whatever the time of day)."""
    if 9 <= at.hour < 18:
        return at
    moved = at.replace(hour=9 + at.hour % 9)
    if moved > at:
        moved -= timedelta(days=1)
    return min(moved, now)
