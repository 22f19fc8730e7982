"""Persistence: SQLAlchemy models and repositories; every case step is committed as it happens."""
