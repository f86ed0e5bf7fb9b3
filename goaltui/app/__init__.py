"""The Textual apps (board and wallboard), the command palette, signals, settings."""
