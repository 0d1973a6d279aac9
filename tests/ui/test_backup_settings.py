"""The shop's backup rotation (migration 0012): the settings dialog's three fields within their
limits, saved and read back (the first screen too); the service refuses a number out of range
naming the field, and nothing is saved."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain.backups import KEEP_DAILY_RANGE, KEEP_MONTHLY_RANGE, KEEP_WEEKLY_RANGE
from desktop_app.domain.errors import InvalidInput
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.resources import text_translator
from tests.helpers import actor


def test_the_rotation_defaults_to_7_daily_4_weekly_12_monthly(services) -> None:
    shop = services.shop.settings()
    assert (shop.backup_keep_daily, shop.backup_keep_weekly, shop.backup_keep_monthly) == (7, 4, 12)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("backup_keep_daily", 0),
        ("backup_keep_daily", 91),
        ("backup_keep_weekly", -1),
        ("backup_keep_weekly", 53),
        ("backup_keep_monthly", 121),
        ("backup_keep_monthly", "12"),
        ("backup_keep_daily", True),
    ],
)
def test_a_rotation_out_of_range_is_refused_naming_the_field(services, field, value) -> None:
    manager = actor(services)
    before = services.shop.settings()
    with pytest.raises(InvalidInput) as refused:
        services.shop.save_settings(
            replace(before, name="店", hotline="400", **{field: value}), manager
        )
    assert refused.value.fields() == {field}
    assert services.shop.settings() == before


def test_the_dialog_saves_the_rotation_within_its_limits(qtbot, services) -> None:
    manager = actor(services)
    dialog = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(dialog)
    boxes = dialog.backup_keep
    assert [(b.minimum(), b.maximum()) for b in boxes.values()] == [
        KEEP_DAILY_RANGE,
        KEEP_WEEKLY_RANGE,
        KEEP_MONTHLY_RANGE,
    ]
    boxes["backup_keep_daily"].setValue(1000)
    boxes["backup_keep_weekly"].setValue(0)
    boxes["backup_keep_monthly"].setValue(24)
    dialog.name.setText("店")
    dialog.hotline.setText("400-1")
    settings = dialog.result_settings()
    assert (settings.backup_keep_daily, settings.backup_keep_weekly) == (90, 0)
    saved = services.shop.save_settings(settings, manager)
    assert (saved.backup_keep_daily, saved.backup_keep_weekly, saved.backup_keep_monthly) == (
        90,
        0,
        24,
    )
