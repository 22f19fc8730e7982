"""Direct USB drivers (through pyusb) for readers whose protocol is publicly documented.

Each driver finds its reader by VID:PID, claims the interface for one capture and releases it
after, so ``status()`` polling by VID:PID is the hot-plug check and a re-plugged reader needs no
restart. A missing libusb makes the reader absent with that reason, never a crash.
"""
