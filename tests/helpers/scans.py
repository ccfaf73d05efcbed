"""Scans the tests make themselves: text rendered at a given resolution, turned a few
degrees, speckled with noise, saved as an image-only PDF or as PNG, JPEG or TIFF.

``require_tesseract`` skips (fails under CI) naming the Debian packages when Tesseract
or one of its languages is missing.
"""

from __future__ import annotations

import io
import os
import random
import shutil
from collections.abc import Sequence

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
A4_INCHES = (8.27, 11.69)


def require_tesseract(*languages: str) -> None:
    """Skip unless Tesseract and the data for ``languages`` are installed."""
    import pytesseract

    packages = "tesseract-ocr " + " ".join(f"tesseract-ocr-{code}" for code in languages)
    message = f"Tesseract is not available (apt-get install {packages})"
    installed: set[str] = set()
    if shutil.which("tesseract"):
        installed = set(pytesseract.get_languages(config=""))
    if not set(languages) <= installed:
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def scan_image(
    lines: Sequence[str], *, dpi: int = 200, angle: float = 2.5, noise: float = 0.01, seed: int = 1
) -> Image.Image:
    """A greyscale A4 page with ``lines`` in 12 pt type, rotated ``angle`` degrees."""
    width, height = (round(side * dpi) for side in A4_INCHES)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, round(12 * dpi / 72))
    y = dpi  # a one-inch margin
    for line in lines:
        draw.text((dpi, y), line, font=font, fill=20)
        y += round(18 * dpi / 72)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    return _speckled(page, noise, seed)


def _speckled(page: Image.Image, noise: float, seed: int) -> Image.Image:
    """Random dark and light specks over ``noise`` of the pixels, like a dusty scanner."""
    rng = random.Random(seed)
    pixels = page.load()
    assert pixels is not None
    width, height = page.size
    for _ in range(int(width * height * noise)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 90, 160, 255))
    return page


def image_bytes(page: Image.Image, kind: str, dpi: int = 200) -> bytes:
    """The page saved as ``PNG``, ``JPEG``, ``TIFF`` or an image-only ``PDF``."""
    out = io.BytesIO()
    options: dict[str, object] = (
        {"resolution": float(dpi)} if kind == "PDF" else {"dpi": (dpi, dpi)}
    )
    if kind == "JPEG":
        options["quality"] = 80
    page.save(out, format=kind, **options)
    return out.getvalue()


def scanned_pdf(pages: Sequence[Image.Image], dpi: int = 200) -> bytes:
    """Several page images as one image-only PDF (no text layer)."""
    out = io.BytesIO()
    first, *rest = pages
    first.save(out, format="PDF", resolution=float(dpi), save_all=True, append_images=rest)
    return out.getvalue()
