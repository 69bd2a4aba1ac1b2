"""Every action of the alert workflow has its button's word, its question and its history word."""

from __future__ import annotations

import subprocess
import sys

from hallmonitor.services.alerts import Action
from hallmonitor.ui.common.alert_words import action_name, action_prompt, event_action_name


def test_every_action_is_named_asked_for_and_read_back_from_the_history() -> None:
    for action in Action:
        assert action_name(action)
        question, _optional = action_prompt(action)
        assert question.endswith(":")
        assert event_action_name(action.value) == action_name(action)
    assert action_prompt(Action.ACKNOWLEDGE)[1] and not action_prompt(Action.REVOKE)[1]
    assert event_action_name("触发") == "Raised"
    assert event_action_name("某个旧词") == "某个旧词"


def test_the_words_load_without_the_alert_workflow() -> None:
    """Every page imports these words, the start's first page too, which offers no action."""
    code = (
        "import sys, hallmonitor.ui.common.alert_words; "
        "print(sorted(m for m in sys.modules if m.startswith('hallmonitor.services.alerts')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
