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

import bisect
import contextlib
import itertools
import multiprocessing
import operator
import os
import random
import signal
import time
from array import array
from collections import deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop_app.data import bulk, queries, search_index
from desktop_app.data.db import Database
from desktop_app.data.models import (
    Customer,
    Job,
    JobEvent,
    JobLine,
    JobNumberCounter,
    Part,
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
from desktop_app.domain.text import Text
from desktop_app.domain.vocabulary import EventKind, LineKind, Outcome, PaymentMethod
from desktop_app.domain.workdays import WorkCalendar, repair_due_date, response_due
from desktop_app.domain.workflow import CLOSED_STATUSES, Status, allowed_next
from desktop_app.services import (
    demo_compensation,
    demo_follow_up,
    demo_parts,
    demo_payments,
    demo_pickup,
    demo_quotations,
    demo_repeats,
)
from desktop_app.services.demo_complaints import add_demo_complaints
from desktop_app.services.demo_consultations import add_demo_consultations
from desktop_app.services.demo_onsite import add_on_site_visits

Progress = Callable[[int, int], None]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉波宇浩凯晨阳欣怡子涵梓轩思雨俊杰雨桐浩然一诺建国建华志强海燕丽娟晓东春梅"  # noqa: E501

# Each model with the kind of product it is: a kind has its own faults (below).
PRODUCTS: dict[Category, list[tuple[str, list[tuple[str, str]], int]]] = {
    Category.ELECTRONICS: [
        ("华为", [("Mate 60 Pro", "phone"), ("P70", "phone"), ("MatePad 11", "tablet")], 12),
        ("小米", [("Xiaomi 14", "phone"), ("Redmi Note 13", "phone"), ("小米平板6", "tablet")], 12),
        (
            "苹果",
            [("iPhone 15", "phone"), ("iPad Air", "tablet"), ("MacBook Air M2", "laptop")],
            12,
        ),
        ("OPPO", [("Find X7", "phone"), ("Reno 11", "phone")], 12),
        ("vivo", [("X100", "phone"), ("S18", "phone")], 12),
        ("联想", [("小新 Pro 14", "laptop"), ("ThinkPad X1", "laptop")], 24),
        ("索尼", [("WH-1000XM5", "headphones"), ("Alpha 7 IV", "camera")], 12),
    ],
    Category.APPLIANCE: [
        (
            "美的",
            [("KFR-35GW 空调", "aircon"), ("MB80 洗衣机", "washer"), ("BCD-480 冰箱", "fridge")],
            36,
        ),
        ("格力", [("云佳 KFR-26GW", "aircon"), ("天丽 KFR-72LW", "aircon")], 72),
        (
            "海尔",
            [
                ("EG100 滚筒洗衣机", "washer"),
                ("BCD-535 冰箱", "fridge"),
                ("EC6001 热水器", "heater"),
            ],
            36,
        ),
        ("海信", [("65E3H 电视", "tv"), ("55E5K 电视", "tv")], 24),
        ("九阳", [("Y88 豆浆机", "kitchen"), ("K15 电水壶", "kitchen")], 12),
        ("苏泊尔", [("SF40 电饭煲", "kitchen"), ("SJ12 破壁机", "kitchen")], 12),
        ("戴森", [("V12 吸尘器", "vacuum"), ("HP07 风扇", "fan")], 24),
    ],
    Category.HOME_GOODS: [
        (
            "宜家",
            [
                ("MALM 床架", "bed"),
                ("BILLY 书柜", "shelf"),
                ("POÄNG 扶手椅", "chair"),
            ],
            12,
        ),
        ("顾家家居", [("布艺沙发 2056", "sofa"), ("功能沙发 A078", "sofa")], 36),
        ("罗莱", [("乳胶枕 L01", "bedding"), ("羽绒被 W220", "bedding")], 12),
        ("慕思", [("床垫 T10", "mattress"), ("床垫 V6", "mattress")], 60),
    ],
    Category.OTHER: [
        ("飞利浦", [("HX6730 电动牙刷", "toothbrush"), ("S5000 剃须刀", "shaver")], 24),
        ("欧普", [("吸顶灯 MX420", "lamp"), ("台灯 A6", "lamp")], 12),
    ],
}


@dataclass(frozen=True)
class Fault:
    """A fault a customer reports for a kind of product, and what the bench makes of it."""

    reported: str
    diagnosis: str
    part: tuple[str, int] | None  # the part replaced (description, price in cents), if any
    work: str = ""  # what was done when no part is replaced
    not_quality: str = ""  # why it is not a quality problem (the customer pays), if it is not


def _f(
    reported: str, diagnosis: str, part: tuple[str, int] | None, work: str = "", nq: str = ""
) -> Fault:
    return Fault(reported, diagnosis, part, work, nq)


WATER = "进水损坏，不属于质量问题"
DROPPED = "外力摔落损坏，不属于质量问题"
FAULTS: dict[str, tuple[Fault, ...]] = {
    "phone": (
        _f("开机无反应", "主板供电芯片损坏", ("主板", 128000)),
        _f("屏幕闪烁，偶尔黑屏", "屏幕排线松动", None, "重新固定屏幕排线，测试正常"),
        _f("充电很慢，电池鼓包", "电池老化鼓包", ("电池", 19900)),
        _f("无法连接 Wi-Fi", "无线模块虚焊", ("无线模块", 15000)),
        _f("摄像头对焦失败", "后摄像头模组损坏", ("摄像头模组", 32000)),
        _f("进水后无法开机", "进水导致主板短路", ("主板", 128000), nq=WATER),
        _f("屏幕摔裂，触摸失灵", "外力撞击导致屏幕碎裂", ("屏幕总成", 68000), nq=DROPPED),
    ),
    "tablet": (
        _f("屏幕触摸失灵", "触摸屏排线接触不良", None, "清洁并重新插接排线，测试正常"),
        _f("充不进电", "充电接口损坏", ("充电尾插", 9000)),
        _f("无法连接 Wi-Fi", "无线天线断裂", ("无线天线", 6000)),
        _f("进水后屏幕有水渍", "进水导致屏幕损坏", ("屏幕总成", 89000), nq=WATER),
    ),
    "laptop": (
        _f("开机无显示", "内存条接触不良", None, "清洁内存金手指并重新安装，测试正常"),
        _f("键盘部分按键失灵", "键盘排线损坏", ("键盘", 35000)),
        _f("风扇噪音很大，机身发烫", "散热风扇轴承磨损", ("散热风扇", 16000)),
        _f("电池无法充电", "电池损坏", ("电池", 42000)),
        _f("键盘进水后无法开机", "进水导致主板短路", ("主板", 260000), nq=WATER),
    ),
    "headphones": (
        _f("左耳无声音", "左侧喇叭单元损坏", ("喇叭单元", 12000)),
        _f("蓝牙无法配对", "固件异常", None, "刷新固件并恢复出厂设置，测试正常"),
        _f("降噪时有杂音", "降噪麦克风故障", ("降噪麦克风", 8000)),
    ),
    "camera": (
        _f("对焦失败", "对焦马达故障", ("对焦马达", 56000)),
        _f("快门无反应", "快门组件损坏", ("快门组件", 88000)),
        _f("摔落后镜头卡口变形", "外力撞击导致卡口变形", ("镜头卡口", 30000), nq=DROPPED),
    ),
    "aircon": (
        _f("不制冷，压缩机不启动", "压缩机启动电容损坏", ("启动电容", 4500)),
        _f("室内机漏水", "排水管堵塞", None, "疏通排水管并清洗接水盘，测试正常"),
        _f("显示错误代码 E4", "室外温度传感器故障", ("温度传感器", 6800)),
        _f("遥控器无法控制", "遥控接收板故障", ("接收板", 5500)),
    ),
    "washer": (
        _f("脱水时噪音很大，震动明显", "电机轴承磨损", ("电机", 32000)),
        _f("不排水", "排水泵堵塞", None, "清理排水泵异物，测试正常"),
        _f("显示错误代码 E4", "水位传感器故障", ("水位传感器", 6800)),
        _f("底部漏水", "进水管老化破裂", ("进水管", 3500)),
    ),
    "fridge": (
        _f("冷藏室不制冷", "压缩机启动电容损坏", ("启动电容", 4500)),
        _f("冷冻室结霜严重", "化霜加热器损坏", ("化霜加热器", 9800)),
        _f("噪音很大", "风扇电机损坏", ("风扇电机", 12000)),
    ),
    "heater": (
        _f("不加热", "加热管损坏", ("加热管", 15000)),
        _f("显示错误代码 E1", "温控器故障", ("温控器", 7500)),
    ),
    "tv": (
        _f("开机无图像有声音", "背光灯条损坏", ("背光灯条", 42000)),
        _f("遥控器无法配对", "遥控接收板故障", ("接收板", 6500)),
        _f("无法连接 Wi-Fi", "无线模块故障", ("无线模块", 9000)),
        _f("屏幕被撞出裂纹", "外力撞击导致屏幕破裂", ("屏幕模组", 260000), nq=DROPPED),
    ),
    "kitchen": (
        _f("加热不均匀", "加热盘损坏", ("加热盘", 9500)),
        _f("通电无反应", "电源板保险丝熔断", ("电源板", 8500)),
        _f("底座漏水", "密封圈老化", ("密封圈", 1500)),
        _f("进水后无法通电", "底座进水导致电源板短路", ("电源板", 8500), nq=WATER),
    ),
    "vacuum": (
        _f("吸力明显下降", "滤网堵塞", None, "清洗滤网和风道，测试正常"),
        _f("充不进电", "电池组损坏", ("电池组", 39000)),
        _f("滚刷不转", "滚刷电机损坏", ("滚刷电机", 18000)),
    ),
    "fan": (
        _f("摇头功能失灵", "摇头电机损坏", ("摇头电机", 9000)),
        _f("运转有异响", "扇叶松动", None, "紧固扇叶并校正平衡，测试正常"),
    ),
    "bed": (
        _f("床板异响", "连接件松动", None, "紧固连接件并加固，测试正常"),
        _f("床板断裂", "床板横条开裂", ("床板横条", 8000)),
    ),
    "shelf": (
        _f("层板弯曲变形", "层板承重变形", ("层板", 6000)),
        _f("柜体摇晃", "背板钉脱落", None, "重新固定背板，测试正常"),
    ),
    "chair": (
        _f("扶手开裂", "扶手木件开裂", ("扶手", 12000)),
        _f("坐垫松动", "卡扣脱落", None, "重新安装卡扣，测试正常"),
    ),
    "sofa": (
        _f("坐垫塌陷", "坐垫海绵回弹失效", ("坐垫海绵", 38000)),
        _f("弹簧变形，有异响", "蛇形弹簧脱落", None, "重新固定弹簧，测试正常"),
        _f("电动功能无法收回", "推杆电机故障", ("推杆电机", 45000)),
    ),
    "bedding": (
        _f("枕芯有异味", "乳胶枕芯氧化", ("枕芯", 16000)),
        _f("羽绒被跑绒", "面料缝线开裂", None, "重新缝合加固，测试正常"),
    ),
    "mattress": (
        _f("床垫局部塌陷", "弹簧组变形", ("弹簧组", 120000)),
        _f("弹簧有异响", "弹簧包布破损", None, "修补弹簧包布，测试正常"),
    ),
    "toothbrush": (
        _f("充不进电", "电池老化", ("电池", 6000)),
        _f("刷头震动很弱", "马达损坏", ("马达", 9000)),
        _f("按键失灵", "按键防水膜破损", None, "修复防水密封并清洁触点，测试正常"),
    ),
    "shaver": (
        _f("刀头不转", "马达损坏", ("马达", 9000)),
        _f("充电指示灯不亮", "充电板故障", ("充电板", 7000)),
    ),
    "lamp": (
        _f("灯光闪烁", "驱动电源故障", ("驱动电源", 5500)),
        _f("遥控器无法配对", "遥控接收模块故障", ("接收模块", 4000)),
        _f("灯罩松动", "卡扣断裂", None, "重新卡紧灯罩并加固，测试正常"),
    ),
}
USAGES = ["日常家用", "正常使用约半年", "每天使用", "办公使用", "偶尔使用", "搬家后出现问题"]
CONDITIONS = ["外观完好", "边框轻微划痕", "背壳有磕碰", "无明显损伤", "屏幕有细微划痕"]
ACCESSORIES = ["无", "充电器、数据线", "遥控器", "包装盒、说明书", "电源线", "充电器"]
CANNOT_REPAIR_WORK = "配件停产，无法修复，已告知顾客"
NO_FAULT_WORK = "检测无故障，已清洁保养"
NO_FAULT_DIAGNOSIS = "多次测试未能复现故障"

# Who works at the demonstration counter (user name, display name, role). The demo command
# gives them one password (services/demo_staff.py); jobs are checked in, repaired and handed back
# by them.
DEMO_STAFF: tuple[tuple[str, str, Role], ...] = (
    ("clerk1", "王晓红", Role.CLERK),
    ("clerk2", "陈思远", Role.CLERK),
    ("tech1", "李建国", Role.TECHNICIAN),
    ("tech2", "赵志强", Role.TECHNICIAN),
    ("tech3", "孙海燕", Role.TECHNICIAN),
)

# The counter's working hours: every demo event falls inside them, on the shop's working days.
OPENS, CLOSES = 9, 18

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
RESPONSE_DELAYS = tuple(timedelta(minutes=m) for m in (20, 45, 90, 180, 600, 1500, 2000))
RETURN_OR_EXCHANGE = (ServiceKind.RETURN, ServiceKind.EXCHANGE)
CHUNK = 5000  # jobs a transaction (and a batch of the repeats: demo_repeats.py)
# The tables the batches fill (and PostgreSQL's search pieces, which their inserts fill).
LOADED_TABLES = (
    "customers",
    "products",
    "jobs",
    "job_events",
    "job_lines",
    "customer_name_pieces",
    "product_serial_pieces",
    "recent_jobs",
    "recent_name_pieces",
)


@dataclass(frozen=True)
class DemoResult:
    jobs: int
    events: int
    seconds: float


@dataclass
class _Batch:
    """The rows of one batch, inserted table by table: customers, products and jobs as dicts
    (the repeats rewrite them, demo_repeats.py), events and lines as tuples in their columns'
    order (EVENT_COLUMNS, LINE_COLUMNS)."""

    customers: list[dict] = field(default_factory=list)
    products: list[dict] = field(default_factory=list)
    jobs: list[dict] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    lines: list[tuple] = field(default_factory=list)
    # Each part line's position in `lines` and its event's in `events`: the catalogue's
    # stock is taken in the demo's own process, batch after batch (demo_parts.py).
    takes: list[tuple[int, int]] = field(default_factory=list)


Rows = tuple[list[dict], list[dict], list[dict], list[tuple], list[tuple], list[tuple[int, int]]]
EVENT_COLUMNS = ("job_id", "at", "user_id", "kind", "from_status", "to_status", "note", "payload")
EVENT_AT, EVENT_KIND, EVENT_PAYLOAD = 1, 3, 7
LINE_COLUMNS = (
    "job_id",
    "kind",
    "description",
    "part_model",
    "quantity",
    "unit_price_cents",
    "charged_cents",
    "added_at",
    "added_by_id",
    "removed_at",
    "removed_by_id",
    "part_id",
    "model_reason",
)
# From this many jobs on the batches are made in worker processes while the demo's own process
# writes; fewer are made in the demo's own process (the rows are the same either way).
WORKERS_FROM = 4 * CHUNK
DAY_SECONDS = 86_400


@dataclass(frozen=True)
class _Task:
    """One batch to make: its number (its random numbers' seed), the position of its first job
    in check-in order, its jobs' check-in moments (seconds after the demo's first midnight, in
    order), its first ids, and the job-number counters of its days as they stand before it."""

    number: int
    first: int
    moments: list[int]
    ids: tuple[int, int, int]
    counters: dict[str, int]


class DemoGenerator:
    def __init__(
        self,
        database: Database,
        *,
        seed: int = 2026,
        months: int = 6,
        workers: int | None = None,
        set_aside: bool = True,
    ) -> None:
        """`workers`: processes making the batches (None: one a CPU, from WORKERS_FROM jobs on;
        0 or 1: none, the demo's own process makes them). `set_aside`: on a database without
        jobs, the loaded tables' secondary indexes (and PostgreSQL's foreign keys) are set aside
        while the jobs are written and made once after them (False: kept up to date row by row,
        as on a database that has jobs). The rows are the same either way."""
        self._db = database
        self._random = random.Random(seed)
        self._seed = seed
        self._months = months
        self._workers = workers
        self._set_aside = set_aside
        self._names: dict[int, str] = {}  # staff display names, for the assignment events

    def run(self, job_count: int, now: datetime, progress: Progress | None = None) -> DemoResult:
        """Adds `job_count` jobs whose history ends at the start of `now`'s day (history_end):
        the rows depend on the seed, the job count, the months and the day, never on the time
        of day the demo is run at, nor on how many processes make them.

        Each batch of CHUNK jobs is written in one transaction (its job-number counters with
        it): stopped half-way (Ctrl+C), the database holds whole batches of jobs, each job with
        all its rows, and none of the extras made after the jobs (visits, follow-ups,
        compensations, complaints, consultations)."""
        started = time.perf_counter()
        now = history_end(now)
        with self._db.write() as session:
            bulk.restore_set_aside(session)  # left by a demo killed outright, if any
        staff = self._ensure_staff(now)
        with self._db.read() as session:
            calendar = queries.work_calendar(session)
            counters = {row.day: row.last for row in session.scalars(select(JobNumberCounter))}
            next_customer = (session.scalar(select(func.max(Customer.id))) or 0) + 1
            next_product = (session.scalar(select(func.max(Product.id))) or 0) + 1
            next_job = (session.scalar(select(func.max(Job.id))) or 0) + 1
        start = now - timedelta(days=30 * self._months)
        latest = _last_working_moment(calendar, now - timedelta(minutes=1))
        start = min(start, latest - timedelta(days=1))
        base = datetime.combine(start.date(), datetime.min.time())
        # Seconds after `base`, sorted: a million of them as machine integers (8 MB), not as
        # datetimes (64 MB).
        moments = array("q", sorted(self._moments(job_count, calendar, base, start, latest)))
        maker = _Maker(
            self._seed,
            (base, now, latest),
            calendar,
            (
                staff[Role.CLERK] or staff[Role.MANAGER],
                staff[Role.TECHNICIAN] or staff[Role.MANAGER],
            ),
            self._names,
            _showcase_positions(job_count),
            bulk.converter(self._db.engine.dialect, JobEvent.__table__.c.at),
        )
        tasks = _tasks(moments, base, counters, (next_customer, next_product, next_job))
        workers = self._workers
        if workers is None:
            workers = min(os.cpu_count() or 1, MAX_WORKERS) if job_count >= WORKERS_FROM else 0
        # Its own random numbers: the jobs are the same ones with or without it.
        repeats = demo_repeats.Repeats(self._seed)
        # The parts catalogue: its own random numbers too; its rows before the first line.
        manager = (staff[Role.MANAGER] or staff[Role.TECHNICIAN])[0]
        catalogue = demo_parts.Catalogue(self._seed, PRODUCTS, FAULTS)
        # Into a database without jobs, the loaded tables' indexes are made once, after the
        # last batch (bulk.set_aside_indexes): on one that has jobs, other counters may be using
        # them.
        set_aside = self._set_aside and next_job == 1
        with self._db.write() as session:
            catalogue.set_up(session, manager, base + timedelta(hours=OPENS))
            _advance_id_sequences(session, (Part,))
            if set_aside:
                bulk.set_aside_indexes(session, LOADED_TABLES)
                search_index.hold_recent_jobs(session.connection())
        try:
            events_written = self._write_batches(
                _made(maker, tasks, workers), (repeats, catalogue, manager), job_count, progress
            )
        except BaseException:
            if set_aside:  # stopped (Ctrl+C): the batches written get their indexes
                with contextlib.suppress(Exception), self._db.write() as session:
                    bulk.restore_set_aside(session)
            raise
        with self._db.write() as session:
            # PostgreSQL's table of the newest jobs (migration 0025), before its indexes.
            if set_aside:
                search_index.fill_recent_jobs(session.connection())
                bulk.restore_set_aside(session)
            else:
                search_index.trim_recent_jobs(session.connection())
        add_on_site_visits(self._db, now, self._random.randrange(2**31))
        events_written += demo_follow_up.add_follow_ups(
            self._db, now, self._random.randrange(2**32)
        )
        events_written += demo_compensation.add_compensations(
            self._db, now, self._random.randrange(2**32)
        )
        # Its own random numbers (from the seed): the rows before and after are the same.
        events_written += demo_payments.add_payments(self._db, now, self._seed)
        # Its own random numbers, drawn last: every row before it is the same with or without it.
        quotation_seed = random.Random(self._seed * 16 + 1).randrange(2**32)
        events_written += demo_quotations.add_quotations(self._db, now, quotation_seed)
        add_demo_complaints(self._db, now, staff, self._random, calendar)
        add_demo_consultations(self._db, now, staff, self._random)
        # Issue 16: reminders for ready jobs (drawn last: the rows before stay as they were).
        events_written += demo_pickup.add_reminders(self._db, now, self._random.randrange(2**32))
        bulk.vacuum_after_load(self._db.engine)
        return DemoResult(job_count, events_written, time.perf_counter() - started)

    def _write_batches(
        self,
        made: Iterator[Rows],
        helpers: tuple[demo_repeats.Repeats, demo_parts.Catalogue, int],
        job_count: int,
        progress: Progress | None,
    ) -> int:
        """Writes each batch in a transaction of its own; how many events."""
        repeats, catalogue, manager = helpers
        events_written = 0
        done = 0
        for rows in made:
            customers, products, jobs, events, lines, takes = rows
            # Before the insert (events are append-only): a repeat's verdict is in its events,
            # a part's number and the stock left in its line's.
            repeats.rewrite(customers, products, jobs, events)
            catalogue.take(lines, events, takes, manager)
            with self._db.write() as session, search_index.indexed_in_bulk(session, jobs):
                _for_loading(session)
                # The driver's bulk path (executemany, COPY): SQLAlchemy's own would process
                # every value of every row in Python.
                for model, rows_of_model in (
                    (Customer, customers),
                    (Product, products),
                    (Job, jobs),
                ):
                    bulk.insert_rows(session, model.__table__, rows_of_model)
                bulk.insert_values(
                    session, JobEvent.__table__, EVENT_COLUMNS, events, converted=("at",)
                )
                bulk.insert_values(session, JobLine.__table__, LINE_COLUMNS, lines)
                self._save_counters(session, jobs)
                catalogue.save(session)
                _advance_id_sequences(session, (Customer, Product, Job))
            events_written += len(events)
            done += len(jobs)
            if progress:
                progress(done, job_count)
        return events_written

    def _moments(
        self, count: int, calendar: WorkCalendar, base: datetime, start: datetime, latest: datetime
    ) -> Iterator[int]:
        """`count` moments in working hours on working days, from `start` to `latest`, as
        whole seconds after `base` (the midnight before `start`)."""
        rnd = self._random
        days = (latest.date() - start.date()).days + 1
        working = [calendar.is_working_day(base.date() + timedelta(days=d)) for d in range(days)]
        low = int((start - base).total_seconds())
        high = int((latest - base).total_seconds())
        for _ in range(count):
            while True:
                day = rnd.randrange(days)
                if not working[day]:
                    continue
                moment = day * DAY_SECONDS + rnd.randrange(OPENS * 3600, CLOSES * 3600 - 1800)
                if low <= moment <= high:
                    yield moment
                    break

    def _ensure_staff(self, now: datetime) -> dict[Role, list[int]]:
        with self._db.write() as session:
            # In id order: who is drawn for a job must not depend on the order a backend
            # happens to return the users in.
            existing = {u.username: u for u in session.scalars(select(User).order_by(User.id))}
            for username, name, role in DEMO_STAFF:
                if username not in existing:
                    user = User(
                        username=username,
                        display_name=name,
                        role=role.value,
                        active=True,
                        created_at=now,
                    )
                    session.add(user)
                    existing[username] = user
            session.flush()
            staff: dict[Role, list[int]] = {role: [] for role in Role}
            for user in sorted(existing.values(), key=lambda u: u.id):
                if user.active:
                    staff[Role(user.role)].append(user.id)
                    self._names[user.id] = user.display_name
        return staff

    @staticmethod
    def _save_counters(session: Session, jobs: list[dict]) -> None:
        """The job-number counters of the batch's days: each at the batch's last number."""
        counters: dict[str, int] = {}
        for job in jobs:
            number = job["number"]  # R20261125-0007
            day, sequence = number[1:9], int(number[10:])
            if sequence > counters.get(day, 0):
                counters[day] = sequence
        existing = {
            row.day: row
            for row in session.scalars(
                select(JobNumberCounter).where(JobNumberCounter.day.in_(list(counters)))
            )
        }
        for day, last in counters.items():
            row = existing.get(day)
            if row is None:
                session.add(JobNumberCounter(day=day, last=last))
            elif row.last < last:
                row.last = last


class _Maker:
    """Makes the rows of one batch of jobs: in the demo's own process or in a worker."""

    def __init__(
        self,
        seed: int,
        span: tuple[datetime, datetime, datetime],
        calendar: WorkCalendar,
        people: tuple[list[int], list[int]],
        names: dict[int, str],
        showcase: dict[int, Scenario],
        event_at: Callable[[datetime], object] | None = None,
    ) -> None:
        """`event_at`: how the database stores an event's moment (bulk.converter), applied
        where the rows are made (in the workers, when there are some, not in the process
        that writes them all)."""
        self._seed = seed
        self._base, self._now, self._latest = (
            span  # the first midnight, history's end, the last minute
        )
        self._calendar = calendar
        self._people = people  # clerks, technicians
        self._names = names  # staff display names, for the assignment events
        self._showcase = showcase
        self._event_at = event_at
        self._random = random.Random()
        self._index = 0
        self._routes: dict[tuple[Coverage, Status, bool], Weighted[tuple[Status, ...]]] = {}
        self._due: dict[date, date] = {}  # the repair due day of a check-in day
        self._workday: dict[date, bool] = {}
        self._opening: dict[tuple[date, bool], datetime] = {}  # a day's, or the next day's

    def _next_working_moment(self, at: datetime) -> datetime:
        """_next_working_moment, with the calendar's answers kept for the batch."""
        day = at.date()
        works = self._workday.get(day)
        if works is None:
            works = self._workday[day] = self._calendar.is_working_day(day)
        hour = at.hour
        if works and OPENS <= hour < CLOSES:
            return at
        key = (day, hour >= CLOSES or not works)
        opening = self._opening.get(key)
        if opening is None:
            opening = self._opening[key] = _next_working_moment(self._calendar, at)
        return opening

    def make(self, task: _Task) -> Rows:
        """The batch's rows. Its random numbers are its own (seeded with the demo's seed and
        the batch's number): the rows do not depend on which process makes it, or when."""
        self._random.seed(f"demo {self._seed} batch {task.number}")
        self._index = task.first
        batch = _Batch()
        counters = dict(task.counters)
        customer_id, product_id, job_id = task.ids
        base = self._base
        for offset, seconds in enumerate(task.moments):
            self._add_job(
                batch,
                base + timedelta(seconds=seconds),
                (customer_id + offset, product_id + offset, job_id + offset),
                self._now,
                self._calendar,
                self._people,
                counters,
            )
        events = batch.events
        if self._event_at is not None and events:
            events = bulk.convert_column(events, EVENT_AT, self._event_at)
        return batch.customers, batch.products, batch.jobs, events, batch.lines, batch.takes

    def _claim(
        self, scenario: Scenario | None, months: int, checked_in_at: datetime
    ) -> tuple[ServiceKind, DocumentsPresented, date]:
        """What the customer asks for, the documents shown and the purchase date."""
        rnd = self._random
        wants_return = rnd.random() < 0.05  # brought back within the 7 days
        age_days = _between(rnd, 0, 6) if wants_return else int(rnd.triangular(8, 900, 120))
        requested = (
            _choice(rnd, RETURN_OR_EXCHANGE)
            if wants_return
            # Questions are consultations, not jobs: demo_consultations.py logs them.
            else ServiceKind.REPAIR
            if rnd.random() < 0.9
            else ServiceKind.ON_SITE
        )
        documents = DocumentsPresented(
            rnd.random() < 0.93, rnd.random() < 0.85, rnd.random() < 0.98
        )
        if scenario is not None:
            requested = scenario.requested
            documents = DocumentsPresented(True, True, True)
            if requested in (ServiceKind.RETURN, ServiceKind.EXCHANGE):
                age_days = _between(rnd, 0, 6)
            elif scenario.flavour == "paid":
                age_days = months * 31 + _between(rnd, 30, 300)  # out of warranty
            else:
                age_days = _between(rnd, 30, min(300, months * 28))
        purchase = checked_in_at.date() - timedelta(days=age_days)
        return requested, documents, purchase

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
        scenario = self._showcase.get(self._index)
        self._index += 1
        category, brand, model, kind, months = self._product(scenario)
        requested, documents, purchase = self._claim(scenario, months, checked_in_at)
        verdict = decide(
            Claim(purchase, checked_in_at.date(), months, documents, requested),
            checked_in_at.date(),
        )
        if scenario is not None:
            final = scenario.final
            route = self._route(verdict.coverage, final, scenario.flavour == "cannot_repair")
        else:
            final = self._final_status(verdict.coverage, checked_in_at, now)
            route = self._route(verdict.coverage, final, rnd.random() < 0.1)
        fault = self._fault(kind, verdict.coverage, route, scenario)
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
            kind,
        )
        # What happened to the job, decided first: its history and its row both report it.
        clerk = _choice(rnd, clerks)
        technician = _choice(rnd, technicians) if route else None
        facts, part = self._facts(fault, verdict, route, final, scenario, f"{brand} {model}")
        free = facts.coverage is not Coverage.PAID
        reasons = _encoded_reasons(verdict.reasons)
        due = self._due.get(checked_in_at.date())
        if due is None:
            due = self._due[checked_in_at.date()] = repair_due_date(calendar, checked_in_at)
        history, timeline = self._history(
            job_id,
            route,
            verdict,
            facts,
            checked_in_at,
            calendar,
            due,
            clerk,
            technician,
            reasons,
        )
        if part is not None and technician is not None:
            _add_part(
                batch,
                history,
                job_id,
                part,
                f"{brand} {model}",
                (facts.charged, free),
                (technician, timeline["repairing"]),
            )
        if part is not None and technician is not None:
            first = len(batch.events)
            added = next(i for i, e in enumerate(history) if e[EVENT_KIND] == _LINE_ADDED)
            batch.takes.append((len(batch.lines) - 1, first + added))
        batch.events.extend(history)
        batch.jobs.append(
            self._job_row(
                (job_id, customer_id, product_id),
                job_number(checked_in_at, counters[day]),
                requested,
                (verdict, reasons),
                final,
                documents,
                facts,
                (checked_in_at, clerk, due, technician),
                timeline,
                history[-1][EVENT_AT],
            )
        )

    def _product(self, scenario: Scenario | None) -> tuple[Category, str, str, str, int]:
        """The product brought in: its category, brand, model, kind and label warranty months."""
        rnd = self._random
        category = _weighted(rnd, CATEGORIES)
        brand, models, months = _choice(rnd, PRODUCTS[category])
        model, kind = _choice(rnd, models)
        if scenario is not None and scenario.flavour == "not_quality":  # a phone that got wet
            category = Category.ELECTRONICS
            brand, models, months = PRODUCTS[category][0]
            model, kind = models[0]
        return category, brand, model, kind, months

    def _facts(
        self,
        fault: Fault,
        verdict: Verdict,
        route: tuple[Status, ...],
        final: Status,
        scenario: Scenario | None,
        product: str,
    ) -> tuple[_Facts, tuple[str, int] | None]:
        """What happens to the job (and the part it gets, if any), decided before its history."""
        rnd = self._random
        repaired = Status.REPAIRING in route
        part = fault.part if repaired else None
        # A fault that is not a quality problem (water, a fall) turns a warranty job into a
        # paid one once the technician has looked at it.
        not_quality = (
            fault.not_quality
            if verdict.coverage is Coverage.WARRANTY and Status.DIAGNOSING in route
            else ""
        )
        coverage = Coverage.PAID if not_quality else verdict.coverage
        free = coverage is not Coverage.PAID
        charged = part[1] if part and not free else 0
        returned = final is Status.RETURNED
        # A job waiting for parts is on its way to a repair, though not there yet.
        if repaired or Status.WAITING_FOR_PARTS in route:
            outcome = Outcome.REPAIRED
        elif (scenario is not None and scenario.flavour == "cannot_repair") or (
            scenario is None and rnd.random() < 0.12
        ):
            outcome = Outcome.CANNOT_REPAIR
        else:
            outcome = Outcome.NO_FAULT_FOUND
        facts = _Facts(
            fault=fault,
            coverage=coverage,
            not_quality=not_quality,
            outcome=outcome,
            accessories=_choice(rnd, ACCESSORIES),
            charged=charged,
            method=_choice(rnd, PAYMENTS) if returned and charged else "",
            refund=9900 + _below(rnd, 999900 - 9900) if final is Status.REFUNDED else None,
            replacement=(product, f"SN{_below(rnd, 10**12):012d}")
            if final is Status.EXCHANGED
            else ("", ""),
            score=_weighted(rnd, SCORES) if returned else None,
        )
        return facts, part

    def _add_customer_and_product(
        self,
        batch: _Batch,
        customer_id: int,
        product_id: int,
        checked_in_at: datetime,
        requested: ServiceKind,
        product: tuple[Category, str, str, date, int],
        documents: DocumentsPresented,
        kind: str,
    ) -> None:
        rnd = self._random
        category, brand, model, purchase, months = product
        name = _choice(rnd, SURNAMES) + _choice(rnd, GIVEN)
        if rnd.random() < 0.5:  # a given name of two characters
            name += _choice(rnd, GIVEN)
        phone = f"1{_choice(rnd, '3456789')}{_below(rnd, 10**9):09d}"
        batch.customers.append(
            {
                "id": customer_id,
                "name": name,
                "phone": phone,
                "address": f"上海市浦东新区世纪大道{1 + _below(rnd, 1999)}号"
                if requested is ServiceKind.ON_SITE
                else "",
                "created_at": checked_in_at,
            }
        )
        # A phone carries its 15-digit IMEI; everything else the maker's serial number.
        serial = (
            f"86{_below(rnd, 10**13):013d}" if kind == "phone" else f"SN{_below(rnd, 10**14):014d}"
        )
        batch.products.append(
            {
                "id": product_id,
                "customer_id": customer_id,
                "category": category.value,
                "brand": brand,
                "model": model,
                "serial": serial,
                "purchase_date": purchase,
                "warranty_months": months,
                "voucher_number": f"FP{_below(rnd, 10**10):010d}"
                if documents.purchase_voucher
                else "",
                "warranty_card_number": f"BX{_below(rnd, 10**8):08d}"
                if documents.warranty_card
                else "",
            }
        )

    def _job_row(
        self,
        ids: tuple[int, int, int],
        number: str,
        requested: ServiceKind,
        decided: tuple[Verdict, str],
        final: Status,
        documents: DocumentsPresented,
        facts: _Facts,
        intake: tuple[datetime, int, date, int | None],
        timeline: dict[str, datetime],
        last_event_at: datetime,
    ) -> dict:
        """The job's row, saying what its history says."""
        rnd = self._random
        verdict, reasons = decided  # the verdict, its reasons as stored
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
            "coverage": facts.coverage.value,
            "status": final.value,
            "voucher_presented": documents.purchase_voucher,
            "warranty_card_presented": documents.warranty_card,
            "product_presented": documents.product,
            "verdict_json": reasons,
            "warranty_end": verdict.warranty_end,
            "return_window_end": verdict.return_window_end,
            "manager_override_reason": "",
            "fault_description": facts.fault.reported,
            "usage_description": _choice(rnd, USAGES),
            "condition_on_arrival": _choice(rnd, CONDITIONS),
            "accessories_received": facts.accessories,
            "checked_in_at": checked_in_at,
            "checked_in_by_id": clerk,
            "response_due_at": response_due(checked_in_at),
            "first_response_at": timeline.get("response"),
            "repair_due_date": due,
            "ready_at": timeline.get("ready"),
            "returned_at": timeline.get("closed"),
            "technician_id": technician,
            "not_quality_reason": facts.not_quality,
            "diagnosis": _diagnosis(facts) if "diagnosed" in timeline else "",
            "satisfaction_score": facts.score,
            "satisfaction_comment": "",
            "outcome": facts.outcome.value if ready else "",
            "work_done": _work_done(facts) if ready else "",
            "accessories_returned": facts.accessories if returned else "",
            "payment_method": facts.method,
            "amount_paid_cents": charged if returned else None,
            "refund_cents": facts.refund,
            "replacement_model": facts.replacement[0],
            "replacement_serial": facts.replacement[1],
            "last_event_at": last_event_at,
            "version": 1,
        }

    def _route(
        self, coverage: Coverage, final: Status, no_repair: bool = False
    ) -> tuple[Status, ...]:
        """One of the workflow's ways from received to `final`; a shorter way more often (most
        jobs go straight through, some wait for parts, some need no repair). `no_repair`: a way
        without repairing, where one exists (the bench found nothing, or could not repair)."""
        key = (coverage, final, no_repair)
        if key not in self._routes:
            found = routes(coverage, final)
            if no_repair:
                found = [r for r in found if Status.REPAIRING not in r] or found
            if not found:
                raise ValueError(f"the workflow has no way to {final} for {coverage}")
            shortest = min(len(route) for route in found)
            self._routes[key] = _cumulative(
                [(route, 0.5 ** (len(route) - shortest)) for route in found]
            )
        return _weighted(self._random, self._routes[key])

    def _fault(
        self, kind: str, coverage: Coverage, route: tuple[Status, ...], scenario: Scenario | None
    ) -> Fault:
        """A fault this kind of product has; one needing a part if the job waits for parts; a
        damage (not a quality problem) only on a warranty job a technician diagnoses, and then
        about one time in eight."""
        faults = FAULTS[kind]
        if Status.WAITING_FOR_PARTS in route:
            faults = tuple(f for f in faults if f.part is not None) or faults
        damage = tuple(f for f in faults if f.not_quality)
        quality = tuple(f for f in faults if not f.not_quality) or faults
        can_be_damage = coverage is Coverage.WARRANTY and Status.DIAGNOSING in route
        if scenario is not None and scenario.flavour == "not_quality" and damage:
            return _choice(self._random, damage)
        if can_be_damage and damage and self._random.random() < 0.125:
            return _choice(self._random, damage)
        return _choice(self._random, quality)

    def _final_status(self, coverage: Coverage, checked_in_at: datetime, now: datetime) -> Status:
        rnd = self._random
        age = (now - checked_in_at).days
        # Older jobs are mostly closed; the last two weeks are mostly open; a few old ones linger
        # (the overdue jobs a real counter has).
        closed_share = 0.05 if age < 3 else 0.45 if age < 14 else 0.995
        closed = rnd.random() < closed_share
        status = _weighted(rnd, CLOSED_PICK) if closed else _weighted(rnd, OPEN_PICK)
        is_return = coverage is Coverage.RETURN_EXCHANGE
        if (
            is_return
            and status
            not in (
                Status.RECEIVED,
                Status.INSPECTING,
                Status.REFUNDED,
                Status.EXCHANGED,
                Status.CANCELLED,
            )
            and rnd.random() < 0.85  # else the return was refused and the product repaired
        ):
            # A closed return was refunded or exchanged: only a recent one is still inspected.
            done = [Status.REFUNDED, Status.EXCHANGED]
            status = _choice(rnd, done if closed else [*done, Status.INSPECTING])
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
        calendar: WorkCalendar,
        due: date,
        clerk: int,
        technician: int | None,
        reasons: str,
    ) -> tuple[list[tuple], dict[str, datetime]]:
        """The job's events, each in working hours on a working day, in order, none later than
        the last working minute before now."""
        latest = self._latest

        def working(at: datetime, earliest: datetime) -> datetime:
            moved = self._next_working_moment(at)
            if moved != at:  # the next morning: some time after opening, not on the stroke
                moved += timedelta(minutes=_between(rnd, 5, 150))
            return max(min(moved, latest), earliest).replace(microsecond=0)

        rnd = self._random
        checked_in = _payload(
            ("checked_in", verdict.coverage, reasons),
            events.checked_in,
            verdict.coverage,
            verdict.reasons,
        )
        history = [
            _event(job_id, checked_in_at, clerk, EventKind.CHECKED_IN, checked_in, None, RECEIVED)
        ]
        timeline: dict[str, datetime] = {}
        # Most jobs finish on time; about one in eight runs late.
        late = rnd.random() < 0.12
        finish_by = datetime.combine(due, datetime.min.time()) + timedelta(hours=17)
        if late:
            finish_by += timedelta(days=_between(rnd, 1, 6))
        span = max(timedelta(hours=2), min(finish_by, latest) - checked_in_at)
        at = checked_in_at
        previous = Status.RECEIVED
        response_delay = _choice(rnd, RESPONSE_DELAYS)
        worker = technician if technician is not None else clerk
        for index, status in enumerate(route):
            step = span * (0.15 + 0.2 * rnd.random()) if index else min(response_delay, span / 3)
            at = working(at + step, at)
            if index == 0 and technician is not None:
                name = self._names.get(technician)
                assigned = _payload(
                    ("assigned", technician, name), events.assigned, technician, name
                )
                history.append(_event(job_id, at, worker, EventKind.ASSIGNED, assigned))
            user = clerk if status is Status.RETURNED else worker
            note = "顾客取消维修" if status is Status.CANCELLED else ""
            moved = _move_payload(status, facts)
            history.append(
                _event(job_id, at, user, EventKind.STATUS_CHANGED, moved, previous, status, note)
            )
            if index == 0:
                timeline["response"] = at
            timeline.update(dict.fromkeys(_moments_of(status), at))
            if status is Status.DIAGNOSING and facts.not_quality:
                at = working(at + timedelta(minutes=_between(rnd, 20, 120)), at)
                note = facts.not_quality
                history.append(
                    _event(job_id, at, worker, EventKind.NOT_QUALITY_PROBLEM, "{}", note=note)
                )
            if status is Status.RETURNED:
                history.extend(_handed_back(job_id, at, clerk, facts))
            previous = status
        if "response" not in timeline and rnd.random() < 0.7:
            at = working(checked_in_at + response_delay, checked_in_at)
            if at > checked_in_at:
                history.append(
                    _event(
                        job_id,
                        at,
                        clerk,
                        EventKind.FIRST_RESPONSE,
                        "{}",
                        note="已电话联系顾客，告知检测安排",
                    )
                )
                timeline["response"] = at
        return history, timeline


# The moments of a job's timeline each status marks (a closed status marks "closed" as well).
_MOMENTS = {
    Status.DIAGNOSING: ("diagnosed",),
    Status.REPAIRING: ("repairing",),
    Status.READY_FOR_PICKUP: ("ready",),
}


def _moments_of(status: Status) -> tuple[str, ...]:
    return _MOMENTS.get(status, ()) + (("closed",) if status in CLOSED_STATUSES else ())


def _handed_back(job_id: int, at: datetime, clerk: int, facts: _Facts) -> list[tuple]:
    """The hand-back's events: the accessories given back, and the customer's score if any."""
    given = _payload(("accessories", facts.accessories), _accessories_returned, facts.accessories)
    handed = [_event(job_id, at, clerk, EventKind.HANDED_BACK, given)]
    if facts.score is not None:
        rated = _payload(("score", facts.score), events.satisfaction, facts.score, "")
        handed.append(_event(job_id, at, clerk, EventKind.SATISFACTION, rated))
    return handed


MAX_WORKERS = 4
AHEAD = 1  # batches waiting to be written, beyond one a worker: keeps them busy, bounds memory


def _tasks(
    moments: Sequence[int], base: datetime, counters: dict[str, int], ids: tuple[int, int, int]
) -> Iterator[_Task]:
    """The batches, in check-in order: each with the job-number counters of its days as the
    batches before it leave them (`counters` is advanced as they are made)."""
    customer_id, product_id, job_id = ids
    start_day = base.date()
    for number, first in enumerate(range(0, len(moments), CHUNK)):
        batch = list(moments[first : first + CHUNK])
        before: dict[str, int] = {}
        for day, same_day in itertools.groupby(batch, key=lambda seconds: seconds // DAY_SECONDS):
            key = job_number_day(start_day + timedelta(days=day))
            before[key] = counters.get(key, 0)
            counters[key] = before[key] + sum(1 for _ in same_day)
        yield _Task(
            number,
            first,
            batch,
            (customer_id + first, product_id + first, job_id + first),
            before,
        )


def _made(maker: _Maker, tasks: Iterator[_Task], workers: int) -> Iterator[Rows]:
    """The batches' rows, in order: made here, or by `workers` processes (spawned, so nothing
    of this process's open connections is inherited) while this one writes the rows made
    before. Each worker makes one batch at a time, and AHEAD more batches may wait, made, to be
    written: a batch's rows are tens of megabytes. Ctrl+C stops the demo's own process (the
    workers ignore it): the batches not started are cancelled, the ones being made are
    finished and dropped."""
    if workers <= 1:
        for task in tasks:
            yield maker.make(task)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(maker,)
    )
    try:
        pending: deque[Future[Rows]] = deque(
            pool.submit(_make_in_worker, task) for task in itertools.islice(tasks, workers + AHEAD)
        )
        while pending:
            rows = pending.popleft().result()
            for task in itertools.islice(tasks, 1):
                pending.append(pool.submit(_make_in_worker, task))
            yield rows
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_WORKER_MAKER: _Maker | None = None


def _start_worker(maker: _Maker) -> None:
    global _WORKER_MAKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the demo's own process's to handle
    _WORKER_MAKER = maker


def _make_in_worker(task: _Task) -> Rows:
    if _WORKER_MAKER is None:
        raise RuntimeError("the worker was not started with a maker")
    return _WORKER_MAKER.make(task)


# --- random draws -----------------------------------------------------------------------------
# One random() a draw: the random module's choice, randint and choices cost several Python calls
# each, and a job makes about forty draws. (Every bound is far below 2**53, the float's exact
# integers, so each value is as likely as with randrange.)

T = TypeVar("T")
Weighted = tuple[Sequence[T], list[float]]  # the items and their cumulative weights


def _choice(rnd: random.Random, items: Sequence[T]) -> T:
    return items[int(rnd.random() * len(items))]


def _below(rnd: random.Random, bound: int) -> int:
    """0 to bound - 1."""
    return int(rnd.random() * bound)


def _between(rnd: random.Random, low: int, high: int) -> int:
    """low to high, both included."""
    return low + int(rnd.random() * (high - low + 1))


def _cumulative(weighted: Sequence[tuple[T, float]]) -> Weighted[T]:
    return [item for item, _ in weighted], list(itertools.accumulate(w for _, w in weighted))


def _weighted(rnd: random.Random, table: Weighted[T]) -> T:
    items, cumulative = table
    return items[bisect.bisect(cumulative, rnd.random() * cumulative[-1])]


CATEGORIES = _cumulative(list(zip(PRODUCTS, (50, 30, 12, 8), strict=True)))
SCORES = _cumulative([(5, 60), (4, 25), (3, 9), (2, 4), (1, 2)])
CLOSED_PICK = _cumulative(CLOSED_MIX)
OPEN_PICK = _cumulative(OPEN_MIX)


def history_end(now: datetime) -> datetime:
    """Where the demo's history ends: the start of `now`'s day. Anchoring every draw to it (not
    to the clock) makes a seed give the same rows at 08:00 and at 21:30, and nothing the demo
    writes is later than the moment it is run at: the last events fall on the last working day
    before today, appointments and callbacks still owed are due from today on."""
    return datetime.combine(now.date(), datetime.min.time())


def _event(
    job_id: int,
    at: datetime,
    user_id: int,
    kind: EventKind,
    payload: str,
    from_status: Status | None = None,
    to_status: Status | None = None,
    note: str = "",
) -> tuple:
    """An event row (EVENT_COLUMNS) as services/common.record_event writes it: typed text in the
    note, facts in the payload (its stored JSON, _payload)."""
    return (
        job_id,
        at,
        user_id,
        _VALUES[kind],
        _VALUES[from_status] if from_status else None,
        _VALUES[to_status] if to_status else None,
        note,
        payload,
    )


# The stored value of each kind and status (a dict lookup: an enum's .value is a Python call).
_VALUES: dict[str, str] = {member: member.value for member in (*EventKind, *Status)}


_ENCODED: dict[object, str] = {}
ENCODED_KEPT = 10_000


def _payload(key: Hashable, make: Callable[..., events.Payload], *args: object) -> str:
    """The stored JSON of the payload `make(*args)` gives, which `key` tells apart from every other
    (the facts it is made of). Most demo payloads repeat (an outcome, a score, a technician):
    each is encoded once."""
    found = _ENCODED.get(key)
    if found is None:
        if len(_ENCODED) >= ENCODED_KEPT:  # refunds and replacements hardly repeat
            _ENCODED.clear()
        found = _ENCODED[key] = queries.encode_payload(make(*args))
    return found


def _encoded_reasons(reasons: tuple[Text, ...]) -> str:
    """The stored JSON of a verdict's reasons: each set encoded once (they repeat)."""
    key = tuple(
        (reason.template, tuple((name, type(v), v) for name, v in reason.params))
        for reason in reasons
    )
    try:
        found = _REASONS.get(key)
    except TypeError:
        return queries.encode_reasons(reasons)
    if found is None:
        if len(_REASONS) >= ENCODED_KEPT:
            _REASONS.clear()
        found = _REASONS[key] = queries.encode_reasons(reasons)
    return found


_REASONS: dict[tuple, str] = {}


def _accessories_returned(accessories: str) -> events.Payload:
    return events.accessories_returned(split_accessories(accessories))


def _move_payload(status: Status, facts: _Facts) -> str:
    """The facts the services record with this move (services/jobs.py, services/handback.py),
    as stored."""
    if status is Status.READY_FOR_PICKUP:
        return _payload(("outcome", facts.outcome), events.outcome, facts.outcome)
    if status is Status.RETURNED:
        return _payload(
            ("paid", facts.charged, facts.method), events.paid, facts.charged, facts.method
        )
    if status is Status.REFUNDED and facts.refund is not None:
        return queries.encode_payload(events.refund(facts.refund))
    if status is Status.EXCHANGED:
        return queries.encode_payload(events.exchange(*facts.replacement))
    return "{}"


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

    fault: Fault
    coverage: Coverage  # at the end: paid once a fault is found not to be a quality problem
    not_quality: str
    outcome: Outcome
    accessories: str
    charged: int
    method: str
    refund: int | None
    replacement: tuple[str, str]
    score: int | None


RECEIVED = Status.RECEIVED


def _diagnosis(facts: _Facts) -> str:
    if facts.outcome is Outcome.NO_FAULT_FOUND:
        return NO_FAULT_DIAGNOSIS
    return facts.fault.diagnosis


def _work_done(facts: _Facts) -> str:
    """What the bench did, as the technician writes it: the part replaced, if one was."""
    if facts.outcome is Outcome.REPAIRED:
        part = facts.fault.part
        return f"更换{part[0]}，测试正常" if part is not None else facts.fault.work
    if facts.outcome is Outcome.CANNOT_REPAIR:
        return CANNOT_REPAIR_WORK
    return NO_FAULT_WORK


def _for_loading(session: Session) -> None:
    """SQLite: a page cache big enough for the indexes a million jobs' inserts walk (the
    connection's, for this process only; the data written is the same either way)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}"))


LOAD_CACHE_KIB = 65_536


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


PART = LineKind.PART.value
_LINE_ADDED = EventKind.LINE_ADDED.value
_at = operator.itemgetter(EVENT_AT)


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
        (
            job_id,
            PART,
            description,
            part_model,
            1,
            price,
            charged,
            added_at,
            technician,
            None,
            None,
            None,
            "",
        )
    )
    facts = _payload(
        ("line", description, price, free),
        events.line_added,
        LineKind.PART,
        description,
        1,
        price,
        free,
    )
    history.append(_event(job_id, added_at, technician, EventKind.LINE_ADDED, facts))
    history.sort(key=_at)  # stable: same-minute order kept


# --- working hours and the showcase -----------------------------------------------------------


def _in_working_hours(calendar: WorkCalendar, at: datetime) -> bool:
    return calendar.is_working_day(at.date()) and OPENS <= at.hour < CLOSES


def _next_working_moment(calendar: WorkCalendar, at: datetime) -> datetime:
    """`at` if the counter is working then, else the next opening (09:00 of a working day)."""
    if _in_working_hours(calendar, at):
        return at
    day = at.date()
    if at.hour >= CLOSES or not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=OPENS)


def _last_working_moment(calendar: WorkCalendar, at: datetime) -> datetime:
    """`at` if the counter is working then, else the last working minute before it."""
    if _in_working_hours(calendar, at):
        return at.replace(microsecond=0)
    day = at.date()
    if at.hour < OPENS or not calendar.is_working_day(day):
        day = calendar.nth_working_day_back(day - timedelta(days=1), 1)
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=CLOSES, minutes=-1)


@dataclass(frozen=True)
class Scenario:
    """A job the demo always has, whatever its size: every status and every path is there."""

    requested: ServiceKind
    final: Status
    flavour: str = ""  # "paid", "not_quality", "cannot_repair" or "" (warranty / return)


SHOWCASE = (
    # The oldest job: still being repaired, long overdue.
    Scenario(ServiceKind.REPAIR, Status.REPAIRING),
    Scenario(ServiceKind.RETURN, Status.RECEIVED),
    Scenario(ServiceKind.RETURN, Status.INSPECTING),
    Scenario(ServiceKind.RETURN, Status.REFUNDED),
    Scenario(ServiceKind.EXCHANGE, Status.EXCHANGED),
    Scenario(ServiceKind.RETURN, Status.CANCELLED),
    Scenario(ServiceKind.RETURN, Status.RETURNED),  # return refused: repaired instead
    Scenario(ServiceKind.REPAIR, Status.RETURNED),
    Scenario(ServiceKind.REPAIR, Status.RETURNED, "paid"),
    Scenario(ServiceKind.REPAIR, Status.RETURNED, "not_quality"),
    Scenario(ServiceKind.REPAIR, Status.RETURNED, "cannot_repair"),
    Scenario(ServiceKind.REPAIR, Status.CANCELLED),
    Scenario(ServiceKind.REPAIR, Status.RECEIVED),
    Scenario(ServiceKind.REPAIR, Status.DIAGNOSING, "paid"),
    Scenario(ServiceKind.REPAIR, Status.WAITING_FOR_PARTS),
    Scenario(ServiceKind.REPAIR, Status.READY_FOR_PICKUP, "cannot_repair"),
    Scenario(ServiceKind.REPAIR, Status.READY_FOR_PICKUP),
)


def _showcase_positions(job_count: int) -> dict[int, Scenario]:
    """Which job (by check-in order) plays which scenario: the overdue one first (the oldest),
    the others last (the newest, so their open statuses are current)."""
    scenarios = SHOWCASE[: max(0, job_count)]
    if not scenarios:
        return {}
    positions = {0: scenarios[0]}
    rest = scenarios[1:]
    first = max(1, job_count - len(rest))
    positions.update({first + n: scenario for n, scenario in enumerate(rest)})
    return positions
