"""`python -m goaltui`: the same as the `goaltui` command (`goaltui serve` uses it)."""

from goaltui.cli.main import main

main()
