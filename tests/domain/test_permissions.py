"""The roles' table: administration and audit apart, as 等保 asks, and nobody without a role."""

from __future__ import annotations

from hallmonitor.domain.enums import Role
from hallmonitor.domain.permissions import PERMISSIONS, Permission, may, permissions_of


def test_every_role_has_a_row_and_every_permission_a_holder() -> None:
    assert set(PERMISSIONS) == set(Role)
    assert permissions_of(*Role) == set(Permission)


def test_administration_hall_work_and_audit_are_held_by_different_roles() -> None:
    assert may(Role.ADMIN, Permission.MANAGE_ACCOUNTS)
    assert not may(Role.ADMIN, Permission.READ_AUDIT)
    assert not may(Role.ADMIN, Permission.CLOSE_WINDOWS)
    assert not may(Role.SUPERVISOR, Permission.MANAGE_ACCOUNTS)
    assert PERMISSIONS[Role.AUDITOR] == {Permission.READ_AUDIT}
    assert not may(Role.WINDOW_LEAD, Permission.CLOSE_WINDOWS)
    assert may(Role.WINDOW_LEAD, Permission.ANSWER_ALERTS)
    assert PERMISSIONS[Role.CENTER_VIEWER] == {Permission.READ_HALL, Permission.EXPORT}
