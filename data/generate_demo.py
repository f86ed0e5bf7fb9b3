"""Generate data/demo.json: a realistic call-centre team, deterministically.

One centre objective, team goals aligned to it, agent goals aligned to
those, milestones, about six months of weekday check-ins with plausible
noise, a target changed with a reason and a corrected check-in. The data
ends on goaltui.formats.demo.DEMO_TODAY; `goaltui --demo` shifts it to today.

Run from a checkout:  python data/generate_demo.py
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from goaltui.core.clock import FixedClock
from goaltui.core.ids import seed_ids
from goaltui.core.minutes import ONE_ON_ONE, TEAM_MEETING, Minutes, Outcome, review_item
from goaltui.core.models import Confidence, Goal, GoalStatus, Level, Metric
from goaltui.core.progress import evaluate
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Store

START = date(2026, 6, 1)
LEAD = "dana"
IMPORTER = "kpi-import"
# The CRM case-log export stopped after Thursday 19 November: the board marks the goal
# stale (no value for 4 working days), so a new user sees the mark.
STALE_GOAL, STALE_AFTER = "fcr-billing", date(2026, 11, 19)


@dataclass(frozen=True)
class Plan:
    """How a goal's metric moves in the demo: `reach` is the share of the way to
    target covered by DEMO_TODAY (1.0 = on pace for the due date)."""

    reach: float
    noise: float
    decimals: int = 0


def weekdays(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


GOALS: list[tuple[Goal, Plan]] = [
    (
        Goal(
            key="csat-centre",
            title="Raise centre CSAT to 85%",
            details="All inbound queues, post-call survey (4-5 ratings out of 1-5).",
            owner="Centre",
            level=Level.CENTER,
            why="Customer satisfaction is the centre's first objective for 2027.",
            metric=Metric(name="CSAT", unit="%", baseline=78, target=85),
            plan="Team goals on first-call resolution and handle time; monthly calibration.",
            start=START,
            due=date(2027, 6, 30),
        ),
        Plan(reach=1.05, noise=1.2, decimals=1),
    ),
    (
        Goal(
            key="fcr-billing",
            title="Resolve more billing calls first time",
            details="Billing team, all billing queues, measured from the CRM case log.",
            owner="Billing team",
            level=Level.TEAM,
            parent="csat-centre",
            why="Repeat calls are the top driver of low CSAT in billing.",
            metric=Metric(name="FCR", unit="%", baseline=68, target=78),
            plan="Knowledge-base refresh, weekly case reviews, refund authority for agents.",
            start=START,
            due=date(2027, 3, 31),
        ),
        Plan(reach=0.95, noise=1.5, decimals=1),
    ),
    (
        Goal(
            key="aht-billing",
            title="Cut billing average handle time",
            details="Billing team, talk + hold + after-call work, from the ACD report.",
            owner="Billing team",
            level=Level.TEAM,
            parent="csat-centre",
            why="Shorter calls free agents for callbacks and cut queue time.",
            metric=Metric(name="AHT", unit="s", baseline=520, target=420),
            plan="Hold-time script, faster account lookup, wrap-up codes.",
            start=START,
            due=date(2027, 2, 26),
        ),
        Plan(reach=0.78, noise=14),
    ),
    (
        Goal(
            key="callback-billing",
            title="Reduce call return time by 25%",
            details="Billing team callbacks, request to first callback, business hours.",
            owner="Billing team",
            level=Level.TEAM,
            parent="csat-centre",
            why="Customers waiting a day for a callback rate us 1-2.",
            metric=Metric(name="Call return time", unit="h", baseline=26, target=19.5),
            plan="Callback queue visible on the wallboard; two agents on callbacks after 3 pm.",
            start=START,
            due=date(2027, 5, 31),
        ),
        Plan(reach=1.0, noise=1.4, decimals=1),
    ),
    (
        Goal(
            key="adherence-billing",
            title="Keep billing schedule adherence above 92%",
            details="Billing team, time in scheduled activity from the WFM tool.",
            owner="Billing team",
            level=Level.TEAM,
            metric=Metric(name="Adherence", unit="%", baseline=84, target=92),
            plan="Break reminders, adherence in weekly one-on-ones.",
            start=START,
            due=date(2027, 1, 29),
        ),
        Plan(reach=1.1, noise=1.5, decimals=1),
    ),
    (
        Goal(
            key="kb-articles",
            title="Publish 20 billing knowledge-base articles",
            details="Billing team writes and reviews articles for the 20 most common calls.",
            owner="Billing team",
            level=Level.TEAM,
            parent="fcr-billing",
            why="Agents resolve first time when the answer is one search away.",
            metric=Metric(name="Articles", unit="", baseline=0, target=20),
            plan="Two articles a week, reviewed by Priya.",
            start=date(2026, 8, 3),
            due=date(2026, 11, 13),
        ),
        Plan(reach=0.8, noise=0.0),
    ),
    (
        Goal(
            key="aht-maria",
            title="Maria: bring AHT under 450 s",
            details="Maria Lopez, billing queue, ACD report.",
            owner="Maria Lopez",
            level=Level.AGENT,
            parent="aht-billing",
            why="Maria's calls are thorough but long; the team AHT goal needs her.",
            metric=Metric(name="AHT", unit="s", baseline=560, target=450),
            plan="Side-by-side coaching, hold-time script.",
            start=START,
            due=date(2027, 1, 29),
        ),
        Plan(reach=1.5, noise=8),
    ),
    (
        Goal(
            key="fcr-sam",
            title="Sam: lift first-call resolution to 72%",
            details="Sam Okafor, billing queue, CRM case log.",
            owner="Sam Okafor",
            level=Level.AGENT,
            parent="fcr-billing",
            why="Sam transfers many refund calls he could resolve himself.",
            metric=Metric(name="FCR", unit="%", baseline=62, target=72),
            plan="Refund authority training, weekly case review with Dana.",
            start=START,
            due=date(2027, 1, 29),
        ),
        Plan(reach=0.2, noise=1.2, decimals=1),
    ),
    (
        Goal(
            key="adherence-sam",
            title="Sam: schedule adherence 90%",
            details="Sam Okafor, WFM adherence report.",
            owner="Sam Okafor",
            level=Level.AGENT,
            parent="adherence-billing",
            why="Late returns from break leave the queue short at peak.",
            metric=Metric(name="Adherence", unit="%", baseline=82, target=90),
            plan="Break reminders in the softphone.",
            start=START,
            due=date(2027, 2, 26),
        ),
        Plan(reach=0.95, noise=1.6, decimals=1),
    ),
    (
        Goal(
            key="csat-priya",
            title="Priya: CSAT 88% on escalations",
            details="Priya Shah, escalation queue, post-call survey.",
            owner="Priya Shah",
            level=Level.AGENT,
            parent="csat-centre",
            why="Escalations are our unhappiest callers; Priya mentors the team on them.",
            metric=Metric(name="CSAT", unit="%", baseline=80, target=88),
            plan="De-escalation course in July.",
            start=START,
            due=date(2027, 3, 31),
        ),
        Plan(reach=1.0, noise=1.8, decimals=1),
    ),
    (
        Goal(
            key="aht-tom",
            title="Tom: AHT to 480 s",
            details="Tom Becker, billing queue, ACD report.",
            owner="Tom Becker",
            level=Level.AGENT,
            parent="aht-billing",
            why="Tom is new; handle time is his biggest gap.",
            metric=Metric(name="AHT", unit="s", baseline=610, target=450),
            plan="Shadowing Maria, system shortcuts training.",
            start=START,
            due=date(2027, 1, 29),
        ),
        Plan(reach=0.6, noise=12),
    ),
]

MILESTONES: dict[str, list[tuple[str, date | None, bool]]] = {
    "fcr-billing": [
        ("Map the 20 most common repeat-call reasons", date(2026, 7, 15), True),
        ("Give agents refund authority up to 50 EUR", date(2026, 9, 1), True),
        ("Weekly case review in the huddle", date(2026, 10, 1), True),
        ("Publish the knowledge-base articles", date(2026, 11, 13), False),
        ("Review FCR with the quality team", date(2027, 1, 15), False),
    ],
    "aht-billing": [
        ("Roll out the hold-time script", date(2026, 7, 1), True),
        ("Faster account lookup in the CRM", date(2026, 10, 30), False),
        ("Wrap-up code clean-up", date(2027, 1, 15), False),
    ],
    "callback-billing": [
        ("Callback queue on the wallboard", date(2026, 7, 10), True),
        ("Two agents on callbacks after 3 pm", date(2026, 9, 1), True),
        ("Same-day callback promise in the IVR", date(2027, 3, 1), False),
    ],
    "aht-maria": [
        ("Side-by-side coaching sessions", date(2026, 7, 31), True),
        ("Use the hold-time script on every call", date(2026, 9, 30), True),
    ],
    "fcr-sam": [
        ("Refund authority training", date(2026, 9, 15), True),
        ("Shadow Priya on escalations", date(2026, 11, 20), False),
        ("Case review with Dana", None, False),
    ],
    "aht-tom": [
        ("System shortcuts training", date(2026, 7, 15), True),
        ("Shadow Maria for a week", date(2026, 9, 30), True),
        ("Handle billing disputes without transfer", date(2026, 12, 18), False),
    ],
    "csat-priya": [("De-escalation course", date(2026, 7, 31), True)],
    "kb-articles": [
        ("Article template agreed", date(2026, 8, 14), True),
        ("First 10 articles live", date(2026, 10, 2), True),
        ("All 20 articles live", date(2026, 11, 13), False),
    ],
}

NOTES = [
    "System outage 14:00-15:30",
    "New hold-time script in use",
    "Coaching session today",
    "Heavy queue after the billing run",
    "Two agents off sick",
    "Great feedback from a long-standing customer",
]


def value_on(goal: Goal, plan: Plan, day: date, rng: random.Random) -> float:
    assert goal.metric.baseline is not None and goal.metric.target is not None
    assert goal.due is not None
    span = max((DEMO_TODAY - goal.start).days, 1)
    pace_today = min(span / max((goal.due - goal.start).days, 1), 1.0)
    elapsed = min(max((day - goal.start).days / span, 0.0), 1.0)
    share = plan.reach * pace_today * elapsed
    # Progress arrives in a curve, fast at first then slower, like real coaching.
    share = share * (1.15 - 0.15 * elapsed)
    value = goal.metric.baseline + (goal.metric.target - goal.metric.baseline) * share
    value += rng.gauss(0.0, plan.noise)
    return round(value, plan.decimals) if plan.decimals else float(round(value))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


# Past meetings (day, kind, attendees, {goal: (outcome, note)}), kept so the meetings screen
# and `export --format minutes --meeting all` have something to show.
MEETINGS: dict[date, tuple[str, list[str], dict[str, tuple[Outcome | None, str]]]] = {
    date(2026, 9, 14): (
        ONE_ON_ONE,
        ["Dana Whitfield", "Tom Becker"],
        {"aht-tom": (Outcome.ADJUST, "Launch calls run long: target eased, review in October")},
    ),
    date(2026, 11, 12): (
        TEAM_MEETING,
        ["Dana Whitfield", "Maria Lopez", "Sam Okafor", "Priya Shah", "Tom Becker"],
        {
            "aht-billing": (Outcome.KEEP, "Hold scripts shared; Maria walks the team through hers"),
            "fcr-billing": (Outcome.KEEP, ""),
            "callback-billing": (None, ""),
            "csat-centre": (Outcome.KEEP, "Survey wording changes in December"),
        },
    ),
    date(2026, 11, 19): (
        ONE_ON_ONE,
        ["Dana Whitfield", "Sam Okafor"],
        {
            "fcr-sam": (Outcome.KEEP, "Shadow Priya on two refund calls a week"),
            "adherence-sam": (Outcome.KEEP, "Breaks moved to match the forecast"),
        },
    ),
}


def hold_meeting(store: Store, clock: FixedClock, day: date) -> None:
    """The minutes of `day`'s meeting, with each goal's figures as they were that day."""
    kind, attendees, decisions = MEETINGS[day]
    clock.set(at(day, 15))
    store.user = LEAD
    snapshot = store.snapshot()
    goals = {g.key: g for g in snapshot.goals}
    items = [
        review_item(goals[key], evaluate(goals[key], snapshot.series.get(key, []), day), *how)
        for key, how in decisions.items()
    ]
    store.save_minutes(Minutes(held_on=day, kind=kind, attendees=attendees, items=items))


def build(path: Path) -> None:
    rng = random.Random(20261126)
    seed_ids(20261126)
    clock = FixedClock(at(START, 9))
    store = Store(path, clock=clock, user=LEAD)
    for goal, _ in GOALS:
        clock.set(at(goal.start, 9))
        store.add_goal(goal)
    for key, items in MILESTONES.items():
        for title, due, done in items:
            milestone = store.add_milestone(key, title, due)
            if done and due is not None:
                clock.set(at(min(due, DEMO_TODAY), 16))
                store.set_milestone_done(milestone.id, True)

    articles = 0.0  # kb-articles is a running count, not a noisy rate
    for day in weekdays(START, DEMO_TODAY):
        for goal, plan in GOALS:
            if day < goal.start:
                continue
            if goal.key == "kb-articles":
                # A count that only grows, two a week at best.
                if day.weekday() in (1, 3) and rng.random() < plan.reach:
                    articles = min(articles + 1, 16)
                value = articles
            else:
                value = value_on(goal, plan, day, rng)
            note = rng.choice(NOTES) if rng.random() < 0.04 else ""
            confidence = None
            if day.weekday() == 4 and goal.level is Level.AGENT:
                confidence = Confidence.ON_TRACK if plan.reach >= 0.9 else Confidence.AT_RISK
            if goal.key == STALE_GOAL and day > STALE_AFTER:
                continue  # after the draws above: the other goals keep their values
            clock.set(at(day, 18, 5))
            store.user = IMPORTER if goal.level is not Level.AGENT else LEAD
            store.log(goal.key, value, day, note=note, confidence=confidence)
        if day == date(2026, 9, 14):
            # Tom's target eased in a one-on-one: the ledger keeps the original.
            clock.set(at(day, 11))
            store.user = LEAD
            tom = store.goal("aht-tom")
            eased = tom.metric.model_copy(update={"target": 480.0})
            store.update_goal(
                tom.model_copy(update={"metric": eased}),
                reason="New product launch lengthens billing calls; agreed in 1:1",
            )
        if day in MEETINGS:
            hold_meeting(store, clock, day)
    # A corrected value: a typo logged, then fixed the same day (history keeps it).
    clock.set(at(DEMO_TODAY, 18, 20))
    store.user = LEAD
    store.log("csat-priya", 8.6, DEMO_TODAY - timedelta(days=1), note="")
    clock.set(at(DEMO_TODAY, 18, 25))
    store.log("csat-priya", 86.0, DEMO_TODAY - timedelta(days=1), note="Fixed a typo (8.6)")
    # Maria hit her target: the lead marked it achieved.
    clock.set(at(DEMO_TODAY, 9))
    store.set_status("aht-maria", GoalStatus.ACHIEVED)
    # The wins so far are on record, as a board that was open all along would have them.
    store.record_new_wins()


def main() -> None:
    target = Path(__file__).resolve().parent / "demo.json"
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "demo.json"
        build(scratch)
        target.write_bytes(scratch.read_bytes())
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
