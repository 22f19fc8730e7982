"""Capture face, the 4-4-2 fingerprint slaps and both irises, with the quality on the spot."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout

from kiosk.desk.casefile import CaseFile, Position
from kiosk.devices.base import Slap
from kiosk.ui.i18n import t
from kiosk.ui.images import to_pixmap
from kiosk.ui.intents import CaptureFace, CaptureIrises, CaptureSlap, FinishCapture, Intent
from kiosk.ui.pages.base import Page

THUMB_W, THUMB_H = 200, 150
LIVE_W, LIVE_H = 240, 180


class _Slot(QVBoxLayout):
    """A thumbnail with its quality line, for one stored position."""

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        caption = QLabel(position.label)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture = QLabel(t("Chưa thu nhận"))
        self.picture.setObjectName(f"thumb_{position.value}")
        self.picture.setFixedSize(THUMB_W, THUMB_H)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setProperty("role", "thumb")
        self.quality = QLabel("")
        self.quality.setObjectName(f"quality_{position.value}")
        self.quality.setWordWrap(True)
        self.quality.setFixedWidth(THUMB_W)
        for widget in (caption, self.picture, self.quality):
            self.addWidget(widget)

    def show(self, case: CaseFile) -> None:
        result = case.best.get(self.position)
        if result is None:
            self.picture.setText(t("Chưa thu nhận"))
            self.quality.setText("")
            self.quality.setProperty("state", "")
            return
        self.picture.setPixmap(to_pixmap(result.image, THUMB_W, THUMB_H))
        report = result.quality
        verdict = t("Đạt") if report.acceptable else t("Chưa đạt")
        text = f"{verdict}: {report.score}/100 ({t('lần')} {result.attempt})"
        if report.problems:
            text += "\n" + "\n".join(report.problems)
        self.quality.setText(text)
        self.quality.setProperty("state", "ok" if report.acceptable else "bad")
        self.quality.style().unpolish(self.quality)
        self.quality.style().polish(self.quality)


class CapturePage(Page):
    title = t("Thu nhận sinh trắc học")
    next_label = t("Hoàn tất thu nhận")

    def __init__(self) -> None:
        super().__init__()
        self._case: CaseFile | None = None
        self.slots: dict[Position, _Slot] = {}
        grid = QGridLayout()
        face = self._group(t("Ảnh khuôn mặt"), [Position.FACE],
                           [(t("Chụp ảnh"), "captureFace", CaptureFace())])
        self.live = QLabel(t("Đang mở camera…"))
        self.live.setObjectName("livePreview")
        self.live.setProperty("role", "thumb")
        self.live.setFixedSize(LIVE_W, LIVE_H)
        self.live.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.live.setWordWrap(True)
        self.live.setToolTip(t("Hình trực tiếp từ camera"))
        live_column = QVBoxLayout()
        caption = QLabel(t("Hình trực tiếp"))
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        live_column.addWidget(caption)
        live_column.addWidget(self.live)
        self.guide = QLabel("")
        self.guide.setObjectName("faceGuidance")
        self.guide.setWordWrap(True)
        self.guide.setFixedWidth(LIVE_W)
        live_column.addWidget(self.guide)
        live_column.addStretch(1)
        face_grid = face.layout()
        assert isinstance(face_grid, QGridLayout)
        face_grid.addLayout(live_column, 0, 1, 2, 1)
        grid.addWidget(face, 0, 0)
        grid.addWidget(self._group(t("Mống mắt"), [Position.IRIS_LEFT, Position.IRIS_RIGHT],
                                   [(t("Quét hai mắt"), "captureIrises", CaptureIrises())]), 0, 1)
        slap_buttons = [(s.label, f"capture_{s.value}", CaptureSlap(s)) for s in Slap]
        grid.addWidget(self._group(t("Vân tay (4-4-2)"),
                                   [Position.LEFT_FOUR, Position.RIGHT_FOUR, Position.THUMBS],
                                   slap_buttons), 1, 0, 1, 2)
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)

    def _group(self, title: str, positions: list[Position],
               buttons: Sequence[tuple[str, str, Intent]]) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        for column, position in enumerate(positions):
            slot = _Slot(position)
            self.slots[position] = slot
            grid.addLayout(slot, 0, column)
        for column, (label, name, intent) in enumerate(buttons):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, i=intent: self.intent.emit(i))
            grid.addWidget(button, 1, column)
        return box

    def show_preview(self, frame: QImage) -> None:
        self.live.setPixmap(QPixmap.fromImage(frame).scaled(
            LIVE_W, LIVE_H, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation))

    def show_guidance(self, advice: str, score: int, steady: int, needed: int) -> None:
        """The first thing to fix on the live picture, or how far the auto-capture is."""
        case = self._case
        face_done = case is not None and Position.FACE not in case.missing_positions()
        if face_done:
            self.guide.setText(t("Đã có ảnh khuôn mặt đạt chuẩn."))
        elif steady:
            self.guide.setText(t("{advice} ({steady}/{needed})").format(
                advice=advice, steady=steady, needed=needed))
        else:
            self.guide.setText(t("{advice} — điểm {score}/100").format(advice=advice,
                                                                       score=score))

    def preview_ended(self, reason: str) -> None:
        self.live.setText(reason or t("Camera đã dừng hình trực tiếp."))
        self.guide.setText("")

    def show_case(self, case: CaseFile | None) -> None:
        self._case = case
        if case is not None:
            for slot in self.slots.values():
                slot.show(case)
        self.changed.emit()

    def next_intent(self) -> Intent | None:
        if self._case is None or self._case.missing_positions():
            return None
        return FinishCapture()

    def allows_back(self) -> bool:
        return True
