"""The partial and trigram indexes keep their PostgreSQL conditions though the models name them late.

``storage.models.cases`` adds them when a PostgreSQL database opens, so that a
hall on SQLite never loads PostgreSQL's dialect; the DDL the models give for
PostgreSQL must still be what the migrations made there.
"""

from __future__ import annotations

import re
import subprocess
import sys

from sqlalchemy import text
from sqlalchemy.schema import CreateIndex

from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import POSTGRESQL_OPTIONS, Base


def _words(sql: str) -> str:
    """DDL with PostgreSQL's additions taken out: schema, btree, parentheses, spacing."""
    sql = sql.replace("public.", "").replace(" USING btree", "")
    return re.sub(r"\s+", " ", re.sub(r"[()]", " ", sql)).strip()


def test_opening_a_postgresql_hall_gives_each_index_the_condition_its_migration_made(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        with db.engine.connect() as conn:
            made = dict(
                conn.execute(
                    text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'service_case'")
                ).all()
            )
        indexes = {i.name: i for i in Base.metadata.tables["service_case"].indexes}
        for name in POSTGRESQL_OPTIONS:
            modelled = str(CreateIndex(indexes[name]).compile(dialect=db.engine.dialect))
            assert "WHERE" in modelled or "USING gin" in modelled, modelled
            assert _words(modelled) == _words(made[name])
    finally:
        db.close()


def test_the_models_alone_load_no_postgresql_dialect() -> None:
    code = "import sys, hallmonitor.storage.models; print('sqlalchemy.dialects.postgresql' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
