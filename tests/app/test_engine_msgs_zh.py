"""The look-inside views' refusals, data errors and a long load's progress read in Chinese
where the app shows them, with their names and numbers intact.

Real triggers, shown through the app's own paths: a bad kernel typed into the Filter lab
(its status line), a file that is no PNG and a too-small t-SNE input
(:func:`graphviz_app.i18n.error_text`), a cost surface that cannot be one batched pass (its
reason a message inside the message), a dense layer's step details (the words of its formula
and of its cached arrays), the progress a CSV import reports as the JobProgress dialog labels
it after the text crossed the job's thread, and why a job failed. A message made from an
f-string again, or a progress signal typed ``str`` (which keeps only the English), fails here.
"""
from __future__ import annotations

import threading

import numpy as np
import pytest

from engine.data import report
from engine.data.sample_images import read_png
from engine.inspect.tsne import tsne
from engine.messages import Msg
from graphviz_app import i18n
from graphviz_app.editor.jobs import Job, JobProgress
from graphviz_app.panels.inside.filter_lab import FilterLabPanel
from graphviz_app.session import Session


@pytest.fixture(autouse=True)
def english_after(qapp):
    i18n.apply(i18n.ENGLISH)
    yield
    i18n.apply(i18n.ENGLISH)


def test_the_filter_labs_custom_kernel_error_reads_in_chinese(qtbot):
    panel = FilterLabPanel(Session())
    qtbot.addWidget(panel)
    assert i18n.apply(i18n.CHINESE)
    panel.custom_edit.setText("1 2 3; 4 5; 6 7 8")
    assert not panel.add_custom_from_text()
    assert panel.status.text() == ("自定义卷积核：第 2 行有 2 个数，但共有 3 行；卷积核是正方形的："
                                   "每行请给 3 个数")


def test_a_data_error_and_a_tsne_refusal_read_in_chinese(tmp_path):
    p = tmp_path / "cat.png"
    p.write_bytes(b"GIF89a")
    with pytest.raises(ValueError) as png:
        read_png(p)
    with pytest.raises(ValueError) as few:
        tsne(np.zeros((3, 2)))
    assert (i18n.error_text(png.value), i18n.error_text(few.value)) == (
        "cat.png is not a PNG file", "t-SNE needs at least 5 points; got 3")
    assert i18n.apply(i18n.CHINESE)
    assert i18n.error_text(png.value) == "cat.png 不是 PNG 文件"
    assert i18n.error_text(few.value) == "t-SNE 至少需要 5 个点；得到的是 3"


def test_a_cost_surface_refusal_reads_in_chinese_with_its_nested_reason():
    from engine.inspect import cost_surface as cs
    from engine.inspect.cost_surface_batched import SurfaceRefused, batched_surface
    from tests.engine.test_inspect_cost_surface_batched import _param_graph
    g, feeds = _param_graph("exp")
    a = cs.Entry(g.resolve("P"), "value", (0, 0))
    b = cs.Entry(g.resolve("P"), "value", (2, 1))
    with pytest.raises(SurfaceRefused) as info:
        batched_surface(g, feeds, a, b, np.linspace(-1, 1, 3), np.linspace(-1, 1, 3))
    assert i18n.apply(i18n.CHINESE)
    assert i18n.error_text(info.value) == (
        "z (matmul) 对 P.value[0,0] 不是线性的，所以网格无法用一次批量计算算出；请选择输入 add、"
        "multiply 或 matmul 的 dense、conv 或参数数组中的元素")


def test_a_dense_layers_step_details_read_in_chinese_with_the_formulas_intact():
    from engine import Executor, Graph
    from graphviz_app.player.step_text import node_detail
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    d = g.add_node("dense", {"units": 3, "activation": "identity"}, name="d")
    g.connect(x, d, 0)
    ex = Executor(g)
    ex.reset({"x": np.ones((4, 2))})
    fwd = ex.step()
    while fwd is not None and fwd.node != d:
        fwd = ex.step()
    assert i18n.apply(i18n.CHINESE)
    lines = node_detail(g, d, fwd, None).splitlines()
    assert any(line.endswith("a[1] = z[1]  （没有激活函数：g[1] 是恒等函数）") for line in lines)
    assert any(line.startswith("  z[1] (4x3)") and line.endswith(
        "z[l] = a[l-1] · Wᵀ + b，(m, n[l])：计算 g'(z[l]) 时复用") for line in lines), lines


def test_the_progress_dialog_labels_a_load_in_chinese(qtbot):
    assert i18n.apply(i18n.CHINESE)
    go_on = threading.Event()

    def work(progress, should_stop):
        report(progress, should_stop, 0.5, Msg("progress.reading", name="prices.csv"))
        go_on.wait(10)              # keep the job (and its dialog) alive until looked at
        return 1

    job = Job(work, "Import prices.csv")
    dialog = JobProgress(job)
    said: list = []
    job.progressed.connect(lambda f, what: said.append(what))
    with qtbot.waitSignal(job.progressed, timeout=5000):
        job.start()
    try:
        assert isinstance(said[0], Msg) and said[0].id == "progress.reading"   # crossed intact
        assert dialog.labelText() == "正在读取 prices.csv"
        assert dialog.value() == 500
    finally:
        go_on.set()
        with qtbot.waitSignal(job.ended, timeout=5000):
            pass


def test_why_a_job_failed_is_said_in_chinese_on_the_gui_thread(qtbot):
    from engine.messages import MsgError
    assert i18n.apply(i18n.CHINESE)

    def work(progress, should_stop):
        raise MsgError(Msg("load.samples_missing"))

    job = Job(work, "Load sample images")
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start()
    assert failed.args == ["安装中缺少示例图片；请重新安装应用"]
    assert not job.running          # joined before it said why
