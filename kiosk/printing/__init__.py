"""Pure functions from case data to PDF bytes (reportlab) for the printed forms."""

from kiosk.printing.cc01 import render_receipt
from kiosk.printing.cc02 import render_appointment_slip
from kiosk.printing.forms import Agency, AppointmentSlip, ReceiptForm

__all__ = ["Agency", "AppointmentSlip", "ReceiptForm", "render_appointment_slip",
           "render_receipt"]

# CC03, DC02 and the fee receipt.
from kiosk.printing.cc03 import render_refusal_notice
from kiosk.printing.dc02 import render_request_form
from kiosk.printing.fee_receipt import render_fee_receipt
from kiosk.printing.forms import FeeReceipt, RefusalNotice, Representative, RequestForm

__all__ += ["FeeReceipt", "RefusalNotice", "Representative", "RequestForm",
            "render_fee_receipt", "render_refusal_notice", "render_request_form"]
