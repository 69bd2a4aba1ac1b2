"""办件登记: the entry form, the case table and one case in full.

``CaseDialog`` is public: the 前店后厂 page opens a flagged case with it.
"""

from hallmonitor.ui.cases.dialog import CaseDialog
from hallmonitor.ui.cases.page import CasesPage
from hallmonitor.ui.cases.words import flag_state_name

__all__ = ["CaseDialog", "CasesPage", "flag_state_name"]
