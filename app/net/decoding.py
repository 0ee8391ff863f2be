"""Content-Encoding decoders that hand out bounded pieces, so a gzip bomb is stopped after the cap, not before."""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from app.errors import CorruptBody, UnsupportedEncoding

__all__ = ["PIECE", "Decoder", "accept_encoding", "make_decoder"]

PIECE = 64 * 1024
"""Largest piece one step may inflate: memory stays O(PIECE) however dense the input is."""


def _load_brotli() -> Any:
    # httpx decodes br only with the optional brotli package; without it br is neither offered nor decoded.
    try:
        return importlib.import_module("brotli")
    except ImportError:
        return None


_brotli = _load_brotli()


class Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def flush(self) -> Iterator[bytes]: ...


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        yield data

    def flush(self) -> Iterator[bytes]:
        yield from ()


class _Zlib:
    """gzip (several members allowed, RFC 1952 §2.2) or deflate (zlib-wrapped, or raw as some servers send)."""

    def __init__(self, *, gzip: bool) -> None:
        self._gzip = gzip
        self._wbits = (16 + zlib.MAX_WBITS) if gzip else zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False
        self._members = 1

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                yield from self._inflate(data)
            except zlib.error:
                if not self._gzip and not self._started:
                    # RFC 9110 says zlib format, but raw deflate is common: retry the first bytes as raw.
                    self._wbits = -zlib.MAX_WBITS
                    self._obj = zlib.decompressobj(self._wbits)
                    self._started = True
                    continue
                if self._gzip and self._members > 1:
                    return  # trailing garbage after a complete member is ignored, as gzip(1) does
                raise CorruptBody("gzip" if self._gzip else "deflate") from None
            self._started = True
            data = b""
            if self._gzip and self._obj.eof and self._obj.unused_data:
                data = self._obj.unused_data
                self._obj = zlib.decompressobj(self._wbits)
                self._members += 1

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        out = self._obj.decompress(data, PIECE)
        yield out
        # A full piece may leave output inside zlib: keep asking until it returns less than a piece. After
        # the end of a stream the leftover input is in unused_data (the next gzip member), not ours here.
        while not self._obj.eof and (self._obj.unconsumed_tail or len(out) == PIECE):
            tail = self._obj.unconsumed_tail
            out = self._obj.decompress(tail, PIECE)
            if not out and self._obj.unconsumed_tail == tail:
                if tail:
                    raise CorruptBody("gzip" if self._gzip else "deflate")  # no progress: never loop on it
                break
            yield out

    def flush(self) -> Iterator[bytes]:
        try:
            yield self._obj.flush()
        except zlib.error:
            raise CorruptBody("gzip" if self._gzip else "deflate") from None


class _Brotli:
    """br via the brotli package; bounded per step with ``output_buffer_limit`` (brotli ≥ 1.2)."""

    _SLICE = 1024  # older brotli has no output limit: feeding small slices keeps each step's output smaller

    def __init__(self) -> None:
        self._obj = _brotli.Decompressor()
        self._bounded = hasattr(self._obj, "can_accept_more_data")

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            yield from self._process(data)
        except _brotli.error:
            raise CorruptBody("br") from None

    def _process(self, data: bytes) -> Iterator[bytes]:
        if not self._bounded:
            for start in range(0, len(data), self._SLICE):
                yield bytes(self._obj.process(data[start : start + self._SLICE]))
            return
        out = bytes(self._obj.process(data, output_buffer_limit=PIECE))
        yield out
        # brotli: after a limited call, only empty input may follow until it can accept more data.
        while not self._obj.can_accept_more_data():
            out = bytes(self._obj.process(b"", output_buffer_limit=PIECE))
            if not out:
                break
            yield out

    def flush(self) -> Iterator[bytes]:
        yield from ()


class _Chain:
    """Several codings applied in order (RFC 9110 §8.4): decode them in reverse."""

    def __init__(self, decoders: Sequence[Decoder]) -> None:
        self._decoders = decoders

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(0, iter((data,)))

    def flush(self) -> Iterator[bytes]:
        for index, decoder in enumerate(self._decoders):
            yield from self._through(index + 1, decoder.flush())

    def _through(self, start: int, pieces: Iterator[bytes]) -> Iterator[bytes]:
        if start == len(self._decoders):
            yield from pieces
            return
        for piece in pieces:
            yield from self._through(start + 1, self._decoders[start].feed(piece))


_UNDECODABLE = frozenset({"compress", "x-compress", "zstd"})


def _one(coding: str) -> Decoder:
    if coding in ("gzip", "x-gzip"):
        return _Zlib(gzip=True)
    if coding == "deflate":
        return _Zlib(gzip=False)
    if coding == "br":
        if _brotli is None:
            raise UnsupportedEncoding("br (brotli is not installed)")
        return _Brotli()
    if coding in _UNDECODABLE:
        raise UnsupportedEncoding(coding)
    # Unknown tokens ("utf-8", "none" are seen in the wild) are passed through as httpx does.
    return _Identity()


def make_decoder(content_encoding: str | None) -> Decoder:
    """A decoder for a Content-Encoding header value; UnsupportedEncoding for codings we cannot undo."""
    tokens = [t.strip().lower() for t in (content_encoding or "").split(",")]
    decoders = [_one(t) for t in reversed(tokens) if t not in ("", "identity")]
    if not decoders:
        return _Identity()
    return decoders[0] if len(decoders) == 1 else _Chain(decoders)


def accept_encoding() -> str:
    """The Accept-Encoding value to send: only codings this process can decode."""
    return "gzip, deflate, br" if _brotli is not None else "gzip, deflate"
