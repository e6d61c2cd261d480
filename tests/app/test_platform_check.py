"""The xcb start-up check: ELF parsing, which libraries are really missing, the apt line.

A copy of the real xcb plugin with one NEEDED name rewritten to a library that exists nowhere
stands for a machine where that library is missing, whatever this machine has installed."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest

from graphviz_app import platform_check as pc

DIRS = pc.pyside_qt_dirs()
needs_xcb = pytest.mark.skipif(DIRS is None, reason="this PySide6 build has no xcb plugin")


def _broken_plugin(tmp_path, real: bytes, fake: bytes) -> str:
    """The xcb plugin with the NEEDED entry ``real`` renamed to ``fake`` (same length)."""
    assert len(real) == len(fake)
    data = open(DIRS[0], "rb").read()
    assert data.count(real + b"\0") == 1
    path = tmp_path / "libqxcb.so"
    path.write_bytes(data.replace(real + b"\0", fake + b"\0"))
    return str(path)


@needs_xcb
def test_read_needed_lists_the_plugins_libraries_in_file_order():
    needed = pc.read_needed(DIRS[0])
    # as `readelf -d libqxcb.so` lists them for PySide6 6.x
    assert needed[0] == "libQt6XcbQpa.so.6"
    for name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0",
                 "libxkbcommon-x11.so.0", "libX11-xcb.so.1", "libc.so.6"):
        assert name in needed
    assert len(needed) == len(set(needed))


def test_read_needed_refuses_a_file_that_is_not_elf(tmp_path):
    path = tmp_path / "plain.so"
    path.write_bytes(b"not an ELF file at all, just text" * 4)
    with pytest.raises(ValueError, match="not an ELF file"):
        pc.read_needed(str(path))


@needs_xcb
def test_a_library_missing_on_the_system_is_named_and_present_ones_are_not(tmp_path):
    plugin = _broken_plugin(tmp_path, b"libxcb-cursor.so.0", b"libgvz-absent.so.0")
    missing = pc.missing_libraries(plugin, DIRS[1])
    assert "libgvz-absent.so.0" in missing
    for present in ("libc.so.6", "libm.so.6", "libstdc++.so.6"):
        assert present not in missing
    out = io.StringIO()
    code = pc.check_platform({"QT_QPA_PLATFORM": "xcb"}, plugin, DIRS[1], out)
    assert code == pc.EXIT_MISSING
    line = out.getvalue()
    assert line.count("\n") == 1
    assert "libgvz-absent.so.0" in line and "sudo apt-get install libgvz-absent0" in line
    assert "libxcb-cursor.so.0" not in line.split("(")[0]   # the misleading hint is not given


@needs_xcb
def test_only_the_refused_libraries_are_reported_including_those_qt_libraries_need():
    refused = {"libxcb-keysyms.so.1", "libEGL.so.1"}   # libEGL: needed by libQt6Gui only
    assert "libEGL.so.1" not in pc.read_needed(DIRS[0])
    missing = pc.missing_libraries(*DIRS, loader=lambda name: name not in refused)
    assert missing == sorted(refused)
    out = io.StringIO()
    code = pc.check_platform({"QT_QPA_PLATFORM": "xcb"}, *DIRS, out,
                             loader=lambda name: name not in refused)
    assert code == pc.EXIT_MISSING
    assert "install them with: sudo apt-get install libegl1 libxcb-keysyms1 (" in out.getvalue()


@needs_xcb
def test_nothing_is_printed_when_everything_loads():
    out = io.StringIO()
    assert pc.check_platform({"QT_QPA_PLATFORM": "xcb"}, *DIRS, out, loader=lambda n: True) == 0
    assert out.getvalue() == ""


def test_other_platforms_are_not_checked(tmp_path):
    not_elf = tmp_path / "libqxcb.so"
    not_elf.write_text("unreadable")
    calls = []
    for env in ({"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "wayland;xcb"}):
        out = io.StringIO()
        assert pc.check_platform(env, str(not_elf), str(tmp_path), out,
                                 loader=calls.append) == pc.EXIT_OK
        assert out.getvalue() == ""
    assert calls == []


@needs_xcb
def test_the_apt_line_covers_every_library_the_plugin_needs():
    every = pc.missing_libraries(*DIRS, loader=lambda name: False)
    wanted = {pc.package_of(m) for m in every} - pc.BASE_PACKAGES
    assert wanted - set(pc.APT_PACKAGES) == set()
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= wanted
    assert pc.APT_LINE.startswith("sudo apt-get install libxcb-cursor0 ")


@pytest.mark.parametrize("soname, package", [
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libX11.so.6", "libx11-6"), ("libdbus-1.so.3", "libdbus-1-3"), ("libGL.so.1", "libgl1"),
    ("libglib-2.0.so.0", "libglib2.0-0"), ("libz.so.1", "zlib1g")])
def test_debian_package_names(soname, package):
    assert pc.package_of(soname) == package


@pytest.mark.parametrize("env, system, name", [
    ({}, "linux", "xcb"), ({"QT_QPA_PLATFORM": "offscreen"}, "linux", "offscreen"),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, "linux", "xcb"),
    ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland"),
    ({"XDG_SESSION_TYPE": "wayland"}, "linux", "xcb"), ({}, "win32", ""), ({}, "darwin", "")])
def test_platform_name(env, system, name):
    assert pc.platform_name(env, system) == name


def test_apt_packages_have_no_repeats():
    assert len(set(pc.APT_PACKAGES)) == len(pc.APT_PACKAGES)


def test_the_check_runs_without_qt():
    code = ("import sys; import graphviz_app.platform_check as p; "
            "p.check_platform({'QT_QPA_PLATFORM': 'offscreen'}); "
            "print(any(m.startswith('PySide6.Qt') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_the_app_command_checks_the_platform_before_qt(monkeypatch):
    """run() returns the check's code without creating a QApplication when xcb cannot load."""
    from graphviz_app import app as app_module
    from graphviz_app import platform_check
    made = []
    monkeypatch.setattr(platform_check, "check_platform", lambda *a, **k: platform_check.EXIT_MISSING)
    monkeypatch.setattr(app_module, "make_app", lambda *a, **k: made.append(1))
    assert app_module.run([]) == platform_check.EXIT_MISSING
    assert not made
