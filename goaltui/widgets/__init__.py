"""Reusable Textual widgets and the live reader that keeps screens up to date."""
