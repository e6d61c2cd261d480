"""Render the README's pictures offscreen: an example in a given state, saved as PNG.

    python docs/screenshots.py EXAMPLE STATE OUT.png
    STATE: open | forward | backward | train | compare | gradcheck

(The plain main window is also `graphviz-app --screenshot OUT.png [FILE]`.)
"""
from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402

from graphviz_app.app import make_app  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    example, state, out = argv
    app = make_app([])
    from graphviz_app.main_window import MainWindow
    tmp = tempfile.mkdtemp()
    win = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat),
                     recovery_dir=tmp)
    win.resize(1500, 1000)
    win.show()

    def pump(ms: int = 300) -> None:
        t = QTimer()
        t.setSingleShot(True)
        t.start(ms)
        while t.isActive():
            app.processEvents()

    if not win.files.open_example(example):
        return 1
    pump()
    if state == "forward":
        win.player.run_forward()
    elif state == "backward":
        win.player.run_forward()
        win.player.run_backward()
    elif state in ("train", "compare"):
        win.training_panel.epochs.setValue(20)
        win.training_panel.start() if state == "train" else win.training_panel.compare()
        t0 = time.time()
        while win.training.busy and time.time() - t0 < 120:
            pump(100)
    elif state == "gradcheck":
        win.docks["gradcheck_dock"].raise_()
        win.gradcheck_panel.run_check()
        pump(3000)
    win.view.fit_all()
    pump(500)
    win.grab().save(out)
    win.session.undo_stack.setClean()
    win.close()
    print("wrote", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
