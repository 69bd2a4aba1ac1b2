"""The hall's accounts: signing in, and the administrator's work on accounts.

Accounts live in the hall's database, so every PC of the hall shares them and
their locks. A hall without any account keeps working as a single-PC install
(``services.hall.resolve_actor``); its first account is an administrator.
"""

from hallmonitor.services.accounts.manage import (
    AccountRow,
    add_account,
    assign_windows,
    change_password,
    list_accounts,
    lock_account,
    unlock_account,
)
from hallmonitor.services.accounts.passwords import MIN_LENGTH, check_strength
from hallmonitor.services.accounts.policy import AccountPolicy, load_policy, save_policy
from hallmonitor.services.accounts.signin import SignInRefused, has_accounts, sign_in

__all__ = [
    "MIN_LENGTH",
    "AccountPolicy",
    "AccountRow",
    "SignInRefused",
    "add_account",
    "assign_windows",
    "change_password",
    "check_strength",
    "has_accounts",
    "list_accounts",
    "load_policy",
    "lock_account",
    "save_policy",
    "sign_in",
    "unlock_account",
]
