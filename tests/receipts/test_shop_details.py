"""Receipts refuse to print while the shop has no name or no hotline: one check, in the domain,
asked by the command line here and by the window (tests/ui/test_receipt_needs_shop_details.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.data.db import open_database
from desktop_app.domain.roles import Role
from desktop_app.domain.shop_details import (
    ShopDetailsMissing,
    check_receipt_details,
    missing_receipt_details,
)
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, actor, add_user, check_in_form

SET_UP = ShopSnapshot(
    name="华为授权服务中心（中关村店）",
    address="",
    hotline="400-830-8300",
    country="CN",
    default_warranty_months=12,
    receipt_paper="a4",
    language="",
)


def test_a_shop_with_a_name_and_a_hotline_prints_without_an_address():
    check_receipt_details(SET_UP)
    assert missing_receipt_details(SET_UP) == ()


@pytest.mark.parametrize(
    "changes, missing",
    [
        ({"hotline": ""}, "the after-sales hotline"),
        ({"name": ""}, "the shop's name"),
        ({"hotline": "   "}, "the after-sales hotline"),
        ({"name": "\u200b"}, "the shop's name"),  # a zero-width space shows nothing
        ({"name": "", "hotline": " "}, "the shop's name and the after-sales hotline"),
    ],
)
def test_a_receipt_without_name_or_hotline_is_refused_naming_what_is_missing(changes, missing):
    with pytest.raises(ShopDetailsMissing) as refused:
        check_receipt_details(replace(SET_UP, **changes))
    assert str(refused.value) == (
        f"receipts cannot be printed without {missing}: a manager fills it in the shop settings"
    )


@pytest.fixture
def counter(database_url: str) -> Iterator[tuple[str, Services]]:
    assert main(["--database", database_url, "migrate"]) == 0
    database = open_database(database_url)
    yield database_url, Services.build(database, passwords=FAST_PASSWORDS)
    database.dispose()


def test_the_receipt_command_refuses_without_a_hotline_and_writes_no_file(
    counter, tmp_path: Path, capsys
):
    url, services = counter
    manager = actor(services)
    services.shop.save_settings(replace(services.shop.settings(), name="鑫诚售后"), manager)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    job = services.jobs.check_in(check_in_form(), clerk)
    output = tmp_path / "intake.pdf"
    for kind in ("intake", "return"):
        argv = ["--database", url, "receipt", job.number, "--kind", kind, "-o", str(output)]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "without the after-sales hotline: a manager fills it in the shop settings" in err
        assert not output.exists()

    services.shop.save_settings(replace(services.shop.settings(), hotline="400-1"), manager)
    assert main(["--database", url, "receipt", job.number, "-o", str(output)]) == 0
    assert output.read_bytes().startswith(b"%PDF")
