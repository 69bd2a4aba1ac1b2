"""What each role may do, as one table, so every use case asks the same question.

Services ask for a permission, never a role: a role is a bundle of permissions
that the hall's IT can read in one place, and a new role is a new row here
rather than a change in every service.
"""

from __future__ import annotations

from enum import StrEnum

from hallmonitor.domain.enums import Role
from hallmonitor.domain.texts import mark, say


class Permission(StrEnum):
    """An action a role may take; ``words`` names it in a refusal's sentence, in the user's language."""

    READ_HALL = "查看大厅"
    EDIT_ROSTER = "修改排班"
    ENTER_CASES = "登记和更正办件"
    REVIEW_FLAGS = "核查前店后厂标记"
    #: Acknowledging an alert and reporting its rectification.
    ANSWER_ALERTS = "回复预警"
    #: Revoking an alert.
    ACT_ON_ALERTS = "处置预警"
    CLOSE_WINDOWS = "临时关闭或重开窗口"
    EDIT_SETTINGS = "修改设置"
    EDIT_MASTER_DATA = "维护大厅资料"
    MANAGE_ACCOUNTS = "管理账号"
    EXPORT = "导出报表"
    READ_AUDIT = "查看和核验审计记录"

    @property
    def words(self) -> str:
        return say(_WORDS[self])


P = Permission

#: The permissions as a refusal names them (the Chinese is each value).
_WORDS: dict[Permission, str] = {
    P.READ_HALL: mark("view the hall"),
    P.EDIT_ROSTER: mark("change the roster"),
    P.ENTER_CASES: mark("enter and correct cases"),
    P.REVIEW_FLAGS: mark("review front shop, back factory flags"),
    P.ANSWER_ALERTS: mark("answer alerts"),
    P.ACT_ON_ALERTS: mark("act on alerts"),
    P.CLOSE_WINDOWS: mark("close windows temporarily or open them again"),
    P.EDIT_SETTINGS: mark("change the settings"),
    P.EDIT_MASTER_DATA: mark("keep the hall's data"),
    P.MANAGE_ACCOUNTS: mark("manage accounts"),
    P.EXPORT: mark("export reports"),
    P.READ_AUDIT: mark("read and verify the audit trail"),
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # Accounts, settings and the master data; the audit trail is not theirs to touch.
    Role.ADMIN: frozenset({P.READ_HALL, P.MANAGE_ACCOUNTS, P.EDIT_SETTINGS, P.EDIT_MASTER_DATA}),
    # All the hall's daily work.
    Role.SUPERVISOR: frozenset(
        {
            P.READ_HALL,
            P.EDIT_ROSTER,
            P.ENTER_CASES,
            P.REVIEW_FLAGS,
            P.ANSWER_ALERTS,
            P.ACT_ON_ALERTS,
            P.CLOSE_WINDOWS,
            P.EXPORT,
        }
    ),
    # Answers the alerts of the windows assigned to them; closing stays the supervisor's decision.
    Role.WINDOW_LEAD: frozenset({P.READ_HALL, P.ANSWER_ALERTS}),
    Role.CENTER_VIEWER: frozenset({P.READ_HALL, P.EXPORT}),
    Role.AUDITOR: frozenset({P.READ_AUDIT}),
}

#: Roles whose work is limited to the windows assigned to the account.
WINDOW_SCOPED: frozenset[Role] = frozenset({Role.WINDOW_LEAD})


def permissions_of(*roles: Role) -> frozenset[Permission]:
    """Everything any of ``roles`` may do."""
    granted: frozenset[Permission] = frozenset()
    for role in roles:
        granted |= PERMISSIONS[role]
    return granted


def may(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]
