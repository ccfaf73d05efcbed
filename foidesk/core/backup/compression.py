"""Whether a member is worth compressing.

PDFs, office files (ZIPs), images, audio and archives are already compressed:
deflating them again costs time and saves nothing, so they are stored as they are.
Content with no known signature is tried on a sample first, which also catches
encrypted or random data.
"""

from __future__ import annotations

from foidesk.core.backup import deflate

SAMPLE_BYTES = 64 << 10
_WORTHWHILE = 0.9  # deflate only if the sample shrinks to under 90%

_SIGNATURES = (
    b"%PDF",  # PDF
    b"PK\x03\x04",  # ZIP, DOCX, XLSX, PPTX, ODF, EPUB
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG",  # PNG
    b"GIF8",  # GIF
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2
    b"\xfd7zXZ",  # xz
    b"7z\xbc\xaf",  # 7-Zip
    b"Rar!",  # RAR
    b"\x28\xb5\x2f\xfd",  # zstd
    b"OggS",  # Ogg
    b"ID3",  # MP3
    b"fLaC",  # FLAC
    b"\x00\x00\x00\x0cjP  ",  # JPEG 2000
)


def should_store(head: bytes) -> bool:
    """True when content starting with ``head`` should be stored rather than deflated."""
    if _compressed_already(head):
        return True
    sample = head[:SAMPLE_BYTES]
    if len(sample) < 64:
        return False
    return deflate.compressed_size(sample) > _WORTHWHILE * len(sample)


def deflated_if_worthwhile(data: bytes) -> bytes | None:
    """Content at hand: its DEFLATE stream, or None when it should be stored as it is.

    The same choice as ``should_store``; content no bigger than the sample is deflated
    once, and the result is both the test and the member.
    """
    if len(data) > SAMPLE_BYTES:
        return None if should_store(data) else deflate.deflated(data)
    if _compressed_already(data):
        return None
    packed = deflate.deflated(data)
    if len(data) >= 64 and len(packed) > _WORTHWHILE * len(data):
        return None
    return packed


def _compressed_already(head: bytes) -> bool:
    return head.startswith(_SIGNATURES) or _is_container(head)


def _is_container(head: bytes) -> bool:
    """RIFF (WebP, AVI, WAV) and ISO media (MP4, MOV, HEIC, AVIF) carry their tag at byte 4+."""
    riff = head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"AVI ")
    return riff or head[4:8] == b"ftyp"
