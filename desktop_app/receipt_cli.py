"""`repair-counter receipt`: writes a job's receipt to a PDF file (reprints, scripting).

Part of the command line (beside cli.py and admin.py), not of receipts/: it finds the job through
the services, and receipts/ only turns snapshots into PDF bytes (it imports the domain alone).
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.domain.errors import NotOurFile
from desktop_app.domain.shop_details import ShopDetailsMissing, check_receipt_details
from desktop_app.domain.text import Translator, no_translation
from desktop_app.domain.workflow import STATUS_LABELS
from desktop_app.receipts.intake import render_intake
from desktop_app.receipts.label import render_label
from desktop_app.receipts.output_files import is_our_pdf, write_new_or_ours
from desktop_app.receipts.payment_receipt import render_payment_receipt
from desktop_app.receipts.quotation import render_quotation
from desktop_app.receipts.return_receipt import HANDED_BACK_STATUSES, render_return
from desktop_app.services import Services

RECEIPT_KINDS = ("intake", "return", "quotation", "payment", "label")


def write_receipt(
    services: Services,
    job_number: str,
    kind: str,
    output: str,
    translate: Translator = no_translation,
) -> int:
    """Writes the receipt and prints its path; returns the process exit status."""
    job = services.jobs.find_by_number(job_number)
    if job is None:
        print(f"repair-counter: no job with number {job_number!r}", file=sys.stderr)
        return 1
    if kind not in RECEIPT_KINDS:
        print(
            f"repair-counter: unknown receipt kind {kind!r}; expected one of {RECEIPT_KINDS}",
            file=sys.stderr,
        )
        return 2
    shop = services.shop.settings()
    try:
        check_receipt_details(shop)
    except ShopDetailsMissing as refusal:
        print(f"repair-counter: {refusal.render()}", file=sys.stderr)
        return 2
    if kind == "intake":
        pdf = render_intake(job, shop, translate=translate, paper=shop.receipt_paper)
    elif kind == "payment":
        pdf = render_payment_receipt(job, shop, translate=translate, paper=shop.receipt_paper)
    elif kind == "label":
        pdf = render_label(job, shop, translate=translate)
    elif kind == "quotation":
        if job.quotation is None:
            print(
                f"repair-counter: job {job.number} has no quotation yet; the technician writes "
                "one for a paid repair in the job view",
                file=sys.stderr,
            )
            return 1
        pdf = render_quotation(job, shop, translate=translate, paper=shop.receipt_paper)
    elif job.status in HANDED_BACK_STATUSES:
        calendar = services.shop.calendar()
        pdf = render_return(
            job,
            shop,
            calendar,
            translate=translate,
            paper=shop.receipt_paper,
            compensations=services.compensation.for_job(job.id),
        )
    else:
        print(
            f"repair-counter: job {job.number} is {STATUS_LABELS[job.status]}; its return "
            "receipt is printed once the product is handed back (returned, refunded or exchanged)",
            file=sys.stderr,
        )
        return 1
    path = Path(output)
    try:
        # A file we did not make is never written to (receipts/output_files.py).
        write_new_or_ours(path, pdf, is_our_pdf)
    except NotOurFile as refusal:
        print(f"repair-counter: {refusal.render(translate)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"repair-counter: cannot write {path}: {error.strerror}", file=sys.stderr)
        return 1
    print(path)
    return 0
