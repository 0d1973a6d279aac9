"""How long the counter waits for an intake receipt: render_intake, warm, on A4 and on 80 mm.

Run by hand: `python bench/bench_receipt.py`. Prints the median of 20 renders after one warm-up
(the warm-up pays for loading the 5 MB font once per process). No thresholds: read the numbers.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.data.db import open_database
from desktop_app.domain.forms import CheckInForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category, DocumentsPresented, ServiceKind
from desktop_app.receipts import render_intake
from desktop_app.services import Services

RUNS = 20


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{folder}/bench.db")
        try:
            services = Services.build(database, lambda: datetime(2026, 9, 30, 10, 0))
            manager = services.users.by_username("manager")
            assert manager is not None
            shop = services.shop.save_settings(
                replace(
                    services.shop.settings(),
                    name="华为授权服务中心（中关村店）",
                    address="北京市海淀区中关村大街1号 海龙大厦3层301室",
                    hotline="400-830-8300",
                ),
                manager.id,
            )
            clerk = services.users.add("clerk", "王晓红", Role.CLERK)
            job = services.jobs.check_in(
                CheckInForm(
                    customer_name="张伟",
                    phone="13812345678",
                    category=Category.ELECTRONICS,
                    brand="华为",
                    model="Mate 60 Pro",
                    serial="IMEI861234567890123",
                    purchase_date=date(2026, 3, 1),
                    warranty_months=12,
                    documents=DocumentsPresented(True, True, True),
                    service_requested=ServiceKind.REPAIR,
                    fault_description="屏幕不亮，开机有声音但无显示",
                    usage_description="日常使用，未摔落",
                    voucher_number="FP0012345678",
                    warranty_card_number="BX20260301",
                    condition_on_arrival="外观完好",
                    accessories_received="充电器",
                ),
                clerk.id,
            )
        finally:
            database.dispose()

    for paper in ("a4", "80mm"):
        started = time.perf_counter()
        render_intake(job, shop, paper=paper)  # warm-up
        first = time.perf_counter() - started
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            pdf = render_intake(job, shop, paper=paper)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        print(
            f"render_intake {paper:>4}: median {median * 1000:6.1f} ms of {RUNS} "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}; "
            f"first call {first * 1000:.0f} ms; {len(pdf):,} bytes)"
        )


if __name__ == "__main__":
    main()
