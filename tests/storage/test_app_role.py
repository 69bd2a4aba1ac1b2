"""installer/postgresql/app_role.sql: the PCs' role works the hall but cannot rewrite the audit trail,
not even after dropping the triggers, which only the owner may do."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from hallmonitor.services.audit import verify_chain
from hallmonitor.services.hall import hall_context, init_hall
from hallmonitor.storage.database import open_database
from tests.support.builders import window

SCRIPT = Path(__file__).parents[2] / "installer" / "postgresql" / "app_role.sql"

pytestmark = pytest.mark.pg


@pytest.fixture
def app_role(pg_database: str):
    """A fresh role set up by the script on the run's database; dropped afterwards."""
    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql is not installed")
    role = f"hm_app_{uuid.uuid4().hex[:6]}"
    owner = make_url(pg_database)
    libpq = owner.set(drivername="postgresql").render_as_string(hide_password=False)
    done = subprocess.run(
        [psql, "-q", "-d", libpq, "-v", f"app_role={role}", "-f", str(SCRIPT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    yield owner.set(username=role).render_as_string(hide_password=False)
    admin = create_engine(owner)
    with admin.begin() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def test_the_pcs_role_works_the_hall_but_cannot_touch_the_trail(pg_url, app_role):
    db = open_database(app_role)
    try:
        init_hall(db, "H001", "测试大厅")
        ctx = hall_context(db, login="clerk")
        window(ctx, "01")  # ordinary work leaves entries in the trail
        for statement in (
            "UPDATE audit_log SET actor = 'x'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "DELETE FROM audit_head",
            "DROP TRIGGER audit_log_append_only ON audit_log",
            "UPDATE alembic_version SET version_num = '0001'",
        ):
            # Refused by the privileges themselves, before any trigger is asked.
            with (
                pytest.raises(DBAPIError, match=r"permission denied|must be owner"),
                db.engine.begin() as conn,
            ):
                conn.execute(text(statement))
        assert verify_chain(db).intact
    finally:
        db.close()
