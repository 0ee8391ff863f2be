"""The one error tree of feedhook; it knows no HTTP codes (api/problems.py maps it to RFC 9457).

FeedhookError                  base: ``code`` is a stable slug, ``detail`` a human sentence
├── InputError                 the sender's data cannot be used as it is
│   ├── PayloadError           a webhook body that cannot be decoded or read
│   ├── PayloadTooLarge        a body over the configured limit
│   ├── NormalizeError         fields present, but no usable item (e.g. no headline)
│   ├── QuarantinedError       a refused webhook payload kept in quarantine: ``reason`` (a payload,
│   │                          normalize or store refusal) says why, ``quarantine_id`` where (None: dry run)
│   ├── UnstorableItem         a usable item the database refuses to store as it is
│   ├── BlockedURL             an outbound URL the guard refuses (scheme, userinfo, non-public address)
│   ├── FeedParseError         a fetched document that is not a feed at all
│   ├── UndecodableBody        a fetched body whose Content-Encoding cannot be undone
│   │   ├── UnsupportedEncoding    one this process cannot decode (br without the brotli package)
│   │   └── CorruptBody            one that does not decode under its declared coding
│   ├── InvalidCursor          a pagination cursor this service did not issue for this listing
│   ├── OpmlError              an OPML document that cannot be read
│   └── DiscoveryError         a site page that announces no feed (the console's "add a site")
├── Unauthorized               missing, unknown or revoked credentials
│   └── LoginNeeded            a console page without a logged-in session (the browser is sent to log in)
├── Forbidden                  valid credentials whose scope does not allow this
│   └── BadForm                a console form without the session's CSRF token (or oversized)
├── NotFound                   no such resource
├── Conflict                   the resource exists already
├── Unavailable                a dependency (the database) cannot answer now; ``retry_after`` seconds
└── StartupProblem             a setting, folder or port that keeps the server from starting (one line)
"""

from __future__ import annotations

__all__ = [
    "BadForm",
    "BlockedURL",
    "Conflict",
    "CorruptBody",
    "DiscoveryError",
    "FeedParseError",
    "FeedhookError",
    "Forbidden",
    "InputError",
    "InvalidCursor",
    "LoginNeeded",
    "NormalizeError",
    "NotFound",
    "OpmlError",
    "PayloadError",
    "PayloadTooLarge",
    "QuarantinedError",
    "StartupProblem",
    "Unauthorized",
    "Unavailable",
    "UndecodableBody",
    "UnstorableItem",
    "UnsupportedEncoding",
]


class FeedhookError(Exception):
    """Base of every error feedhook raises on purpose."""

    code = "error"
    title = "Error"

    def __init__(self, detail: str, *, missing: tuple[str, ...] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.missing = missing


class InputError(FeedhookError):
    code = "invalid-input"
    title = "Invalid input"


class PayloadError(InputError):
    code = "unreadable-payload"
    title = "Unreadable payload"


class PayloadTooLarge(InputError):
    code = "payload-too-large"
    title = "Payload too large"


class NormalizeError(InputError):
    code = "unusable-item"
    title = "Unusable item"


class QuarantinedError(InputError):
    """A refused webhook payload, kept in quarantine; the problem it answers with is its ``reason``'s."""

    code = "quarantined"
    title = "Quarantined payload"

    def __init__(self, reason: InputError, quarantine_id: int | None) -> None:
        super().__init__(reason.detail, missing=reason.missing)
        self.reason = reason
        self.quarantine_id = quarantine_id


class UnstorableItem(InputError):
    code = "unstorable-item"
    title = "Item the store refuses"


class Unauthorized(FeedhookError):
    code = "unauthorized"
    title = "Unauthorized"


class Forbidden(FeedhookError):
    code = "forbidden"
    title = "Forbidden"


class NotFound(FeedhookError):
    code = "not-found"
    title = "Not found"


class Conflict(FeedhookError):
    code = "conflict"
    title = "Conflict"


class Unavailable(FeedhookError):
    code = "unavailable"
    title = "Service unavailable"

    def __init__(self, detail: str, *, retry_after: int = 5) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class BlockedURL(InputError):
    code = "blocked-url"
    title = "URL not allowed"


class FeedParseError(InputError):
    code = "not-a-feed"
    title = "Not a feed"


class UndecodableBody(InputError):
    code = "undecodable-body"
    title = "Undecodable body"


class UnsupportedEncoding(UndecodableBody):
    """``detail`` names the coding."""


class CorruptBody(UndecodableBody):
    """``detail`` names the coding."""


class InvalidCursor(InputError):
    code = "invalid-cursor"
    title = "Invalid cursor"


class OpmlError(InputError):
    code = "invalid-opml"
    title = "Invalid OPML"


class DiscoveryError(InputError):
    code = "no-feed-found"
    title = "No feed found"


class LoginNeeded(Unauthorized):
    """The console answers it with a redirect to its login page, not with problem+json."""

    code = "login-needed"
    title = "Login needed"


class BadForm(Forbidden):
    """The console answers it with its own 403 page."""

    code = "bad-form"
    title = "Form refused"


class StartupProblem(FeedhookError):
    """A reason the service cannot start, as one line for the operator (printed by `feedhook serve`)."""

    code = "cannot-start"
    title = "Cannot start"
