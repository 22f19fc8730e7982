"""Capture face, the fingerprints and both irises, with the quality on the spot; the
fingerprints as the 4-4-2 slaps, or finger by finger on a single-finger reader (the reader
in use decides: kiosk/ui/pages/fingermap.py). The supervised exceptions: fingers that cannot
be taken, and a capture kept below the quality threshold after the attempts (both need a
supervisor where the clerk's role lacks them)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.biometrics.fingers import MISSING_REASONS
from kiosk.desk.casefile import SLAP_POSITIONS, CaseFile, FingerForm, LowQualityPolicy, Position
from kiosk.devices.base import Finger, Slap
from kiosk.ui.i18n import t
from kiosk.ui.images import to_pixmap
from kiosk.ui.intents import (
    AcceptLowQuality,
    CaptureFace,
    CaptureIrises,
    CaptureSlap,
    DeclareMissingFingers,
    FinishCapture,
    Intent,
)
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.fingermap import FingerSequence, quality_verdict
from kiosk.ui.pages.procedure import plan_text
from kiosk.ui.style import set_state

THUMB_W, THUMB_H = 184, 138
LIVE_W, LIVE_H = 240, 180
HANDS = ((Finger.RIGHT_THUMB, Finger.RIGHT_INDEX, Finger.RIGHT_MIDDLE, Finger.RIGHT_RING,
          Finger.RIGHT_LITTLE),
         (Finger.LEFT_THUMB, Finger.LEFT_INDEX, Finger.LEFT_MIDDLE, Finger.LEFT_RING,
          Finger.LEFT_LITTLE))
MAX_ADVICE = 1  # pieces of quality advice under a thumbnail (all on its tooltip)
FOCUS_BUTTON = {**{p: f"capture_{s.value}" for s, p in SLAP_POSITIONS.items()},
                Position.IRIS_LEFT: "captureIrises", Position.IRIS_RIGHT: "captureIrises",
                Position.FACE: "captureFace"}


def _restyle(label: QLabel, state: str) -> None:
    set_state(label, state)
    # The width is fixed, so the wrapped text's height is known: the page grows to hold it
    # rather than let it run over the thumbnail.
    label.setMinimumHeight(0)  # else the height for the new text is at least the old one
    if label.text():
        label.setMinimumHeight(label.heightForWidth(label.width()))


class _Slot(QVBoxLayout):
    """A thumbnail with its quality line, for one stored position; for a slap, how many
    fingers it takes when some are declared missing; and, when the rules allow it, the action
    that keeps the capture below the quality threshold."""

    def __init__(self, position: Position, slap: Slap | None) -> None:
        super().__init__()
        self.position = position
        self.slap = slap  # the slap stored at ``position``, if it is one
        # The thumbnail shown, scaled once per capture: (attempt, image) and its pixmap.
        self._thumb: tuple[int, npt.NDArray[np.uint8], QPixmap] | None = None
        self.caption = QLabel(position.label)
        self.caption.setObjectName(f"caption_{position.value}")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture = QLabel(t("Chưa thu nhận"))
        self.picture.setObjectName(f"thumb_{position.value}")
        self.picture.setFixedSize(THUMB_W, THUMB_H)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setProperty("role", "thumb")
        self.quality = QLabel("")
        self.quality.setObjectName(f"quality_{position.value}")
        self.quality.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.quality.setWordWrap(True)
        self.quality.setFixedWidth(THUMB_W)
        # Two lines: one would be wider than the thumbnail and widen the slap's column.
        self.accept_low = QPushButton(t("Chấp nhận\nchất lượng thấp"))
        self.accept_low.setObjectName(f"acceptLow_{position.value}")
        self.accept_low.setToolTip(t("Giữ lần thu nhận tốt nhất dù dưới ngưỡng chất lượng; cần "
                                     "cán bộ giám sát xác nhận"))
        self.accept_low.hide()
        for widget in (self.caption, self.picture, self.quality, self.accept_low):
            self.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.addStretch(1)  # slots of a row stay aligned whatever their texts

    def show(self, case: CaseFile, policy: LowQualityPolicy) -> None:
        slap = self.slap
        declared = len(case.missing_on(slap)) if slap else 0
        self.caption.setText(t("{slap} (quét {count} ngón)").format(
            slap=self.position.label, count=slap.finger_count - declared)
            if slap and 0 < declared < slap.finger_count else self.position.label)
        self.accept_low.setVisible(case.may_accept_low_quality(self.position, policy))
        self.quality.setToolTip("")
        result = case.best.get(self.position)
        if slap is not None and case.all_fingers_missing(slap):
            self.picture.setText(t("Không cần quét: các ngón đều không lấy được vân tay"))
            self.quality.setText("")
            _restyle(self.quality, "")
            return
        if result is None:
            self.picture.setText(t("Chưa thu nhận") if self.position in case.required_positions()
                                 else t("Không cần thu nhận"))
            self.quality.setText("")
            _restyle(self.quality, "")
            return
        self.picture.setPixmap(self._thumbnail(result.attempt, result.image))
        report = result.quality
        verdict, state = quality_verdict(report.acceptable, result.accepted_by)
        text = f"{verdict}: {report.score}/100 ({t('lần')} {result.attempt})"
        problems = report.problems if result.accepted_by is None else ()
        # The first advice on the slot, all of it on the tooltip: a poor slap can have one
        # piece of advice per finger.
        text += "".join(f"\n{problem}" for problem in problems[:MAX_ADVICE])
        if len(problems) > MAX_ADVICE:
            text += "\n" + t("(+{count} lưu ý khác)").format(
                count=len(problems) - MAX_ADVICE)
        self.quality.setText(text)
        self.quality.setToolTip("\n".join(problems))
        _restyle(self.quality, state)

    def _thumbnail(self, attempt: int, image: npt.NDArray[np.uint8]) -> QPixmap:
        """The capture scaled to the thumbnail, once: the page is shown again after every
        action, mostly with the same captures."""
        if self._thumb is None or self._thumb[0] != attempt or self._thumb[1] is not image:
            self._thumb = (attempt, image, to_pixmap(image, THUMB_W, THUMB_H))
        return self._thumb[2]


class MissingFingersDialog(QDialog):
    """The ten fingers as two hands, each with why it cannot be taken, or «Lấy vân tay» (a
    declaration withdrawn). Tab goes from finger to finger; arrows choose; Enter records."""

    def __init__(self, declared: dict[Finger, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Ngón tay không lấy được vân tay"))
        self._declared = dict(declared)
        self.reasons: dict[Finger, QComboBox] = {}
        layout = QVBoxLayout(self)
        explain = QLabel(t("Chọn lý do cho ngón không lấy được vân tay; chọn «Lấy vân tay» để "
                           "rút lại khai báo. Nếu tài khoản không có quyền ghi nhận ngoại lệ "
                           "sinh trắc học, cán bộ giám sát xác nhận bằng tài khoản của mình."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        hands = QHBoxLayout()
        for title, fingers in ((t("Tay phải"), HANDS[0]), (t("Tay trái"), HANDS[1])):
            box = QGroupBox(title)
            form = QFormLayout(box)
            for finger in fingers:
                choice = QComboBox()
                choice.setObjectName(f"missing_{finger.value}")
                choice.addItem(t("Lấy vân tay"), "")
                for code, text in MISSING_REASONS.items():
                    choice.addItem(text, code)
                choice.setCurrentIndex(max(0, choice.findData(declared.get(finger, ""))))
                self.reasons[finger] = choice
                form.addRow(finger.label + ":", choice)
            hands.addWidget(box)
        layout.addLayout(hands)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("missingFingersButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reasons[HANDS[0][0]].setFocus()

    def changes(self) -> tuple[tuple[Finger, str | None], ...]:
        """What differs from the declarations the dialog opened with (None: withdrawn)."""
        changed: list[tuple[Finger, str | None]] = []
        for finger, choice in self.reasons.items():
            reason = str(choice.currentData() or "") or None
            if reason != self._declared.get(finger):
                changed.append((finger, reason))
        return tuple(changed)


class CapturePage(Page):
    title = t("Thu nhận sinh trắc học")
    next_label = t("Hoàn tất thu nhận")

    def __init__(self, low_quality: LowQualityPolicy) -> None:
        super().__init__()
        self._case: CaseFile | None = None
        self._low_quality = low_quality
        self.slots: dict[Position, _Slot] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.fingers_dialog: MissingFingersDialog | None = None
        # When the rules take nothing here (the last capture reused, a child under 6): why,
        # and that Next goes on; the empty slots alone would look like captures still due.
        self.plan = QLabel("")
        self.plan.setObjectName("capturePlan")
        self.plan.setWordWrap(True)
        self.plan.setProperty("state", "ok")
        self.plan.hide()
        self.layout_.addWidget(self.plan)
        grid = QGridLayout()
        face = self._group(t("Ảnh khuôn mặt"), [(Position.FACE, None)],
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
        self.guide.setMinimumHeight(3 * self.guide.fontMetrics().lineSpacing())  # no overlap
        live_column.addWidget(self.guide)
        live_column.addStretch(1)
        face_grid = face.layout()
        assert isinstance(face_grid, QGridLayout)
        face_grid.addLayout(live_column, 0, 1, 2, 1)
        grid.addWidget(face, 0, 0)
        grid.addWidget(self._group(t("Mống mắt"),
                                   [(Position.IRIS_LEFT, None), (Position.IRIS_RIGHT, None)],
                                   [(t("Quét hai mắt"), "captureIrises", CaptureIrises())]), 0, 1)
        self.slap_group = self._finger_group()
        grid.addWidget(self.slap_group, 1, 0, 1, 2)
        # One of the two is shown: the form of the reader in use (CaseFile.finger_form).
        self.sequence = FingerSequence(low_quality, self.intent.emit, self._ask_fingers)
        self.sequence.hide()
        grid.addWidget(self.sequence, 2, 0, 1, 2)
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)

    def _finger_group(self) -> QGroupBox:
        """The three slaps, and beside them the fingers declared missing."""
        slap_buttons = [(s.label, f"capture_{s.value}", CaptureSlap(s)) for s in Slap]
        fingers = self._group(t("Vân tay (4-4-2)"),
                              [(position, slap) for slap, position in SLAP_POSITIONS.items()],
                              slap_buttons)
        self.declare = QPushButton(t("Ngón không lấy được vân tay…"))
        self.declare.setObjectName("declareFingers")
        self.declare.setToolTip(t("Khai báo ngón cụt, băng bó, không lấy được vân tay (hoặc rút "
                                  "lại khai báo); cần cán bộ giám sát xác nhận"))
        self.declare.clicked.connect(self._ask_fingers)
        self.declared = QLabel("")
        self.declared.setObjectName("declaredFingers")
        self.declared.setWordWrap(True)
        exceptions = QVBoxLayout()
        exceptions.addWidget(self.declare)
        exceptions.addWidget(self.declared)
        exceptions.addStretch(1)
        finger_grid = fingers.layout()
        assert isinstance(finger_grid, QGridLayout)
        finger_grid.addLayout(exceptions, 0, 3, 2, 1)
        return fingers

    def _group(self, title: str, positions: Sequence[tuple[Position, Slap | None]],
               buttons: Sequence[tuple[str, str, Intent]]) -> QGroupBox:
        """Slots for ``positions`` (each with its slap, if it stores one) over ``buttons``."""
        box = QGroupBox(title)
        grid = QGridLayout(box)
        for column, (position, slap) in enumerate(positions):
            slot = _Slot(position, slap)
            slot.accept_low.clicked.connect(
                lambda _=False, p=position: self.intent.emit(AcceptLowQuality(p)))
            self.slots[position] = slot
            grid.addLayout(slot, 0, column)
        for column, (label, name, intent) in enumerate(buttons):
            button = QPushButton(label)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, i=intent: self.intent.emit(i))
            self.buttons[name] = button
            grid.addWidget(button, 1, column)
        return box

    def _ask_fingers(self) -> None:
        """The hand map, window-modal: the wizard stays as it is until the clerk answers."""
        if self._case is None:
            return
        if self.fingers_dialog is not None:
            self.fingers_dialog.deleteLater()
        self.fingers_dialog = MissingFingersDialog(self._case.missing_fingers, self)
        # Queued: the hand map has closed before the approval is asked and the work starts.
        self.fingers_dialog.accepted.connect(self._fingers_chosen,
                                             Qt.ConnectionType.QueuedConnection)
        self.fingers_dialog.open()

    def _fingers_chosen(self) -> None:
        changes = self.fingers_dialog.changes() if self.fingers_dialog else ()
        if changes:
            self.intent.emit(DeclareMissingFingers(changes))

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
        plan = case.decision.biometrics if case is not None and case.decision else None
        self.plan.setVisible(plan is not None and not plan.capture)
        if plan is not None and not plan.capture:
            self.plan.setText(t("{plan}: không thu nhận tại bàn này. Bấm «{next}» để sang "
                                "phiếu CC01.").format(plan=plan_text(plan), next=self.next_label))
        single = case is not None and case.finger_form is FingerForm.SINGLE
        self.slap_group.setVisible(not single)
        self.sequence.setVisible(single)
        if case is not None and single:
            self.sequence.show_case(case)
        if case is not None:
            for slot in self.slots.values():
                slot.show(case, self._low_quality)
            self.declared.setText(t("Không lấy được vân tay:") + "".join(
                f"\n• {finger.label} — {MISSING_REASONS[case.missing_fingers[finger]]}"
                for finger in (*HANDS[0], *HANDS[1]) if finger in case.missing_fingers)
                if case.missing_fingers else "")
            # Reused or a child under 6: no button offers a capture, the camera rests.
            nothing_here = plan is not None and not plan.capture
            for name, button in self.buttons.items():
                slap = next((s for s in Slap if name == f"capture_{s.value}"), None)
                button.setEnabled(not nothing_here and not (
                    slap is not None and case.all_fingers_missing(slap)))
            self.declare.setEnabled(not nothing_here)
            if nothing_here:
                self.live.setText(t("Không cần thu nhận"))
                self.guide.setText("")
            elif self.live.pixmap().isNull():
                self.live.setText(t("Đang mở camera…"))
        self.changed.emit()

    def next_intent(self) -> Intent | None:
        if self._case is None or self._case.missing_positions():
            return None
        return FinishCapture()

    def allows_back(self) -> bool:
        return True

    def focus_widget(self) -> QWidget | None:
        """The capture still missing, fingers and eyes first (the live preview takes the face
        by itself; its button is the fallback): Space takes it, and the keyboard moves on."""
        case = self._case
        if case is None:
            return None
        missing = case.missing_positions()
        if case.finger_form is FingerForm.SINGLE and case.fingers_to_take():
            return self.sequence.focus_widget()
        for position in (*SLAP_POSITIONS.values(), Position.IRIS_LEFT, Position.IRIS_RIGHT,
                         Position.FACE):
            button = self.buttons[FOCUS_BUTTON[position]]
            if position in missing and button.isEnabled():
                return button
        return None
