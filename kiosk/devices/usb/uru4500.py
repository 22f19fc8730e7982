"""DigitalPersona U.are.U 4500 (USB 05ba:000a), a widely sold single-finger optical reader.

Protocol facts, in our own words, as learned from libfprint's driver for this family
(repository freedesktop/libfprint, file ``libfprint/drivers/uru4000.c``, commit 1f5e0821):

* The reader shares USB ID 05ba:000a with the U.are.U 4000B. Its interface is vendor-specific
  (class, subclass and protocol 0xff) with an interrupt IN endpoint 0x81 for 64-byte event
  packets and a bulk IN endpoint 0x82 for the image. No secret is involved: only the
  Microsoft-branded v2 reader of the same family needs an AES challenge-response.
* Registers are read and written with vendor control requests (``bRequest`` 0x04, device
  recipient), ``wValue`` = first register, ``wIndex`` = 0, length = number of registers.
* Register 0x07 (HWSTAT): bit 7 = low-power. Power-up: read it; if bits 7 and 2 are both set
  the reader is confused and is "rebooted" by writing the low nibble and polling until bit 0
  is set; if bit 7 is clear, first power down by writing it with bit 7 set; then write the
  low nibble and read back, up to 100 times 10 ms apart, until bit 7 clears. The reader then
  sends interrupt 0x56aa ("scan power on"); it sometimes never comes, so after 300 ms the
  whole sequence is retried, three times at most. Register 0xf0 holds 16 bytes of device
  information (versions at bytes 4-5 and 10-11).
* Register 0x4e (MODE): 0x10 await finger on, 0x12 await finger off, 0x20 capture,
  0x70 off. Interrupt packets start with a big-endian type: 0x0101 finger on, 0x0200 finger
  off, 0x0800 a warning that the next image will likely fail.
* In capture mode the reader sends one bulk transfer: a 64-byte header, then lines of 384
  bytes (at most 289, fewer than the 290-line sensor). Header: bytes 4-5 number of lines
  (little-endian as read on x86), byte 6 key number, bytes 16-45 fifteen (flags, line
  count) block descriptors ending at a zero count. A transfer shorter than 64 + lines * 384
  bytes is broken. Pixels are inverted (ridges bright) and, on this model, turned 180
  degrees.
* Block flags: 0x80 change key, 0x04 no key update, 0x02 scrambled, 0x01 lines not sent
  (shown as the lines that follow). Some firmware scrambles: the host writes the key number
  and a random 32-bit seed (little-endian) to registers 0x33-0x37, reads 4 bytes from 0x34
  and XORs them with the seed to get the key. The key is a 32-bit shift register: each step
  shifts right and feeds in, at bit 31, the parity of the key masked by 0x9248144d. For
  every byte of a scrambled block, key bits 4, 8, 11, 14, 18, 21, 24, 29 form an XOR byte
  (bit 0 first) and the key steps; plain byte i is sent byte i + 1 XOR that mask, so each
  scrambled block's last byte is lost (zero). A block flagged neither scrambled nor "no key
  update" steps the key once per byte. On a "change key" block the host moves to the next
  key number, fetches that key with a fresh seed and continues from that block. Firmware
  that does not scramble may still flag blocks, so scrambling is detected from the data
  being noise (libfprint thresholds the variance of the first two lines; we measure the
  correlation of neighbouring pixels, which a finger touching the first lines cannot fool).

Resolution 512 ppi (vendor data: 512 dpi averaged over a 14.6 x 18.1 mm area). The image is
returned as the reader gives it, 290 x 384 with dark ridges; libfprint's own notes say the
orientation of this model is not settled, so confirm it on a unit before relying on it.
"""

from __future__ import annotations

import errno
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import usb.core
import usb.util

from kiosk.devices.base import (
    RETRY,
    CaptureCancelled,
    CorruptPayload,
    DeviceBusy,
    DeviceError,
    DeviceInfo,
    DeviceKind,
    DeviceNotConnected,
    DeviceNotReady,
    DeviceStatus,
    DeviceTimeout,
    DeviceUnsupported,
    Finger,
    FingerCapture,
    GreyImage,
    NothingDetected,
    Slap,
    SlapCapture,
)

log = logging.getLogger(__name__)

VENDOR_ID, PRODUCT_ID = 0x05BA, 0x000A
MODEL = "DigitalPersona U.are.U 4500"
VENDOR = "DigitalPersona (HID Global)"
PPI = 512
WIDTH, HEIGHT = 384, 290  # pixels per line, lines of the sensor
HEADER_LEN = 64
IMAGE_LEN = HEADER_LEN + WIDTH * HEIGHT
MAX_BLOCKS = 15

EP_INTR, EP_DATA = 0x81, 0x82
IRQ_LEN = 64
VENDOR_REQUEST = 0x04
CTRL_OUT, CTRL_IN = 0x40, 0xC0  # vendor request to the device, host-to-device / device-to-host

REG_HWSTAT, REG_SCRAMBLE_INDEX, REG_SCRAMBLE_KEY = 0x07, 0x33, 0x34
REG_MODE, REG_DEVICE_INFO = 0x4E, 0xF0
MODE_AWAIT_FINGER_ON, MODE_CAPTURE, MODE_OFF = 0x10, 0x20, 0x70
IRQ_SCAN_POWER_ON, IRQ_FINGER_ON, IRQ_FINGER_OFF, IRQ_DEATH = 0x56AA, 0x0101, 0x0200, 0x0800

BLOCK_CHANGE_KEY, BLOCK_NO_KEY_UPDATE, BLOCK_SCRAMBLED, BLOCK_NOT_SENT = 0x80, 0x04, 0x02, 0x01
KEY_TAPS = 0x9248144D
MASK_BITS = (4, 8, 11, 14, 18, 21, 24, 29)  # key bits forming the XOR byte, bit 0 first

SLICE_MS = 50  # longest single wait: cancel is honoured within this
CTRL_MS = 1000  # a register access never takes longer than this on a healthy reader
POWER_TRIES, POWER_PAUSE_S = 100, 0.01
SCAN_POWER_WAIT_S, INIT_TRIES = 0.3, 3
CHUNK = 16384  # bulk read size: a multiple of the 64-byte packet, so no overflow
DRAIN_MS = 20  # how long events already on their way are awaited after the image
CLEANUP_MS = 200

LIBUSB_MISSING = ("Máy tính chưa cài thư viện USB (libusb-1.0) nên không dùng được máy quét "
                  f"vân tay USB. Báo quản trị cài libusb rồi {RETRY}.")
NOT_ON_BUS = ("Không thấy máy quét vân tay U.are.U 4500 trên cổng USB. Kiểm tra cáp, cắm lại "
              f"rồi {RETRY}.")
CLAIMED_ELSEWHERE = ("Máy quét vân tay đang được chương trình khác sử dụng. Đóng chương trình "
                     f"đó (ví dụ phần mềm của hãng) rồi {RETRY}.")
NO_PERMISSION = ("Máy tính chưa cho phép phần mềm dùng máy quét vân tay USB. Báo quản trị cấp "
                 "quyền truy cập thiết bị (quy tắc udev trên Linux, WinUSB trên Windows).")
NOT_THIS_MODEL = ("Thiết bị USB mang mã 05ba:000a nhưng không giống máy quét U.are.U 4500. "
                  "Dùng máy quét khác hoặc báo quản trị.")
NO_FINGER = ("Chưa thấy ngón tay đặt lên máy quét trong thời gian chờ. Đặt ngón tay lên mặt "
             f"kính rồi {RETRY}.")
FINGER_LIFTED = ("Ngón tay đã nhấc lên trước khi chụp xong. Đặt lại ngón tay, giữ yên đến khi "
                 f"có tín hiệu, rồi {RETRY}.")

_GONE = {errno.ENODEV, errno.ENOENT, errno.EPIPE, errno.EIO}


def typed_usb_error(error: Exception, doing: str) -> DeviceError:
    """The typed error for a pyusb failure; ``doing`` names the step for the log."""
    code = getattr(error, "errno", None)
    detail = f"{doing}: {error}"
    if isinstance(error, usb.core.USBTimeoutError) or code == errno.ETIMEDOUT:
        return DeviceTimeout(detail=detail)
    if code in _GONE:
        return DeviceNotConnected(NOT_ON_BUS, detail=detail)
    if code == errno.EBUSY:
        return DeviceBusy(CLAIMED_ELSEWHERE, detail=detail)
    if code in (errno.EACCES, errno.EPERM):
        return DeviceNotReady(NO_PERMISSION, detail=detail)
    if code == errno.EOVERFLOW:
        return CorruptPayload(detail=detail)
    return DeviceNotReady(detail=detail)


def _is_timeout(error: Exception) -> bool:
    return (isinstance(error, usb.core.USBTimeoutError)
            or getattr(error, "errno", None) == errno.ETIMEDOUT)


@contextmanager
def _usb(doing: str) -> Iterator[None]:
    try:
        yield
    except usb.core.USBError as error:
        raise typed_usb_error(error, doing) from error


class _Clock:
    """One capture's deadline and cancel: every wait is cut into slices that check both."""

    def __init__(self, timeout_s: float, *cancels: threading.Event) -> None:
        self.deadline = time.monotonic() + timeout_s
        self._cancels = cancels

    def check(self, timeout_message: str | None = None) -> None:
        if any(event.is_set() for event in self._cancels):
            raise CaptureCancelled()
        if time.monotonic() >= self.deadline:
            raise DeviceTimeout(timeout_message)

    def ms(self, cap_ms: int) -> int:
        """A USB timeout in milliseconds within the deadline (never 0: that means forever)."""
        return max(1, min(cap_ms, int((self.deadline - time.monotonic()) * 1000)))

    def sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.check()
            time.sleep(min(left, SLICE_MS / 1000))


# ---- the image format (pure functions) ---------------------------------------------------


@dataclass(frozen=True)
class Block:
    flags: int
    lines: int


@dataclass
class Frame:
    """One bulk transfer, parsed: the key number, the block table and the lines sent."""

    key_number: int
    blocks: list[Block]
    data: npt.NDArray[np.uint8]  # lines x WIDTH, in the order sent


def parse_frame(raw: bytes) -> Frame:
    if len(raw) < HEADER_LEN:
        raise CorruptPayload(detail=f"image transfer of {len(raw)} bytes has no header")
    lines = int.from_bytes(raw[4:6], "little")
    blocks = []
    for index in range(MAX_BLOCKS):
        flags, count = raw[16 + 2 * index], raw[17 + 2 * index]
        if count == 0:
            break
        blocks.append(Block(flags, count))
    if not 0 < lines < HEIGHT or not blocks:
        raise CorruptPayload(detail=f"image header: {lines} lines, {len(blocks)} blocks")
    if len(raw) < HEADER_LEN + lines * WIDTH:
        raise CorruptPayload(detail=f"image transfer of {len(raw)} bytes for {lines} lines")
    body = np.frombuffer(raw, np.uint8, lines * WIDTH, HEADER_LEN)
    return Frame(raw[6], blocks, body.reshape(lines, WIDTH).copy())


def keystream(key: int, length: int) -> tuple[npt.NDArray[np.uint8], int]:
    """``length`` XOR bytes from ``key`` and the key after as many steps.

    State n of the shift register is the 32-bit window starting at bit n of one bit sequence
    (the key's bits, then each step's feedback), so the masks are taken from that sequence
    with numpy instead of shifting 32 bits per byte in Python."""
    feedback = bytearray(length)
    state = key
    for index in range(length):
        bit = (state & KEY_TAPS).bit_count() & 1
        feedback[index] = bit
        state = (state >> 1) | (bit << 31)
    first = ((key >> np.arange(32, dtype=np.uint64)) & 1).astype(np.uint8)
    bits = np.concatenate([first, np.frombuffer(bytes(feedback), np.uint8)])
    mask = np.zeros(length, np.uint8)
    for out_bit, key_bit in enumerate(MASK_BITS):
        mask |= bits[key_bit:key_bit + length] << np.uint8(out_bit)
    return mask, state


def looks_scrambled(frame: Frame) -> bool:
    """Scrambled bytes are white noise: neighbouring pixels of a finger (or of bare glass)
    are strongly correlated, those of scrambled lines are not."""
    row = 0
    for block in frame.blocks:
        if block.flags & BLOCK_NOT_SENT:
            continue
        if block.flags & BLOCK_SCRAMBLED:
            sample = frame.data[row:row + min(block.lines, 8)].astype(np.float32)
            if not sample.size:
                return False
            left, right = sample[:, :-2].ravel(), sample[:, 1:-1].ravel()  # last byte lost
            if left.std() < 8 or right.std() < 8:
                return False  # flat: bare glass in the clear
            return float(np.corrcoef(left, right)[0, 1]) < 0.3
        row += block.lines
    return False


def descramble(frame: Frame, fetch_key: Callable[[int], int]) -> None:
    """Undo the scrambling in place; ``fetch_key(key_number)`` asks the reader for a key."""
    key_number = frame.key_number
    key = fetch_key(key_number)
    row = 0
    for block in frame.blocks:
        if block.flags & BLOCK_CHANGE_KEY:
            key_number = (key_number + 1) & 0xFF
            key = fetch_key(key_number)
        length = block.lines * WIDTH
        mode = block.flags & (BLOCK_SCRAMBLED | BLOCK_NO_KEY_UPDATE)
        sent = not block.flags & BLOCK_NOT_SENT
        if mode == BLOCK_SCRAMBLED:
            mask, key = keystream(key, length)
            flat = frame.data[row:row + block.lines].reshape(-1)  # a view: decoded in place
            if sent and flat.size:
                plain = np.zeros_like(flat)
                plain[:-1] = flat[1:] ^ mask[:flat.size - 1]
                flat[:] = plain
        elif mode == 0:
            key = keystream(key, length)[1]
        if sent:
            row += block.lines


def assemble(frame: Frame) -> GreyImage:
    """The 290 x 384 picture, dark ridges on white, upright as the reader's model sends it."""
    raw = np.zeros((HEIGHT, WIDTH), np.uint8)  # raw 0 is bare glass
    line, row = 0, 0
    sent = len(frame.data)
    for block in frame.blocks:
        if line >= HEIGHT or row >= sent:
            break
        count = min(block.lines, HEIGHT - line, sent - row)
        raw[line:line + count] = frame.data[row:row + count]
        if not block.flags & BLOCK_NOT_SENT:
            row += block.lines
        line += block.lines
    return np.ascontiguousarray(np.rot90(255 - raw, 2))


# ---- the driver -------------------------------------------------------------------------


class UareU4500Reader:
    """FingerprintScanner for one U.are.U 4500.

    ``usb_backend`` is a pyusb backend (None: libusb through pyusb's default lookup; tests pass
    a virtual device's backend); ``serial_hint`` picks one of several readers by serial number.
    The interface is claimed for one capture and released after it, as libfprint powers the
    reader up per scan session: a reader pulled between captures leaves no stale handle, a
    re-plug needs nothing, and the vendor's tools can use the reader in between.
    """

    def __init__(self, backend_name: str = "usb", usb_backend: object | None = None,
                 serial_hint: str = "") -> None:
        self._backend_name = backend_name
        self._usb_backend = usb_backend
        self._serial_hint = serial_hint
        self._capturing = threading.Lock()
        self._closing = threading.Event()
        serial = serial_hint or self._probe_serial() or f"USB {VENDOR_ID:04x}:{PRODUCT_ID:04x}"
        # A duck-typed flag lets a virtual device say so without this package importing it.
        simulated = bool(getattr(usb_backend, "simulated", False))
        self._info = DeviceInfo(DeviceKind.FINGERPRINT, backend_name, MODEL, serial,
                                simulated=simulated, vendor=VENDOR, takes_slaps=False)

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        if self._capturing.locked():
            return DeviceStatus.BUSY
        try:
            device = self._find()
        except DeviceNotConnected:
            return DeviceStatus.DISCONNECTED
        except DeviceError:
            return DeviceStatus.NOT_READY
        self._dispose(device)
        return DeviceStatus.READY

    def close(self) -> None:
        """Stop a capture in flight; its session releases the interface and the handle."""
        self._closing.set()
        if self._capturing.acquire(timeout=2.0):
            self._capturing.release()
        self._closing.clear()

    def capture_slap(self, slap: Slap, *, timeout_s: float, cancel: threading.Event,
                     missing: frozenset[Finger] = frozenset(),
                     requested_quality: int = 0) -> SlapCapture:
        raise DeviceUnsupported(detail=f"{MODEL} is a single-finger reader; asked {slap}")

    def capture_finger(self, finger: Finger, *, timeout_s: float, cancel: threading.Event,
                       requested_quality: int = 0) -> FingerCapture:
        """The reader has no quality score: ``requested_quality`` is not used."""
        if not self._capturing.acquire(blocking=False):
            raise DeviceBusy()
        try:
            clock = _Clock(timeout_s, cancel, self._closing)
            clock.check()
            with self._session() as device:
                image = _Capture(device, clock).run()
            return FingerCapture(finger, image, PPI, self._info)
        finally:
            self._capturing.release()

    # ---- finding and opening ----

    def _find(self) -> Any:
        """The reader on the bus (the hot-plug check), or DeviceNotConnected saying why."""
        found = readers_on_bus(self._usb_backend)
        for device in found:
            if not self._serial_hint or _serial_of(device) == self._serial_hint:
                return device
            self._dispose(device)
        raise DeviceNotConnected(NOT_ON_BUS, detail=f"{VENDOR_ID:04x}:{PRODUCT_ID:04x} "
                                 f"serial {self._serial_hint or 'any'} not on the bus")

    def _probe_serial(self) -> str:
        try:
            device = self._find()
        except DeviceError as error:
            log.info("U.are.U 4500 not probed at start: %s", error.detail or error.message)
            return ""
        serial = _serial_of(device)
        self._dispose(device)
        return serial

    @contextmanager
    def _session(self) -> Iterator[Any]:
        device = self._find()
        try:
            number = _claim(device)
        except BaseException:
            self._dispose(device)
            raise
        try:
            yield device
        finally:
            with suppress(usb.core.USBError):  # gone or stuck: the release below still runs
                device.ctrl_transfer(CTRL_OUT, VENDOR_REQUEST, REG_MODE, 0, bytes([MODE_OFF]),
                                     CLEANUP_MS)
            with suppress(usb.core.USBError):
                usb.util.release_interface(device, number)
            self._dispose(device)

    @staticmethod
    def _dispose(device: Any) -> None:
        with suppress(usb.core.USBError):
            usb.util.dispose_resources(device)


def _serial_of(device: Any) -> str:
    """The reader's serial number string; empty when it has none or cannot say."""
    try:
        device.default_timeout = CTRL_MS
        return str(usb.util.get_string(device, device.iSerialNumber) or "")
    except (usb.core.USBError, ValueError, NotImplementedError) as error:
        log.info("U.are.U 4500 serial number unreadable: %s", error)
        return ""
    finally:
        with suppress(usb.core.USBError):
            usb.util.dispose_resources(device)


def _claim(device: Any) -> int:
    """Configure if the OS has not, check the interface is this reader's, claim it."""
    with _usb("configure"):
        try:
            config = device.get_active_configuration()
        except usb.core.USBError as error:
            if getattr(error, "errno", None) in _GONE:
                raise
            device.set_configuration()
            config = device.get_active_configuration()
    interface = usb.util.find_descriptor(config, bInterfaceClass=0xFF, bInterfaceSubClass=0xFF,
                                         bInterfaceProtocol=0xFF)
    endpoints = {} if interface is None else {
        ep.bEndpointAddress: usb.util.endpoint_type(ep.bmAttributes) for ep in interface}
    if endpoints.get(EP_INTR) != usb.util.ENDPOINT_TYPE_INTR or \
            endpoints.get(EP_DATA) != usb.util.ENDPOINT_TYPE_BULK:
        raise DeviceUnsupported(NOT_THIS_MODEL, detail=f"endpoints {endpoints}")
    number = int(interface.bInterfaceNumber)
    with suppress(NotImplementedError, usb.core.USBError):  # not on every OS; claim says why
        if device.is_kernel_driver_active(number):
            device.detach_kernel_driver(number)
    with _usb("claim interface"):
        usb.util.claim_interface(device, number)
    return number


class _Capture:
    """One capture on a claimed reader: power up, await the finger, read, check, decode."""

    def __init__(self, device: Any, clock: _Clock) -> None:
        self._device = device
        self._clock = clock

    def run(self) -> GreyImage:
        self._power_up()
        self._write(REG_MODE, bytes([MODE_AWAIT_FINGER_ON]))
        self._await_event(IRQ_FINGER_ON, within_s=None)
        self._write(REG_MODE, bytes([MODE_CAPTURE]))
        raw = self._read_image()
        if IRQ_FINGER_OFF in self._pending_events():
            raise NothingDetected(FINGER_LIFTED, detail="finger-off event before the image")
        frame = parse_frame(raw)
        if looks_scrambled(frame):
            descramble(frame, self._fetch_key)
        return assemble(frame)

    # ---- registers ----

    def _write(self, register: int, values: bytes) -> None:
        self._clock.check()
        with _usb(f"write register {register:#x}"):
            self._device.ctrl_transfer(CTRL_OUT, VENDOR_REQUEST, register, 0, values,
                                       self._clock.ms(CTRL_MS))

    def _read(self, register: int, count: int) -> bytes:
        self._clock.check()
        with _usb(f"read register {register:#x}"):
            data = bytes(self._device.ctrl_transfer(CTRL_IN, VENDOR_REQUEST, register, 0, count,
                                                    self._clock.ms(CTRL_MS)))
        if len(data) != count:
            raise CorruptPayload(detail=f"register {register:#x}: {len(data)} of {count} bytes")
        return data

    def _fetch_key(self, key_number: int) -> int:
        seed = secrets.randbits(32)  # hides the key on the wire; any value works
        self._write(REG_SCRAMBLE_INDEX, bytes([key_number]) + seed.to_bytes(4, "little"))
        return int.from_bytes(self._read(REG_SCRAMBLE_KEY, 4), "little") ^ seed

    # ---- power ----

    def _power_up(self) -> None:
        for _attempt in range(INIT_TRIES):
            hwstat = self._read(REG_HWSTAT, 1)[0]
            if hwstat & 0x84 == 0x84:
                hwstat = self._reboot(hwstat)
            if not hwstat & 0x80:
                self._write(REG_HWSTAT, bytes([hwstat | 0x80]))
            wanted = hwstat & 0x0F
            for _try in range(POWER_TRIES):
                self._write(REG_HWSTAT, bytes([wanted]))
                if not self._read(REG_HWSTAT, 1)[0] & 0x80:
                    break
                self._clock.sleep(POWER_PAUSE_S)
            else:
                raise DeviceNotReady(detail="HWSTAT stays in low power after 100 power-ups")
            if self._await_event(IRQ_SCAN_POWER_ON, within_s=SCAN_POWER_WAIT_S):
                info = self._read(REG_DEVICE_INFO, 16)
                log.debug("U.are.U 4500 versions %s and %s", info[10:12].hex(), info[4:6].hex())
                return
            log.warning("U.are.U 4500: no scan-power event, powering up again")
        raise DeviceNotReady(detail="no scan-power event after 3 power-ups")

    def _reboot(self, hwstat: int) -> int:
        self._write(REG_HWSTAT, bytes([hwstat & 0x0F]))
        for _try in range(POWER_TRIES):
            hwstat = self._read(REG_HWSTAT, 1)[0]
            if hwstat & 0x01:
                return hwstat
            self._clock.sleep(POWER_PAUSE_S)
        raise DeviceNotReady(detail="HWSTAT reboot did not complete")

    # ---- events and image ----

    def _event(self, wait_ms: int) -> int | None:
        """One interrupt packet's type, or None when none came within ``wait_ms``."""
        try:
            packet = self._device.read(EP_INTR, IRQ_LEN, wait_ms)
        except usb.core.USBError as error:
            if _is_timeout(error):
                return None
            raise typed_usb_error(error, "interrupt endpoint") from error
        if len(packet) < 2:
            return None
        kind = int.from_bytes(bytes(packet[:2]), "big")
        if kind == IRQ_DEATH:
            log.warning("U.are.U 4500 warns that the next image will likely fail")
        return kind

    def _await_event(self, wanted: int, within_s: float | None) -> bool:
        """Wait for one event type; False if ``within_s`` passed first. The capture's deadline
        and cancel end the wait with their typed errors."""
        end = None if within_s is None else time.monotonic() + within_s
        while True:
            self._clock.check(NO_FINGER if wanted == IRQ_FINGER_ON else None)
            if end is not None and time.monotonic() >= end:
                return False
            cap = SLICE_MS
            if end is not None:
                cap = max(1, min(SLICE_MS, int((end - time.monotonic()) * 1000)))
            if self._event(self._clock.ms(cap)) == wanted:
                return True

    def _pending_events(self) -> list[int]:
        events = []
        for _ in range(8):  # a handful at most are queued; never loop on a chatty reader
            kind = self._event(DRAIN_MS)
            if kind is None:
                break
            events.append(kind)
        return events

    def _read_image(self) -> bytes:
        received = bytearray()
        while len(received) < IMAGE_LEN:
            self._clock.check()
            want = min(CHUNK, IMAGE_LEN - len(received))
            # Before the first byte a slice, so cancel is heard; once the image flows, a
            # timeout would drop data, so the chunk gets the time it needs.
            wait = SLICE_MS if not received else CTRL_MS
            try:
                chunk = self._device.read(EP_DATA, want, self._clock.ms(wait))
            except usb.core.USBError as error:
                if _is_timeout(error) and not received:
                    continue
                raise typed_usb_error(error, f"image after {len(received)} bytes") from error
            received += bytes(chunk)
            if len(chunk) < want:
                break  # a short packet ends the transfer
        return bytes(received)


def readers_on_bus(usb_backend: object | None) -> list[Any]:
    """Every U.are.U 4500 on the bus now, or a typed error saying why none can be seen."""
    try:
        return list(usb.core.find(find_all=True, idVendor=VENDOR_ID, idProduct=PRODUCT_ID,
                                  backend=usb_backend))
    except usb.core.NoBackendError as error:
        raise DeviceNotConnected(LIBUSB_MISSING, detail=str(error)) from error
    except usb.core.USBError as error:
        raise typed_usb_error(error, "enumerate") from error


class UareU4500Finder:
    """The device manager's finder: one reader object per serial number on the bus."""

    def __init__(self, usb_backend: object | None = None, backend_name: str = "usb") -> None:
        self._usb_backend = usb_backend
        self._backend_name = backend_name
        self._known: dict[str, UareU4500Reader] = {}

    def __call__(self) -> list[UareU4500Reader]:
        found = readers_on_bus(self._usb_backend)
        readers = []
        for device in found:
            serial = _serial_of(device)  # a reader without one is known by where it sits
            key = serial or f"bus {device.bus} address {device.address}"
            if key not in self._known:
                self._known[key] = UareU4500Reader(self._backend_name, self._usb_backend,
                                                   serial)
            readers.append(self._known[key])
        return readers
