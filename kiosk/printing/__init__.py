"""Pure functions from case data to PDF bytes (reportlab) for the printed forms."""

from kiosk.printing.cc01 import render_receipt
from kiosk.printing.cc02 import render_appointment_slip
from kiosk.printing.forms import Agency, AppointmentSlip, ReceiptForm

__all__ = ["Agency", "AppointmentSlip", "ReceiptForm", "render_appointment_slip",
           "render_receipt"]
