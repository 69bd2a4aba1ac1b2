"""The audit trail checked: anyone holding the database can recompute the chain, no account needed."""

from hallmonitor.services.audit.verify import ChainVerdict, report_head, verify_chain

__all__ = ["ChainVerdict", "report_head", "verify_chain"]
