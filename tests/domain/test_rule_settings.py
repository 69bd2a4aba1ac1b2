"""Rule settings read back from storage: a number no hall could mean keeps the default and is named."""

from __future__ import annotations

from hallmonitor.domain.rule_settings import RuleSettings, implausible_settings


def test_an_absurd_stored_number_keeps_its_default_and_the_rest_is_read() -> None:
    values = RuleSettings().to_strings() | {
        "complaint_limit_working_days": "3000000",
        "correction_deadline_working_days": "-1",
        "target_one_trip_rate": "nan",
        "target_admitted_rate": "0.5",
        "escalation_session_count": "4",
    }
    settings = RuleSettings.from_strings(values)
    assert settings.complaint_limit_working_days == RuleSettings().complaint_limit_working_days
    assert settings.correction_deadline_working_days == RuleSettings().correction_deadline_working_days
    assert settings.target_one_trip_rate == RuleSettings().target_one_trip_rate
    assert settings.target_admitted_rate == 0.5 and settings.escalation_session_count == 4
    assert implausible_settings(values) == [
        ("complaint_limit_working_days", "3000000"),
        ("correction_deadline_working_days", "-1"),
        ("target_one_trip_rate", "nan"),
    ]


def test_the_default_settings_are_plausible() -> None:
    assert implausible_settings(RuleSettings().to_strings()) == []
