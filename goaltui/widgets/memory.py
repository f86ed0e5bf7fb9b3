"""Giving memory back to the system after a live read (glibc only; a no-op elsewhere).

Each refresh of a centre's file parses it anew (the old parse is dropped once the new
one is in, see store/bulk.py), but glibc keeps the freed pages: its mmap threshold grows
to the largest block freed (the file's bytes, ~9 MB), so later blocks come from the heap
and an open board's RSS grew by a parse's worth and stayed there. Fixing the thresholds
keeps big blocks in mmap (returned on free), and a trim after each read hands back the
heap pages the previous parse used.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt parameters (malloc.h)
_THRESHOLD = 128 * 1024  # glibc's default, made fixed rather than adaptive


@cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018 - musl and others have no malloc_trim
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def tune() -> None:
    """Once at start: fixed thresholds, so the file's big buffers never stay in the heap."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, _THRESHOLD)
        libc.mallopt(_M_TRIM_THRESHOLD, _THRESHOLD)


def trim() -> None:
    """After a read: return the free heap pages (a few ms, run in the read's thread)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
