"""Helpers of benchmarks/bench_centre.py: data files, child apps, tmux panes, the measures.

Nothing here reads or writes the data file's insides: files are built with the public
Store API and touched afterwards only through the `goaltui` command and `Store`.
"""
