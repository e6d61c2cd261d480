"""The command line: --screenshot renders a PNG offscreen; start-up never imports torch."""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _env(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GRAPHVIZ_APP_DATA=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_screenshot_writes_png(tmp_path):
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "graphviz_app", "--screenshot", str(out)],
                       env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_screenshot_with_file_and_probe(tmp_path):
    from engine import Graph, serialize
    g = Graph()
    g.add_node("input", {"shape": (None, 2)}, name="x")
    path = tmp_path / "g.gvz"
    serialize.save(g, path)
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "graphviz_app", "--screenshot", str(out), str(path)],
                       env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 1000
    env = dict(_env(tmp_path), GRAPHVIZ_APP_PROBE="1")
    r = subprocess.run([sys.executable, "-m", "graphviz_app"], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "shown torch=False" in r.stdout


def test_version():
    from graphviz_app.app import parse_args
    try:
        parse_args(["--version"])
    except SystemExit as e:
        assert e.code == 0


def test_console_entry_point_is_main():
    import tomllib
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        target = tomllib.load(f)["project"]["scripts"]["graphviz-app"]
    module, func = target.split(":")
    mod = __import__(module, fromlist=[func])
    assert callable(getattr(mod, func))
