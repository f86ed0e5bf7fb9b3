"""Platform exports as a cron import meets them (tests/unit/fixtures/exports/), and the
demo centre they are imported into: the demo team plus an ACW goal for Tom and Sam.

- genesys-daily.csv: one row per agent and day, "Last, First" quoted names, hh:mm:ss
  durations, "85.00%" percentages, 2026/11/21 dates, CRLF, trailing ",,,,,,," rows.
- connect-intervals.csv: 30-minute rows, first- and last-name columns, ISO timestamps
  with a Z, a "Contacts handled" count (0 for an idle interval), ACW in milliseconds.
- five9-daily.csv: ';' with decimal commas ("70,73 %"), mm:ss, upper-case headers,
  "tom" / "BECKER" in separate columns, 2026-11-23 00:00:00 timestamps.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from goaltui.core.models import Goal, Level, Metric
from goaltui.store.store import Store

EXPORTS = Path(__file__).parent / "unit" / "fixtures" / "exports"
GENESYS = EXPORTS / "genesys-daily.csv"
CONNECT = EXPORTS / "connect-intervals.csv"
FIVE9 = EXPORTS / "five9-daily.csv"

GENESYS_COLUMNS = [
    "Avg Handle=AHT",
    "Avg ACW=ACW",
    "FCR %=FCR",
    "CSAT %=CSAT",
    "Adherence %=Adherence",
]
GENESYS_ARGS = [*(a for c in GENESYS_COLUMNS for a in ("--column", c)), "--owner-col", "Agent Name"]
CONNECT_COLUMNS = ["Average handle time=AHT", "Average after contact work time (ms)=ACW:ms"]
CONNECT_OWNERS = ["Agent first name", "Agent last name"]
CONNECT_ARGS = [
    *(a for c in CONNECT_COLUMNS for a in ("--column", c)),
    *(a for c in CONNECT_OWNERS for a in ("--owner-col", c)),
    "--date-col",
    "Interval start",
    "--weight-col",
    "Contacts handled",
]
FIVE9_COLUMNS = [
    "AFTER CALL WORK / AGENT STATE TIME=ACW",
    "FIRST CALL RESOLUTION=FCR",
    "CUSTOMER SATISFACTION=CSAT",
    "ADHERENCE=Adherence",
]
FIVE9_OWNERS = ["AGENT FIRST NAME", "AGENT LAST NAME"]
FIVE9_ARGS = [
    *(a for c in FIVE9_COLUMNS for a in ("--column", c)),
    *(a for c in FIVE9_OWNERS for a in ("--owner-col", c)),
    "--date-col",
    "DATE",
]


def add_acw_goals(store: Store) -> None:
    """ACW goals for Tom and Sam (the demo has none), started before the exports' days."""
    for key, owner, baseline, target in (
        ("acw-tom", "Tom Becker", 75.0, 60.0),
        ("acw-sam", "Sam Okafor", 70.0, 55.0),
    ):
        store.add_goal(
            Goal(
                key=key,
                title=f"Cut {owner.split()[0]}'s after-call work",
                owner=owner,
                level=Level.AGENT,
                metric=Metric(name="ACW", unit="s", baseline=baseline, target=target),
                start=date(2026, 11, 1),
                due=date(2027, 2, 28),
            )
        )
