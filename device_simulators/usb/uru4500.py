"""A virtual DigitalPersona U.are.U 4500 behind a pyusb backend.

It speaks the reader's protocol (facts in ``kiosk/devices/usb/uru4500.py``, learned from
libfprint's ``uru4000.c``) from a second, independent reading of it, so a mistake in the driver
does not cancel out here: registers behind vendor control requests, power-up through HWSTAT
ending in the scan-power event, modes, finger events on the interrupt endpoint, and the image
in one bulk transfer (64-byte header, block table, inverted lines turned 180 degrees,
scrambled on three captures in four, with a key change on one in four).

A :class:`SimulatorControl` drives it like every simulator. A fault is taken from its queue
when the driver claims the interface (the start of a capture session):

* DISCONNECTED: the claim fails with ENODEV and the reader leaves the bus until
  ``control.reconnect()``; UNPLUGGED_MID_CAPTURE: it leaves halfway through the latency.
* BUSY: another program holds the interface, so the claim fails with EBUSY.
* NOT_READY: HWSTAT stays in low power whatever is written, so power-up never completes.
* TIMEOUT: the finger never arrives. FINGER_LIFTED: finger-on halfway, then finger-off at
  once, and the image shows bare glass. CORRUPTED_PAYLOAD: the transfer is cut short, or
  empty after the reader's own "next image will fail" warning.
* LOW_QUALITY, WRONG_HAND, MISSING_FINGER: shown in the image (``compose_finger_image``).

Which finger is on the glass: a real reader never learns which finger the clerk asked for, so
the driver's ``finger`` argument cannot reach the device. The virtual citizen's finger is
simulator state, set with :meth:`VirtualUSBBackend.present_finger` next to
``control.present(subject)`` (default: right index); each image is deterministic per
(subject, finger, capture number).
"""

from __future__ import annotations

import array
import errno
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
import usb.backend
import usb.core

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.fingerprint import PPI as SYNTHETIC_PPI
from device_simulators.fingerprint import compose_finger_image
from device_simulators.synthetic import seed_of
from kiosk.devices.base import Finger, GreyImage

VENDOR_ID, PRODUCT_ID = 0x05BA, 0x000A
SERIAL = "{5BA000A0-0000-4500-8000-000000000001}"
STRINGS = {1: "DigitalPersona, Inc.", 2: "U.are.U® 4500 Fingerprint Reader", 3: SERIAL}
SENSOR_PPI, WIDTH, HEIGHT = 512, 384, 290
LINES_SENT = HEIGHT - 1  # the reader sends fewer lines than the sensor has
BLOCK_LINES = 32

EP_INTR, EP_DATA, INTERFACE = 0x81, 0x82, 0
VENDOR_OUT, VENDOR_IN, STANDARD_IN = 0x40, 0xC0, 0x80
REGISTER_REQUEST, GET_DESCRIPTOR = 0x04, 0x06
HWSTAT, SCRAMBLE_INDEX, MODE, DEVICE_INFO = 0x07, 0x33, 0x4E, 0xF0
AWAIT_FINGER_ON, CAPTURE = 0x10, 0x20
SCAN_POWER_ON, FINGER_ON, FINGER_OFF, DEATH = 0x56AA, 0x0101, 0x0200, 0x0800
CHANGE_KEY, NO_KEY_UPDATE, SCRAMBLED = 0x80, 0x04, 0x02
TAPS = 0x9248144D
MASK_BITS = (4, 8, 11, 14, 18, 21, 24, 29)
WAIT_SLICE_S = 0.02
CONTENT_FAULTS = frozenset({Fault.LOW_QUALITY, Fault.WRONG_HAND, Fault.MISSING_FINGER})


def _usb_error(code: int) -> usb.core.USBError:
    """What pyusb's libusb backend raises for the same condition."""
    text = {errno.ENODEV: "No such device (it may have been disconnected)",
            errno.EBUSY: "Resource busy", errno.EPIPE: "Pipe error",
            errno.ETIMEDOUT: "Operation timed out", errno.ENOENT: "Entity not found"}[code]
    libusb = {errno.ENODEV: -4, errno.EBUSY: -6, errno.EPIPE: -9, errno.ETIMEDOUT: -7,
              errno.ENOENT: -5}[code]
    kind = usb.core.USBTimeoutError if code == errno.ETIMEDOUT else usb.core.USBError
    return kind(text, libusb, code)


# ---- scrambling, written from the protocol description (independent of the driver) ----

def _step(key: int) -> int:
    return (key >> 1) | (((key & TAPS).bit_count() & 1) << 31)


def scramble_block(plain: bytes, key: int, filler: int) -> tuple[bytes, int]:
    """The reader's scrambling of one block: sent byte i + 1 is plain byte i XOR the mask of
    the i-th key; byte 0 carries nothing and the plain block's last byte is dropped."""
    count = len(plain) - 1
    keys = []
    for _ in range(count):  # the register steps one byte at a time: inherently sequential
        keys.append(key)
        key = _step(key)
    register = np.array(keys, dtype=np.uint32)
    masks = np.zeros(count, np.uint8)
    for out, bit in enumerate(MASK_BITS):  # the XOR byte of every key at once
        masks |= (((register >> bit) & 1) << out).astype(np.uint8)
    sent = np.empty(count + 1, np.uint8)
    sent[0] = filler
    sent[1:] = np.frombuffer(plain, np.uint8, count) ^ masks
    return sent.tobytes(), _step(key)  # the dropped byte still steps the key


def _advance(key: int, steps: int) -> int:
    for _ in range(steps):
        key = _step(key)
    return key


# ---- the reader's state for one insertion of the cable ----

@dataclass
class _Session:
    """One claim of the interface: the fault and capture number it plays out."""

    fault: Fault | None
    number: int
    finger: Finger


@dataclass
class _Plug:
    address: int
    configuration: int = 1  # the OS configures a new device
    hwstat: int = 0x80  # a fresh reader sits in low power
    mode: int = 0
    registers: bytearray = field(default_factory=lambda: bytearray(0x100))
    events: deque[int] = field(default_factory=deque)
    transfers: deque[bytes] = field(default_factory=deque)
    finger_at: float | None = None
    unplug_at: float | None = None
    session: _Session | None = None
    claimed_by: object | None = None


class _Handle:
    def __init__(self, plug: _Plug) -> None:
        self.plug = plug
        self.claimed: set[int] = set()


class VirtualUSBBackend(usb.backend.IBackend):  # type: ignore[misc]
    """pyusb backend hosting one virtual U.are.U 4500 (a host controller with one port)."""

    simulated = True  # read by the driver for DeviceInfo.simulated

    def __init__(self, control: SimulatorControl | None = None, serial: str = SERIAL) -> None:
        self.control = control or SimulatorControl()
        self._serial = serial
        self._finger = Finger.RIGHT_INDEX
        self._changed = threading.Condition(threading.RLock())
        self._plug: _Plug | None = None
        self._address = 6
        self._handles: set[_Handle] = set()
        rng = np.random.default_rng(seed_of("uru4500-keys", serial))
        self._keys = [int(key) for key in rng.integers(0, 2**32, 256, dtype=np.uint64)]

    # ---- trainer and test controls ----

    def present_finger(self, finger: Finger) -> None:
        """Which finger the virtual citizen puts on the glass from the next capture on."""
        with self._changed:
            self._finger = finger

    @property
    def open_handles(self) -> int:
        with self._changed:
            return len(self._handles)

    @property
    def claimed_interfaces(self) -> int:
        with self._changed:
            return sum(len(handle.claimed) for handle in self._handles)

    # ---- the bus ----

    def _tick(self) -> _Plug | None:
        """Play out what time has brought; the plug on the bus now, if any."""
        now = time.monotonic()
        plug = self._plug
        if plug is not None and plug.unplug_at is not None and now >= plug.unplug_at:
            self.control.unplug()  # the shared control records it for status and trainer
        if not self.control.connected:
            self._plug = None
            return None
        if self._plug is None:
            self._address += 1  # a re-plugged device gets a new address
            self._plug = _Plug(self._address, registers=self._fresh_registers())
        plug = self._plug
        if plug.finger_at is not None and now >= plug.finger_at:
            plug.finger_at = None
            plug.events.append(FINGER_ON)
            if plug.session and plug.session.fault is Fault.FINGER_LIFTED:
                plug.events.append(FINGER_OFF)
        return plug

    @staticmethod
    def _fresh_registers() -> bytearray:
        registers = bytearray(0x100)
        registers[DEVICE_INFO + 4:DEVICE_INFO + 6] = b"\x01\x04"  # versions, as the driver logs
        registers[DEVICE_INFO + 10:DEVICE_INFO + 12] = b"\x00\x87"
        return registers

    def _live(self, handle: _Handle) -> _Plug:
        plug = self._tick()
        if plug is None or handle.plug is not plug:
            raise _usb_error(errno.ENODEV)
        return plug

    def _pull_plug(self) -> None:
        self.control.unplug()
        self._plug = None
        self._changed.notify_all()

    def _wait(self, handle: _Handle, timeout_ms: int, ready: Any) -> Any:
        """Block until ``ready(plug)`` gives something, the plug goes, or the timeout."""
        deadline = None if timeout_ms == 0 else time.monotonic() + timeout_ms / 1000
        with self._changed:
            while True:
                plug = self._live(handle)
                if (result := ready(plug)) is not None:
                    return result
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    raise _usb_error(errno.ETIMEDOUT)
                wake = [now + WAIT_SLICE_S] + [t for t in (plug.finger_at, plug.unplug_at, deadline)
                                               if t is not None]
                self._changed.wait(max(0.0, min(wake) - now))

    # ---- descriptors ----

    def enumerate_devices(self) -> list[_Plug]:
        with self._changed:
            plug = self._tick()
            return [] if plug is None else [plug]

    def get_device_descriptor(self, dev: _Plug) -> SimpleNamespace:
        return SimpleNamespace(
            bLength=18, bDescriptorType=1, bcdUSB=0x0200, bDeviceClass=0, bDeviceSubClass=0,
            bDeviceProtocol=0, bMaxPacketSize0=64, idVendor=VENDOR_ID, idProduct=PRODUCT_ID,
            bcdDevice=0x0100, iManufacturer=1, iProduct=2, iSerialNumber=3,
            bNumConfigurations=1, address=dev.address, bus=1, port_number=2, port_numbers=(2,),
            speed=2)  # full speed

    def get_configuration_descriptor(self, dev: _Plug, config: int) -> SimpleNamespace:
        return SimpleNamespace(bLength=9, bDescriptorType=2, wTotalLength=32, bNumInterfaces=1,
                               bConfigurationValue=1, iConfiguration=0, bmAttributes=0xA0,
                               bMaxPower=50, extra_descriptors=[])

    def get_interface_descriptor(self, dev: _Plug, intf: int, alt: int,
                                 config: int) -> SimpleNamespace:
        return SimpleNamespace(bLength=9, bDescriptorType=4, bInterfaceNumber=INTERFACE,
                               bAlternateSetting=0, bNumEndpoints=2, bInterfaceClass=0xFF,
                               bInterfaceSubClass=0xFF, bInterfaceProtocol=0xFF, iInterface=0,
                               extra_descriptors=[])

    def get_endpoint_descriptor(self, dev: _Plug, ep: int, intf: int, alt: int,
                                config: int) -> SimpleNamespace:
        address, attributes, interval = ((EP_INTR, 0x03, 1), (EP_DATA, 0x02, 0))[ep]
        return SimpleNamespace(bLength=7, bDescriptorType=5, bEndpointAddress=address,
                               bmAttributes=attributes, wMaxPacketSize=64, bInterval=interval,
                               bRefresh=0, bSynchAddress=0, extra_descriptors=[])

    # ---- handles and interfaces ----

    def open_device(self, dev: _Plug) -> _Handle:
        with self._changed:
            if self._tick() is not dev:
                raise _usb_error(errno.ENODEV)
            handle = _Handle(dev)
            self._handles.add(handle)
            return handle

    def close_device(self, dev_handle: _Handle) -> None:
        with self._changed:
            self._handles.discard(dev_handle)
            if dev_handle.plug.claimed_by is dev_handle:
                dev_handle.plug.claimed_by = None

    def set_configuration(self, dev_handle: _Handle, config_value: int) -> None:
        with self._changed:
            self._live(dev_handle).configuration = config_value

    def get_configuration(self, dev_handle: _Handle) -> int:
        with self._changed:
            return self._live(dev_handle).configuration

    def set_interface_altsetting(self, dev_handle: _Handle, intf: int, altsetting: int) -> None:
        with self._changed:
            self._live(dev_handle)

    def is_kernel_driver_active(self, dev_handle: _Handle, intf: int) -> bool:
        return False

    def detach_kernel_driver(self, dev_handle: _Handle, intf: int) -> None:
        """No kernel driver binds this vendor-specific interface."""

    def claim_interface(self, dev_handle: _Handle, intf: int) -> None:
        with self._changed:
            plug = self._live(dev_handle)
            if intf != INTERFACE:
                raise _usb_error(errno.ENOENT)
            if plug.claimed_by not in (None, dev_handle):
                raise _usb_error(errno.EBUSY)
            fault = self.control.take_fault()  # the capture session starts with this claim
            number = self.control.next_capture_number()
            if fault is Fault.DISCONNECTED:
                self._pull_plug()
                raise _usb_error(errno.ENODEV)
            if fault is Fault.BUSY:
                raise _usb_error(errno.EBUSY)  # another program holds the interface
            plug.session = _Session(fault, number, self._finger)
            plug.claimed_by = dev_handle
            dev_handle.claimed.add(intf)

    def release_interface(self, dev_handle: _Handle, intf: int) -> None:
        with self._changed:
            dev_handle.claimed.discard(intf)
            if dev_handle.plug.claimed_by is dev_handle:
                dev_handle.plug.claimed_by = None
            self._live(dev_handle)

    # ---- transfers ----

    def _claimed(self, dev_handle: _Handle, ep: int, expected: int) -> None:
        if ep != expected or INTERFACE not in dev_handle.claimed:
            raise _usb_error(errno.EPIPE)

    def intr_read(self, dev_handle: _Handle, ep: int, intf: int, buff: Any,
                  timeout: int) -> int:
        self._claimed(dev_handle, ep, EP_INTR)
        kind = self._wait(dev_handle, timeout,
                          lambda plug: plug.events.popleft() if plug.events else None)
        return self._put(buff, kind.to_bytes(2, "big") + bytes(62))

    def bulk_read(self, dev_handle: _Handle, ep: int, intf: int, buff: Any,
                  timeout: int) -> int:
        self._claimed(dev_handle, ep, EP_DATA)

        def take(plug: _Plug) -> bytes | None:
            if not plug.transfers:
                return None
            transfer = plug.transfers.popleft()
            if len(transfer) > len(buff):  # the rest stays for the next read
                plug.transfers.appendleft(transfer[len(buff):])
            return transfer[:len(buff)]

        return self._put(buff, self._wait(dev_handle, timeout, take))

    def ctrl_transfer(  # noqa: PLR0917  (pyusb calls it positionally, with these names)
            self, dev_handle: _Handle, bmRequestType: int, bRequest: int,  # noqa: N803
            wValue: int, wIndex: int, data: Any, timeout: int) -> int:  # noqa: N803
        with self._changed:
            plug = self._live(dev_handle)
            if bmRequestType == STANDARD_IN and bRequest == GET_DESCRIPTOR:
                return self._put(data, self._descriptor(wValue))
            if bRequest != REGISTER_REQUEST or wIndex != 0:
                raise _usb_error(errno.EPIPE)  # the reader stalls requests it does not know
            if bmRequestType == VENDOR_IN:
                return self._put(data, bytes(plug.registers[wValue:wValue + len(data)]))
            if bmRequestType == VENDOR_OUT:
                self._write_registers(plug, wValue, bytes(data))
                self._changed.notify_all()
                return len(data)
            raise _usb_error(errno.EPIPE)

    @staticmethod
    def _put(buff: Any, payload: bytes) -> int:
        count = min(len(buff), len(payload))
        buff[:count] = array.array("B", payload[:count])
        return count

    def _descriptor(self, value: int) -> bytes:
        kind, index = value >> 8, value & 0xFF
        if kind != 3:
            raise _usb_error(errno.EPIPE)
        if index == 0:
            return bytes([4, 3, 0x09, 0x04])  # English (US)
        text = (STRINGS | {3: self._serial}).get(index)
        if text is None:
            raise _usb_error(errno.EPIPE)
        encoded = text.encode("utf-16-le")
        return bytes([2 + len(encoded), 3]) + encoded

    # ---- the firmware ----

    def _write_registers(self, plug: _Plug, first: int, values: bytes) -> None:
        if first + len(values) > len(plug.registers):
            raise _usb_error(errno.EPIPE)
        plug.registers[first:first + len(values)] = values
        for offset, value in enumerate(values):
            register = first + offset
            if register == HWSTAT:
                self._write_hwstat(plug, value)
            elif register == MODE:
                self._enter_mode(plug, value)
        if first == SCRAMBLE_INDEX and len(values) >= 5:
            # The key goes out masked by the host's seed: registers 0x34-0x37 read key ^ seed.
            seed = int.from_bytes(values[1:5], "little")
            masked = self._keys[values[0]] ^ seed
            plug.registers[SCRAMBLE_INDEX + 1:SCRAMBLE_INDEX + 5] = masked.to_bytes(4, "little")

    def _write_hwstat(self, plug: _Plug, value: int) -> None:
        stuck = plug.session is not None and plug.session.fault is Fault.NOT_READY
        if not value & 0x80 and stuck:
            value = plug.hwstat  # the reader does not wake up
        elif not value & 0x80 and plug.hwstat & 0x80:
            plug.events.append(SCAN_POWER_ON)
        plug.hwstat = value
        plug.registers[HWSTAT] = value

    def _enter_mode(self, plug: _Plug, mode: int) -> None:
        plug.mode = mode
        plug.finger_at = plug.unplug_at = None
        if mode not in (AWAIT_FINGER_ON, CAPTURE):
            plug.events.clear()  # off: nothing pending survives into the next session
        session = plug.session or _Session(None, self.control.next_capture_number(),
                                           self._finger)
        if mode == AWAIT_FINGER_ON:
            now, latency = time.monotonic(), self.control.latency_s
            if session.fault is Fault.UNPLUGGED_MID_CAPTURE:
                plug.unplug_at = now + latency / 2
            elif session.fault is Fault.FINGER_LIFTED:
                plug.finger_at = now + latency / 2
            elif session.fault is not Fault.TIMEOUT:
                plug.finger_at = now + latency
        elif mode == CAPTURE:
            plug.transfers.clear()
            plug.transfers.append(self._image_transfer(plug, session))

    def _image_transfer(self, plug: _Plug, session: _Session) -> bytes:
        if session.fault is Fault.CORRUPTED_PAYLOAD and session.number % 2 == 0:
            plug.events.append(DEATH)  # the reader's own warning, then an empty image
            return b""
        lifted = session.fault is Fault.FINGER_LIFTED
        picture = np.full((HEIGHT, WIDTH), 255, np.uint8) if lifted else self._picture(session)
        transfer = encode_image(picture, session.number, self._keys)
        if session.fault is Fault.CORRUPTED_PAYLOAD:
            return transfer[:64 + WIDTH * LINES_SENT // 2]  # cut off halfway
        return transfer

    def _picture(self, session: _Session) -> GreyImage:
        content = session.fault if session.fault in CONTENT_FAULTS else None
        touch = compose_finger_image(self.control.subject, session.finger, session.number,
                                     content)
        return sensor_view(touch)


def sensor_view(touch: GreyImage) -> GreyImage:
    """A fingertip-up synthetic print (500 ppi) as this sensor sees it: at 512 ppi, lying
    along the 18 mm axis (the sensor's long side runs along the finger), 290 x 384."""
    scale = SENSOR_PPI / SYNTHETIC_PPI
    scaled = cv2.resize(touch, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    lying = cv2.rotate(scaled, cv2.ROTATE_90_COUNTERCLOCKWISE)
    canvas = np.full((HEIGHT, WIDTH), 255, np.uint8)
    height, width = lying.shape
    top, left = (height - HEIGHT) // 2, (width - WIDTH) // 2
    src = lying[max(top, 0):max(top, 0) + HEIGHT, max(left, 0):max(left, 0) + WIDTH]
    y, x = max(-top, 0), max(-left, 0)
    canvas[y:y + src.shape[0], x:x + src.shape[1]] = src
    return canvas


def encode_image(picture: GreyImage, number: int, keys: list[int]) -> bytes:
    """One bulk transfer for ``picture`` (dark ridges on white, upright): header, block table
    and 289 inverted lines turned 180 degrees, scrambled unless ``number`` is a multiple of 4
    (that firmware still flags its blocks as scrambled)."""
    raw: npt.NDArray[np.uint8] = np.ascontiguousarray(np.rot90(255 - picture, 2))
    sizes = [BLOCK_LINES] * (LINES_SENT // BLOCK_LINES) + [LINES_SENT % BLOCK_LINES]
    scrambles = number % 4 != 0
    flags = [SCRAMBLED] * len(sizes)
    if scrambles:
        flags[2] = 0  # sent in the clear, the key steps over it
        flags[4] = SCRAMBLED | NO_KEY_UPDATE  # in the clear, the key holds
        if number % 4 == 3:
            flags[6] |= CHANGE_KEY
    key_number = (number * 37) % 256
    key = keys[key_number]
    body = bytearray()
    row = 0
    for size, flag in zip(sizes, flags, strict=True):
        plain = raw[row:row + size].tobytes()
        row += size
        if not scrambles:
            body += plain
            continue
        if flag & CHANGE_KEY:
            key_number = (key_number + 1) % 256
            key = keys[key_number]
        if flag & (SCRAMBLED | NO_KEY_UPDATE) == SCRAMBLED:
            sent, key = scramble_block(plain, key, filler=(number * 11 + row) & 0xFF)
            body += sent
        else:
            if not flag & NO_KEY_UPDATE:
                key = _advance(key, len(plain))
            body += plain
    header = bytearray(64)
    header[0:4] = b"\x00\x00\x00\x00"
    header[4:6] = LINES_SENT.to_bytes(2, "little")
    header[6] = (number * 37) % 256
    for index, (size, flag) in enumerate(zip(sizes, flags, strict=True)):
        header[16 + 2 * index:18 + 2 * index] = bytes([flag, size])
    return bytes(header) + bytes(body)
