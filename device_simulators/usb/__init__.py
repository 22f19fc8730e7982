"""Virtual USB readers behind custom pyusb backends, so the real USB drivers run unchanged on
them: ``usb.core.find(..., backend=VirtualUSBBackend(control))``."""
