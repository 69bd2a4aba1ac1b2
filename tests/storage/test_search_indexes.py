"""The case search's trigram indexes on PostgreSQL, and a server that cannot have them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hallmonitor.domain.enums import ApplicantType
from hallmonitor.services.cases import CaseFilter, CaseInput, find_cases, register_case
from hallmonitor.services.hall import hall_context, init_hall
from hallmonitor.storage.database import open_database, upgrade
from tests.support.case_seed import seed_hall

pytestmark = pytest.mark.pg

#: The search's terms as services.cases.search writes them (ILIKE, an escape character).
SEARCH = (
    "SELECT id FROM service_case WHERE "
    "case_no ILIKE '%0511-00%' ESCAPE '\\' OR applicant_name ILIKE '%安捷教育%' ESCAPE '\\'"
)


def _indexes(url: str) -> dict[str, str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'ix_service_case_%trgm'")
        ).all()
    engine.dispose()
    return dict(rows)


def test_part_of_a_number_or_name_is_looked_up_in_the_trigram_indexes(pg_url):
    definitions = _indexes(pg_url)
    assert set(definitions) == {"ix_service_case_case_no_trgm", "ix_service_case_applicant_trgm"}
    assert all("USING gin" in d and "gin_trgm_ops" in d for d in definitions.values())
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        # An empty table is read whole whatever its indexes: ask which index the planner could use.
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(row[0] for row in conn.execute(text("EXPLAIN " + SEARCH)))
    engine.dispose()
    assert "ix_service_case_case_no_trgm" in plan and "ix_service_case_applicant_trgm" in plan


@pytest.fixture
def without_extensions(pg_database) -> Iterator[str]:
    """A new database whose owner may create tables but not extensions, as some hosted servers allow."""
    admin_url = make_url(os.environ["HALLMONITOR_TEST_PG"]).set(drivername="postgresql+psycopg")
    role, name = f"hm_noext_{uuid.uuid4().hex[:6]}", f"hallmonitor_noext_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'x'"))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    inside = create_engine(admin_url.set(database=name), isolation_level="AUTOCOMMIT")
    with inside.connect() as conn:
        conn.execute(text(f'GRANT CREATE, USAGE ON SCHEMA public TO "{role}"'))
    inside.dispose()
    yield admin_url.set(database=name, username=role, password="x").render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def test_without_pg_trgm_the_upgrade_still_succeeds_and_the_search_still_finds(without_extensions):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from hallmonitor.storage.models import Base

    upgrade(without_extensions)
    definitions = _indexes(without_extensions)
    # Empty indexes under the same names: the search reads the table, and the models still agree.
    assert set(definitions) == {"ix_service_case_case_no_trgm", "ix_service_case_applicant_trgm"}
    assert all("gin" not in d and "WHERE (0 = 1)" in d for d in definitions.values())
    db = open_database(without_extensions)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            assert compare_metadata(context, Base.metadata) == []
        init_hall(db, "H001", "测试市政务服务大厅")
        ctx = hall_context(db, login="tester")
        seed_hall(ctx)
        received = datetime(2026, 5, 11, 9, 0)
        data = CaseInput("01", "SC001", ApplicantType.ENTERPRISE, "示范市安捷教育科技有限公司", received)
        register_case(ctx, data, now=received)
        result = find_cases(ctx, CaseFilter(text="安捷教育", as_of=received.date()))
        assert [r.case_no for r in result.rows] == ["H001-20260511-0001"]
    finally:
        db.close()
