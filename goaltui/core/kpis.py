"""The standard call-centre KPIs: what a lead means by "AHT", its unit, which way is
better and what centres typically aim for.

The goal form and `goaltui add` look a typed metric name up here (by its short or full
name, any case) to fill the unit and show the typical target as a hint; `goaltui kpis`
lists them. Advice only: a goal keeps whatever name, unit and target the lead gives it.
Pure Python, no pydantic (the CLI lists these without loading the models).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from goaltui.core import formatting as fmt

Better = Literal["lower", "higher", "band"]

BETTER_WORDS: dict[Better, str] = {
    "lower": "lower is better",
    "higher": "higher is better",
    "band": "best inside a band",
}


@dataclass(frozen=True)
class Kpi:
    """One standard KPI. `target` is a typical target to reach (lower/higher); `band`, for
    a KPI that is best inside a range (AHT, occupancy), the typical band (low, high)."""

    short: str  # what leads type: AHT
    name: str  # Average handle time
    unit: str  # "s" (shown m:ss), "%", "h", "" for points
    better: Better
    target: float | None = None
    band: tuple[float, float] | None = None
    common: str = ""  # what the trade reports as usual, in words
    aliases: tuple[str, ...] = ()  # other names leads use for it
    signed: bool = False  # values run negative too (NPS): a typical target reads +30

    def typical(self) -> str:
        """ "5:00..6:00", "80%", "+30", "24 h"; "" when there is no typical figure."""
        if self.band is not None:
            low, high = self.band
            return f"{fmt.bare(low, self.unit)}..{fmt.value(high, self.unit)}"
        if self.target is None:
            return ""
        text = fmt.value(self.target, self.unit)
        return f"+{text}" if self.signed and self.target > 0 else text

    def hint(self) -> str:
        """ "best inside a band, typical 5:00..6:00": the direction and the typical target."""
        typical = self.typical()
        return BETTER_WORDS[self.better] + (f", typical {typical}" if typical else "")

    def unit_text(self) -> str:
        """ "s (m:ss)", "%", "points": the unit as a lead reads it in a list."""
        label = fmt.unit_label(self.unit)
        if not self.unit:
            return "points"
        return self.unit if label == self.unit else f"{self.unit} ({label})"


LIBRARY: tuple[Kpi, ...] = (
    Kpi("AHT", "Average handle time", "s", "band", band=(300, 360),
        common="too short hurts FCR", aliases=("handle time",)),
    Kpi("ACW", "After-call work", "s", "lower", target=60, common="0:30 to 1:30",
        aliases=("after call work", "wrap-up time", "wrap up")),
    Kpi("FCR", "First-call resolution", "%", "higher", target=80,
        common="80% is world class",
        aliases=("first call resolution", "first contact resolution")),
    Kpi("CSAT", "Customer satisfaction", "%", "higher", target=80,
        common="75-85% is good"),
    Kpi("NPS", "Net promoter score", "", "higher", target=30, signed=True,
        common="-100 to +100", aliases=("net promoter",)),
    Kpi("SL", "Service level", "%", "higher", target=80,
        common="80% within 20 s", aliases=("service level %",)),
    Kpi("ABN", "Abandonment rate", "%", "lower", target=5, common="3-8%",
        aliases=("abandonment", "abandon rate", "abandoned calls")),
    Kpi("OCC", "Occupancy", "%", "band", band=(75, 85), common="over 90% burns out"),
    Kpi("ADH", "Schedule adherence", "%", "higher", target=90, common="85-95%",
        aliases=("adherence",)),
    Kpi("CRT", "Call return time", "h", "lower", target=24,
        common="same business day", aliases=("callback time", "call back time")),
    Kpi("QA", "QA score", "%", "higher", target=85, common="your centre's form",
        aliases=("quality score", "quality assurance", "quality")),
)  # fmt: skip


def _folded(text: str) -> str:
    """ "After-call  work" -> "after call work": case, dashes and spacing do not matter."""
    return " ".join(re.split(r"[\s_-]+", text.strip().lower())).strip()


_BY_NAME = {_folded(name): kpi for kpi in LIBRARY for name in (kpi.short, kpi.name, *kpi.aliases)}


def find(metric: str) -> Kpi | None:
    """The library KPI a typed metric name means ("aht", "Average handle time"), or None."""
    return _BY_NAME.get(_folded(metric))


def suggestions() -> list[str]:
    """Names to complete as the lead types a metric: short names first, then full names."""
    return [kpi.short for kpi in LIBRARY] + [kpi.name for kpi in LIBRARY]
