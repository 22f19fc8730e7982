"""Engine creation and migrations: SQLite in WAL mode with full synchronous commits (the
embedded default), or PostgreSQL through the database URL (psycopg 3)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from kiosk.storage.errors import NewerDatabase, translate

if TYPE_CHECKING:
    from alembic.config import Config

    from kiosk.storage.crypto import KeyRing

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest revision in migrations/versions; a test keeps it equal to Alembic's head. A database
# already there opens without importing Alembic (0.2 s off every start).
HEAD_REVISION = "0010"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer; FULL: a committed step survives a power cut.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Overwritten and deleted content is zeroed, so no personal data lingers in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def alembic_config() -> Config:
    from alembic.config import Config  # noqa: PLC0415 - only when migrating

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def create(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _refuse_newer(engine: Engine, config: Config) -> None:
    from alembic.script import ScriptDirectory  # noqa: PLC0415
    from alembic.util import CommandError  # noqa: PLC0415

    revision = current_revision(engine)
    if revision is None:
        return
    try:
        ScriptDirectory.from_config(config).get_revision(revision)
    except CommandError:
        raise NewerDatabase(
            f"Cơ sở dữ liệu được tạo bởi phiên bản kiosk mới hơn (lược đồ {revision}). Cập "
            "nhật phần mềm kiosk lên phiên bản mới rồi mở lại; kiosk không ghi gì vào cơ sở dữ "
            "liệu này để không làm hỏng dữ liệu.") from None


def upgrade(engine: Engine, target: str = "head", keyring: KeyRing | None = None) -> None:
    """Bring the schema up to ``target``; refuse a database written by a newer kiosk.

    ``keyring`` seals rows written in clear by older versions (revision 0004)."""
    from alembic import command  # noqa: PLC0415

    config = alembic_config()
    _refuse_newer(engine, config)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["keyring"] = keyring
        command.upgrade(config, target)


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command  # noqa: PLC0415

    config = alembic_config()
    _refuse_newer(engine, config)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, target)


def open_database(url: str, keyring: KeyRing | None = None) -> Engine:
    """Connect and migrate; failures become a StorageError with the clerk's message."""
    try:
        engine = create(url)
    except SQLAlchemyError as error:
        raise translate(error) from error
    try:
        if current_revision(engine) != HEAD_REVISION:
            upgrade(engine, keyring=keyring)
    except NewerDatabase:
        engine.dispose()
        raise
    except SQLAlchemyError as error:
        engine.dispose()
        raise translate(error) from error
    return engine
