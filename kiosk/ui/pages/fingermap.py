"""The capture page's finger-by-finger sequence, for a single-finger reader: the ten fingers as
two hands, in the order they are asked for (right thumb to right little finger, then the left
hand: ISO/IEC 19794-4 positions 1-10, the ten-print card's order, docs/decisions/0014), the
finger asked now highlighted and each finger's quality in colour. Space scans the finger
asked; once it is taken the next one is asked by itself; a poor one is asked again (a retry),
accepted below the threshold with a supervisor after the retries, or skipped with its reason
(F4: a finger declared missing, supervised); the digits choose another finger."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.biometrics.fingers import MISSING_REASONS
from kiosk.desk.casefile import FINGER_POSITIONS, FINGER_SEQUENCE, CaseFile, LowQualityPolicy
from kiosk.devices.base import Finger
from kiosk.ui import shortcuts as keys
from kiosk.ui.i18n import t
from kiosk.ui.images import to_pixmap
from kiosk.ui.intents import AcceptLowQuality, CaptureFinger, DeclareMissingFingers, Intent
from kiosk.ui.style import set_state

TILE_W, TILE_H = 86, 56
PHOTO_W, PHOTO_H = 100, 125  # a single-finger window is 4:5
ADVICE_W = 200


def quality_verdict(acceptable: bool, accepted_by: str | None) -> tuple[str, str]:
    """A capture's verdict as the capture page shows it, and its style state."""
    if acceptable:
        return t("Đạt"), "ok"
    if accepted_by is not None:
        return t("Chấp nhận (chất lượng thấp)"), "low"
    return t("Chưa đạt"), "bad"


def finger_name(finger: Finger) -> str:
    """The finger as a sentence names it ("ngón trỏ phải")."""
    return {
        Finger.RIGHT_THUMB: t("ngón cái phải"), Finger.RIGHT_INDEX: t("ngón trỏ phải"),
        Finger.RIGHT_MIDDLE: t("ngón giữa phải"), Finger.RIGHT_RING: t("ngón áp út phải"),
        Finger.RIGHT_LITTLE: t("ngón út phải"), Finger.LEFT_THUMB: t("ngón cái trái"),
        Finger.LEFT_INDEX: t("ngón trỏ trái"), Finger.LEFT_MIDDLE: t("ngón giữa trái"),
        Finger.LEFT_RING: t("ngón áp út trái"), Finger.LEFT_LITTLE: t("ngón út trái"),
    }[finger]


def _short_name(finger: Finger) -> str:
    """The finger on its hand's row ("Trỏ"): the row names the hand."""
    return (t("Cái"), t("Trỏ"), t("Giữa"), t("Áp út"), t("Út"))[(int(finger) - 1) % 5]


def _fit(label: QLabel, text: str, state: str | None = None) -> None:
    """Set a fixed-width label's text (and colour): its height follows the wrapped text, so
    the page grows to hold it rather than let it run over what lies below."""
    label.setText(text)
    if state is not None:
        set_state(label, state)
    label.setMinimumHeight(0)
    if text:
        label.setMinimumHeight(label.heightForWidth(label.width()))


def _missing_short(reason: str) -> str:
    """Why a finger is not taken, short enough for its tile (the whole reason: its tooltip)."""
    return {"amputated": t("Cụt ngón"), "unable_to_print": t("Mất vân"),
            "bandaged": t("Băng bó")}[reason]


def key_of(finger: Finger) -> str:
    """The digit that chooses ``finger``: its ISO position, 0 for the tenth."""
    return str(int(finger) % 10)


def next_asked(after: Finger | None, to_take: tuple[Finger, ...]) -> Finger | None:
    """The finger to ask for after ``after``: the next still to take in sequence, going round
    to the first; None when every finger is taken or declared."""
    if not to_take:
        return None
    if after is None:
        return to_take[0]
    later = [f for f in to_take if FINGER_SEQUENCE.index(f) > FINGER_SEQUENCE.index(after)]
    return later[0] if later else to_take[0]


class SkipFingerDialog(QDialog):
    """Why the finger asked cannot be taken; Enter records it (then the next one is asked)."""

    def __init__(self, finger: Finger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finger = finger
        self.setWindowTitle(t("Bỏ qua {finger}").format(finger=finger_name(finger)))
        layout = QVBoxLayout(self)
        explain = QLabel(t("Lý do không lấy được vân tay {finger}. Nếu tài khoản không có quyền "
                           "ghi nhận ngoại lệ sinh trắc học, cán bộ giám sát xác nhận bằng tài "
                           "khoản của mình.").format(finger=finger_name(finger)))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.reasons = QComboBox()
        self.reasons.setObjectName("skipReason")
        for code, text in MISSING_REASONS.items():
            self.reasons.addItem(text, code)
        layout.addWidget(self.reasons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("skipFingerButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reasons.setFocus()

    def reason(self) -> str:
        return str(self.reasons.currentData())


class FingerSequence(QGroupBox):
    """The hand map and the actions on the finger asked; ``emit`` sends the clerk's intents,
    ``ask_fingers`` opens the page's dialog of every finger's declaration."""

    def __init__(self, low_quality: LowQualityPolicy, emit: Callable[[Intent], None],
                 ask_fingers: Callable[[], None]) -> None:
        super().__init__(t("Vân tay (máy quét một ngón: lấy lần lượt từng ngón)"))
        self.setObjectName("fingerSequence")
        self._low_quality = low_quality
        self._emit = emit
        self._case: CaseFile | None = None
        self.asked: Finger | None = None
        self._code = ""  # the case the sequence follows
        # A finger already taken, chosen again for a retake: asked until it is tried again;
        # the attempts at it when chosen.
        self._retake = False
        self._tried = 0
        self.skip_dialog: SkipFingerDialog | None = None
        grid = QGridLayout(self)
        grid.addLayout(self._hands(), 0, 0)
        grid.addLayout(self._asked_column(), 0, 1)
        grid.addLayout(self._actions(ask_fingers), 1, 0, 1, 2)
        grid.setColumnStretch(2, 1)
        self._bind_keys()

    def _hands(self) -> QGridLayout:
        hands = QGridLayout()
        hands.setHorizontalSpacing(6)
        self.tiles: dict[Finger, QPushButton] = {}
        for row, title in enumerate((t("Tay phải"), t("Tay trái"))):
            hands.addWidget(QLabel(title), row, 0)
            for column, finger in enumerate(FINGER_SEQUENCE[5 * row:5 * row + 5], start=1):
                tile = QPushButton()
                tile.setObjectName(f"finger_{finger.value}")
                tile.setProperty("role", "finger")
                tile.setFixedSize(TILE_W, TILE_H)
                tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the digits choose, Space scans
                tile.clicked.connect(lambda _=False, f=finger: self.choose(f))
                self.tiles[finger] = tile
                hands.addWidget(tile, row, column)
        return hands

    def _asked_column(self) -> QHBoxLayout:
        column = QHBoxLayout()
        self.photo = QLabel(t("Chưa quét"))
        self.photo.setObjectName("askedFingerPhoto")
        self.photo.setProperty("role", "thumb")
        self.photo.setFixedSize(PHOTO_W, PHOTO_H)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        column.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        self.prompt = QLabel("")
        self.prompt.setObjectName("askedFinger")
        self.prompt.setWordWrap(True)
        self.prompt.setFixedWidth(ADVICE_W)
        self.advice = QLabel("")
        self.advice.setObjectName("askedFingerQuality")
        self.advice.setWordWrap(True)
        self.advice.setFixedWidth(ADVICE_W)
        words.addWidget(self.prompt)
        words.addWidget(self.advice)
        words.addStretch(1)
        column.addLayout(words)
        return column

    def _actions(self, ask_fingers: Callable[[], None]) -> QHBoxLayout:
        row = QHBoxLayout()
        self.scan = QPushButton()
        self.scan.setObjectName("captureFinger")
        self.scan.setToolTip(t("Phím tắt: Space (khi nút này có bàn phím)"))
        self.scan.clicked.connect(self._scan)
        self.skip = QPushButton(t("Bỏ qua ngón này ({key})…").format(
            key=keys.SKIP_FINGER.shown))
        self.skip.setObjectName("skipFinger")
        self.skip.setToolTip(keys.SKIP_FINGER.action)
        self.skip.clicked.connect(self._ask_skip)
        self.accept_low = QPushButton(t("Chấp nhận chất lượng thấp"))
        self.accept_low.setObjectName("acceptLowFinger")
        self.accept_low.setToolTip(t("Giữ lần quét tốt nhất của ngón này dù dưới ngưỡng chất "
                                     "lượng; cần cán bộ giám sát xác nhận"))
        self.accept_low.clicked.connect(self._accept_low)
        self.accept_low.hide()
        declare = QPushButton(t("Các ngón không lấy được…"))
        declare.setObjectName("declareFingersSingle")
        declare.setToolTip(t("Khai báo hoặc rút lại khai báo cho từng ngón; cần cán bộ giám "
                             "sát xác nhận"))
        declare.clicked.connect(ask_fingers)
        for button in (self.scan, self.skip, self.accept_low, declare):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _bind_keys(self) -> None:
        """Bound on this panel: active only while the sequence is shown (and not while work
        runs: the page is disabled then)."""
        keys.bind(self, keys.SKIP_FINGER, keys.click_of(self.skip))
        for finger in FINGER_SEQUENCE:
            shortcut = QShortcut(QKeySequence(key_of(finger)), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda f=finger: self.choose(f))

    # -- what the clerk does -----------------------------------------------------------------
    def choose(self, finger: Finger) -> None:
        """Ask for ``finger`` next (a retake of one taken, or another order)."""
        if self._case is None or not self.isEnabled() or finger in self._case.missing_fingers:
            return
        self.asked = finger
        self._retake = finger not in self._case.fingers_to_take()
        self._tried = self._case.attempts.get(FINGER_POSITIONS[finger], 0)
        self._show()
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scan(self) -> None:
        if self.asked is not None:
            self._emit(CaptureFinger(self.asked))

    def _accept_low(self) -> None:
        if self.asked is not None:
            self._emit(AcceptLowQuality(FINGER_POSITIONS[self.asked]))

    def _ask_skip(self) -> None:
        """Window-modal: the page stays as it is until the clerk answers."""
        if self.asked is None or self._case is None:
            return
        if self.skip_dialog is not None:
            self.skip_dialog.deleteLater()
        self.skip_dialog = SkipFingerDialog(self.asked, self)
        # Queued: the dialog has closed before the approval is asked and the work starts.
        self.skip_dialog.accepted.connect(self._skipped, Qt.ConnectionType.QueuedConnection)
        self.skip_dialog.open()

    def _skipped(self) -> None:
        dialog = self.skip_dialog
        if dialog is not None:
            self._emit(DeclareMissingFingers(((dialog.finger, dialog.reason()),)))

    # -- what the case says --------------------------------------------------------------------
    def show_case(self, case: CaseFile) -> None:
        """Follow the case: keep asking for a finger until it is taken (a retry), then ask for
        the next one still to take; a finger declared missing is passed over."""
        if case.code != self._code:
            self._code, self.asked = case.code, None
        self._case = case
        to_take = case.fingers_to_take()
        asked = self.asked
        retried = asked is not None and \
            case.attempts.get(FINGER_POSITIONS[asked], 0) != self._tried
        if asked is None or asked in case.missing_fingers or (
                asked not in to_take and (not self._retake or retried)):
            self.asked, self._retake = next_asked(asked, to_take), False
            self._tried = case.attempts.get(FINGER_POSITIONS[self.asked], 0) \
                if self.asked else 0
        self._show()

    def _show(self) -> None:
        case = self._case
        if case is None:
            return
        for finger, tile in self.tiles.items():
            self._show_tile(case, finger, tile)
        asked = self.asked
        self.scan.setEnabled(asked is not None)
        self.skip.setEnabled(asked is not None)
        self.accept_low.setVisible(asked is not None and case.may_accept_low_quality(
            FINGER_POSITIONS[asked], self._low_quality))
        if asked is None:
            self.scan.setText(t("Đã đủ vân tay"))
            wanted = case.decision is not None and case.decision.biometrics.fingerprints
            _fit(self.prompt, t("Đã lấy đủ vân tay các ngón. Muốn quét lại một ngón: bấm phím "
                                "số của ngón đó ({keys}).").format(
                keys=keys.CHOOSE_FINGER.shown) if wanted else t("Không cần lấy vân tay."))
            _fit(self.advice, "", "")
            self.photo.clear()
            self.photo.setText("")
            return
        name = finger_name(asked)
        self.scan.setText(t("Quét {finger}").format(finger=name))
        kept = case.best.get(FINGER_POSITIONS[asked])
        attempt = case.attempts.get(FINGER_POSITIONS[asked], 0) + 1
        _fit(self.prompt, t("Đang lấy: {finger} (lần {attempt}). Đặt {finger} lên máy quét "
                            "rồi bấm Space; phím {keys} chọn ngón khác.").format(
            finger=name, attempt=attempt, keys=keys.CHOOSE_FINGER.shown))
        if kept is None:
            self.photo.clear()
            self.photo.setText(t("Chưa quét"))
            _fit(self.advice, "", "")
            return
        self.photo.setPixmap(to_pixmap(kept.image, PHOTO_W, PHOTO_H))
        report = kept.quality
        verdict, state = quality_verdict(report.acceptable, kept.accepted_by)
        text = f"{verdict}: {report.score}/100 ({t('lần')} {kept.attempt})"
        if kept.accepted_by is None and report.problems:
            text += f"\n{report.problems[0]}"
        _fit(self.advice, text, state)
        self.advice.setToolTip("\n".join(report.problems))

    def _show_tile(self, case: CaseFile, finger: Finger, tile: QPushButton) -> None:
        """The finger's number and name over its state, coloured: taken, poor, accepted below
        the threshold, declared missing, or not yet taken."""
        kept = case.best.get(FINGER_POSITIONS[finger])
        reason = case.missing_fingers.get(finger)
        head = f"{key_of(finger)} · {_short_name(finger)}"
        if reason is not None:
            state, line = "missing", _missing_short(reason)
            tip = MISSING_REASONS[reason]
        elif kept is not None and kept.passed:
            state = "ok" if kept.quality.acceptable else "low"
            line = f"{t('Đạt') if state == 'ok' else t('Thấp')} {kept.quality.score}"
            tip = ""
        elif case.covered(FINGER_POSITIONS[finger]):
            state, line, tip = "ok", t("Ảnh 4 ngón"), t("Đã có trong ảnh bốn ngón đạt")
        elif kept is not None:
            state, line = "bad", f"{t('Kém')} {kept.quality.score}"
            tip = "\n".join(kept.quality.problems)
        else:
            state, line, tip = "", "—", ""
        tile.setText(f"{head}\n{line}")
        tile.setToolTip("\n".join(filter(None, (finger_name(finger).capitalize(), tip))))
        tile.setProperty("asked", "true" if finger is self.asked else "false")
        set_state(tile, state)  # restyles for "asked" too

    def focus_widget(self) -> QWidget | None:
        """The scan button while a finger is asked: Space takes it."""
        return self.scan if self.asked is not None and self.scan.isEnabled() else None
