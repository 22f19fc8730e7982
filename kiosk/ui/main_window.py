"""The main window: desk, clerk, clock, training banner, device lights, the wizard and the
desk's queue of the day, with the keyboard shortcuts' help (F1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.accounts import AccountService
from kiosk.desk.desk import CounterDesk, DayQueue
from kiosk.desk.settings_editor import SettingsEditor
from kiosk.desk.trainer import TrainerConsole
from kiosk.devices.base import DeviceError, DeviceKind, DeviceStatus
from kiosk.storage.cases import CaseSummary
from kiosk.ui import shortcuts as keys
from kiosk.ui.i18n import t
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.intents import Resume
from kiosk.ui.queue import DayQueuePanel, counts_text
from kiosk.ui.settings_page import SettingsPage
from kiosk.ui.shell import WizardShell, clerk_message
from kiosk.ui.signin import SignInPage
from kiosk.ui.style import set_state
from kiosk.ui.trainer_panel import LessonCoach, TrainerPanel
from kiosk.ui.worker import Worker
from kiosk.workflow.permissions import Actor, Permission, Role

STATUS_TEXT = {
    DeviceStatus.READY: t("sẵn sàng"),
    DeviceStatus.BUSY: t("đang bận"),
    DeviceStatus.NOT_READY: t("chưa sẵn sàng"),
    DeviceStatus.DISCONNECTED: t("chưa kết nối"),
}
STATUS_POLL_MS = 3000
# The smallest window every page fits across (a page may scroll down): a 1366 x 768 screen at
# 100 %, or 1920 x 1080 at 150 % (1280 x 720 logical pixels), less the task and title bars.
MINIMUM_SIZE = (1200, 640)
WEEKDAYS = (t("Thứ Hai"), t("Thứ Ba"), t("Thứ Tư"), t("Thứ Năm"), t("Thứ Sáu"), t("Thứ Bảy"),
            t("Chủ nhật"))  # date.weekday(): Monday is 0


def clock_text(now: datetime) -> str:
    """The header's clock: "Thứ Tư, 25/11/2026 09:00"."""
    return t("{weekday}, {date} {time}").format(weekday=WEEKDAYS[now.weekday()],
                                                 date=f"{now:%d/%m/%Y}", time=f"{now:%H:%M}")


def until_next_minute_ms(now: datetime) -> int:
    """How long until the desk's clock turns the minute (a little after, never under 1 s)."""
    turn = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return max(1000, int((turn - now).total_seconds() * 1000) + 50)


class MainWindow(QMainWindow):
    """Signals:
        warmed: the desk's warm-up is done (what the first case would load is loaded).
    """

    warmed = Signal()
    settings_page: SettingsPage | None = None  # offered to whoever holds CHANGE_SETTINGS
    trainer_panel: TrainerPanel | None = None  # offered to a trainer in trainer mode

    def __init__(self, desk: CounterDesk, accounts: AccountService, *, idle_lock_ms: int,
                 sign_in_hint: str = "", settings_editor: SettingsEditor | None = None,
                 trainer: TrainerConsole | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.accounts = accounts
        self.settings_editor = settings_editor  # the admin's settings page, when given
        self.trainer = trainer  # trainer mode: the lesson console behind the trainer's panel
        self.actor: Actor | None = None
        profile = desk.profile
        self.setWindowTitle(t("Tiếp nhận hồ sơ thẻ căn cước — {desk}").format(
            desk=profile.desk_name))
        self.setMinimumSize(*MINIMUM_SIZE)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(7, 4, 7, 4)  # the tab bar's height, won back for 820 px
        layout.setSpacing(4)
        if profile.training:
            banner = QLabel(t("CHẾ ĐỘ ĐÀO TẠO — thiết bị và dữ liệu công dân là mô phỏng; "
                              "hồ sơ không có giá trị"))
            banner.setObjectName("trainingBanner")
            layout.addWidget(banner)
        layout.addLayout(self._header())
        self.shell = self._wizard(desk, trainer)
        self.queue = DayQueuePanel(self.shell.page_name)
        self.queue.resume.connect(self._resume)
        self.work = self._work_tabs()
        self.sign_in_page = SignInPage(sign_in_hint)
        self.sign_in_page.submitted.connect(self._sign_in)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.sign_in_page)
        self.pages.addWidget(self.work)  # hidden while locked: no names on a locked screen
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.help = keys.ShortcutHelp(central)
        self.help_button.clicked.connect(self.help.toggle)
        keys.bind(central, keys.HELP, self.help.toggle)
        keys.bind(self.work, keys.QUEUE, self.toggle_queue)
        keys.bind(self.queue, keys.STOP, self.show_wizard)  # Esc leaves the queue
        self._auth = Worker(self)  # argon2 takes ~150 ms: never on the UI thread
        self._start_day()
        self.idle = IdleWatcher(idle_lock_ms, held=lambda: self.shell.worker.busy, parent=self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.idle.watch(app)
        self._show_identity()
        self._show_case()
        self._status_worker = Worker(self)
        self._statuses = dict.fromkeys(self.lights, DeviceStatus.READY)
        self._show_statuses(self._statuses)
        self._poll = QTimer(self)
        self._poll.timeout.connect(self._poll_devices)
        self._poll.start(STATUS_POLL_MS)

    def _warmed(self) -> None:
        self._queue_read()
        self.warmed.emit()

    def _start_day(self) -> None:
        """The clock (turned each minute by the desk's clock) and the queue's reader."""
        self._queue_worker = Worker(self)  # the day's cases, read off the UI thread
        self._queue_again = False
        self._queue_focus = False  # F2 asked for the keyboard on the queue: after the next read
        # The first return date of the day imports and computes the year's holidays (~200 ms):
        # done now, off the UI thread, rather than in the procedure page's first preview.
        self._queue_worker.submit(self.desk.warm_up, lambda _none: self._warmed(),
                                  lambda _error: self._warmed())
        self._day: date | None = None
        self._clock_timer = QTimer(self)
        self._clock_timer.setSingleShot(True)
        self._clock_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._clock_timer.timeout.connect(self._tick_clock)
        self._tick_clock()

    def _wizard(self, desk: CounterDesk, trainer: TrainerConsole | None) -> WizardShell:
        shell = WizardShell(desk)
        if trainer is not None:  # the scenario's faults and the errors shown reach the lesson
            shell.coach = LessonCoach(trainer)
        shell.case_changed.connect(self._show_case)
        shell.case_changed.connect(self.refresh_queue)
        return shell

    def _work_tabs(self) -> QTabWidget:
        """The wizard and the day's queue share the width: tabs read at 1200 px and at 150 %
        (a side panel would squeeze the capture page)."""
        work = QTabWidget()
        work.setObjectName("workTabs")
        work.setDocumentMode(True)  # no frame around the pages: the shell has its margins
        work.addTab(self.shell, t("Tiếp nhận hồ sơ"))
        work.addTab(self.queue, t("Hàng chờ hôm nay"))
        work.setTabToolTip(1, t("Phím tắt: {keys}").format(keys=keys.QUEUE.shown))
        work.currentChanged.connect(self._tab_changed)
        return work

    def _header(self) -> QHBoxLayout:
        """Who and where (desk, signed-in person) on the left; on the right the clock and the
        case code above the device lights and the shortcuts' help (the buttons in one row:
        each is a touch target, 32 px tall)."""
        header = QHBoxLayout()
        self.identity = QLabel()
        self.identity.setObjectName("deskIdentity")
        header.addWidget(self.identity, 1)
        right = QVBoxLayout()
        right.setSpacing(0)
        top = QHBoxLayout()
        top.addStretch(1)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        top.addWidget(self.clock)
        self.case_label = QLabel()
        self.case_label.setObjectName("caseCode")
        top.addWidget(self.case_label)
        self.help_button = QToolButton()
        self.help_button.setObjectName("helpButton")
        self.help_button.setText(t("Phím tắt ({keys})").format(keys=keys.HELP.shown))
        self.help_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right.addLayout(top)
        lights = QHBoxLayout()
        lights.addStretch(1)
        right.addLayout(lights)
        header.addLayout(right)
        self.lights: dict[str, QToolButton] = {}
        for device in self.desk.devices.all():
            kind = device.info().kind
            light = QToolButton()
            light.setObjectName(f"light_{kind.value}")
            light.setProperty("role", "light")
            if kind is not DeviceKind.PRINTER:
                # The clerk may switch to another device of this kind that was found.
                menu = QMenu(light)
                menu.aboutToShow.connect(lambda menu=menu, kind=kind: self._fill_choices(menu,
                                                                                         kind))
                light.setMenu(menu)
                light.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.lights[kind.value] = light
            lights.addWidget(light)
        lights.addWidget(self.help_button)
        return header

    def _fill_choices(self, menu: QMenu, kind: DeviceKind) -> None:
        menu.clear()
        manager = self.desk.devices.manager
        in_use = manager.current(kind)
        entries = manager.entries(kind)
        if not entries:
            menu.addAction(t("Chưa tìm thấy thiết bị nào")).setEnabled(False)
        for backend, device in entries:
            info = device.info()
            action = menu.addAction(f"{info.vendor} {info.model} · {info.serial} ({backend})"
                                    .strip())
            action.setCheckable(True)
            action.setChecked(device is in_use)
            action.triggered.connect(
                lambda _checked=False, backend=backend, serial=info.serial:
                self._choose(kind, backend, serial))

    def _choose(self, kind: DeviceKind, backend: str, serial: str) -> None:
        try:
            self.desk.devices.manager.choose(kind, backend, serial)
        except DeviceError as error:
            self.shell.show_error(clerk_message(error))
        self._poll_devices()

    def _show_identity(self) -> None:
        profile = self.desk.profile
        who = self.actor.shown_name if self.actor else t("chưa đăng nhập")
        self.identity.setText(f"<b>{escape(profile.agency.name)}</b><br>"
                              f"{escape(profile.desk_name)} · {t('Cán bộ')}: {escape(who)}")

    @property
    def signed_in(self) -> bool:
        return self.pages.currentWidget() is self.work

    def _sign_in(self, username: str, password: str) -> None:
        locked_user = self.actor.username if self.actor else None
        if locked_user is not None and username != locked_user:
            self.sign_in_page.refused(t("Chỉ người đang làm hồ sơ mới mở khóa được."))
            return
        self._auth.submit(lambda: self.accounts.sign_in(username, password),
                          self._signed_in, self._refused)

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.desk.operator = actor.username  # from now on, actions are theirs in the audit
        if actor.display_name:  # and the forms they print carry their name
            self.desk.clerk_name = actor.display_name
        book = self.accounts.policy.book
        self.shell.holds = lambda permission: book.holds(actor.role, permission)
        self.shell.authorize = lambda permission, approver, case_code: self.accounts.authorize(
            actor, permission, approver=approver, case_code=case_code)
        self._show_identity()
        takes = book.holds(actor.role, Permission.TAKE_APPLICATION)
        self._offer_settings(actor)
        self._offer_trainer_panel(actor)
        for tab in (self.shell, self.queue):  # an admin manages, never serves citizens
            self.work.setTabEnabled(self.work.indexOf(tab), takes)
        self.work.setCurrentWidget(self.shell if takes or self.settings_page is None
                                   else self.settings_page)
        self.pages.setCurrentWidget(self.work)
        if takes:
            self.shell.show_current()
            self.refresh_queue()
        self.idle.start()

    def _offer_trainer_panel(self, actor: Actor) -> None:
        """The trainer's panel, beside the wizard, for a trainer signed in in trainer mode."""
        if self.trainer is None or self.trainer_panel is not None \
                or actor.role is not Role.TRAINER:
            return
        self.trainer_panel = TrainerPanel(self.trainer, lambda: self.shell.case)
        self.work.addTab(self.trainer_panel, t("Giảng viên"))

    def _offer_settings(self, actor: Actor) -> None:
        """The settings tab for whoever holds CHANGE_SETTINGS (read from the file each time it
        is offered); removed for anyone else."""
        allowed = (self.settings_editor is not None
                   and self.accounts.policy.book.holds(actor.role, Permission.CHANGE_SETTINGS))
        if allowed and self.settings_page is None and self.settings_editor is not None:
            editor = self.settings_editor
            self.settings_page = SettingsPage(
                editor.rows, lambda key, text: editor.change(actor, key, text))
            self.work.addTab(self.settings_page, t("Cấu hình"))
            self.settings_page.reload()
        elif not allowed and self.settings_page is not None:
            self.work.removeTab(self.work.indexOf(self.settings_page))
            self.settings_page.deleteLater()
            self.settings_page = None

    def _refused(self, error: BaseException) -> None:
        self.sign_in_page.refused(clerk_message(error))

    def lock(self) -> None:
        """Ask the same person's password again; the case and its captures stay as they are."""
        self.idle.stop()
        self.sign_in_page.ask(locked_user=self.actor.username if self.actor else None,
                              message=t("Màn hình khóa do không thao tác. Nhập lại mật khẩu "
                                        "để tiếp tục hồ sơ đang làm."))
        self.help.close_help()
        self.pages.setCurrentWidget(self.sign_in_page)

    def _show_case(self) -> None:
        case = self.shell.case
        self.case_label.setText(f"{t('Hồ sơ')}: {case.code}" if case else t("Chưa có hồ sơ"))

    # -- the clock and the day's queue ----------------------------------------------------
    def _tick_clock(self) -> None:
        """Show the desk's time; a new day refreshes the queue. Re-armed for the next minute."""
        now = self.desk.clock()
        self.clock.setText(clock_text(now))
        if self._day is not None and now.date() != self._day:
            self.refresh_queue()
        self._day = now.date()
        self._clock_timer.start(until_next_minute_ms(now))

    def refresh_queue(self) -> None:
        """Read the desk's day and the open cases again (off the UI thread), for the queue and
        the lookup page's list; called on signing in, when the case changes, when the queue
        is shown and when the day turns."""
        if not self.signed_in:
            return
        if self._queue_worker.busy:
            self._queue_again = True  # once the running read is shown
            return
        desk = self.desk
        self._queue_worker.submit(lambda: (desk.day_queue(), desk.open_cases()),
                                  self._show_queue, self._queue_failed)

    def _show_queue(self, read: tuple[DayQueue, list[CaseSummary]]) -> None:
        queue, open_cases = read
        self.shell.lookup.show_open_cases(open_cases)
        case = self.shell.case
        self.queue.show_queue(queue, case.code if case is not None else None)
        self.queue.show_status("")
        self.work.setTabText(1, counts_text(queue))
        if self._queue_focus and self.work.currentWidget() is self.queue:
            self.queue.focus_first()
        self._queue_focus = False
        self._queue_read()

    def _queue_failed(self, error: BaseException) -> None:
        self.queue.show_status(clerk_message(error))
        self._queue_read()

    def _queue_read(self) -> None:
        if self._queue_again:
            self._queue_again = False
            self.refresh_queue()

    def _tab_changed(self, index: int) -> None:
        if self.work.widget(index) is self.queue:
            self.refresh_queue()

    def toggle_queue(self) -> None:
        """F2: to the queue (the keyboard on its first case), or back to the wizard."""
        if self.work.currentWidget() is self.queue:
            self.show_wizard()
        else:
            self._queue_focus = True  # again once the fresh read is shown
            self.work.setCurrentWidget(self.queue)
            self.queue.focus_first()

    def show_wizard(self) -> None:
        self.work.setCurrentWidget(self.shell)

    def _resume(self, code: str) -> None:
        """Continue a case of the queue from its saved step, as the lookup page does."""
        if self.shell.worker.busy:
            self.queue.show_status(t("Đang xử lý việc khác; chờ xong rồi chọn lại hồ sơ."))
            return
        self.show_wizard()
        self.shell.perform(Resume(code))

    def _poll_devices(self) -> None:
        if self._status_worker.busy:
            return  # a slow driver must not pile up status calls
        devices = self.desk.devices.all()
        self._status_worker.submit(
            lambda: {d.info().kind.value: d.status() for d in devices},
            self._show_statuses, lambda _error: None)

    def _show_statuses(self, statuses: dict[str, DeviceStatus]) -> None:
        models = {d.info().kind.value: d.info() for d in self.desk.devices.all()}
        for kind, status in statuses.items():
            light = self.lights[kind]
            light.setText(f"● {self._device_label(kind)}: {STATUS_TEXT[status]}")
            info = models[kind]
            light.setToolTip(f"{info.vendor} {info.model} ({info.backend}) — "
                             + t("bấm để chọn thiết bị khác").strip())
            set_state(light, status.value)

    def _device_label(self, kind: str) -> str:
        return {"face": t("Camera"), "fingerprint": t("Vân tay"), "iris": t("Mống mắt"),
                "printer": t("Máy in")}[kind]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._poll.stop()
        self._clock_timer.stop()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.shell.shutdown()
        self._status_worker.wait()
        self._auth.wait()
        self._queue_worker.wait()
        super().closeEvent(event)
