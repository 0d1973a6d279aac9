"""Every job action's form, opened in zh_CN, shows no English and no internal key: titles,
labels, information lines, buttons and every choice (payment methods, correctable fields...)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.operations.job_actions import ActionContext, step_for
from desktop_app.ui.resources import text_translator
from tests.helpers import actor, add_user
from tests.ui.test_job_operations import _job_where

# What the test itself typed (product model, serial, job numbers) may stay Latin.
TYPED = re.compile(r"R\d{8}-\d{4}|Mate|IMEI\w*")


@pytest.mark.parametrize("action", list(JobAction), ids=lambda a: a.name.lower())
def test_every_action_form_speaks_chinese(qtbot, zh_cn, services, clock, action):
    manager = actor(services)
    technician = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    job = _job_where(services, action, clock)
    step = step_for(action, ActionContext(job, manager, (manager, technician)))
    texts = [step.title]
    if step.fields:
        form = FormDialog(step.title, step.fields, translate=text_translator())
        qtbot.addWidget(form)
        texts += [w.text() for w in form.findChildren(QLabel)]
        texts += [w.text() for w in form.findChildren(QAbstractButton)]
        for combo in form.findChildren(QComboBox):
            texts += [combo.itemText(i) for i in range(combo.count())]
    latin = [t for t in texts if re.search(r"[A-Za-z]{2,}", TYPED.sub("", t))]
    assert not latin, latin
