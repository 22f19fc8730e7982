"""The main window: desk, clerk, training banner, device lights, and the wizard."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from kiosk.desk.desk import CounterDesk
from kiosk.devices.base import DeviceStatus
from kiosk.ui.i18n import t
from kiosk.ui.shell import WizardShell
from kiosk.ui.worker import Worker

STATUS_TEXT = {
    DeviceStatus.READY: t("sẵn sàng"),
    DeviceStatus.BUSY: t("đang bận"),
    DeviceStatus.NOT_CONNECTED: t("chưa kết nối"),
    DeviceStatus.ERROR: t("lỗi"),
}
STATUS_POLL_MS = 3000


class MainWindow(QMainWindow):
    def __init__(self, desk: CounterDesk) -> None:
        super().__init__()
        self.desk = desk
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
        header = QHBoxLayout()
        identity = QLabel(f"<b>{profile.agency.name}</b><br>{profile.desk_name} · "
                          f"{t('Cán bộ')}: {desk.clerk_name}")
        identity.setObjectName("deskIdentity")
        header.addWidget(identity, 1)
        self.case_label = QLabel()
        self.case_label.setObjectName("caseCode")
        header.addWidget(self.case_label)
        self.lights: dict[str, QLabel] = {}
        for device in desk.devices.all():
            info = device.info()
            light = QLabel()
            light.setObjectName(f"light_{info.kind.value}")
            light.setProperty("role", "light")
            light.setToolTip(f"{info.model} ({info.backend})")
            self.lights[info.kind.value] = light
            header.addWidget(light)
        layout.addLayout(header)
        self.shell = WizardShell(desk)
        self.shell.case_changed.connect(self._show_case)
        layout.addWidget(self.shell, 1)
        self.setCentralWidget(central)
        self._show_case()
        self._status_worker = Worker(self)
        self._statuses = dict.fromkeys(self.lights, DeviceStatus.READY)
        self._show_statuses(self._statuses)
        self._poll = QTimer(self)
        self._poll.timeout.connect(self._poll_devices)
        self._poll.start(STATUS_POLL_MS)

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
        for kind, status in statuses.items():
            light = self.lights[kind]
            light.setText(f"● {self._device_label(kind)}: {STATUS_TEXT[status]}")
            light.setProperty("state", status.value)
            light.style().unpolish(light)
            light.style().polish(light)

    def _device_label(self, kind: str) -> str:
        return {"face": t("Camera"), "fingerprint": t("Vân tay"), "iris": t("Mống mắt"),
                "printer": t("Máy in")}[kind]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._poll.stop()
        self.shell.shutdown()
        self._status_worker.wait()
        super().closeEvent(event)
