"""The sample pictures as built-in data, read with no network and no Qt: the PNG reader
against an independent encoder (every filter type), the shapes and labels of both data sets,
and patches that really come from the picture they are labelled with."""
from __future__ import annotations

import socket
import struct
import zlib

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from engine.data import sample_images as si


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _encode_png(px: np.ndarray, colour: int) -> bytes:
    """A PNG of uint8 pixels (H, W, bpp), row r filtered with filter type r % 5."""
    h, w, bpp = px.shape
    rows, prev = [], [0] * (w * bpp)
    for r in range(h):
        cur = px[r].reshape(-1).tolist()
        kind = r % 5
        out = []
        for i, x in enumerate(cur):
            a = cur[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            pred = [0, a, b, (a + b) // 2, _paeth(a, b, c)][kind]
            out.append((x - pred) % 256)
        rows.append(bytes([kind] + out))
        prev = cur

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, colour, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


def test_read_png_undoes_every_filter_type(tmp_path):
    px = np.random.default_rng(0).integers(0, 256, (11, 7, 3), dtype=np.uint8)
    path = tmp_path / "rgb.png"
    path.write_bytes(_encode_png(px, 2))
    np.testing.assert_array_equal(si.read_png(path), px.astype(np.float32) / 255)


def test_read_png_puts_transparent_pixels_over_white(tmp_path):
    px = np.array([[[255, 0, 0, 0], [0, 0, 255, 255], [0, 255, 0, 51]]], np.uint8)
    path = tmp_path / "rgba.png"
    path.write_bytes(_encode_png(px, 6))
    img = si.read_png(path)
    np.testing.assert_allclose(img[0, 0], [1, 1, 1])            # fully transparent: white
    np.testing.assert_allclose(img[0, 1], [0, 0, 1])            # opaque: itself
    np.testing.assert_allclose(img[0, 2], [0.8, 1.0, 0.8], atol=1e-6)


def test_read_png_names_the_file_and_the_problem(tmp_path):
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"GIF89a not a png")
    with pytest.raises(ValueError, match="photo.png is not a PNG file"):
        si.read_png(bad)
    good = _encode_png(np.zeros((4, 4, 3), np.uint8), 2)
    cut = tmp_path / "cut.png"
    at = good.index(b"IDAT") + 4
    cut.write_bytes(good[:at] + b"\x00" * 8 + good[at + 8:])
    with pytest.raises(ValueError, match="cut.png is damaged"):
        si.read_png(cut)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("the sample data must not touch the network")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_sample_images_load_with_no_network(no_network):
    ds = si.sample_images(size=48)
    k = len(si.SAMPLES)
    assert ds["x"].shape == (k, 3, 48, 48) and ds["x"].dtype == np.float32
    np.testing.assert_array_equal(ds["y"], np.arange(k))
    assert ds.meta["class_names"] == [f.removesuffix(".png") for f in si.SAMPLES]
    assert ds.meta["image_shape"] == [3, 48, 48]
    assert 0.0 <= ds["x"].min() and ds["x"].max() <= 1.0
    flat = ds["x"].reshape(k, -1)
    assert min(np.abs(flat[i] - flat[j]).mean() for i in range(k) for j in range(i)) > 0.01
    grey = si.sample_images(size=16, grey=True)
    assert grey["x"].shape == (k, 1, 16, 16)


def test_patches_come_from_the_picture_they_are_labelled_with(no_network):
    ds = si.sample_patches(size=16, per_image=6, seed=3)
    k = len(si.SAMPLES)
    assert ds["x"].shape == (6 * k, 3, 16, 16)
    np.testing.assert_array_equal(np.bincount(ds["y"]), [6] * k)
    pics = si.sample_images(size=si.PATCH_SOURCE_SIZE)["x"]
    for i in range(0, len(ds), 7):            # a spread of patches, each found in its picture
        windows = sliding_window_view(pics[:, 0], (16, 16), axis=(1, 2))   # (K, n, n, 16, 16)
        err = np.abs(windows - ds["x"][i, 0]).max(axis=(3, 4))
        assert err[ds["y"][i]].min() < 1e-6


def test_sizes_out_of_range_are_refused():
    with pytest.raises(ValueError, match="patch size must be between 4 and 64"):
        si.sample_patches(size=100)
    with pytest.raises(ValueError, match="image size must be between 8 and 512"):
        si.sample_images(size=4)
