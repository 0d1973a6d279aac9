"""Alembic migrations, applied at start-up: the schema is never created any other way."""

from __future__ import annotations

import logging
from importlib import resources
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

if TYPE_CHECKING:
    from desktop_app.data.db import Database

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("desktop_app.data") / "migrations")
    )
    return config


def upgrade_to_head(database: Database) -> None:
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current == head:
        return
    log.info("migrating database from %s to %s", current, head)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
