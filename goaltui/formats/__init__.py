"""Text in and out: CSV import, exports, the text board, plain tables, the demo data."""
