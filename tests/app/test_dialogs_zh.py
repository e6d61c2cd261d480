"""The app's dialogs in Chinese: the image-folder options, and the unsaved-changes question
with Qt's own buttons (Qt's translation of its standard buttons is loaded with ours)."""
from __future__ import annotations

import re

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWidget

from engine.data import image_folder
from graphviz_app.editor.data_dialogs import FolderOptionsDialog

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")


def _texts(root: QWidget) -> list[str]:
    out = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        out.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(re.sub(r"<[^>]+>|&nbsp;", " ", w.text()))
    return [t for t in out if t.strip()]


def test_the_image_folder_dialog_reads_in_chinese(chinese, tmp_path):
    for cls in ("cats", "dogs"):
        (tmp_path / cls).mkdir()
        for i in range(2):
            (tmp_path / cls / f"{i}.png").write_bytes(b"")
    (tmp_path / "cats" / "notes.txt").write_text("x")
    dlg = FolderOptionsDialog(image_folder.scan_folder(tmp_path))
    texts = _texts(dlg)
    assert any("4 个图像文件" in t for t in texts), texts
    names = {"cats", "dogs", "png", "txt", "notes"}
    left = {t: w for t in texts if (w := [x for x in WORD.findall(t) if x not in names])}
    assert left == {}, left
    dlg.deleteLater()


def test_the_unsaved_changes_question_reads_in_chinese_with_qts_buttons(chinese, window):
    seen: list[list[str]] = []

    def answer(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append([box.windowTitle(), box.text()] +
                        [b.text() for b in box.buttons()])
            box.button(QMessageBox.StandardButton.Cancel).click()
        elif tries < 50:                        # the box is not up yet: look again soon
            QTimer.singleShot(50, lambda: answer(tries + 1))
    QTimer.singleShot(0, answer)
    assert window.files._dialog_unsaved("mine.gvz") == "cancel"
    assert len(seen) == 1, seen
    title, text, *buttons = seen[0]
    assert title == "未保存的更改" and "mine.gvz" in text and CJK.search(text), seen
    assert all(CJK.search(b) for b in buttons), buttons         # 保存, 放弃, 取消 (from Qt)
