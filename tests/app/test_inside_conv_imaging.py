"""Images for the filter lab: formats, grey and colour, EXIF orientation, bad files refused."""
import struct
import zlib

import numpy as np
import pytest
from PySide6.QtGui import QImage, QImageIOHandler, QImageWriter

from graphviz_app import imaging


def write(tmp_path, name, rgb, fmt=None):
    path = str(tmp_path / name)
    assert imaging.rgb_to_qimage(rgb).save(path, fmt)
    return path


def pattern(h=20, w=30):
    rgb = np.zeros((h, w, 3))
    rgb[:h // 2, :w // 3, 0] = 1.0         # red block top left
    rgb[h // 2:, 2 * w // 3:, 2] = 1.0     # blue block bottom right
    rgb[:, :, 1] = np.linspace(0, 1, w)    # green ramp left to right
    return rgb


@pytest.mark.parametrize("suffix", ["png", "bmp"])
def test_lossless_formats_read_back_exactly(qapp, tmp_path, suffix):
    rgb = pattern()
    img = imaging.load_image(write(tmp_path, f"p.{suffix}", rgb))
    assert img.size == (30, 20) and not img.grey and img.note == ""
    np.testing.assert_allclose(img.rgb, np.round(rgb * 255) / 255, atol=1e-6)


def test_jpeg_reads_close_to_the_original(qapp, tmp_path):
    rgb = pattern(40, 60)
    img = imaging.load_image(write(tmp_path, "p.jpg", rgb))
    assert img.rgb.shape == (40, 60, 3)
    assert np.abs(img.rgb - rgb).mean() < 0.05
    assert img.rgb[5, 5, 0] > 0.8 and img.rgb[35, 55, 2] > 0.8


def test_grey_image_is_marked_grey(qapp, tmp_path):
    q = QImage(8, 4, QImage.Format.Format_Grayscale8)
    q.fill(100)
    path = str(tmp_path / "g.png")
    assert q.save(path)
    img = imaging.load_image(path)
    assert img.grey
    np.testing.assert_allclose(img.rgb, 100 / 255, atol=1e-6)


def test_gif_is_read(qapp, tmp_path):
    # a 1x1 GIF whose one palette colour is pure red
    gif = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\x00\x00\x00\x00\x00,\x00\x00\x00\x00"
           b"\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
    path = tmp_path / "r.gif"
    path.write_bytes(gif)
    img = imaging.load_image(str(path))
    np.testing.assert_allclose(img.rgb, [[[1.0, 0.0, 0.0]]])


def test_exif_orientation_is_respected(qapp, tmp_path):
    q = imaging.rgb_to_qimage(pattern(20, 40))
    path = str(tmp_path / "rot.jpg")
    w = QImageWriter(path)
    w.setTransformation(QImageIOHandler.Transformation.TransformationRotate90)
    assert w.write(q)
    img = imaging.load_image(path)
    assert img.size == (20, 40)            # turned upright: 90° clockwise
    # the red block (top left of the stored picture) is now at the top right
    assert img.rgb[2, 17, 0] > 0.8 and img.rgb[2, 2, 0] < 0.3


def test_transparent_pixels_show_over_white(qapp, tmp_path):
    q = QImage(4, 4, QImage.Format.Format_ARGB32)
    q.fill(0x00000000)
    path = str(tmp_path / "clear.png")
    assert q.save(path)
    np.testing.assert_allclose(imaging.load_image(path).rgb, 1.0)


def test_a_large_image_is_scaled_to_the_working_size_with_a_note(qapp, tmp_path):
    path = write(tmp_path, "big.png", np.ones((500, 1000, 3)) * 0.5)
    img = imaging.load_image(path, working=256)
    assert img.size == (256, 128) and img.original == (1000, 500)
    assert "scaled from 1000x500 to 256x128" in img.note


def png_header_only(w, h):
    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def test_bad_files_are_refused_with_a_message(qapp, tmp_path):
    good = write(tmp_path, "good.png", np.random.default_rng(0).random((64, 64, 3)))
    data = open(good, "rb").read()
    (tmp_path / "trunc.png").write_bytes(data[:len(data) // 2])
    jpg = write(tmp_path, "good.jpg", np.random.default_rng(1).random((64, 64, 3)))
    jdata = open(jpg, "rb").read()
    (tmp_path / "trunc.jpg").write_bytes(jdata[:len(jdata) // 2])
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "notes.png").write_text("this is text, not a picture\n" * 20)
    (tmp_path / "noise.jpg").write_bytes(np.random.default_rng(2).bytes(3000))
    (tmp_path / "huge.png").write_bytes(png_header_only(50000, 50000))
    cases = {"trunc.png": "truncated or corrupt", "trunc.jpg": "truncated",
             "empty.png": "empty", "notes.png": "not an image", "noise.jpg": "not an image",
             "huge.png": "2500 megapixels", "missing.png": "does not exist"}
    for name, words in cases.items():
        with pytest.raises(imaging.ImageError, match=words):
            imaging.load_image(str(tmp_path / name))


def test_samples_ship_and_load_small(qapp):
    labels = [lab for lab, _ in imaging.samples()]
    assert labels[:5] == ["scene", "shapes", "textures", "gradients", "text"]
    assert "china (photo)" in labels and "flower (photo)" in labels
    for lab, path in imaging.samples():
        img = imaging.load_sample(lab)
        assert img.rgb.dtype == np.float32 and img.rgb.ndim == 3
        assert 0.0 <= img.rgb.min() and img.rgb.max() <= 1.0 and img.rgb.std() > 0.05
        if not lab.endswith("(photo)"):
            import os
            assert os.path.getsize(path) < 100 * 1024
    with pytest.raises(imaging.ImageError, match="no sample image"):
        imaging.load_sample("nope")
