"""The `goaltui` command, one module per command family."""
