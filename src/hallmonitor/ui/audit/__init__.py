"""审计记录: the audit trail read and its chain verified, for the 审计员."""

from hallmonitor.ui.audit.page import AuditPage

__all__ = ["AuditPage"]
