"""A hall with one department, window and item, written in SQL: what an upgrade test puts in an older schema.

The models describe the newest schema, so a database at an older revision is
filled with statements that name only the columns every revision has.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

BARE_HALL = (
    "INSERT INTO hall (id, code, name, created_at) VALUES (1, 'H001', '测试大厅', '2026-04-01')",
    "INSERT INTO department (id, hall_id, name) VALUES (1, 1, '市场监管局')",
    "INSERT INTO service_window (id, hall_id, number, name, department_id, kind, state, zone,"
    " grid_row, grid_col) VALUES (1, 1, '01', '企业开办', 1, '专业窗口', '开放', 'A', 0, 0)",
    "INSERT INTO item (id, hall_id, code, name, department_id, category, case_type, promised_days,"
    " legal_days, admitted, window_may_approve)"
    " VALUES (1, 1, 'SC001', '营业执照', 1, '其他', '承诺件', 3, 20, true, true)",
)


def insert_bare_hall(conn: Connection) -> None:
    """Hall 1 (H001), department 1, window 1 ("01"), item 1 (SC001)."""
    for statement in BARE_HALL:
        conn.execute(text(statement))
