"""MOSIP Secure Biometric Interface (SBI 0.9.5 and 1.0): a client for vendor device services,
so any SBI-certified slap scanner, iris camera or face camera plugs in."""
