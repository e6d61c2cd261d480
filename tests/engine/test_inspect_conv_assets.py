"""The sample images ship with the app: found through importlib.resources, and copied by a
regular (non-editable) build."""
import pathlib
import subprocess
import sys

from engine.resources import asset

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ("scene.png", "shapes.png", "textures.png", "gradients.png", "text.png")


def test_samples_are_found_through_importlib_resources():
    for name in SAMPLES:
        node = asset("images", name)
        assert node.is_file(), name
        data = node.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 100 * 1024


def test_a_regular_build_copies_the_images(tmp_path):
    r = subprocess.run([sys.executable, "setup.py", "-q", "build", "--build-base", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    built = tmp_path / "lib" / "graphviz_assets" / "images"
    assert sorted(p.name for p in built.glob("*.png")) == sorted(SAMPLES)
