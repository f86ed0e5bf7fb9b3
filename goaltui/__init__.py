"""goaltui: keyboard-driven SMART goals for call-centre team leads."""

__version__ = "0.1.0"
