"""The job view shows the job's compensation beside its clocks (what was missed, the state, the
offers in words, the reason, who decided), read in the background with the job; a manager
decides a proposal from there in the same form as the Service desk list."""

from __future__ import annotations

from desktop_app.domain.compensation import Decision, Offer
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import add_months
from desktop_app.domain.vocabulary import CompensationState, EventKind, OfferKind
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.resources import text_translator
from tests.helpers import ID_CHECKED, actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle
from tests.ui.test_bench_flow import window_for
from tests.ui.test_compensation_flow import chinese, late_ready_job  # noqa: F401


def _view(qtbot, services, clock, tmp_path, user, job_id):
    main = window_for(qtbot, services, clock, tmp_path, user)
    main.controller._translate = text_translator()
    dialog = main.controller.make_dialog(services.jobs.get(job_id))
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)  # the compensation is read in the background
    return main, dialog


def _late_handed_back(services, clock):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    manager = actor(services)
    job = late_ready_job(services, clock, clerk, manager)
    services.handback.hand_back(
        job.id, clerk, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
    )
    return clerk, manager, job


def test_a_manager_sees_the_proposal_and_changes_it_from_the_job_view(
    qtbot, services, clock, tmp_path
):
    _clerk, manager, job = _late_handed_back(services, clock)
    main, dialog = _view(qtbot, services, clock, tmp_path, manager, job.id)
    assert dialog.compensation_box.isVisible()
    said = dialog.compensation_label.text()
    assert "first response 6 h late" in said and "repair 2 working days late" in said, said
    assert "proposed Voucher ¥60.00, awaiting a manager's decision" in said, said
    assert dialog.decide_button.isVisible() and dialog.decide_button.isEnabled()
    changed: list[int] = []
    main.controller.job_changed.connect(changed.append)
    old_end = dialog.job.warranty_end

    def change(form: FormDialog) -> None:
        assert "Voucher ¥60.00" in form.widgets["proposed"].text()
        combo = form.widgets["decision"]
        combo.setCurrentIndex(combo.findData("change"))
        form.widgets["offer_voucher"].setValue(0)
        form.widgets["offer_warranty_extension"].setValue(6)
        form.ok_button.click()
        assert "reason" in form.problem_fields()  # a change says why: refused, kept as typed
        assert form.widgets["offer_warranty_extension"].value() == 6
        type_text(qtbot, form.widgets["reason"], "顾客更想要延长保修 <b>")
        form.ok_button.click()

    run_modal(qtbot, dialog.decide_button.click, change)
    wait_idle(qtbot)
    (comp,) = services.compensation.for_job(job.id)
    assert comp.state is CompensationState.CHANGED
    assert comp.given == (Offer(OfferKind.WARRANTY_EXTENSION, months=6),)
    # The view shows the job as it is now: the warranty moved, the events, the decision.
    assert dialog.job.warranty_end == add_months(old_end, 6)
    kinds = [e.kind for e in dialog.job.events]
    assert EventKind.COMPENSATION_DECIDED.value in kinds
    assert EventKind.WARRANTY_EXTENDED.value in kinds
    said = dialog.compensation_label.text()
    assert "changed to Warranty extension 6 months" in said, said
    assert "proposed Voucher ¥60.00 · decided by Shop manager" in said, said
    assert "Shop manager" in said and "&lt;b&gt;" in said  # typed text shown as typed
    assert not dialog.decide_button.isVisible()
    assert changed == [job.id]


def test_a_clerk_sees_the_compensation_but_no_decision_button(qtbot, services, clock, tmp_path):
    clerk, _manager, job = _late_handed_back(services, clock)
    _main, dialog = _view(qtbot, services, clock, tmp_path, clerk, job.id)
    assert dialog.compensation_box.isVisible()
    assert "awaiting a manager's decision" in dialog.compensation_label.text()
    assert not dialog.decide_button.isVisible()
    dialog.set_busy(True)
    dialog.set_busy(False)  # the end of a save enables only what applies
    assert not dialog.decide_button.isEnabled() or not dialog.decide_button.isVisible()


def test_a_decided_compensation_says_who_and_why(qtbot, services, clock, tmp_path):
    _clerk, manager, job = _late_handed_back(services, clock)
    (comp,) = services.compensation.for_job(job.id)
    services.compensation.decide(comp.id, manager, Decision.decline("等待厂家配件，已告知顾客"))
    _main, dialog = _view(qtbot, services, clock, tmp_path, manager, job.id)
    said = dialog.compensation_label.text()
    assert "declined" in said
    assert "proposed Voucher ¥60.00 · decided by Shop manager, 2026-10-15 17:00" in said, said
    assert "reason: 等待厂家配件，已告知顾客" in said
    assert not dialog.decide_button.isVisible()


def test_a_job_on_time_shows_no_compensation_box(qtbot, services, clock, tmp_path):
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
    _main, dialog = _view(qtbot, services, clock, tmp_path, manager, job.id)
    assert not dialog.compensation_box.isVisible()
    assert not dialog.decide_button.isVisible()


def test_the_hand_back_in_the_view_shows_the_proposal_it_made(qtbot, services, clock, tmp_path):
    """A clerk's hand-back proposes; the view reads the compensation again after the action."""
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    job = late_ready_job(services, clock, clerk, actor(services))
    _main, dialog = _view(qtbot, services, clock, tmp_path, clerk, job.id)
    assert not dialog.compensation_box.isVisible()
    from desktop_app.domain.actions import JobAction
    from tests.ui.test_bench_flow import click_action

    def hand_back(form: FormDialog) -> None:
        form.widgets["identity_note"].setText("收据丢失，已核对身份证")
        form.ok_button.click()

    def receipt(preview) -> None:
        preview.reject()

    click_action(qtbot, dialog, JobAction.HAND_BACK, hand_back, receipt)
    wait_idle(qtbot)
    assert dialog.compensation_box.isVisible()
    assert "awaiting a manager's decision" in dialog.compensation_label.text()


def test_another_counter_decided_first(qtbot, services, clock, tmp_path, monkeypatch):
    """The proposal shown was decided meanwhile: the manager is told, and the view shows the
    decision made."""
    _clerk, manager, job = _late_handed_back(services, clock)
    _main, dialog = _view(qtbot, services, clock, tmp_path, manager, job.id)
    (comp,) = services.compensation.for_job(job.id)
    services.compensation.decide(comp.id, manager, Decision.approve())
    told: list[str] = []
    monkeypatch.setattr(
        "desktop_app.ui.dialogs.compensation_dialog.prompts.error",
        lambda _parent, _title, text: told.append(text),
    )

    def approve(form: FormDialog) -> None:
        form.ok_button.click()

    run_modal(qtbot, dialog.decide_button.click, approve)
    wait_idle(qtbot)
    assert told and "another counter" in told[0]
    assert "approved: Voucher ¥60.00" in dialog.compensation_label.text()
    assert not dialog.decide_button.isVisible()


def test_the_box_reads_in_chinese(qtbot, services, clock, tmp_path, chinese):  # noqa: F811
    _clerk, manager, job = _late_handed_back(services, clock)
    _main, dialog = _view(qtbot, services, clock, tmp_path, manager, job.id)
    said = dialog.compensation_label.text()
    assert "代金券 ¥60.00" in said and "首次响应超时 6 小时" in said, said
    assert dialog.compensation_box.title() == "补偿"
    assert dialog.decide_button.text() == "决定补偿…"
    dialog.resize(1260, 660)
    dialog.grab().save(str(tmp_path / "job_view_zh.png"))
    assert not any("a" <= ch.lower() <= "z" for ch in _plain(said)), said


def _plain(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>|&\w+;|color: #\w+|style=|'", "", html)


def test_the_return_receipt_says_the_warranty_was_extended(services, clock):
    """Months of warranty given as compensation: the receipt no longer says "unchanged"."""
    from desktop_app.receipts import render_return
    from tests.ui.test_compensation_flow import pdftotext

    _clerk, manager, job = _late_handed_back(services, clock)
    (comp,) = services.compensation.for_job(job.id)
    extension = Offer(OfferKind.WARRANTY_EXTENSION, months=3)
    services.compensation.decide(comp.id, manager, Decision.change([extension], "顾客选延保"))
    job = services.jobs.get(job.id)
    comps = services.compensation.for_job(job.id)
    for paper in ("a4", "80mm"):
        pdf = render_return(
            job,
            services.shop.settings(),
            services.shop.calendar(),
            paper=paper,
            compensations=comps,
        )
        text = " ".join(pdftotext(pdf).split())
        assert "Warranty extended by 3 months as" in text, text
        assert "compensation: until 2027-06-01" in text, text
        assert "Warranty unchanged" not in text
