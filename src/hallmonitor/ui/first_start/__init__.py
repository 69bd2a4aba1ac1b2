"""The first start: create the hall, connect to a shared database, or look at the demo; and choosing a hall."""

from hallmonitor.ui.first_start.choose import choose_hall
from hallmonitor.ui.first_start.sign_in import IdleLock, SignInDialog, sign_in_at_start
from hallmonitor.ui.first_start.wizard import FirstStartResult, FirstStartWizard

__all__ = [
    "FirstStartResult",
    "FirstStartWizard",
    "IdleLock",
    "SignInDialog",
    "choose_hall",
    "sign_in_at_start",
]
