"""Application start: command line, QApplication, the main window, screenshot mode.

``graphviz-app [FILE]`` opens the app (with FILE). ``graphviz-app --screenshot OUT.png [FILE |
--example NAME] [--size WxH] [--layout NAME] [--panel TITLE]... [--run forward|backward|
train[:EPOCHS]] [--select NODE] [--language en|zh_CN]`` opens FILE (else the example, else "xor_mlp"), arranges the
layout, runs the passes or a training, selects the node, raises the named panels, renders the
window offscreen to a PNG and exits; an unknown panel, example, layout or node exits with status
2 and lists the valid names. ``GRAPHVIZ_APP_PROBE=1`` prints a line once the window is shown
and quits (the start-up benchmark uses it).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

from engine.examples import EXAMPLES

from . import APP_NAME, ORGANIZATION, __version__

DEFAULT_EXAMPLE = "xor_mlp"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog=APP_NAME, description="Build neural networks as computation "
                                "graphs by drag and drop, and watch them compute and learn.")
    p.add_argument("file", nargs="?", help="a graph file (.gvz or .json) to open")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="render the main window offscreen to a PNG and exit")
    p.add_argument("--example", metavar="NAME", help="open an example (see the File menu)")
    p.add_argument("--size", default="1280x720", help="window size for --screenshot (WxH)")
    p.add_argument("--layout", metavar="NAME",
                   help="with --screenshot: arrange the panels for build, step, train or inside")
    p.add_argument("--panel", metavar="TITLE", action="append", default=[],
                   help="with --screenshot: show this panel in front (repeatable)")
    p.add_argument("--run", metavar="forward|backward|train[:EPOCHS]",
                   help="with --screenshot: run the passes, or train for EPOCHS (default 30)")
    p.add_argument("--select", metavar="NODE", help="with --screenshot: select this node")
    p.add_argument("--dark", action="store_true", help="use a dark palette (Fusion style)")
    p.add_argument("--language", choices=("system", "en", "zh_CN"),
                   help="the app's language (default: Settings → Language, else the system's)")
    p.add_argument("--welcome", action="store_true",
                   help="with --screenshot: show the welcome page instead of a graph")
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
    if not GUI_COLLECTOR:
        # Python's cycle collector may run inside any allocation, including one made while Qt
        # holds a lock (a signal being disconnected); collecting a widget there deadlocks. Collect
        # only from a timer on the GUI thread instead, where no Qt call is under way.
        from pyqtgraph.util.garbage_collector import GarbageCollector
        GUI_COLLECTOR.append(GarbageCollector(interval=1.0))
    return app


GUI_COLLECTOR: list = []     # the one timer-driven collector (pyqtgraph's GarbageCollector)


def use_dark_palette(app) -> None:
    """Fusion style with a dark palette, for checking that every panel reads in the dark."""
    from PySide6.QtGui import QColor, QPalette
    app.setStyle("Fusion")
    pal = QPalette()
    role = QPalette.ColorRole
    for r, c in ((role.Window, (45, 45, 48)), (role.WindowText, (225, 225, 225)),
                 (role.Base, (30, 30, 32)), (role.AlternateBase, (50, 50, 54)),
                 (role.Text, (225, 225, 225)), (role.Button, (55, 55, 60)),
                 (role.ButtonText, (225, 225, 225)), (role.Highlight, (42, 130, 218)),
                 (role.HighlightedText, (255, 255, 255)), (role.ToolTipBase, (60, 60, 64)),
                 (role.ToolTipText, (230, 230, 230)), (role.PlaceholderText, (150, 150, 150))):
        pal.setColor(r, QColor(*c))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(130, 130, 130))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(130, 130, 130))
    app.setPalette(pal)


def _load_initial(win, args: argparse.Namespace, screenshot: bool) -> None:
    from .i18n import translate
    files = win.files
    if not screenshot and files.has_recovery():
        # Work autosaved before a crash comes first (opening FILE would delete it unasked).
        if files.offer_recovery():
            if args.file or args.example:
                win.session.message.emit(translate(
                    "App", "Recovered the autosaved graph; save it, then open {file}").format(
                    file=args.file or args.example))
            return
    if args.file:
        files.load_path(args.file)
    elif not (args.example or screenshot):
        win.show_welcome()
    elif args.example or screenshot:
        name = args.example or DEFAULT_EXAMPLE
        if name in EXAMPLES:
            files.open_example(name)
        else:
            files.show_error(translate("App", "Unknown example"), translate(
                "App", "there is no example {name}; examples: {examples}").format(
                name=repr(name), examples=_names(EXAMPLES)))


class UsageError(Exception):
    """A --screenshot argument names nothing that exists; the message lists what does."""


def _size(text: str) -> tuple[int, int]:
    from .i18n import translate
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(translate("App", "--size {size} is not WIDTHxHEIGHT, e.g. 1280x720"
                                   ).format(size=repr(text))) from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise UsageError(translate("App", "--size {size}: width and height must be 320-8000 and "
                                   "240-8000").format(size=repr(text)))
    return w, h


def _names(items) -> str:
    return ", ".join(sorted(items, key=str.lower))


def check_shot_args(win, args: argparse.Namespace) -> None:
    """Refuse (UsageError) panels, layouts, nodes and runs that do not exist, before any work."""
    from .docks import LAYOUTS
    from .i18n import translate
    _size(args.size)
    if args.layout and args.layout not in LAYOUTS:
        raise UsageError(translate("App", "unknown layout {name}; layouts: {names}").format(
            name=repr(args.layout), names=_names(LAYOUTS)))
    for title in args.panel:
        if win.dock_manager.by_title(title) is None and title not in win.docks:
            raise UsageError(translate("App", "unknown panel {name}; panels: {names}").format(
                name=repr(title), names=_names(win.dock_manager.titles())))
    if args.run:
        kind, _, epochs = args.run.partition(":")
        if kind not in ("forward", "backward", "train") or (epochs and kind != "train"):
            raise UsageError(translate("App", "--run {run}: use forward, backward or "
                                       "train[:EPOCHS]").format(run=repr(args.run)))
        if epochs and not (epochs.isdigit() and 0 < int(epochs) <= 100000):
            raise UsageError(translate("App", "--run {run}: EPOCHS must be a whole number from 1 "
                                       "to 100000").format(run=repr(args.run)))
    if args.select:
        graph = win.session.graph
        names = [n.name for n in graph.nodes.values()]
        if args.select not in names and args.select not in graph.nodes:
            raise UsageError(translate("App", "unknown node {name}; nodes: {names}").format(
                name=repr(args.select), names=_names(names)))


def _train(win, app, epochs: int) -> None:
    """Train the open graph from the Training dock's settings for ``epochs``; wait for the end."""
    from PySide6.QtCore import QEventLoop, QTimer

    from .i18n import translate
    panel, controller = win.training_panel, win.training
    panel.epochs.setValue(epochs)
    loop = QEventLoop()
    controller.run_ended.connect(lambda _run: loop.quit())
    if panel.start() is None:
        raise UsageError(translate("App", "training could not start: {why}").format(
            why=panel.error.text()))
    QTimer.singleShot(600_000, loop.quit)   # never hang a screenshot on a run that stalls
    loop.exec()


def prepare_shot(win, app, args: argparse.Namespace) -> None:
    """Lay out, run, select and raise as the --screenshot arguments say."""
    w, h = _size(args.size)
    win.resize(w, h)
    win.show()
    app.processEvents()
    for _ in range(3):      # an example's guide arranges its panels first
        app.processEvents()
    if args.layout:
        win.apply_layout(args.layout)
    if args.run:
        kind, _, epochs = args.run.partition(":")
        if kind == "train":
            _train(win, app, int(epochs or 30))
        elif kind == "forward":
            win.player.run_forward()
        else:
            win.player.run_backward()
    if args.select:
        graph = win.session.graph
        node = args.select if args.select in graph.nodes else graph.by_name(args.select)
        win.session.select([node])
    for _ in range(3):
        app.processEvents()        # deferred arrangements (an example's guide) come first,
    for title in args.panel:       # so that the panels asked for end up in front
        win.show_panel(title)
    if args.welcome:
        win.show_welcome()
        for _ in range(4 * len(EXAMPLES)):     # one picture per pass of the event loop
            app.processEvents()
    for _ in range(3):
        app.processEvents()
    for title in args.panel:      # again, over anything a run or a guide raised meanwhile
        win.show_panel(title)
    _wait_for_jobs()
    win.view.fit_all()
    app.processEvents()


def _wait_for_jobs(limit_ms: int = 120_000) -> None:
    """Let the panels' background jobs (a projection, a timing) finish, so that the picture
    shows their results."""
    from PySide6.QtCore import QEventLoop, QTimer
    from .editor.jobs import any_running
    if not any_running():
        return
    loop = QEventLoop()
    poll = QTimer(interval=20)
    poll.timeout.connect(lambda: loop.quit() if not any_running() else None)
    poll.start()
    QTimer.singleShot(limit_ms, loop.quit)
    loop.exec()
    poll.stop()


def screenshot(win, path: str) -> int:
    """Grab the window; write ``path`` atomically; return the exit code."""
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
    if args.example and args.example not in EXAMPLES:
        print(f"{APP_NAME}: unknown example {args.example!r}; examples: {_names(EXAMPLES)}",
              file=sys.stderr)
        return 2
    if args.example and args.file:
        print(f"{APP_NAME}: give a FILE or --example, not both", file=sys.stderr)
        return 2
    if shot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        from .platform_check import check_platform
        code = check_platform()       # before Qt would fail with a misleading hint
        if code:
            return code
    app = make_app([APP_NAME])
    if args.dark:
        use_dark_palette(app)
    from PySide6.QtCore import QSettings, QTimer
    from .main_window import MainWindow
    settings = None
    recovery_dir = None
    if shot:  # never touch the user's settings or recovery file
        tmp = tempfile.mkdtemp(prefix="graphviz-app-shot-")
        settings = QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat)
        recovery_dir = tmp
    from . import i18n
    choice = args.language or i18n.saved_choice(settings or QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APP_NAME))
    language = i18n.resolve(choice)
    if shot and args.language:   # the screenshot's Settings → Language shows what it used
        i18n.save_choice(settings, args.language)
    if language != i18n.ENGLISH:
        i18n.apply(language)
    win = MainWindow(settings=settings, recovery_dir=recovery_dir)
    if shot:
        win.files.show_error = lambda title, text: print(f"{title}: {text}", file=sys.stderr)
    _load_initial(win, args, shot)
    if shot:
        try:
            check_shot_args(win, args)
            prepare_shot(win, app, args)
            code = screenshot(win, args.screenshot)
        except UsageError as e:
            print(f"{APP_NAME}: {e}", file=sys.stderr)
            code = 2
        win.training.stop()
        win.training.wait()
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
