"""Refresh the translation files: extract every marked string into the .ts, then compile .qm.

    python assets/i18n/update.py            # lupdate, then lrelease
    python assets/i18n/update.py --release  # lrelease only (after editing translations)

``pyside6-lupdate`` reads graphviz_app/ (``tr``, ``translate``, ``QT_TRANSLATE_NOOP``) and
engine/messages*.py (the engine's message templates, context "engine") into
``graphviz_app_zh_CN.ts``; translations already there are kept, and strings no longer in the
code are dropped. ``pyside6-lrelease`` compiles the .ts into the ``.qm`` the app loads. Both
files are committed, so the app never needs the tools at run time. The example guides are
translated as whole files in assets/guides/zh_CN/ rather than here.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("zh_CN",)
SOURCES = ("graphviz_app", "engine/messages.py", "engine/messages_data.py",
           "engine/messages_onnx.py", "engine/messages_views.py", "engine/messages_inspect.py",
           "engine/messages_load.py")


def tool(name: str) -> str:
    """The PySide6 tool ``name`` ("lupdate", "lrelease"), shipped inside the PySide6 package."""
    import PySide6
    exe = Path(PySide6.__file__).parent / name
    if not exe.exists():
        sys.exit(f"{exe} is missing; install PySide6-Essentials, which ships {name}")
    return str(exe)


def ts_file(language: str) -> Path:
    return HERE / f"graphviz_app_{language}.ts"


def update(language: str) -> None:
    subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", "-extensions", "py",
                    *(str(ROOT / s) for s in SOURCES), "-ts", str(ts_file(language))],
                   check=True, cwd=ROOT)


def release(language: str) -> None:
    subprocess.run([tool("lrelease"), str(ts_file(language)),
                    "-qm", str(HERE / f"graphviz_app_{language}.qm")], check=True, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--release", action="store_true", help="only compile the .qm files")
    args = p.parse_args(argv)
    for language in LANGUAGES:
        if not args.release:
            update(language)
        release(language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
