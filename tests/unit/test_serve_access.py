"""`goaltui serve`'s access rules (cli/web_access.py): listen address, Origin, key."""

from __future__ import annotations

import pytest

from goaltui.cli.web_access import (
    authority,
    is_loopback,
    is_wildcard,
    key_matches,
    origin_allowed,
    parse_host,
    parse_public_url,
    url_host,
)


@pytest.mark.parametrize(
    ("given", "host"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),  # the short form getaddrinfo takes
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("[0:0:0:0:0:0:0:1]", "::1"),
        ("0.0.0.0", "0.0.0.0"),
        ("::", "::"),
        ("LocalHost", "localhost"),
        ("box-2.example", "box-2.example"),
    ],
)
def test_hosts_are_read_in_the_forms_people_type(given: str, host: str) -> None:
    assert parse_host(given) == host


@pytest.mark.parametrize("given", ["", "[]", "[1.2.3.4]", "::g", "1.2.3.4.5", "bad host", "a..b"])
def test_a_bad_host_is_refused_in_one_line(given: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_host(given)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("given", "local"),
    [
        ("127.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("::ffff:127.0.0.1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.5", False),
        ("box.example", False),  # a name is not resolved, so not promised to be local
    ],
)
def test_loopback_is_127_slash_8_and_colon_colon_1(given: str, local: bool) -> None:
    assert is_loopback(parse_host(given)) is local


def test_wildcards_and_ipv6_in_urls() -> None:
    assert is_wildcard("0.0.0.0") and is_wildcard("::")
    assert not is_wildcard("127.0.0.1") and not is_wildcard("localhost")
    assert url_host("::1") == "[::1]" and url_host("127.0.0.1") == "127.0.0.1"


def test_public_urls() -> None:
    assert parse_public_url("https://goals.example/board/") == "https://goals.example/board"
    assert parse_public_url("http://box:8000") == "http://box:8000"
    for bad in ("goals.example", "ftp://goals.example", "http://", "http://h?key=1", "http://h:x"):
        with pytest.raises(ValueError):
            parse_public_url(bad)


def test_authority_fills_in_the_default_port() -> None:
    assert authority("http://Box.Example", "http") == ("box.example", 80)
    assert authority("https://box.example", "http") == ("box.example", 443)
    assert authority("box.example", "https") == ("box.example", 443)
    assert authority("[::1]:8000", "http") == ("::1", 8000)
    assert authority("http://h:99999", "http") is None


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        (None, "127.0.0.1:8000", True),  # not sent: not a page (curl, the first navigation)
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost:9000", "localhost:9000", True),  # an SSH tunnel on another port
        ("http://[::1]:8000", "[::1]:8000", True),
        ("http://evil.example", "127.0.0.1:8000", False),
        ("http://127.0.0.1:9000", "127.0.0.1:8000", False),  # another port: another site
        ("http://127.0.0.1", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),  # a sandboxed frame, a file: page
        ("null", "null", False),
        ("http://evil.example:8000", "evil.example:8000", True),  # rebinding: the key stops it
    ],
)
def test_origin_must_be_the_host_the_browser_used(
    origin: str | None, host: str, allowed: bool
) -> None:
    assert origin_allowed(origin, host, "http", None) is allowed


def test_origin_may_be_the_public_url_behind_a_proxy() -> None:
    public = "https://goals.example/board"
    assert origin_allowed("https://goals.example", "127.0.0.1:8000", "http", public)
    assert not origin_allowed("http://goals.example", "127.0.0.1:8000", "http", public)
    assert not origin_allowed("https://evil.example", "127.0.0.1:8000", "http", public)


def test_the_key_must_match_exactly() -> None:
    assert key_matches("abc", "abc")
    assert not key_matches(None, "abc")
    assert not key_matches("", "abc")
    assert not key_matches("abcd", "abc")
    assert not key_matches("ab\u00e7", "abc")  # non-ASCII: refused, not a TypeError
