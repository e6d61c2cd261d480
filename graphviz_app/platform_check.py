"""First start on Linux: name the system libraries Qt's xcb platform plugin cannot find.

When a library the xcb plugin links against is missing, Qt only says it "could not load the Qt
platform plugin xcb" and, since Qt 6.5, hints at libxcb-cursor0 whatever is really missing.
:func:`check_platform` runs before the QApplication is created: it reads the plugin's ELF
dynamic section (its NEEDED entries), follows Qt's own libraries inside the PySide6 wheel, tries
to load every system library with the dynamic loader (``ctypes.CDLL``, the same search Qt's
``dlopen`` makes), and prints one line naming the libraries really missing and the Debian/Ubuntu
packages that provide them.

Nothing here imports Qt: the point is to run before Qt can fail.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import struct
import sys
from typing import Callable, TextIO

#: Every system package the xcb platform (and the Qt GUI library under it) needs on
#: Debian 12 / Ubuntu 22.04 and later; the README gives this line.
APT_PACKAGES = (
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-render0", "libxcb-shape0", "libxcb-shm0", "libxcb-sync1",
    "libxcb-util1", "libxcb-xfixes0", "libxcb-xkb1", "libxcb1", "libx11-xcb1", "libx11-6",
    "libxkbcommon0", "libxkbcommon-x11-0", "libgl1", "libegl1", "libfontconfig1",
    "libfreetype6", "libdbus-1-3", "libglib2.0-0",
)
APT_LINE = "sudo apt-get install " + " ".join(APT_PACKAGES)

# sonames whose Debian package name does not follow the usual rule (see package_of)
_PACKAGE_OF = {
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
    "libz.so.1": "zlib1g", "libgcc_s.so.1": "libgcc-s1", "libstdc++.so.6": "libstdc++6",
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6", "ld-linux-x86-64.so.2": "libc6", "ld-linux-aarch64.so.1": "libc6",
}
#: packages every Debian/Ubuntu system has (priority required), left out of the apt line
BASE_PACKAGES = frozenset({"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libzstd1"})

EXIT_OK = 0
EXIT_MISSING = 3   # the app's exit code when the platform plugin cannot load


def package_of(soname: str) -> str:
    """The Debian package that ships ``soname`` ('libxcb-icccm.so.4' -> 'libxcb-icccm4').

    Debian's rule: the library name, lower case, followed by its major version, with a dash
    between when the name ends in a digit ('libxkbcommon-x11.so.0' -> 'libxkbcommon-x11-0')."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    base, sep, version = soname.partition(".so.")
    if not sep:
        return soname.lower()
    base = base.lower()
    return f"{base}-{version}" if base[-1:].isdigit() else f"{base}{version}"


def read_needed(path: str) -> list[str]:
    """The NEEDED entries (sonames, in file order) of the ELF shared object at ``path``.

    Reads the section headers, finds SHT_DYNAMIC and the string table it links to, and
    collects every DT_NEEDED string (only those parts of the file are read). Raises
    ValueError for a file that is not ELF."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF":
            raise ValueError(f"{path} is not an ELF file")
        is64 = head[4] == 2
        end = "<" if head[5] == 1 else ">"
        if is64:
            shoff, = struct.unpack_from(end + "Q", head, 0x28)
            shentsize, shnum = struct.unpack_from(end + "HH", head, 0x3A)
            sh_fmt, dyn_fmt = end + "IIQQQQIIQQ", end + "qQ"
        else:
            shoff, = struct.unpack_from(end + "I", head, 0x20)
            shentsize, shnum = struct.unpack_from(end + "HH", head, 0x2E)
            sh_fmt, dyn_fmt = end + "IIIIIIIIII", end + "iI"
        f.seek(shoff)
        table = f.read(shentsize * shnum)
        sections = [struct.unpack_from(sh_fmt, table, i * shentsize) for i in range(shnum)]
        names: list[str] = []
        for sh in sections:
            if sh[1] != 6:       # SHT_DYNAMIC
                continue
            offset, size, link = sh[4], sh[5], sh[6]
            f.seek(sections[link][4])
            strtab = f.read(sections[link][5])
            f.seek(offset)
            dynamic = f.read(size)
            for tag, value in struct.iter_unpack(dyn_fmt, dynamic):
                if tag == 0:     # DT_NULL
                    break
                if tag == 1:     # DT_NEEDED
                    names.append(strtab[value:strtab.index(b"\0", value)].decode("utf-8",
                                                                                "replace"))
    return names


def can_load(soname: str) -> bool:
    """True when the dynamic loader finds ``soname`` and everything it needs."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(plugin: str, qt_lib_dir: str,
                      loader: Callable[[str], bool] = can_load) -> list[str]:
    """Sonames the plugin at ``plugin`` needs, directly or through Qt's libraries in
    ``qt_lib_dir``, that the system cannot load (sorted, without repeats)."""
    missing: set[str] = set()
    seen: set[str] = set()
    todo = [plugin]
    while todo:                           # breadth over Qt's own libraries, each once
        path = todo.pop()
        for name in read_needed(path):
            if name in seen:
                continue
            seen.add(name)
            bundled = os.path.join(qt_lib_dir, name)
            if os.path.exists(bundled):
                todo.append(bundled)
            elif not loader(name):
                missing.add(name)
    return sorted(missing)


def platform_name(environ: dict[str, str] | os._Environ = os.environ,
                  system: str = sys.platform) -> str:
    """The platform plugin Qt will try first: $QT_QPA_PLATFORM, else on Linux 'wayland' in a
    Wayland session and 'xcb' otherwise; '' elsewhere (Windows, macOS)."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if not system.startswith("linux"):
        return ""
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY")
    return "wayland" if wayland else "xcb"


def pyside_qt_dirs() -> tuple[str, str] | None:
    """(path of libqxcb.so, Qt's lib folder) inside the installed PySide6, or None."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    qt = os.path.join(list(spec.submodule_search_locations)[0], "Qt")
    plugin = os.path.join(qt, "plugins", "platforms", "libqxcb.so")
    return (plugin, os.path.join(qt, "lib")) if os.path.exists(plugin) else None


def missing_line(missing: list[str]) -> str:
    """The one line printed when libraries are missing."""
    packages = sorted(dict.fromkeys(package_of(m) for m in missing))
    return (f"graphviz-app: Qt's xcb platform cannot start: missing system "
            f"librar{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}; install "
            f"{'it' if len(missing) == 1 else 'them'} with: sudo apt-get install "
            f"{' '.join(packages)} (everything the app needs: {APT_LINE})")


def check_platform(environ: dict[str, str] | os._Environ = os.environ,
                   plugin: str | None = None, qt_lib_dir: str | None = None,
                   out: TextIO | None = None,
                   loader: Callable[[str], bool] = can_load) -> int:
    """Before the QApplication exists: when Qt will use xcb, check the plugin's libraries.

    Returns ``EXIT_OK`` (0) when the platform is not xcb or everything loads; otherwise
    prints :func:`missing_line` to ``out`` (stderr) and returns ``EXIT_MISSING`` (3).
    ``plugin`` / ``qt_lib_dir`` default to the installed PySide6's."""
    if platform_name(environ) != "xcb":
        return EXIT_OK
    if plugin is None or qt_lib_dir is None:
        found = pyside_qt_dirs()
        if found is None:       # a Qt build without the xcb plugin: Qt reports it itself
            return EXIT_OK
        plugin, qt_lib_dir = plugin or found[0], qt_lib_dir or found[1]
    try:
        missing = missing_libraries(plugin, qt_lib_dir, loader)
    except (OSError, ValueError, struct.error) as e:
        print(f"graphviz-app: could not inspect Qt's xcb plugin {plugin} ({e}); if the app "
              f"does not start, install: {APT_LINE}", file=out or sys.stderr)
        return EXIT_OK
    if not missing:
        return EXIT_OK
    print(missing_line(missing), file=out or sys.stderr)
    return EXIT_MISSING


__all__ = ["APT_LINE", "APT_PACKAGES", "BASE_PACKAGES", "check_platform", "missing_libraries", "read_needed",
           "package_of", "platform_name", "missing_line", "EXIT_OK", "EXIT_MISSING"]
