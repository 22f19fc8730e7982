"""A MOSIP SBI device service simulator (after MockMDS), on 127.0.0.1."""
