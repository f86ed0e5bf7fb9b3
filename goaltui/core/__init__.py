"""The domain: models, rules, progress maths, SMART grading, wins, alignment, minutes.

Pure: no textual, no rich, no store, no file I/O."""
