"""The counter window: job list, search and filters, summary strip, check-in and receipts.

It opens as the person who signed in (app.py) and shows who that is; Lock (Ctrl+L, or the shop's
idle time) hides everything behind a sign-in, and Switch user does so at once (ui/lock.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.complaints import ComplaintCounts
from desktop_app.domain.consultations import ConsultationSnapshot, check_in_form_from
from desktop_app.domain.errors import DatabaseUnreachable, InvalidInput
from desktop_app.domain.forms import (
    JOB_NUMBER_PATTERN,
    CheckInForm,
    ClockList,
    DueFilter,
    JobQuery,
    half_width,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, Role, may
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.shop_details import ShopDetailsMissing, check_receipt_details
from desktop_app.domain.snapshots import (
    DueSummary,
    JobPage,
    JobSnapshot,
    PageCursor,
    ShopSnapshot,
)
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import Status
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.fitting import fit, fit_columns, remember_size
from desktop_app.ui.labels import label, person_label, status_label
from desktop_app.ui.modal import carry_actions, exec_dialog
from desktop_app.ui.models.job_table_model import JOB_ROW_ROLE, Clock, JobTableModel
from desktop_app.ui.resources import text_translator
from desktop_app.ui.settings import UiSettings
from desktop_app.ui.widgets.clock_panel import ClockPanel
from desktop_app.ui.widgets.connection_banner import ConnectionBanner

if TYPE_CHECKING:
    from desktop_app.domain.evaluation import Evaluation
    from desktop_app.services import Services
    from desktop_app.services.jobs import JobService
    from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
    from desktop_app.ui.dialogs.consultation_log import ConsultationLogDialog
    from desktop_app.ui.job_controller import JobController
    from desktop_app.ui.list_export import ListExporter
    from desktop_app.ui.lock import WindowLock

log = logging.getLogger(__name__)

T = TypeVar("T")

# The due filter's choices after "any", in the order the combo box lists them.
DUE_FILTERS = (
    DueFilter.OVERDUE,
    DueFilter.DUE_TODAY,
    DueFilter.DUE_SOON,
    DueFilter.RESPONSE_OVERDUE,
)
SEARCH_DELAY_MS = 150
REFRESH_INTERVAL_MS = 60_000
# The window's first size: within a 1366×768 screen with a taskbar (ui/fitting.py).
DEFAULT_SIZE = QSize(1280, 680)
# The clock each clock list shows (the others: the repair clock). A technician's queues show
# the first response while it is outstanding, then the repair.
LIST_CLOCKS = {"response_overdue": Clock.RESPONSE, "mine": Clock.NEXT, "unassigned": Clock.NEXT}


class MainWindow(QMainWindow):
    # The window locked (True) or was unlocked (False).
    locked_changed = Signal(bool)

    def __init__(
        self,
        services: Services,
        user: Actor,
        settings: UiSettings,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        """The window of `user`, signed in with `services`."""
        super().__init__(parent)
        self.setObjectName("main_window")
        self._services: Services | None = None
        self.controller: JobController | None = None
        self._user = user
        self._settings = settings
        self._now = now
        self._translate = text_translator()
        self._complaint_counts: ComplaintCounts | None = None
        self._summary: DueSummary | None = None  # the last counts shown, shown again on retranslate
        self._callbacks_overdue = 0  # consultations' callbacks past their 24 hours
        self._shop: ShopSnapshot = services.shop.settings()
        self._calendar = services.shop.calendar()  # read again when the settings change
        self._lock: WindowLock | None = None
        self.last_visits_dialog: QWidget | None = None  # the day's visit list, when opened
        self.last_takings_dialog: QWidget | None = None  # the day's takings, when opened
        self.evaluation_window: QWidget | None = None  # the manager's evaluation, when opened
        self.setWindowTitle(self._title())
        self.model = JobTableModel(
            None,
            self._calendar,
            lambda row: status_label(row.status),
            now=now,
            parent=self,
            runner=self._run_in_background,
        )
        self._slow_calls = 0
        self._summary_generation = 0
        self._summary_reads = 0  # summary reads not answered yet
        self._build_actions()
        self._build_central()
        self._build_clock_dock()
        self._build_menus()
        self.retranslate()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._refresh_timer = QTimer(self, interval=REFRESH_INTERVAL_MS)
        self._refresh_timer.timeout.connect(self._tick)
        self._restore_layout()
        self._attach_services(services)

    def _attach_services(self, services: Services) -> None:
        from desktop_app.ui.lock import WindowLock

        self._services = services
        self._make_controller()
        self.model.set_fetch_page(self._fetch_page)
        self.model.reload()
        self.refresh_clocks()
        self._refresh_timer.start()
        self._set_ready(True)
        self._show_read_only()
        self._show_signed_in()
        self._lock = WindowLock(self, services, lambda: self._shop.idle_lock_minutes)
        background.when_signed_out(self, self._lock.signed_out)
        background.when_connection_lost(self, self.connection_banner.connection_lost)
        self._follow_other_counters(services)

    def _follow_other_counters(self, services: Services) -> None:
        """Other counters' changes show within moments, the list keeping its place (ui/live.py)."""
        from desktop_app.ui.live import LiveChanges, keep_top_row

        self.live = LiveChanges(services, self)
        self.live.changed.connect(self._changed_elsewhere)
        keep_top_row(self.table, self.model)
        self.live.start()

    def _changed_elsewhere(self) -> None:
        from desktop_app.services.changes import JOBS

        changes = self.live.last
        if changes is None or self.locked:
            return
        if changes.touches(JOBS):
            self._read_list_again()
        self.refresh_clocks()  # the counts and clock lists of jobs, complaints and callbacks
        if self.controller is not None:
            self.controller.changed_elsewhere(changes)

    def _make_controller(self) -> None:
        """The job views' driver, acting as the signed-in person."""
        from desktop_app.ui.job_controller import JobController

        if self.controller is not None:
            self.controller.retire()
        self.controller = JobController(
            self._ready_services(),
            self._user,
            lambda: self._shop,
            self._translate,
            self.show_receipt,
            self._now,
            self,
            calendar=lambda: self._calendar,
            settings=self._settings,
        )
        self.controller.job_changed.connect(lambda _job_id: self.refresh())
        self.controller.complaint_requested.connect(lambda job: self.open_complaints(job=job))

    def _show_read_only(self) -> None:
        """A database that can only be read: the banner says why; nothing offers a change."""
        reason = self._services.read_only if self._services is not None else None
        self.read_only_banner.setVisible(reason is not None)
        if reason is None:
            return
        self.read_only_banner.setText(
            self.tr(
                "Read-only: %s. Jobs can be looked up, searched and their receipts printed; "
                "nothing can be checked in or changed."
            )
            % reason.render(self._translate)
        )
        self.check_in_action.setEnabled(False)
        self.settings_action.setEnabled(False)
        self.users_action.setEnabled(False)
        self.parts_action.setEnabled(False)

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.search_box, self.status_filter, self.due_filter):
            widget.setEnabled(ready)
        for action in (
            self.check_in_action,
            self.consultations_action,
            self.find_action,
            self.open_job_action,
            self.print_action,
            self.refresh_action,
            self.settings_action,
            self.complaints_action,
            self.export_action,
        ):
            action.setEnabled(ready)
        # A form whose save the service would refuse for this role is not offered: only a
        # manager changes the shop's settings, a technician checks nothing in.
        self.check_in_action.setEnabled(ready and may(self._user.role, Action.CHECK_IN))
        self.settings_action.setEnabled(ready and may(self._user.role, Action.MANAGE_SHOP))
        self.users_action.setVisible(may(self._user.role, Action.MANAGE_USERS))
        self.users_action.setEnabled(ready and may(self._user.role, Action.MANAGE_USERS))
        self.parts_action.setVisible(may(self._user.role, Action.MANAGE_PARTS))
        self.parts_action.setEnabled(ready and may(self._user.role, Action.MANAGE_PARTS))
        deciding = may(self._user.role, Action.DECIDE_COMPENSATION)
        self.compensation_action.setVisible(deciding)
        self.compensation_action.setEnabled(ready and deciding)
        evaluating = may(self._user.role, Action.VIEW_EVALUATION)
        self.evaluation_action.setVisible(evaluating)
        self.evaluation_action.setEnabled(ready and evaluating)
        taking = may(self._user.role, Action.VIEW_TAKINGS)
        self.takings_action.setVisible(taking)
        self.takings_action.setEnabled(ready and taking)
        read_only = self._services is not None and self._services.read_only is not None
        self.backup.set_ready(ready, read_only)
        if not ready:
            for label in self.summary_labels.values():
                label.setText(self.tr("Counting…"))

    def _ready_services(self) -> Services:
        # Everything that calls this is disabled until the services are attached.
        if self._services is None:
            raise RuntimeError("the window's services are not attached yet")
        return self._services

    def _title(self) -> str:
        name = self._shop.name or self.tr("After-sales counter")
        return self.tr("Repair Counter — %1 — %2").replace("%1", name).replace("%2", self.who())

    def who(self) -> str:
        """The signed-in person and their role: "王晓红 (clerk)"."""
        return (
            self.tr("%1 (%2)")
            .replace("%1", person_label(self._user.display_name))
            .replace("%2", label(self._user.role))
        )

    @property
    def user(self) -> Actor:
        """Who is signed in at this window."""
        return self._user

    # --- building -----------------------------------------------------------------------------

    def _action(
        self, name: str, slot: Callable[[], object], shortcut: QKeySequence | None
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.check_in_action = self._action(
            "check_in_action", self.open_check_in, QKeySequence(keys.New)
        )
        self.find_action = self._action("find_action", self.focus_search, QKeySequence(keys.Find))
        self.open_job_action = self._action("open_job_action", self.open_selected_job, None)
        self.print_action = self._action(
            "print_action", self.print_selected_receipt, QKeySequence(keys.Print)
        )
        self.refresh_action = self._action(
            "refresh_action", self.refresh, QKeySequence(keys.Refresh)
        )
        self.settings_action = self._action("settings_action", self.open_settings, None)
        self.users_action = self._action("users_action", self.open_users, None)
        self.parts_action = self._action("parts_action", self.open_parts, None)  # issue 16
        self.follow_up_action = self._action("follow_up_action", self.open_follow_up, None)
        self.pickup_action = self._action("pickup_action", self.open_pickup, None)
        self.compensation_action = self._action("compensation_action", self.open_compensation, None)
        self.complaints_action = self._action("complaints_action", self.open_complaints, None)
        self.quit_action = self._action("quit_action", self.close, QKeySequence(keys.Quit))
        self.about_action = self._action("about_action", self.show_about, None)
        self.lock_action = self._action("lock_action", self.lock, QKeySequence("Ctrl+L"))
        # Ctrl+L locks from any dialog or form of the window too: a shortcut of the main
        # window alone does nothing while a modal dialog has the keyboard.
        carry_actions(self, [self.lock_action])
        self.switch_user_action = self._action("switch_user_action", self.switch_user, None)
        self.consultations_action = self._action(
            "consultations_action", self.open_consultations, None
        )
        self.visits_action = self._action("visits_action", self.open_visits, None)
        self.evaluation_action = self._action("evaluation_action", self.open_evaluation, None)
        self.takings_action = self._action("takings_action", self.open_takings, None)
        # Issue 15: Back up now and Restore… (a manager's; ui/backup_actions.py).
        from desktop_app.ui.backup_actions import BackupActions

        self.backup = BackupActions(self, self._ready_services, lambda: self._user, self._translate)
        self.export_action = self._action("export_action", self.export_list, None)
        self.exporter: ListExporter | None = None  # made at the first export

    def _build_menus(self) -> None:
        self.file_menu = file_menu = self.menuBar().addMenu("")
        file_menu.addAction(self.check_in_action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.switch_user_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup.back_up_action)
        file_menu.addAction(self.backup.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.jobs_menu = jobs_menu = self.menuBar().addMenu("")
        jobs_menu.addAction(self.find_action)
        jobs_menu.addAction(self.open_job_action)
        jobs_menu.addAction(self.refresh_action)
        jobs_menu.addSeparator()
        jobs_menu.addAction(self.export_action)
        # The agreement's second half (issue 13): complaints, consultations, visits, follow-up.
        self.desk_menu = self.menuBar().addMenu("")
        self.desk_menu.addAction(self.follow_up_action)
        self.desk_menu.addAction(self.pickup_action)
        self.desk_menu.addAction(self.compensation_action)
        self.desk_menu.addAction(self.complaints_action)
        self.desk_menu.addAction(self.consultations_action)
        self.desk_menu.addAction(self.visits_action)
        self.desk_menu.addSeparator()
        self.desk_menu.addAction(self.evaluation_action)
        self.desk_menu.addAction(self.takings_action)
        self.tools_menu = tools_menu = self.menuBar().addMenu("")
        tools_menu.addAction(self.settings_action)
        tools_menu.addAction(self.users_action)
        tools_menu.addAction(self.parts_action)
        self.help_menu = help_menu = self.menuBar().addMenu("")
        help_menu.addAction(self.about_action)
        self.toolbar = toolbar = QToolBar(self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.check_in_action)
        toolbar.addAction(self.print_action)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.settings_action)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)

    def _build_central(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("search_box")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.search_entered)

        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("status_filter")
        # The items' texts are set by retranslate(); their data never changes.
        for data in (None, "open", *Status):
            self.status_filter.addItem("", data)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)

        self.due_filter = QComboBox(self)
        self.due_filter.setObjectName("due_filter")
        for due in (None, *DUE_FILTERS):
            self.due_filter.addItem("", due)
        self.due_filter.currentIndexChanged.connect(self.apply_filters)

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.due_filter, 1)

        self.summary_labels: dict[str, QLabel] = {}
        summary = QHBoxLayout()
        for key, colour in (
            ("open", "#37474f"),
            ("overdue", "#c62828"),
            ("due_today", "#ef6c00"),
            ("response_overdue", "#6a1b9a"),
            ("complaints_overdue", "#ad1457"),
            ("callbacks_overdue", "#ad1457"),
        ):
            label = QLabel(self)
            label.setObjectName(f"summary_{key}")
            label.setStyleSheet(
                f"QLabel {{ color: white; background: {colour}; border-radius: 4px; "
                "padding: 4px 10px; font-weight: bold; }"
            )
            self.summary_labels[key] = label
            summary.addWidget(label)
        summary.addStretch(1)

        self._build_table()

        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("busy_indicator")
        self.busy_indicator.setRange(0, 0)  # no end known: a moving bar
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.hide()
        self.statusBar().addPermanentWidget(self.busy_indicator)

        self._build_notices()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.connection_banner)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.calendar_notice)
        layout.addLayout(filters)
        layout.addLayout(summary)
        layout.addWidget(self.table, 1)
        # The counter's page, and the lock screen's (ui/lock.py): locked, the counter's page is
        # hidden, not covered.
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.pages.addWidget(central)
        self.setCentralWidget(self.pages)
        fit(self, DEFAULT_SIZE)

    def _build_table(self) -> None:
        """The job list's view, and the label it shows when a search or filter finds nothing."""
        self.table = QTableView(self)
        self.table.setObjectName("job_table")
        self.table.setModel(self.model)
        # A new list (a search, a filter, a reload) laid out at once, not on the view's own
        # timer, which came after the rows were painted and painted them all again (a search
        # that left fewer rows than the screen holds: 3-4 ms more a keystroke at 1280x800).
        self.model.modelReset.connect(self.table.doItemsLayout)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # The scroll bar stays: a search that narrows the list below a screen would hide it,
        # widen the view and lay out and paint every row a second time (its columns moving
        # under the clerk's eyes as they type).
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Column widths: retranslate() fits them to the words; a saved layout wins at start.
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        # Said in the list itself when a search or filter finds nothing.
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #607d8b; font-size: 15px; padding: 24px;")
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.hide()
        QVBoxLayout(self.table.viewport()).addWidget(self.empty_label)
        self.model.loaded.connect(self._show_when_empty)

    def _build_notices(self) -> None:
        """The banners above the list: a lost connection, a read-only database, an estimated
        calendar year."""
        # Shown while the database server cannot be reached; retries, and reads again once back.
        self.connection_banner = ConnectionBanner(lambda: self._ready_services().shop.ping(), self)
        self.connection_banner.restored.connect(self.refresh)

        # Shown when the database can only be read: why, and what still works.
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "QLabel { background: #fff3e0; color: #e65100; border: 1px solid #ffb74d; "
            "border-radius: 4px; padding: 6px 10px; font-weight: bold; }"
        )
        self.read_only_banner.hide()

        # For the manager, from ESTIMATE_NOTICE_DAYS before a year the national calendar only
        # estimates: what is wrong and where to put it right (see show_calendar_notice).
        self.calendar_notice = QFrame(self)
        self.calendar_notice.setObjectName("calendar_notice")
        self.calendar_notice.setStyleSheet(
            "QFrame#calendar_notice { background: #fff3e0; border: 1px solid #ef6c00; "
            "border-radius: 4px; }"
        )
        self.calendar_notice_text = QLabel(self.calendar_notice)
        self.calendar_notice_text.setObjectName("calendar_notice_text")
        self.calendar_notice_text.setWordWrap(True)
        self.calendar_notice_button = QToolButton(self.calendar_notice)
        self.calendar_notice_button.setObjectName("calendar_notice_button")
        self.calendar_notice_button.setDefaultAction(self.settings_action)
        notice = QHBoxLayout(self.calendar_notice)
        notice.setContentsMargins(8, 4, 8, 4)
        notice.addWidget(self.calendar_notice_text, 1)
        notice.addWidget(self.calendar_notice_button)
        self.calendar_notice.hide()

    def _build_clock_dock(self) -> None:
        def jobs() -> JobService:
            return self._ready_services().jobs

        titles = self._clock_titles()
        lists = [
            (
                "response_overdue",
                titles["response_overdue"],
                lambda: jobs().clock_list(ClockList.RESPONSE_OVERDUE),
            ),
            (
                "repair_overdue",
                titles["repair_overdue"],
                lambda: jobs().clock_list(ClockList.REPAIR_OVERDUE),
            ),
            ("due_today", titles["due_today"], lambda: jobs().clock_list(ClockList.DUE_TODAY)),
            (
                "due_tomorrow",
                titles["due_tomorrow"],
                lambda: jobs().clock_list(ClockList.DUE_TOMORROW),
            ),
            ("stale", titles["stale"], lambda: jobs().clock_list(ClockList.STALE)),
        ]
        if self._user.role in (Role.TECHNICIAN, Role.MANAGER):
            lists += [
                ("mine", titles["mine"], lambda: jobs().technician_queue(self._user.id)),
                ("unassigned", titles["unassigned"], lambda: jobs().technician_queue(None)),
            ]
        self.clock_panel = ClockPanel(
            lists,
            self._calendar,
            self._now,
            self,
            runner=self._run_in_background,
            clocks=LIST_CLOCKS,
        )
        self.clock_panel.job_activated.connect(self._open_id)
        self._add_complaint_clocks()
        self._add_callback_clock(titles["callbacks_overdue"])
        self.clock_dock = QDockWidget(self)
        self.clock_dock.setObjectName("clock_dock")
        self.clock_dock.setWidget(self.clock_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.clock_dock)

    def _add_complaint_clocks(self) -> None:
        """Complaints not called back in 24 hours or not resolved in time: a tab of their own."""
        from desktop_app.ui.models.complaint_table_model import ComplaintTableModel

        model = ComplaintTableModel(self, translate=self._translate, now=self._now)
        self.complaint_clock_model = model
        self.clock_panel.add_list(
            "complaints_overdue",
            self._clock_titles()["complaints_overdue"],
            lambda: self._ready_services().complaints.overdue(),
            model,
            lambda row: self.open_complaints(complaint_id=model.row_at(row).id),
        )

    def _clock_titles(self) -> dict[str, str]:
        return {
            "complaints_overdue": self.tr("Complaints overdue"),
            "response_overdue": self.tr("Response overdue"),
            "repair_overdue": self.tr("Repair overdue"),
            "due_today": self.tr("Due today"),
            "due_tomorrow": self.tr("Due next working day"),
            "stale": self.tr("No news for 2 working days"),
            "mine": self.tr("My queue"),
            "unassigned": self.tr("Unassigned"),
            "callbacks_overdue": self.tr("Callbacks overdue"),
        }

    def _add_callback_clock(self, title: str) -> None:
        """Promised consultation callbacks past their 24 hours: a tab of the clocks panel;
        opening one opens the consultation log."""
        from desktop_app.ui.models.consultation_model import (
            ConsultationTableModel,
            fit_consultation_columns,
        )

        model = ConsultationTableModel(self._now, self.clock_panel)
        view = self.clock_panel.add_list(
            "callbacks_overdue",
            title,
            lambda: self._ready_services().consultations.overdue_callbacks(),
            model,
            lambda _row: self.open_consultations(),
        )
        model.modelReset.connect(lambda: fit_consultation_columns(view))

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Qt sends LanguageChange to every widget when a translator is installed or removed
        (the settings' language): the whole window follows at once, not after a restart."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window itself shows, in the installed language."""
        self.setWindowTitle(self._title())
        for action, text in (
            (self.check_in_action, self.tr("&New check-in…")),
            (self.find_action, self.tr("&Find")),
            (self.open_job_action, self.tr("&Open job")),
            (self.print_action, self.tr("&Print intake receipt…")),
            (self.refresh_action, self.tr("&Refresh")),
            (self.settings_action, self.tr("Shop &settings…")),
            (self.users_action, self.tr("&Users…")),
            (self.parts_action, self.tr("&Parts catalogue…")),
            (self.compensation_action, self.tr("&Compensation awaiting decision…")),
            (self.complaints_action, self.tr("&Complaints…")),
            (self.quit_action, self.tr("&Quit")),
            (self.about_action, self.tr("&About")),
            (self.lock_action, self.tr("&Lock")),
            (self.switch_user_action, self.tr("S&witch user…")),
            (self.follow_up_action, self.tr("&Follow-up calls…")),
            (self.pickup_action, self.tr("&Waiting for pickup…")),
            (self.consultations_action, self.tr("&Consultation log…")),
            (self.export_action, self.tr("&Export list…")),
        ):
            action.setText(text)
        self.file_menu.setTitle(self.tr("&File"))
        self.jobs_menu.setTitle(self.tr("&Jobs"))
        self.desk_menu.setTitle(self.tr("Service &desk"))
        self.visits_action.setText(self.tr("&Visits…"))
        self.evaluation_action.setText(self.tr("&Evaluation…"))
        self.takings_action.setText(self.tr("Day's &takings…"))
        self.backup.retranslate()
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main"))
        self.search_box.setPlaceholderText(
            self.tr("Search: job number, phone digits, customer name, serial/IMEI (scan + Enter)")
        )
        statuses = [self.tr("All statuses"), self.tr("Open jobs")]
        statuses += [status_label(status) for status in Status]
        for index, text in enumerate(statuses):
            self.status_filter.setItemText(index, text)
        dues = [
            self.tr("Any due state"),
            self.tr("Overdue"),
            self.tr("Due today"),
            self.tr("Due within 1 working day"),
            self.tr("First response overdue"),
        ]
        for index, text in enumerate(dues):
            self.due_filter.setItemText(index, text)
        self.clock_dock.setWindowTitle(self.tr("Clocks"))
        self.clock_panel.set_titles(self._clock_titles())
        self.model.retranslate()
        fit_columns(self.table)  # the new words' widths (a width dragged by hand is lost)
        if self._summary is not None:
            self._show_summary(self._summary)
        if self._complaint_counts is not None:
            self._show_complaint_counts(self._complaint_counts)
        if self._services is not None and not self.locked:
            self._show_signed_in()
        self._show_read_only()
        self.show_calendar_notice()

    def _show_signed_in(self) -> None:
        self.statusBar().showMessage(self.tr("Signed in: %s") % self.who())

    # --- lock and switch user (ui/lock.py) ------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._lock is not None and self._lock.locked

    def lock(self) -> None:
        """Hide everything behind a sign-in (Ctrl+L, or the shop's idle time)."""
        if self._lock is not None:
            self._lock.lock()

    def switch_user(self) -> None:
        """Another person takes the counter: lock, with nobody's name picked."""
        if self._lock is not None:
            self._lock.lock(switching=True)

    def signed_in_as(self, actor: Actor) -> None:
        """Another person signed in at the lock screen: what the role decides is rebuilt; the
        job list is read again as theirs."""
        self._user = actor
        self._make_controller()
        dock_visible = self.clock_dock.isVisibleTo(self)
        self.removeDockWidget(self.clock_dock)
        self.clock_dock.deleteLater()
        self._build_clock_dock()
        self.clock_dock.setVisible(dock_visible)
        self.retranslate()
        self._set_ready(True)
        self._show_read_only()
        self.refresh()

    def pause(self, paused: bool) -> None:
        """Locked: no reads in the background, and only "Locked" on the status bar."""
        if paused:
            self._refresh_timer.stop()
            self.live.stop()
            self.statusBar().showMessage(self.tr("Locked"))
            return
        self._refresh_timer.start()
        self.live.start()
        self.model.refresh_in_place()  # what other counters did meanwhile
        self.refresh_clocks()
        self.setWindowTitle(self._title())
        self._show_signed_in()

    def same_person_again(self, actor: Actor) -> None:
        """The same person unlocked: their fresh sign-in acts from now on."""
        self._user = actor
        if self.controller is not None:
            self.controller.set_user(actor)

    def show_calendar_notice(self) -> None:
        """Tells the manager when the days ahead run on an estimated national calendar."""
        year = None
        if self._user.role is Role.MANAGER:
            year = self._calendar.estimate_ahead(self._now().date())
        if year is None:
            self.calendar_notice.hide()
            return
        self.calendar_notice_text.setText(
            self.tr(
                "The national calendar for %1 is only an estimate: the official holidays and "
                "make-up working days are not known to this version, so due dates from %1 on "
                "may be wrong. In Shop settings, enter %1's official holidays as closure days "
                "and its make-up working days as extra working days (or import them from a "
                "file), and mark %1 confirmed."
            ).replace("%1", str(year))
        )
        self.calendar_notice.show()

    # --- the list -----------------------------------------------------------------------------

    def _fetch_page(self, query: JobQuery, after: PageCursor | None, limit: int) -> JobPage:
        return self._ready_services().jobs.search(query, after=after, limit=limit)

    def current_query(self) -> JobQuery:
        # Qt hands enum data back as plain strings.
        status = self.status_filter.currentData()
        due = self.due_filter.currentData()
        return JobQuery(
            text=self.search_box.text(),
            statuses=frozenset({Status(status)}) if status and status != "open" else frozenset(),
            open_only=status == "open",
            due=DueFilter(due) if due else None,
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        query = self.current_query()
        # Filtered on a late first response, the list shows that clock, not the repair's.
        response = query.due is DueFilter.RESPONSE_OVERDUE
        self.model.set_clock(Clock.RESPONSE if response else Clock.REPAIR)
        # A new search or filter is read from its first row: scrolled down a longer list, the
        # new list's last row was in sight and the view read page after page (260 rows for a
        # keystroke's 60). The same list asked again (a key typed and taken back, Enter again)
        # and a reload (after an action on a job) keep their place.
        if query != self.model.query:
            self.table.scrollToTop()
        self.model.set_query(query)

    def _show_when_empty(self) -> None:
        query = self.model.query
        empty = self.model.rowCount() == 0
        if empty and query.text.strip():
            text = self.tr("No job matches “%s”.") % query.text.strip()
        elif empty and (query.statuses or query.open_only or query.due is not None):
            text = self.tr("No job matches these filters.")
        else:
            text = ""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))

    def refresh(self) -> None:
        """The list read again where it stands (after an action on a job at this counter, the
        follow-up calls, another person signed in), as for another counter's change: the rows
        read so far in one read, the selected job still selected wherever it moved, the top job
        still at the top (at the very top, new jobs appear there), the search kept."""
        self._read_list_again()
        self.refresh_clocks()

    def _read_list_again(self) -> None:
        """The rows read so far read again in place; rows still of an older search (the new
        search's first read failed) give way to the new search's first page, from its top."""
        if self.model.shows_another_search:
            self.table.scrollToTop()
        self.model.refresh_in_place()

    def refresh_clocks(self) -> None:
        """Due states change with the clock itself, and other counters add jobs."""
        self.refresh_summary()
        self.clock_panel.refresh()

    def _tick(self) -> None:
        """The minute timer: skipped while the last tick's reads have not answered (a stalled
        server must not pile up reads)."""
        if self._summary_reads == 0:
            self.refresh_clocks()
        self.show_calendar_notice()

    def refresh_summary(self) -> None:
        services = self._ready_services()
        self._summary_generation += 1
        generation = self._summary_generation
        self._summary_reads += 1

        def show(counts: tuple[DueSummary, int]) -> None:
            self._summary_reads -= 1
            if generation == self._summary_generation:  # an older read answering late is dropped
                summary, self._callbacks_overdue = counts
                self._show_summary(summary)

        def failed(_error: Exception) -> None:
            self._summary_reads -= 1

        def read() -> tuple[DueSummary, int]:
            return services.jobs.summary(), services.consultations.counts().overdue

        self._run_in_background(read, show, failed)
        self._run_in_background(services.complaints.counts, self._show_complaint_counts)

    def _show_summary(self, summary: DueSummary) -> None:
        self._summary = summary
        self.summary_labels["open"].setText(self.tr("Open: %n", "", summary.open))
        self.summary_labels["overdue"].setText(self.tr("Overdue: %n", "", summary.overdue))
        self.summary_labels["due_today"].setText(self.tr("Due today: %n", "", summary.due_today))
        self.summary_labels["response_overdue"].setText(
            self.tr("Response overdue: %n", "", summary.response_overdue)
        )
        self.summary_labels["callbacks_overdue"].setText(
            self.tr("Callbacks overdue: %n", "", self._callbacks_overdue)
        )

    def _show_complaint_counts(self, counts: ComplaintCounts) -> None:
        self._complaint_counts = counts
        overdue = counts.overdue
        text = self.tr("Complaints overdue: %n", "", overdue)
        if counts.drafts and self._user.role is Role.MANAGER:
            text += " · " + self.tr("drafts: %n", "", counts.drafts)
        self.summary_labels["complaints_overdue"].setText(text)

    # --- service calls, in the background -------------------------------------------------------

    def _run_in_background(
        self,
        call: Callable[[], T],
        deliver: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """A read for the window (list pages, counts, clocks), on the refresh workers: a failure
        goes to the status bar (after `failed`, if given) and what is shown stays (a dropped
        server connection must not kill the window)."""

        def read_failed(error: Exception) -> None:
            if failed is not None:
                failed(error)
            self._read_failed(error)

        background.run(
            call,
            done=deliver,
            failed=read_failed,
            busy=self._show_busy,
            owner=self,
            lane=background.Lane.REFRESH,
        )

    def _read_failed(self, error: Exception) -> None:
        if isinstance(error, DatabaseUnreachable):
            return  # the connection banner says so, and reads again once the server is back
        self.statusBar().showMessage(failure_text(error, self._translate), 15_000)

    def _show_busy(self, busy: bool) -> None:
        """A spinner in the status bar while any call takes longer than a moment."""
        self._slow_calls += 1 if busy else -1
        self.busy_indicator.setVisible(self._slow_calls > 0)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def search_entered(self) -> None:
        """A scanner types the job number and Enter: open that job at once."""
        text = half_width(self.search_box.text()).strip()  # full-width mode: Ｒ２０２６…
        if JOB_NUMBER_PATTERN.match(text):
            self._open_number(text, say_if_missing=True)
            return
        self.apply_filters()

    def selected_job_id(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.data(indexes[0], JOB_ROW_ROLE).id  # type: ignore[union-attr]

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.data(index, JOB_ROW_ROLE)
        if row is not None:
            self._open_id(row.id)  # type: ignore[attr-defined]

    def _open_id(self, job_id: int) -> None:
        if self.controller is not None:
            self.controller.open_id(job_id)

    def open_selected_job(self) -> None:
        job_id = self.selected_job_id()
        if job_id is not None:
            self._open_id(job_id)

    def open_job(self, job: JobSnapshot) -> None:
        if self.controller is not None:
            self.controller.open(job)

    # --- check-in -----------------------------------------------------------------------------

    def make_check_in_dialog(self, initial: CheckInForm | None = None) -> CheckInDialog:
        from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog

        services = self._ready_services()
        dialog = CheckInDialog(
            calendar=self._calendar,
            default_warranty_months=self._shop.default_warranty_months,
            translate=self._translate,
            lookup_earlier=services.jobs.earlier_jobs_for_serial,
            lookup_extension=services.jobs.extended_warranty_end,
            lookup_repeat=services.jobs.repeat_check,
            lookup_names=services.jobs.names_for_phone,
            lookup_technicians=services.users.list,
            now=self._now,
            initial=initial,
            parent=self,
        )
        dialog.open_job_requested.connect(self._open_number)
        dialog.set_submit(lambda form: self._check_in(dialog, form))
        remember_size(dialog, self._settings)
        return dialog

    def make_consultation_log(self) -> ConsultationLogDialog:
        from desktop_app.ui.dialogs.consultation_log import ConsultationLogDialog

        services = self._ready_services()
        dialog = ConsultationLogDialog(
            services,
            self._user,
            translate=self._translate,
            now=self._now,
            check_in_from=self.check_in_from_consultation,
            read_only=services.read_only is not None,
            parent=self,
        )
        dialog.changed.connect(self.refresh_clocks)
        remember_size(dialog, self._settings)
        return dialog

    def open_consultations(self) -> None:
        """The consultation log (Service desk menu), modal; the window's counts follow it."""
        dialog = self.make_consultation_log()
        try:
            exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def check_in_from_consultation(
        self, consultation: ConsultationSnapshot, service: ServiceKind
    ) -> None:
        """The check-in dialog prefilled from a consultation (a check-in, or an on-site visit
        with service on_site); the service links the two when the job is saved."""
        form = check_in_form_from(consultation, service, self._shop.default_warranty_months)
        dialog = self.make_check_in_dialog(initial=form)
        dialog.setWindowTitle(
            self.tr("Check in from consultation %s") % consultation.number
            if service is not ServiceKind.ON_SITE
            else self.tr("On-site visit from consultation %s") % consultation.number
        )
        exec_dialog(dialog)

    def open_check_in(self) -> None:
        """Runs the dialog until the job is saved or the clerk cancels; never loses input."""
        exec_dialog(self.make_check_in_dialog())

    def _check_in(self, dialog: CheckInDialog, form: CheckInForm) -> None:
        services, user = self._ready_services(), self._user

        def done(job: JobSnapshot) -> None:
            dialog.succeeded()
            self.job_checked_in(job)

        def failed(error: Exception) -> None:
            if isinstance(error, InvalidInput):
                dialog.failed(error)
                return
            dialog.failed()
            prompts.error(dialog, self.tr("Cannot check in"), failure_text(error, self._translate))

        background.run(
            lambda: services.jobs.check_in(form, user),
            done=done,
            failed=failed,
            busy=dialog.show_busy,
        )

    def job_checked_in(self, job: JobSnapshot) -> None:
        # A search or filter left from the last lookup would hide the new job (nothing selected,
        # Enter opening nothing): the list shows every job again, the new one selected.
        for widget in (self.search_box, self.status_filter, self.due_filter):
            widget.blockSignals(True)
        self.search_box.clear()
        self.status_filter.setCurrentIndex(0)
        self.due_filter.setCurrentIndex(0)
        for widget in (self.search_box, self.status_filter, self.due_filter):
            widget.blockSignals(False)
        self.apply_filters()
        self.refresh_clocks()
        self.select_when_loaded(job.id, job.checked_in_at)
        self.statusBar().showMessage(self.tr("Checked in %s") % job.number, 10_000)
        self.show_receipt(job, offer_label=True)

    def select_when_loaded(self, job_id: int, checked_in_at: datetime) -> None:
        """Select the job, with the keyboard focus on the list (Enter opens it), once the reload
        just started has brought the page that holds it.

        The list comes newest check-in first, a page at a time, in the background: the first
        page may arrive while the receipt is open, and a job checked in while jobs stamped later
        are open (another counter's clock ahead, a busy day's demo data) sits on a later page,
        which is read here until the list has passed the job's place. A search typed meanwhile
        (a newer reload) ends the wait, as does a list the job is not in (a filter hides it).
        """
        generation = self.model.generation
        place = (checked_in_at, job_id)

        def look() -> None:
            if self.model.generation != generation:
                self.model.loaded.disconnect(look)
                return
            row = self.model.find_row(job_id)
            if row >= 0:
                self.model.loaded.disconnect(look)
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self.table.setFocus()
                return
            if self.model.fetching:
                return  # a page is on its way already (the view asked for one)
            if self.model.canFetchMore() and self.model.last_place() > place:
                self.model.fetchMore()
                return
            self.model.loaded.disconnect(look)

        self.model.loaded.connect(look)

    def _open_number(self, number: str, say_if_missing: bool = False) -> None:
        services = self._ready_services()

        def found(job: JobSnapshot | None) -> None:
            if job is not None:
                self.open_job(job)
            elif say_if_missing:
                prompts.warning(
                    self, self.tr("Not found"), self.tr("There is no job %s.") % number.upper()
                )

        self._run_in_background(lambda: services.jobs.find_by_number(number), found)

    # --- receipts -----------------------------------------------------------------------------

    def receipt_pdf(
        self, job: JobSnapshot, kind: str = "intake", compensations: Sequence[Any] = ()
    ) -> bytes:
        if kind == "label":
            from desktop_app.receipts.label import render_label

            return render_label(job, self._shop, translate=self._translate)
        if kind == "quotation":
            from desktop_app.receipts.quotation import render_quotation

            return render_quotation(
                job, self._shop, translate=self._translate, paper=self._shop.receipt_paper
            )
        if kind == "visit":
            from desktop_app.receipts import render_visit_sheet

            return render_visit_sheet(job, self._shop, translate=self._translate)
        if kind == "payment":
            from desktop_app.receipts import render_payment_receipt

            return render_payment_receipt(
                job, self._shop, translate=self._translate, paper=self._shop.receipt_paper
            )
        if kind == "return":
            from desktop_app.receipts import render_return

            return render_return(
                job,
                self._shop,
                self._calendar,
                translate=self._translate,
                paper=self._shop.receipt_paper,
                compensations=compensations,
            )
        from desktop_app.receipts import render_intake

        return render_intake(
            job, self._shop, translate=self._translate, paper=self._shop.receipt_paper
        )

    def show_receipt(
        self,
        job: JobSnapshot,
        kind: str = "intake",
        compensations: Sequence[Any] | None = None,
        *,
        offer_label: bool = False,
    ) -> None:
        """The receipt's preview; `offer_label` (after a check-in) adds the device label's
        button beside Print, for the sticker that goes on the product."""
        from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog

        try:
            check_receipt_details(self._shop)  # said at once, before reading anything
        except ShopDetailsMissing as refusal:
            prompts.warning(self, self.tr("Print receipt"), refusal.render(self._translate))
            return
        if kind == "return" and compensations is None:
            # The return receipt prints the job's compensation: read it first, off this thread.
            services = self._ready_services()
            self._run_in_background(
                lambda: services.compensation.for_job(job.id),
                lambda found: self.show_receipt(job, kind, found),
            )
            return
        dialog = ReceiptDialog(
            self.receipt_pdf(job, kind, compensations or ()),
            f"{job.number}-{kind}.pdf",
            self._settings,
            parent=self,
            also=(
                (
                    "device_label_button",
                    self.tr("Device label…"),
                    lambda: self.show_receipt(job, "label"),
                )
                if offer_label
                else None
            ),
        )
        remember_size(dialog, self._settings)
        exec_dialog(dialog)

    def print_selected_receipt(self) -> None:
        job_id = self.selected_job_id()
        if job_id is None:
            prompts.info(self, self.tr("Print receipt"), self.tr("Select a job in the list first."))
            return
        services = self._ready_services()
        self._run_in_background(lambda: services.jobs.get(job_id), self.show_receipt)

    # --- on-site visits ------------------------------------------------------------------------

    def open_visits(self) -> None:
        """A day's visits per technician (a technician sees their own first)."""
        from desktop_app.ui.dialogs.visits_dialog import VisitsDialog

        services = self._ready_services()
        mine = self._user.id if self._user.role is Role.TECHNICIAN else None
        dialog = VisitsDialog(
            load_day=services.visits.visits_for_day,
            load_staff=services.users.list,
            open_job=self._open_id,
            print_sheets=self.print_visit_sheets,
            today=self._now().date(),
            technician_id=mine,
            parent=self,
        )
        remember_size(dialog, self._settings)
        self.last_visits_dialog = dialog
        # A job opened from the list and changed there (appointment moved, visit recorded):
        # the list reads the day again, as the job list does.
        controller = self.controller
        reload = lambda _job_id: dialog.reload()  # noqa: E731
        if controller is not None:
            controller.job_changed.connect(reload)
        try:
            exec_dialog(dialog)
        finally:
            if controller is not None and isValid(controller):
                controller.job_changed.disconnect(reload)

    def print_visit_sheets(self, job_ids: list[int], title: str) -> None:
        """The jobs' visit sheets in one PDF, read fresh in the background."""
        from desktop_app.receipts import render_visit_sheets
        from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog

        try:
            check_receipt_details(self._shop)
        except ShopDetailsMissing as refusal:
            prompts.warning(self, self.tr("Print receipt"), refusal.render(self._translate))
            return
        services = self._ready_services()

        def show(jobs: list[JobSnapshot]) -> None:
            pdf = render_visit_sheets(jobs, self._shop, title=title, translate=self._translate)
            dialog = ReceiptDialog(pdf, f"visits-{title}.pdf", self._settings, parent=self)
            remember_size(dialog, self._settings)
            exec_dialog(dialog)

        self._run_in_background(lambda: [services.jobs.get(i) for i in job_ids], show)

    # --- settings -----------------------------------------------------------------------------

    def open_settings(self) -> None:
        from desktop_app.ui.dialogs.settings_dialog import SettingsDialog

        services, user = self._ready_services(), self._user
        today = self._now().date()
        years = (today.year, today.year + 1)
        dialog = SettingsDialog(
            self._shop,
            translate=self._translate,
            today=today,
            estimated_years=[year for year in years if self._calendar.national_estimate(year)],
            parent=self,
        )
        remember_size(dialog, self._settings)

        def saved(result: tuple[ShopSnapshot, WorkCalendar]) -> None:
            self._shop, calendar = result
            dialog.succeeded()
            self.settings_saved(calendar)

        def failed(error: Exception) -> None:
            if isinstance(error, InvalidInput):
                dialog.failed(error)
                return
            dialog.failed()
            prompts.error(dialog, self.tr("Cannot save"), failure_text(error, self._translate))

        def save(settings: ShopSnapshot) -> tuple[ShopSnapshot, WorkCalendar]:
            return services.shop.save_settings(settings, user), services.shop.calendar()

        dialog.set_submit(
            lambda settings: background.run(
                lambda: save(settings), done=saved, failed=failed, busy=dialog.show_busy
            )
        )
        exec_dialog(dialog)

    def open_complaints(
        self, _checked: bool = False, *, job: JobSnapshot | None = None, complaint_id: int = 0
    ) -> None:
        """The complaints register; from a job's view, a new complaint for that job at once;
        from the clocks panel, that complaint's view."""
        from desktop_app.ui.dialogs.complaints_dialog import ComplaintsDialog

        services = self._ready_services()
        dialog = ComplaintsDialog(
            services,
            self._user,
            translate=self._translate,
            settings=self._settings,
            now=self._now,
            parent=self,
        )
        self.last_complaints_dialog = dialog
        if job is not None:  # from a job's view: straight to the new complaint about it
            try:
                dialog.new_complaint(job.number, job.customer.name)
            finally:
                self.last_complaints_dialog = None
                dialog.deleteLater()
                self.refresh_clocks()
            return
        if complaint_id:
            background.run(
                lambda: services.complaints.get(complaint_id),
                done=dialog.show_complaint,
                failed=self._read_failed,
                owner=dialog,
            )
        try:
            exec_dialog(dialog)
        finally:
            self.last_complaints_dialog = None
            dialog.deleteLater()
            self.refresh_clocks()

    def open_users(self) -> None:
        """The manager's list of staff and the staff record (manager only)."""
        from desktop_app.ui.dialogs.users_dialog import UsersDialog

        dialog = UsersDialog(
            self._ready_services(),
            self._user,
            translate=self._translate,
            settings=self._settings,
            parent=self,
        )
        try:
            exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def open_parts(self) -> None:
        """The manager's parts catalogue (issue 16)."""
        from desktop_app.ui.dialogs.parts_dialog import PartsDialog

        dialog = PartsDialog(
            self._ready_services(), self._user, translate=self._translate, parent=self
        )
        self.last_parts_dialog = dialog
        try:
            exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def open_follow_up(self) -> None:
        """The satisfaction follow-up calls (clerk and manager: the service refuses others)."""
        from desktop_app.ui.dialogs.follow_up_dialog import FollowUpDialog

        dialog = FollowUpDialog(
            self._ready_services(),
            self._user,
            translate=self._translate,
            after_days=self._shop.follow_up_after_days,
            settings=self._settings,
            parent=self,
        )
        self.last_follow_up = dialog
        try:
            exec_dialog(dialog)
        finally:
            dialog.deleteLater()
            self.refresh()  # the calls' events are the jobs' news

    def open_pickup(self) -> None:
        """The devices not collected after the shop's days, and their reminders (issue 16)."""
        from desktop_app.ui.dialogs.pickup_dialog import PickupDialog

        dialog = PickupDialog(
            self._ready_services(),
            self._user,
            translate=self._translate,
            after_days=self._shop.pickup_after_days,
            settings=self._settings,
            parent=self,
        )
        self.last_pickup = dialog
        try:
            exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def open_compensation(self) -> None:
        """The manager's list of proposed compensation, each decided from there."""
        from desktop_app.ui.dialogs.compensation_dialog import CompensationDialog

        dialog = CompensationDialog(
            self._ready_services(), self._user, translate=self._translate, parent=self
        )
        self.last_compensation_dialog = dialog
        try:
            exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def open_evaluation(self) -> None:
        """The manager's evaluation of the service (issue 14), a window of its own beside the
        counter's: opened again, the one already open comes to the front."""
        from desktop_app.ui.dialogs.evaluation_dialog import EvaluationDialog

        window = self.evaluation_window
        if window is not None and isValid(window) and window.isVisible():
            window.raise_()
            window.activateWindow()
            return
        from desktop_app.receipts.evaluation_report import write_evaluation_pdf
        from desktop_app.receipts.evaluation_workbook import evaluation_workbook

        services, user, translate = self._ready_services(), self._user, self._translate

        def save_workbook(evaluation: Evaluation, path: Path) -> Path:
            jobs = services.evaluation.period_jobs(evaluation.current.period, user)
            return evaluation_workbook(evaluation, jobs, translate, path)

        window = EvaluationDialog(
            lambda period: services.evaluation.report(period, user),
            self._fetch_page,
            calendar=self._calendar,
            today=self._now().date(),
            translate=translate,
            open_job=self._open_id,
            now=self._now,
            settings=self._settings,
            save_pdf=lambda evaluation, path: write_evaluation_pdf(evaluation, path, translate),
            save_workbook=save_workbook,
            parent=self,
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.evaluation_window = window
        window.show()

    def open_takings(self) -> None:
        """The day's takings and the drawer count (issue 16): a clerk's own, a manager's all."""
        from desktop_app.receipts.takings_report import write_takings_pdf
        from desktop_app.ui.dialogs.takings_dialog import TakingsDialog

        services, user, translate = self._ready_services(), self._user, self._translate
        paper = self._shop.receipt_paper
        dialog = TakingsDialog(
            lambda query: services.takings.report(query, user),
            lambda form: services.takings.count_drawer(form, user),
            workstation=services.takings.workstation,
            today=self._now().date(),
            translate=translate,
            save_pdf=lambda takings, path: write_takings_pdf(takings, path, translate, paper),
            settings=self._settings,
            parent=self,
        )
        self.last_takings_dialog = dialog
        try:
            exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def export_list(self) -> None:
        """The list as shown (its search and filters) to Excel or CSV (ui/list_export.py)."""
        from desktop_app.ui.list_export import ListExporter

        if self.exporter is None:
            self.exporter = ListExporter(
                lambda: self._ready_services().exports,
                lambda: self._user,
                self._translate,
                self._settings,
                self,
                told=lambda text: self.statusBar().showMessage(text),
            )
        self.exporter.start(self.model.query)

    def settings_saved(self, calendar: WorkCalendar) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop_app.ui.resources import install_translator

        app = QApplication.instance()
        if app is not None:
            install_translator(app, self._shop.language)
        self.setWindowTitle(self._title())
        self._calendar = calendar
        self.model.set_calendar(calendar)
        self.clock_panel.refresh(calendar)
        self.refresh_summary()
        self.show_calendar_notice()

    def show_about(self) -> None:
        prompts.info(
            self,
            self.tr("About Repair Counter"),
            self.tr(
                "Repair Counter keeps the after-sales counter inside the service agreement: "
                "first response within 24 hours, repairs within 5 working days."
            ),
        )

    # --- window state -------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        if not self._settings.geometry.isEmpty():
            self.restoreGeometry(self._settings.geometry)
        if not self._settings.window_state.isEmpty():
            self.restoreState(self._settings.window_state)
        if not self._settings.header_state.isEmpty():
            self.table.horizontalHeader().restoreState(self._settings.header_state)

    def save_layout(self) -> None:
        """The window's size, bars and columns, for the next start."""
        self._settings.geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.header_state = self.table.horizontalHeader().saveState()
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.live.stop()
        if not self.locked:  # locked, it was saved before the lock hid the bars (ui/lock.py)
            self.save_layout()
        super().closeEvent(event)
