"""Rule settings: every threshold a hall may tune, with the directive's defaults.

They are stored in the database (one row per key) so every PC of a hall
applies the same rules; this module only knows their names, types and defaults.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import time
from typing import Any

from hallmonitor.domain.enums import AlertKind
from hallmonitor.domain.texts import say


@dataclass(frozen=True, slots=True)
class SessionTimes:
    morning_start: time = time(9, 0)
    morning_end: time = time(12, 0)
    afternoon_start: time = time(13, 30)
    afternoon_end: time = time(17, 0)

    def problem(self) -> str | None:
        """A sentence when the half-day sessions are out of order, else None."""
        if not self.morning_start < self.morning_end:
            return "上午的结束时间应晚于开始时间。"
        if not self.morning_end <= self.afternoon_start:
            return "下午应在上午结束之后开始。"
        if not self.afternoon_start < self.afternoon_end:
            return "下午的结束时间应晚于开始时间。"
        return None


@dataclass(frozen=True, slots=True)
class RuleSettings:
    session_times: SessionTimes = field(default_factory=SessionTimes)
    #: Working days after the violating day that the window has to correct.
    correction_deadline_working_days: int = 1
    #: Violating sessions within the window below that escalate to closure.
    escalation_session_count: int = 3
    escalation_window_working_days: int = 5
    #: 挂名: cases with a recorded receiver a 合规 session needs before it is judged at all.
    nominal_case_threshold: int = 5
    #: Suspected sessions within that many consecutive working days that raise a 人员挂名 alert.
    nominal_session_count: int = 3
    nominal_window_working_days: int = 5
    #: Working days a window has to rectify what a card (not the staffing ladder) found.
    rectification_deadline_working_days: int = 3
    complaint_limit_working_days: int = 2
    target_enterprise_setup_days: int = 3
    target_real_estate_days: int = 5
    target_investment_project_days: int = 120
    target_one_trip_rate: float = 0.9
    target_admitted_rate: float = 0.9
    alerts_enabled: frozenset[AlertKind] = frozenset(AlertKind)

    def to_strings(self) -> dict[str, str]:
        """Flatten into key/value strings for storage."""
        out: dict[str, str] = {}
        for f in fields(self):
            value: Any = getattr(self, f.name)
            if f.name == "session_times":
                for k, v in asdict(value).items():
                    out[f"session_times.{k}"] = v.strftime("%H:%M")
            elif f.name == "alerts_enabled":
                out[f.name] = ",".join(sorted(k.value for k in value))
            else:
                out[f.name] = str(value)
        return out

    @classmethod
    def from_strings(cls, values: dict[str, str]) -> RuleSettings:
        """Inverse of :meth:`to_strings`; unknown keys are ignored, missing keys keep defaults.

        A number outside what a hall could mean (see :func:`implausible_settings`)
        keeps its default too, so that one stored 3,000,000 cannot stop every rules
        run; the hall is told which. Raises ValueError naming the key when a stored
        value cannot be read.
        """
        default = cls()
        ignored = {key for key, _raw in implausible_settings(values)}
        values = {k: v for k, v in values.items() if k not in ignored}
        kwargs: dict[str, Any] = {}
        times: dict[str, time] = {}
        for key, raw in values.items():
            try:
                if key.startswith("session_times."):
                    name = key.split(".", 1)[1]
                    if name in SessionTimes.__dataclass_fields__:
                        times[name] = time.fromisoformat(raw)
                elif key == "alerts_enabled":
                    kwargs[key] = frozenset(AlertKind(v) for v in raw.split(",") if v)
                elif key in cls.__dataclass_fields__:
                    kind = type(getattr(default, key))
                    kwargs[key] = kind(raw)
            except ValueError as exc:
                raise ValueError(
                    say("The setting {key} has a value that cannot be read: {raw}", key=key, raw=repr(raw))
                ) from exc
        if times:
            kwargs["session_times"] = SessionTimes(**{**asdict(default.session_times), **times})
        return cls(**kwargs)


#: Working days, session counts and targets a hall could mean; the settings page offers far less.
_MOST_DAYS = 3650


def implausible_settings(values: dict[str, str]) -> list[tuple[str, str]]:
    """Stored numbers outside what a hall could mean, as (key, stored text), in key order.

    Numbers are whole and 0 to 3,650 (working days, sessions), rates 0 to 1; a
    value that is not a number at all is left to :meth:`RuleSettings.from_strings`.
    """
    default = RuleSettings()
    found: list[tuple[str, str]] = []
    for key in sorted(values):
        raw = values[key]
        if key not in RuleSettings.__dataclass_fields__ or key in ("session_times", "alerts_enabled"):
            continue
        kind = type(getattr(default, key))
        try:
            number = kind(raw)
        except ValueError:
            continue
        # A rate is a share from 0 to 1 (NaN fails the comparison too), a count at most 3,650.
        highest = 1.0 if kind is float else _MOST_DAYS
        if not 0 <= number <= highest:
            found.append((key, raw))
    return found
