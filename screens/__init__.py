"""goaltui's screens: board (home), detail, help, goal form, milestones, dialogs.

Nothing is imported here on purpose: screens import each other lazily so the
board paints without loading the chart library or the form.
"""
