"""Hovering the Step details picture traces the entry under the mouse."""
import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from engine import examples
from engine.inspect.trace_text import num
from graphviz_app.player.value_render import LUTS, cell_at, image_array


def test_cell_at_inverts_the_picture_layout():
    assert cell_at((4, 10), 3.5 / 10, 2.5 / 4) == (2, 3)
    assert cell_at((300,), 0.999, 0.5) == (296,)          # 300 bars: every 4th is drawn
    assert cell_at((1, 1, 8, 8), 0.5, 0.25) == (0, 0, 2, 4)
    assert cell_at((3,), 1.0, 0.5) is None and cell_at((), 0.5, 0.5) is None
    a = np.zeros((1, 8, 5, 5))
    a[0, 4, 2, 3] = 1.0                                  # tile 4 sits at row 1, column 1
    rgb = image_array(a)
    assert rgb.shape[:2] == (17, 17)
    assert cell_at(a.shape, 9.5 / 17, 8.5 / 17) == (0, 4, 2, 3)
    np.testing.assert_array_equal(rgb[8, 9], LUTS["value"][255])   # the bright cell is there
    assert cell_at(a.shape, 9.5 / 17, 5.5 / 17) is None               # a gap between tiles


def test_hovering_the_step_picture_traces_that_entry(window, qtbot):
    g, ds, _ = examples.build("small_cnn")
    window.session.replace_graph(g, dataset=ds, example_name="small_cnn")
    window.show_panel("Step details")
    player = window.player
    pool = g.by_name("pool1")
    for _ in range(len(g.nodes) + 1):
        if player.current_node == pool:
            break
        player.step_forward()
    assert player.current_node == pool
    qtbot.wait(30)
    pic = player.panel.picture
    pix = pic.pixmap()
    x0, y0 = (pic.width() - pix.width()) / 2, (pic.height() - pix.height()) / 2
    # pool1 is 8 maps of 4x4 drawn as a 3x3 grid of tiles (19 x 14 cells with gaps)
    fx, fy = (5 + 2.5) / 14, (0 + 1.5) / 14                 # tile 1, row 1, column 2
    assert cell_at((4, 8, 4, 4), fx, fy) == (0, 1, 1, 2)
    pos = QPointF(x0 + fx * pix.width(), y0 + fy * pix.height())
    ev = QMouseEvent(QEvent.Type.MouseMove, pos, pic.mapToGlobal(pos), Qt.MouseButton.NoButton,
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pic, ev)
    st = window.panels["feature_maps"].step_trace
    value = player.executor.values()[pool][0, 1, 1, 2]
    assert st.text.startswith("pool1[0,1,1,2] = max relu1[0,1,2:4,4:6]")
    assert st.text.endswith(f"= {num(value)}")
    assert window.scene.node_item(g.by_name("x")).traced
    assert not window.scene.node_item(g.by_name("logits")).traced
    QApplication.sendEvent(pic, QEvent(QEvent.Type.Leave))
    assert not window.scene.node_item(g.by_name("x")).traced
