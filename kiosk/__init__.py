"""Counter kiosk for căn cước identity-card applications."""

__version__ = "0.1.0"
