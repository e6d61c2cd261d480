"""Image folders: classes from sub-folders, NumPy-only PGM/PPM decoding, resizing, and bad
files reported and skipped."""
import numpy as np
import pytest

from engine.data import Cancelled
from engine.data.image_folder import (ImageFolderError, decode_netpbm, load_image_folder,
                                      resize, scan_folder)


def write_pgm(path, img: np.ndarray, binary: bool = True) -> None:
    h, w = img.shape
    if binary:
        path.write_bytes(f"P5\n# made by a test\n{w} {h}\n255\n".encode()
                         + img.astype(np.uint8).tobytes())
    else:
        path.write_text(f"P2\n{w} {h}\n255\n" + " ".join(str(int(v)) for v in img.ravel()))


def write_ppm(path, img: np.ndarray) -> None:
    h, w, _ = img.shape
    path.write_bytes(f"P6\n{w} {h}\n255\n".encode() + img.astype(np.uint8).tobytes())


def test_pgm_binary_and_text_decode_to_the_same_pixels(tmp_path):
    img = np.arange(16, dtype=np.uint8).reshape(4, 4) * 16
    write_pgm(tmp_path / "a.pgm", img)
    write_pgm(tmp_path / "b.pgm", img, binary=False)
    a = decode_netpbm(str(tmp_path / "a.pgm"), 4, True)
    b = decode_netpbm(str(tmp_path / "b.pgm"), 4, True)
    assert a.shape == (1, 4, 4)
    np.testing.assert_allclose(a[0], img / 255.0, atol=1e-6)
    np.testing.assert_array_equal(a, b)


def test_ppm_colour_and_its_luminance(tmp_path):
    img = np.zeros((2, 2, 3), np.uint8)
    img[0, 0] = (255, 0, 0)
    img[1, 1] = (0, 0, 255)
    write_ppm(tmp_path / "c.ppm", img)
    colour = decode_netpbm(str(tmp_path / "c.ppm"), 2, False)
    assert colour.shape == (3, 2, 2)
    np.testing.assert_allclose(colour[:, 0, 0], [1, 0, 0])   # channel order R, G, B
    np.testing.assert_allclose(colour[:, 1, 1], [0, 0, 1])
    grey = decode_netpbm(str(tmp_path / "c.ppm"), 2, True)
    np.testing.assert_allclose(grey[0], [[0.299, 0], [0, 0.114]], atol=1e-6)


def test_resize_shrinks_by_block_averages_and_keeps_constants():
    img = np.arange(16, dtype=np.float32).reshape(1, 4, 4)
    small = resize(img, 2)
    np.testing.assert_allclose(small[0], [[2.5, 4.5], [10.5, 12.5]])
    np.testing.assert_allclose(resize(np.full((1, 5, 7), 0.3), 3), 0.3, atol=1e-6)
    np.testing.assert_allclose(resize(np.full((1, 3, 3), 0.7), 8), 0.7, atol=1e-6)
    big = resize(np.array([[[0.0, 1.0]]]), 4)      # 1x2 → 4x4: grows monotonically left→right
    assert big.shape == (1, 4, 4) and np.all(np.diff(big[0, 0]) >= 0)
    assert big[0, 0, 0] == 0.0 and big[0, 0, -1] == 1.0


def make_folder(tmp_path, corrupt: bool = True):
    root = tmp_path / "shapes"
    for k, cls in enumerate(("dark", "light")):
        (root / cls).mkdir(parents=True)
        for i in range(3):
            write_pgm(root / cls / f"{i}.pgm", np.full((6, 6), 40 + 170 * k, np.uint8))
    if corrupt:
        (root / "light" / "broken.pgm").write_bytes(b"P5\n6 6\n255\n\x00\x01")  # truncated
        (root / "dark" / "junk.png").write_bytes(b"not an image at all")
    (root / "dark" / "notes.txt").write_text("not an image by name")
    return root


def test_folder_gives_classes_and_skips_bad_files_by_name(tmp_path):
    root = make_folder(tmp_path)
    ds, skipped = load_image_folder(root, size=4, grey=True)
    assert ds.meta["class_names"] == ["dark", "light"]
    assert ds["x"].shape == (6, 1, 4, 4) and ds["x"].dtype == np.float32
    np.testing.assert_array_equal(ds["y"], [0, 0, 0, 1, 1, 1])
    np.testing.assert_allclose(ds["x"][ds["y"] == 0], 40 / 255, atol=1e-6)
    np.testing.assert_allclose(ds["x"][ds["y"] == 1], 210 / 255, atol=1e-6)
    assert len(skipped) == 2
    assert any(s.startswith("light/broken.pgm: ") and "truncated" in s for s in skipped)
    assert any(s.startswith("dark/junk.png: ") for s in skipped)
    assert ds.meta["skipped"] == skipped
    assert "dark/notes.txt" in scan_folder(root).ignored


def test_colour_load_repeats_grey_channels(tmp_path):
    ds, _ = load_image_folder(make_folder(tmp_path, corrupt=False), size=4, grey=False)
    assert ds["x"].shape == (6, 3, 4, 4)
    np.testing.assert_array_equal(ds["x"][:, 0], ds["x"][:, 2])


def test_a_custom_decoder_is_used(tmp_path):
    root = make_folder(tmp_path, corrupt=False)
    calls = []

    def decoder(path, size, grey):
        calls.append(path)
        return np.full((1, size, size), 0.5, np.float32)

    ds, skipped = load_image_folder(root, size=5, decoder=decoder)
    assert len(calls) == 6 and not skipped
    np.testing.assert_array_equal(ds["x"], 0.5)


@pytest.mark.parametrize("setup, words", [
    (lambda p: p / "missing", "is not a folder"),
    (lambda p: p, "has no sub-folders"),
])
def test_unusable_folders_say_why(tmp_path, setup, words):
    (tmp_path / "file.pgm").write_bytes(b"x")
    with pytest.raises(ImageFolderError, match=words):
        load_image_folder(setup(tmp_path))


def test_all_files_bad_is_an_error_naming_the_first(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.pgm").write_bytes(b"garbage")
    with pytest.raises(ImageFolderError, match="none of the 1 .*a/x.pgm"):
        load_image_folder(tmp_path)


def test_cancel_stops_the_load(tmp_path):
    with pytest.raises(Cancelled):
        load_image_folder(make_folder(tmp_path), should_stop=lambda: True)


def test_size_out_of_range_is_refused(tmp_path):
    with pytest.raises(ImageFolderError, match="from 4 to 256"):
        load_image_folder(make_folder(tmp_path), size=1000)
