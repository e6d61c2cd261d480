"""Application start: command line, QApplication, the main window, screenshot mode.

``graphviz-app [FILE]`` opens the app (with FILE); ``graphviz-app --screenshot OUT.png [FILE]``
renders the main window offscreen (with FILE, else the "xor_mlp" example, else an empty graph)
to a PNG and exits. ``GRAPHVIZ_APP_PROBE=1`` prints a line once the window is shown and quits
(the start-up benchmark uses it).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

from . import APP_NAME, ORGANIZATION, __version__

DEFAULT_EXAMPLE = "xor_mlp"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog=APP_NAME, description="Build neural networks as computation "
                                "graphs by drag and drop, and watch them compute and learn.")
    p.add_argument("file", nargs="?", help="a graph file (.gvz or .json) to open")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="render the main window offscreen to a PNG and exit")
    p.add_argument("--example", metavar="NAME", help="open an example (see the File menu)")
    p.add_argument("--size", default="1400x860", help="window size for --screenshot (WxH)")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return p.parse_args(argv)


def make_app(argv: list[str] | None = None):
    """The QApplication (created once), with names used by QSettings."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from .editor.clipboard import release_on_exit
    app.aboutToQuit.connect(release_on_exit)
    return app


def _load_initial(win, args: argparse.Namespace, screenshot: bool) -> None:
    files = win.files
    if not screenshot and files.has_recovery():
        # Work autosaved before a crash comes first (opening FILE would delete it unasked).
        if files.offer_recovery():
            if args.file or args.example:
                win.session.message.emit("Recovered the autosaved graph; save it, then open "
                                         f"{args.file or args.example}")
            return
    if args.file:
        files.load_path(args.file)
    elif args.example or screenshot:
        name = args.example or DEFAULT_EXAMPLE
        try:
            from engine.examples import EXAMPLES
        except ImportError:
            EXAMPLES = {}
        if name in EXAMPLES:
            files.open_example(name)
        elif args.example:
            files.show_error("Unknown example", f"there is no example {name!r}")


def screenshot(win, app, path: str, size: str) -> int:
    """Lay out, show and grab the window; write ``path``; return the exit code."""
    try:
        w, h = (int(v) for v in size.lower().split("x"))
    except ValueError:
        w, h = 1400, 860
    win.resize(w, h)
    win.show()
    for _ in range(3):
        app.processEvents()
    win.view.fit_all()
    app.processEvents()
    image = win.grab().toImage()
    tmp = path + ".tmp.png"
    if image.isNull() or not image.save(tmp, "PNG"):
        print(f"could not write {path}", file=sys.stderr)
        return 1
    os.replace(tmp, path)
    print(f"wrote {path} ({image.width()}x{image.height()})")
    return 0


def run(argv: list[str]) -> int:
    """Entry point of the command line; returns the exit code."""
    args = parse_args(argv)
    shot = bool(args.screenshot)
    if shot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = make_app([APP_NAME])
    from PySide6.QtCore import QSettings, QTimer
    from .main_window import MainWindow
    settings = None
    recovery_dir = None
    if shot:  # never touch the user's settings or recovery file
        tmp = tempfile.mkdtemp(prefix="graphviz-app-shot-")
        settings = QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat)
        recovery_dir = tmp
    win = MainWindow(settings=settings, recovery_dir=recovery_dir)
    if shot:
        win.files.show_error = lambda title, text: print(f"{title}: {text}", file=sys.stderr)
    _load_initial(win, args, shot)
    if shot:
        code = screenshot(win, app, args.screenshot, args.size)
        win.files.timer.stop()
        win.session.undo_stack.setClean()
        win.close()
        shutil.rmtree(tmp, ignore_errors=True)
        return code
    win.show()
    QTimer.singleShot(0, win.view.fit_all)  # once the window has its real size
    if os.environ.get("GRAPHVIZ_APP_PROBE"):
        def probe() -> None:
            print(f"shown torch={'torch' in sys.modules}", flush=True)
            win.session.undo_stack.setClean()
            win.close()
            app.quit()
        QTimer.singleShot(0, probe)
    return app.exec()
