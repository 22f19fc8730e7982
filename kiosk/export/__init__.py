"""Closed cases leave the desk as signed, encrypted packets for the central system."""
