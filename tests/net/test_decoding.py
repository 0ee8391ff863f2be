"""Tests of app.net.decoding: every coding round-trips, and no single step hands out more than a piece."""

from __future__ import annotations

import zlib
from typing import Any

import pytest

from app.errors import CorruptBody, UnsupportedEncoding
from app.net import decoding
from app.net.decoding import PIECE, make_decoder

DENSE = bytes(8 * PIECE) + b"tail"  # zeros compress about 1000:1


def _decode(coding: str | None, body: bytes, split: int = 4096) -> list[bytes]:
    decoder = make_decoder(coding)
    pieces: list[bytes] = []
    for start in range(0, len(body), split):
        pieces += decoder.feed(body[start : start + split])
    pieces += decoder.flush()
    return pieces


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "body"),
    [
        (None, DENSE),
        ("identity", DENSE),
        ("utf-8", DENSE),  # a bogus coding seen in the wild is passed through, as httpx does
        ("gzip", _gzip(DENSE)),
        ("GZIP", _gzip(DENSE)),
        ("deflate", zlib.compress(DENSE, 9)),
        ("gzip", _gzip(DENSE) + b"\x00\x00garbage"),  # trailing bytes after the last member, as gzip(1) ignores
        ("deflate, gzip", _gzip(zlib.compress(DENSE))),
        ("gzip, identity", _gzip(DENSE)),
    ],
)
def test_round_trip_in_bounded_pieces(coding: str | None, body: bytes) -> None:
    pieces = _decode(coding, body, split=len(body) if coding in (None, "identity", "utf-8") else 4096)
    assert b"".join(pieces) == DENSE
    if coding not in (None, "identity", "utf-8"):
        assert max(len(p) for p in pieces) <= PIECE


def test_one_dense_chunk_still_comes_out_in_pieces() -> None:
    pieces = _decode("gzip", _gzip(bytes(64 * PIECE)), split=10**9)
    assert (sum(map(len, pieces)), max(map(len, pieces))) == (64 * PIECE, PIECE)


@pytest.mark.parametrize("coding", ["zstd", "compress", "x-compress"])
def test_codings_we_cannot_undo(coding: str) -> None:
    with pytest.raises(UnsupportedEncoding, match=coding):
        make_decoder(coding)


def test_corrupt_bodies() -> None:
    with pytest.raises(CorruptBody, match="gzip"):
        _decode("gzip", b"\x1f\x8bnot gzip at all")
    with pytest.raises(CorruptBody, match="deflate"):
        _decode("deflate", b"\xff\xff\xff\xff definitely not deflate")


def test_accept_encoding_offers_only_what_decodes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decoding, "_brotli", None)
    assert decoding.accept_encoding() == "gzip, deflate"
    with pytest.raises(UnsupportedEncoding, match="brotli is not installed"):
        make_decoder("br")
    monkeypatch.setattr(decoding, "_brotli", _FakeBrotli)
    assert decoding.accept_encoding() == "gzip, deflate, br"


# The brotli package is not installed here: a stand-in with its interface (zlib underneath) exercises the
# br decoder's loop in both of brotli's API generations.


class _BoundedDecompressor:
    """brotli >= 1.2: process(data, output_buffer_limit) and can_accept_more_data()."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()
        self._tail = b""

    def process(self, data: bytes, output_buffer_limit: int = 0) -> bytes:
        assert not (data and self._tail), "brotli forbids new input while output is pending"
        out = self._inner.decompress(self._tail + data, output_buffer_limit)
        self._tail = self._inner.unconsumed_tail
        return out

    def can_accept_more_data(self) -> bool:
        return not self._tail


class _OldDecompressor:
    """brotli < 1.2: process(data) only, with no output limit."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()

    def process(self, data: bytes) -> bytes:
        return self._inner.decompress(data)


class _FakeBrotli:
    error = zlib.error
    Decompressor: Any = _BoundedDecompressor


@pytest.mark.parametrize("decompressor", [_BoundedDecompressor, _OldDecompressor])
def test_br_decoder_with_either_brotli_api(monkeypatch: pytest.MonkeyPatch, decompressor: type) -> None:
    monkeypatch.setattr(_FakeBrotli, "Decompressor", decompressor)
    monkeypatch.setattr(decoding, "_brotli", _FakeBrotli)
    pieces = _decode("br", zlib.compress(DENSE, 9), split=10**9)
    assert b"".join(pieces) == DENSE
    if decompressor is _BoundedDecompressor:
        assert max(map(len, pieces)) <= PIECE
    with pytest.raises(CorruptBody, match="br"):
        _decode("br", b"\xff\xff\xff\xff not brotli")
