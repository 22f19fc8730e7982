"""The storage encoding of captures: lossless PNG, and the digest that ties what is derived
from a stored PNG (its interchange JPEG 2000) to exactly that PNG."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.biometrics.encoding import decode_png, encode_png, png_digest


def test_png_keeps_every_pixel_grey_and_colour() -> None:
    rng = np.random.default_rng(7)
    for shape in ((64, 48), (64, 48, 3)):
        image = rng.integers(0, 256, shape, dtype=np.uint8)
        assert np.array_equal(decode_png(encode_png(image)), image)


def test_the_digest_changes_with_any_pixel() -> None:
    image = np.full((32, 32), 200, np.uint8)
    first = encode_png(image)
    image[31, 31] = 201
    assert png_digest(first) == png_digest(bytes(first))
    assert png_digest(first) != png_digest(encode_png(image))
    assert len(png_digest(first)) == 32


def test_a_stored_capture_that_is_not_a_png_is_refused() -> None:
    with pytest.raises(ValueError, match="not a readable PNG"):
        decode_png(b"not a png")
