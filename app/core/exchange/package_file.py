"""The package file of docs/exchange-format.md: layout, encryption and signature.

Nothing here touches the database. `seal` turns a manifest and a payload into the bytes of a package;
`open_package` checks and reads them back. Every primitive comes from `cryptography`:

* the payload is compressed (zlib) and encrypted to the recipient's X25519 key: an ephemeral X25519
  key pair, HKDF-SHA256 over the shared secret, then ChaCha20-Poly1305 in chunks of 64 KiB whose
  nonce holds the chunk counter and a last-chunk flag (as age does), so a reordered, dropped or cut
  chunk fails to decrypt;
* the whole file, header and ciphertext, is signed with the sender's Ed25519 key; the 64-byte
  signature is the file's tail, so a truncated file never verifies.

What is read before the signature is checked is bounded: the header's length (`MAX_HEADER`) and its
nesting depth (`MAX_DEPTH`, counted by a scan before any JSON is parsed), so a file nobody signed
can cost neither memory nor the interpreter's stack. After it, the payload is inflated in bounded
steps (`app.core.exchange.payload`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import GridDeskError

FORMAT_VERSION = 1
MAGIC = b"GRIDDESK-PKG\x00\x00\x00\x01"  # 16 bytes; the last byte is FORMAT_VERSION
RECEIPT_MAGIC = b"GRIDDESK-RCT\x00\x00\x00\x01"
SCHEME = "x25519-hkdf-sha256-chacha20poly1305-stream"
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
SIGNATURE_SIZE = 64
HKDF_INFO = b"griddesk-package-v1"
MAX_HEADER = 64 * 1024  # a package's header: its manifest and encryption parameters (~1 KiB)
MAX_RECEIPT = 1024 * 1024  # a receipt lists every package imported, ~150 bytes each
MAX_DEPTH = 8  # nesting of a header, a receipt or an enrolment file (they need 4)
# the inflated payload: 180,000 residents and their households are 116 MB; a package declares its
# own length (`payload_length`), and none may claim more than this
MAX_PAYLOAD = 256 * 1024 * 1024
_HEADER_LEN = struct.Struct(">I")
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class PackageDamaged(GridDeskError):
    """The file is not a whole, unaltered package (cut short, changed, or not a package at all)."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(signing_public: bytes, encryption_public: bytes) -> str:
    """The fingerprint people compare at enrolment: SHA-256 of both raw public keys, 32 hex digits
    in groups of four (the same as `app.core.office.keys.public_fingerprint`)."""
    digest = hashlib.sha256(signing_public + encryption_public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def nesting_depth(text: bytes) -> int:
    """How deeply the arrays and objects of JSON `text` nest, counted without parsing it: strings
    are removed, then brackets counted (an unterminated string leaves its brackets counted)."""
    depth = deepest = 0
    for byte in _STRING.sub(b"", text).translate(None, _NOT_BRACKETS):
        if byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class _NotANumber(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NotANumber(f"{name} is not a number JSON allows")


def bounded_json(text: bytes, max_length: int, max_depth: int = MAX_DEPTH) -> Any:
    """JSON `text` parsed only after its length and nesting have been checked; ValueError (with
    what was wrong) for anything else than UTF-8 JSON within those bounds. NaN and Infinity, which
    Python's json accepts, are refused: JSON has no such numbers."""
    if len(text) > max_length:
        raise ValueError(f"longer than {max_length} bytes")
    depth = nesting_depth(text)
    if depth > max_depth:
        raise ValueError(f"nested {depth} deep (at most {max_depth})")
    try:
        return json.loads(text.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError as exc:  # cannot happen after the scan; kept as a plain refusal
        raise ValueError("nested too deep") from exc


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _stream_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=HKDF_INFO,
    ).derive(shared)


def encrypt_stream(plaintext: bytes, recipient: X25519PublicKey) -> tuple[bytes, bytes]:
    """(ephemeral public key, ciphertext) of `plaintext` for `recipient`."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = raw_public(ephemeral.public_key())
    key = _stream_key(ephemeral.exchange(recipient), ephemeral_public, raw_public(recipient))
    aead = ChaCha20Poly1305(key)
    chunks = [plaintext[i : i + CHUNK_SIZE] for i in range(0, len(plaintext), CHUNK_SIZE)] or [b""]
    out = bytearray()
    for i, chunk in enumerate(chunks):
        out += aead.encrypt(_nonce(i, i == len(chunks) - 1), chunk, None)
    return ephemeral_public, bytes(out)


def decrypt_chunks(
    ciphertext: bytes | memoryview, ephemeral_public: bytes, own: X25519PrivateKey
) -> Iterator[bytes]:
    """The plaintext chunk by chunk (64 KiB each, read from `ciphertext` without copying it);
    PackageDamaged as soon as a chunk is altered, missing, reordered or cut."""
    try:
        peer = X25519PublicKey.from_public_bytes(ephemeral_public)
        key = _stream_key(own.exchange(peer), ephemeral_public, raw_public(own.public_key()))
    except ValueError as exc:
        raise _damaged("ephemeral key") from exc
    aead = ChaCha20Poly1305(key)
    step = CHUNK_SIZE + TAG_SIZE
    view = memoryview(ciphertext)
    count = -(-len(view) // step)
    if not count:
        raise _damaged("no ciphertext")
    for i in range(count):
        try:
            yield aead.decrypt(_nonce(i, i == count - 1), view[i * step : (i + 1) * step], None)
        except InvalidTag as exc:
            raise _damaged(f"chunk {i}") from exc


def decrypt_stream(
    ciphertext: bytes | memoryview, ephemeral_public: bytes, own: X25519PrivateKey
) -> bytes:
    """The whole plaintext; PackageDamaged if any chunk is altered, missing, reordered or cut."""
    return b"".join(decrypt_chunks(ciphertext, ephemeral_public, own))


def damaged(what: str) -> PackageDamaged:
    """The refusal of a package that is not whole and unaltered; `what` names the part."""
    return _damaged(what)


def _damaged(what: str) -> PackageDamaged:
    return PackageDamaged(
        f"数据包已损坏或不完整（{what}），未导入任何内容。请重新从社区拷贝该文件。",
        f"The package is damaged or incomplete ({what}); nothing was imported. "
        "Copy the file again from the sending office.",
    )


@dataclass(frozen=True)
class Envelope:
    """A package file split into its parts; `signed` is every byte the signature covers."""

    header: dict[str, Any]
    ciphertext: memoryview  # views into the file's bytes: a package is not copied to be read
    signed: memoryview
    signature: bytes

    @property
    def manifest(self) -> dict[str, Any]:
        manifest = self.header.get("manifest")
        if not isinstance(manifest, dict):
            raise _damaged("manifest")
        return manifest


def seal(
    manifest: dict[str, Any],
    payload: dict[str, Any],
    recipient: X25519PublicKey,
    signer: Ed25519PrivateKey,
) -> bytes:
    """The bytes of a package file (docs/exchange-format.md, "Layout")."""
    text = canonical_json(payload)
    plaintext = zlib.compress(text, 6)
    ephemeral_public, ciphertext = encrypt_stream(plaintext, recipient)
    header = {
        "manifest": manifest,
        "encryption": {
            "scheme": SCHEME,
            "ephemeral_public": b64(ephemeral_public),
            "chunk_size": CHUNK_SIZE,
            "compression": "zlib",
            "payload_length": len(text),
            "ciphertext_length": len(ciphertext),
            "ciphertext_sha256": hashlib.sha256(ciphertext).hexdigest(),
        },
    }
    header_bytes = canonical_json(header)
    signed = MAGIC + _HEADER_LEN.pack(len(header_bytes)) + header_bytes + ciphertext
    return signed + signer.sign(signed)


def _header(data: bytes, magic: bytes, max_header: int) -> tuple[dict[str, Any], int]:
    """The header of a file of this layout and where the bytes after it begin; PackageDamaged if
    the magic is wrong or the header too long, too deeply nested or not a JSON object."""
    if len(data) < len(magic) + _HEADER_LEN.size:
        raise _damaged("too short")
    if data[: len(magic)] != magic:
        if data[: len(magic) - 1] == magic[:-1]:
            version = data[len(magic) - 1]
            if version > FORMAT_VERSION:  # made by a newer program: the format's own advice
                raise PackageDamaged(
                    f"数据包格式版本 {version} 来自更新版本的程序（本程序读版本 {FORMAT_VERSION}），"
                    "请升级本程序。",
                    f"Package format version {version} comes from a newer program (this one reads "
                    f"version {FORMAT_VERSION}): upgrade this program.",
                )
            raise PackageDamaged(
                f"数据包格式版本 {version} 不受支持（本程序读版本 {FORMAT_VERSION}）。",
                f"Package format version {version} is not supported "
                f"(this program reads version {FORMAT_VERSION}).",
            )
        raise _damaged("not a GridDesk file")
    start = len(magic) + _HEADER_LEN.size
    (length,) = _HEADER_LEN.unpack_from(data, len(magic))
    if length > max_header or start + length > len(data):
        raise _damaged("header length")
    try:
        header = bounded_json(data[start : start + length], max_header)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError included
        raise _damaged(f"header: {exc}") from exc
    if not isinstance(header, dict):
        raise _damaged("header")
    return header, start + length


def peek_manifest(head: bytes) -> dict[str, Any]:
    """The manifest of a package from the first `HEAD` bytes of its file (or all of a shorter
    one), unverified: for putting files in order and naming senders, never for trusting them."""
    manifest = _header(head, MAGIC, MAX_HEADER)[0].get("manifest")
    if not isinstance(manifest, dict):
        raise _damaged("manifest")
    return manifest


HEAD = len(MAGIC) + _HEADER_LEN.size + MAX_HEADER  # enough of a file to read its header


def split(data: bytes, magic: bytes = MAGIC, max_header: int | None = None) -> Envelope:
    """Parse the layout (no key needed); PackageDamaged if it is not a whole package file.

    Nothing is trusted yet, so the header is parsed only within `max_header` bytes (a package's
    `MAX_HEADER`, a receipt's `MAX_RECEIPT`) and `MAX_DEPTH` levels of nesting."""
    if max_header is None:
        max_header = MAX_RECEIPT if magic == RECEIPT_MAGIC else MAX_HEADER
    if len(data) < len(magic) + _HEADER_LEN.size + SIGNATURE_SIZE:
        raise _damaged("too short")
    header, end = _header(data, magic, max_header)
    if end + SIGNATURE_SIZE > len(data):
        raise _damaged("header length")
    signed = memoryview(data)[:-SIGNATURE_SIZE]
    return Envelope(
        header=header,
        ciphertext=signed[end:],
        signed=signed,
        signature=data[-SIGNATURE_SIZE:],
    )


def verify(envelope: Envelope, sender: Ed25519PublicKey) -> None:
    """PackageDamaged unless `sender` signed every byte before the signature."""
    try:
        sender.verify(envelope.signature, envelope.signed)
    except InvalidSignature as exc:
        raise _damaged("signature") from exc


@dataclass(frozen=True)
class Encryption:
    """The checked `encryption` part of a verified header."""

    ephemeral_public: bytes
    payload_limit: int  # the most the payload may inflate to: as declared, or MAX_PAYLOAD
    payload_length: int | None  # declared (GridDesk writes it; earlier versions did not)


def encryption(envelope: Envelope) -> Encryption:
    """The encryption parameters of a verified envelope, checked; PackageDamaged otherwise."""
    enc = envelope.header.get("encryption")
    if not isinstance(enc, dict) or enc.get("scheme") != SCHEME:
        raise _damaged("encryption scheme")
    if enc.get("chunk_size") != CHUNK_SIZE or enc.get("compression") != "zlib":
        raise _damaged("encryption parameters")
    if enc.get("ciphertext_length") != len(envelope.ciphertext):
        raise _damaged("ciphertext length")
    declared = enc.get("payload_length")
    if declared is not None and (
        type(declared) is not int or not 0 < declared <= MAX_PAYLOAD  # bool is not a length
    ):
        raise _damaged(f"payload_length must be 1 to {MAX_PAYLOAD}")
    try:
        ephemeral = unb64(str(enc.get("ephemeral_public")))
    except ValueError as exc:
        raise _damaged("ephemeral key") from exc
    return Encryption(ephemeral, declared or MAX_PAYLOAD, declared)


INFLATE_STEP = 1024 * 1024  # bytes inflated at a time


def inflate(chunks: Iterator[bytes], limit: int, exact: int | None = None) -> Iterator[bytes]:
    """The zlib stream split over `chunks`, inflated at most `INFLATE_STEP` bytes at a time:
    PackageDamaged as soon as it would exceed `limit` bytes (a small file that inflates to
    gigabytes is refused after `limit`, holding one step), if it does not end where the chunks do,
    or if `exact` is given and it ends at another length."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        for chunk in chunks:
            if inflater.eof:
                raise _damaged("data after the compressed payload")
            data = chunk
            while True:
                out = inflater.decompress(data, INFLATE_STEP)
                total += len(out)
                if total > limit:
                    raise _damaged(f"the payload inflates to more than {limit:,} bytes")
                if out:
                    yield out
                data = inflater.unconsumed_tail
                if not data and len(out) < INFLATE_STEP:
                    break
            if inflater.unused_data:
                raise _damaged("data after the compressed payload")
    except zlib.error as exc:
        raise _damaged(f"payload: {exc}") from exc
    if not inflater.eof:
        raise _damaged("the compressed payload is cut short")
    if exact is not None and total != exact:
        raise _damaged(f"the payload is {total:,} bytes, not {exact:,} as its header says")


def open_payload(envelope: Envelope, own: X25519PrivateKey, max_depth: int = 16) -> dict[str, Any]:
    """The whole payload of a verified envelope as one JSON value, within the bounds of its header
    (for tools and tests; an import reads it record by record: app.core.exchange.payload)."""
    enc = encryption(envelope)
    text = b"".join(
        inflate(
            decrypt_chunks(envelope.ciphertext, enc.ephemeral_public, own),
            enc.payload_limit,
            enc.payload_length,
        )
    )
    try:
        payload = bounded_json(text, enc.payload_limit, max_depth)
    except ValueError as exc:
        raise _damaged(f"payload: {exc}") from exc
    if not isinstance(payload, dict):
        raise _damaged("payload")
    return payload


def sign_document(magic: bytes, body: dict[str, Any], signer: Ed25519PrivateKey) -> bytes:
    """A small signed, unencrypted file (receipts): magic, header length, JSON, signature."""
    body_bytes = canonical_json(body)
    signed = magic + _HEADER_LEN.pack(len(body_bytes)) + body_bytes
    return signed + signer.sign(signed)


def package_hash(data: bytes) -> str:
    """The hash that names a package and chains the next one to it: SHA-256 of the whole file."""
    return hashlib.sha256(data).hexdigest()
