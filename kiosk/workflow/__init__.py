"""Pure rules and the case state machine: no Qt, no SQL, no devices, no PDF.

Everything here is plain data and pure functions. Legal values (fees, holidays, time
limits, procedure codes) come from ``resources/law`` through :mod:`kiosk.workflow.lawbook`.
"""
