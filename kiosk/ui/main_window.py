"""The main window: desk, clerk, training banner, device lights, and the wizard."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.accounts import AccountService
from kiosk.desk.desk import CounterDesk
from kiosk.devices.base import DeviceError, DeviceKind, DeviceStatus
from kiosk.ui.i18n import t
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.shell import WizardShell, clerk_message
from kiosk.ui.signin import SignInPage
from kiosk.ui.worker import Worker
from kiosk.workflow.permissions import Actor

STATUS_TEXT = {
    DeviceStatus.READY: t("sẵn sàng"),
    DeviceStatus.BUSY: t("đang bận"),
    DeviceStatus.NOT_READY: t("chưa sẵn sàng"),
    DeviceStatus.DISCONNECTED: t("chưa kết nối"),
}
STATUS_POLL_MS = 3000


class MainWindow(QMainWindow):
    def __init__(self, desk: CounterDesk, accounts: AccountService, *, idle_lock_ms: int,
                 sign_in_hint: str = "") -> None:
        super().__init__()
        self.desk = desk
        self.accounts = accounts
        self.actor: Actor | None = None
        profile = desk.profile
        self.setWindowTitle(t("Tiếp nhận hồ sơ thẻ căn cước — {desk}").format(
            desk=profile.desk_name))
        central = QWidget()
        layout = QVBoxLayout(central)
        if profile.training:
            banner = QLabel(t("CHẾ ĐỘ ĐÀO TẠO — thiết bị và dữ liệu công dân là mô phỏng; "
                              "hồ sơ không có giá trị"))
            banner.setObjectName("trainingBanner")
            layout.addWidget(banner)
        layout.addLayout(self._header())
        self.shell = WizardShell(desk)
        self.shell.case_changed.connect(self._show_case)
        self.sign_in_page = SignInPage(sign_in_hint)
        self.sign_in_page.submitted.connect(self._sign_in)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.sign_in_page)
        self.pages.addWidget(self.shell)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._auth = Worker(self)  # argon2 takes ~150 ms: never on the UI thread
        self.idle = IdleWatcher(idle_lock_ms, held=lambda: self.shell.worker.busy, parent=self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self._show_identity()
        self._show_case()
        self._status_worker = Worker(self)
        self._statuses = dict.fromkeys(self.lights, DeviceStatus.READY)
        self._show_statuses(self._statuses)
        self._poll = QTimer(self)
        self._poll.timeout.connect(self._poll_devices)
        self._poll.start(STATUS_POLL_MS)

    def _header(self) -> QHBoxLayout:
        """Who and where (desk, signed-in person), the case code, and the device lights."""
        header = QHBoxLayout()
        self.identity = QLabel()
        self.identity.setObjectName("deskIdentity")
        header.addWidget(self.identity, 1)
        self.case_label = QLabel()
        self.case_label.setObjectName("caseCode")
        header.addWidget(self.case_label)
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
            header.addWidget(light)
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
        who = ((self.actor.display_name or self.actor.username) if self.actor
               else t("chưa đăng nhập"))
        self.identity.setText(f"<b>{escape(profile.agency.name)}</b><br>"
                              f"{escape(profile.desk_name)} · {t('Cán bộ')}: {escape(who)}")

    @property
    def signed_in(self) -> bool:
        return self.pages.currentWidget() is self.shell

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
        self.pages.setCurrentWidget(self.shell)
        self.shell.show_current()
        self.idle.start()

    def _refused(self, error: BaseException) -> None:
        self.sign_in_page.refused(clerk_message(error))

    def lock(self) -> None:
        """Ask the same person's password again; the case and its captures stay as they are."""
        self.idle.stop()
        self.sign_in_page.ask(locked_user=self.actor.username if self.actor else None,
                              message=t("Màn hình khóa do không thao tác. Nhập lại mật khẩu "
                                        "để tiếp tục hồ sơ đang làm."))
        self.pages.setCurrentWidget(self.sign_in_page)

    def _show_case(self) -> None:
        case = self.shell.case
        self.case_label.setText(f"{t('Hồ sơ')}: {case.code}" if case else t("Chưa có hồ sơ"))

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
            light.setProperty("state", status.value)
            light.style().unpolish(light)
            light.style().polish(light)

    def _device_label(self, kind: str) -> str:
        return {"face": t("Camera"), "fingerprint": t("Vân tay"), "iris": t("Mống mắt"),
                "printer": t("Máy in")}[kind]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._poll.stop()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.shell.shutdown()
        self._status_worker.wait()
        self._auth.wait()
        super().closeEvent(event)
