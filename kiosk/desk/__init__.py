"""Use cases of one counter desk. No Qt: the window and ``kiosk demo`` drive the same code."""
