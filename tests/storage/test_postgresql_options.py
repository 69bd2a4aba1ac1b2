"""The service_case indexes keep their PostgreSQL conditions though the models name them late.

``storage.models.cases`` adds them when a PostgreSQL database opens, so that a
hall on SQLite never loads PostgreSQL's dialect; the DDL the models give for
PostgreSQL must still be what the migrations made there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from sqlalchemy import create_engine, text

from hallmonitor.storage.database import open_database

#: Open an already upgraded database in a fresh process (no migration runs) and print the DDL
#: the models give for each service_case index on it.
MODELLED_DDL = """
import json, sys
from sqlalchemy.schema import CreateIndex
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Base
db = open_database(sys.argv[1])
print(json.dumps({i.name: str(CreateIndex(i).compile(dialect=db.engine.dialect))
                  for i in Base.metadata.tables["service_case"].indexes}))
db.close()
"""


def _words(sql: str) -> str:
    """DDL with PostgreSQL's additions taken out: schema, btree, parentheses, spacing."""
    sql = sql.replace("public.", "").replace(" USING btree", "")
    return re.sub(r"\s+", " ", re.sub(r"[()]", " ", sql)).strip()


def test_opening_a_postgresql_hall_gives_each_index_what_its_migration_made(pg_url: str) -> None:
    open_database(pg_url).close()  # upgraded already: this open runs no migration
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        made = dict(
            conn.execute(
                text(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'service_case' "
                    "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
                )
            ).all()
        )
        trigrams = conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
    engine.dispose()
    done = subprocess.run(
        [sys.executable, "-c", MODELLED_DDL, pg_url], capture_output=True, text=True, check=True
    )
    modelled = json.loads(done.stdout)
    assert set(modelled) == set(made)
    if trigrams is None:  # the migration made the trigram indexes empty b-trees instead
        modelled = {k: v for k, v in modelled.items() if "gin" not in v}
    for name, ddl in modelled.items():
        assert _words(ddl) == _words(made[name]), name
    assert "WHERE completed_at IS NULL AND voided_at IS NULL" in modelled["ix_service_case_unfinished"]


def test_the_models_alone_load_no_postgresql_dialect() -> None:
    code = "import sys, hallmonitor.storage.models; print('sqlalchemy.dialects.postgresql' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
