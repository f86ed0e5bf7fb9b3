"""The only door to the data file: lock, atomic write, schema, migrations, backups, the Store.

Takes and returns goaltui.core models; TinyDB stays inside this package."""
