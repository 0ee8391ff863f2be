"""The console's session cookie: signed, bound to the admin key, expiring."""

from __future__ import annotations

from app.ui.session import SESSION_SECONDS, new_session, read_session, seal, signing_key

NOW = 1_800_000_000


def test_a_sealed_session_reads_back_until_it_expires() -> None:
    key = signing_key("fhk_admin-key")
    session = new_session(admin=True, now=NOW)
    cookie = seal(session, key)
    assert read_session(cookie, key, now=NOW + 60) == session
    assert read_session(cookie, key, now=NOW + SESSION_SECONDS) is None


def test_rotating_the_admin_key_ends_every_session() -> None:
    cookie = seal(new_session(admin=True, now=NOW), signing_key("fhk_old-key"))
    assert read_session(cookie, signing_key("fhk_new-key"), now=NOW) is None


def test_a_session_cannot_be_promoted_by_editing_the_cookie() -> None:
    key = signing_key("fhk_admin-key")
    cookie = seal(new_session(admin=False, now=NOW), key)
    body, signature = cookie.split(".")
    promoted = seal(new_session(admin=True, now=NOW), signing_key("guess")).split(".")[0]
    assert read_session(f"{promoted}.{signature}", key, now=NOW) is None
    assert read_session(f"{body}.{signature}", key, now=NOW) is not None
    for broken in ("", ".", "a.b.c", "é.é", f"{body}.", f".{signature}"):
        assert read_session(broken, key, now=NOW) is None
