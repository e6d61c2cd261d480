"""The numbers behind the Data and Embeddings panels, without Qt: feeds, class counts, split
sizes, previews, thumbnail sheets, projection sources and similarity search."""
import numpy as np
import pytest

from engine import datasets, examples
from engine.data.corpus import skipgram
from engine.data.digits import digits
from engine.inspect import data_view
from engine.inspect import embeddings as emb
from engine.inspect.projection import neighbours
from engine.training import Dataset, split


def test_feeds_name_each_input_and_what_does_not_fit():
    g, ds, _ = examples.build("xor_mlp")
    rows = data_view.feeds(g, ds)
    assert [(f.node, f.array, f.shape, f.problem) for f in rows] == [
        ("x", "x", (400, 2), ""), ("y", "y", (400,), "")]
    wrong = data_view.feeds(g, Dataset({"x": np.zeros((5, 3)), "y": np.zeros(5)}))
    assert "expects (None, 2) but the array is (5, 3)" in wrong[0].problem
    assert "integer ids but the array holds fractions" in wrong[1].problem
    none = data_view.feeds(g, None)
    assert all(f.array is None and "no data set" in f.problem for f in none)


def test_class_counts_count_each_class_with_names():
    ds = Dataset({"y": np.array([2, 0, 2, 2])}, meta={"classes": 4,
                                                        "class_names": ["a", "b", "c", "d"]})
    names, counts = data_view.class_counts(ds)
    assert names == ["a", "b", "c", "d"] and counts.tolist() == [1, 0, 3, 0]
    assert data_view.class_counts(datasets.housing(n=10)) is None        # regression
    assert data_view.class_counts(Dataset({"y": np.arange(500)})) is None  # ids, not classes


def test_split_sizes_match_the_training_split():
    ds = datasets.moons(n=123)
    train, dev, _ = split(ds, 0.8, 0.2)
    assert data_view.split_sizes(len(ds), 0.8) == (len(train), len(dev))


def test_preview_rows_are_the_data():
    ds = datasets.housing(n=30)
    header, cells = data_view.preview(ds, rows=5)
    assert header == ["size", "bedrooms", "zip_code", "wealth", "y"]
    assert len(cells) == 5
    assert float(cells[2][3]) == pytest.approx(float(ds["x"][2, 3]), rel=1e-3)
    assert float(cells[4][4]) == pytest.approx(float(ds["y"][4, 0]), rel=1e-3)
    wide_header, wide = data_view.preview(digits(limit=3), columns=4)
    assert wide_header == ["x[0]", "x[1]", "x[2]", "x[3]", "…", "y"]
    assert wide[0][4] == "+60" and wide[1][5] == "1 1"


def test_montage_places_each_image_in_its_cell():
    x = np.zeros((5, 1, 2, 3), np.float32)
    for i in range(5):
        x[i] = i
    sheet = data_view.montage(Dataset({"x": x}), count=5, columns=2, pad=1)
    assert sheet.shape == (3 * 3 + 1, 2 * 4 + 1)
    # image i sits at row i // 2, column i % 2, scaled by the largest value (4)
    for i in range(5):
        r, c = divmod(i, 2)
        np.testing.assert_allclose(sheet[1 + 3 * r:3 + 3 * r, 1 + 4 * c:4 + 4 * c], i / 4)
    assert sheet[0, 0] == 0.5
    assert data_view.montage(datasets.moons(n=10)) is None


def test_flat_digits_count_as_images_through_their_shape():
    pics = emb.images_of(digits(limit=4), 4)
    assert pics.shape == (4, 8, 8)
    np.testing.assert_array_equal(pics[2], digits(limit=4)["x"][2].reshape(8, 8))


def test_sources_list_tables_values_and_raw_data():
    g, ds, _ = examples.build("corpus_embedding")
    keys = [s.key for s in emb.sources(g, ds)]
    embed = g.by_name("embed")
    assert keys[0] == f"table:{embed}"
    assert f"values:{g.by_name('context')}" in keys
    assert f"values:{g.by_name('J')}" not in keys          # a single number is no point cloud
    assert "data:x" not in keys                               # word ids are not features
    g2, ds2, _ = examples.build("digits_autoencoder")
    assert "data:x" in [s.key for s in emb.sources(g2, ds2)]


def test_table_points_carry_words_and_topics():
    g, ds, _ = examples.build("corpus_embedding")
    p = emb.points(g, ds, f"table:{g.by_name('embed')}")
    assert p.labels == ds.meta["vocab"]
    cat = p.labels.index("cat")
    dog, rain = p.labels.index("dog"), p.labels.index("rain")
    assert p.classes[cat] == p.classes[dog] != p.classes[rain]
    assert p.class_names[p.classes[cat]] == "animals"
    np.testing.assert_array_equal(p.values, g.nodes[g.by_name("embed")].weights["E"])


def test_value_points_are_the_node_outputs():
    g, ds, _ = examples.build("digits_autoencoder")
    latent = g.by_name("latent")
    p = emb.points(g, ds, f"values:{latent}", limit=50)
    enc = g.nodes[g.by_name("encoder")].weights
    lat = g.nodes[latent].weights
    x = ds["x"][:50].astype(np.float64)
    expected = np.maximum(x @ enc["W"].T + enc["b"], 0) @ lat["W"].T + lat["b"]
    np.testing.assert_allclose(p.values, expected, rtol=1e-5, atol=1e-6)
    assert p.classes.tolist() == ds["y"][:50].tolist()
    assert p.images.shape == (50, 8, 8) and p.labels[3] == f"#3 ({ds['y'][3]})"


def test_similar_compares_latent_and_pixel_neighbours_and_rebuilds():
    g, ds, _ = examples.build("digits_autoencoder")
    p = emb.points(g, ds, f"values:{g.by_name('latent')}", limit=100)
    pixels = ds["x"][:100]
    s = emb.similar(p.values, pixels, 5, 4, g, ds, "reconstruction")
    np.testing.assert_array_equal(s.by_latent, neighbours(p.values, 5, 4).index)
    np.testing.assert_array_equal(s.by_pixels, neighbours(pixels, 5, 4).index)
    assert s.reconstruction.shape == (8, 8)
    assert np.all((s.reconstruction > 0) & (s.reconstruction < 1))   # a sigmoid output


def test_points_without_data_say_how_to_get_some():
    g, _, _ = examples.build("xor_mlp")
    with pytest.raises(ValueError, match="load one"):
        emb.points(g, None, f"values:{g.by_name('J')}")


def test_skipgram_meta_marks_function_words():
    ds = skipgram()
    assert ds.meta["word_topic"][ds.meta["vocab"].index("the")] == ""


def test_the_small_word_pairs_example_is_coloured_by_topic_too():
    g, ds, _ = examples.build("embedding")
    p = emb.points(g, ds, f"table:{g.by_name('embed')}")
    names = [p.class_names[c] for c in p.classes]
    assert names[p.labels.index("king")] == names[p.labels.index("queen")] == "royalty"
    assert names[p.labels.index("the")] == "(function word)"
