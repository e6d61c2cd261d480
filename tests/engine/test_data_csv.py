"""CSV import: values, categorical columns, targets, and every malformed case named by line
and column."""
import codecs

import numpy as np
import pytest

from engine.data import Cancelled
from engine.data.csv_import import CsvError, import_csv, read_table, to_dataset

GOOD = b"size,rooms,city,price\n50,2,paris,100.5\n80,3,rome,150\n65,2,paris,120.25\n"


def test_numbers_categories_and_target_classes():
    t = read_table(GOOD)
    assert t.kinds == ["number", "number", "category", "number"]
    ds = to_dataset(t, target="city", standardize=False)
    np.testing.assert_array_equal(ds["x"], [[50, 2, 100.5], [80, 3, 150], [65, 2, 120.25]])
    np.testing.assert_array_equal(ds["y"], [0, 1, 0])       # paris < rome, sorted
    assert ds["y"].dtype == np.int64
    assert ds.meta["class_names"] == ["paris", "rome"]
    assert ds.meta["feature_names"] == ["size", "rooms", "price"]


def test_categorical_as_ids_or_one_hot():
    t = read_table(GOOD)
    ids = to_dataset(t, target="price", categorical="ids", standardize=False)
    np.testing.assert_array_equal(ids["x"][:, 2], [0, 1, 0])
    hot = to_dataset(t, target="price", categorical="onehot", standardize=False)
    assert hot.meta["feature_names"] == ["size", "rooms", "city=paris", "city=rome"]
    np.testing.assert_array_equal(hot["x"][:, 2:], [[1, 0], [0, 1], [1, 0]])


def test_fractional_numeric_target_is_regression():
    t = read_table(GOOD)
    ds = to_dataset(t, target="price")
    assert ds.meta["task"] == "regression"
    np.testing.assert_array_equal(ds["y"], [[100.5], [150], [120.25]])
    assert ds["y"].dtype == np.float32
    forced = to_dataset(t, target="rooms", target_as="values")
    np.testing.assert_array_equal(forced["y"], [[2], [3], [2]])
    classes = to_dataset(t, target="rooms")     # whole numbers, few values: classes
    np.testing.assert_array_equal(classes["y"], [0, 1, 0])
    assert classes.meta["class_names"] == ["2", "3"]


def test_standardize_gives_mean_zero_unit_std_and_keeps_the_scale():
    ds = to_dataset(read_table(GOOD), target="city")
    x = ds["x"].astype(np.float64)
    np.testing.assert_allclose(x.mean(0), 0, atol=1e-6)
    np.testing.assert_allclose(x.std(0), 1, atol=1e-6)
    np.testing.assert_allclose(ds.meta["feature_mean"], [65, 7 / 3, 370.75 / 3])


def test_separator_quotes_bom_and_utf16_are_read():
    t = read_table(codecs.BOM_UTF8 + b'a;b\n"1";"x; y"\n2;z\n')
    assert t.header == ["a", "b"] and t.rows[0] == ["1", "x; y"] and t.separator == ";"
    t16 = read_table("a\tb\n1\t2\n".encode("utf-16"))
    assert t16.header == ["a", "b"] and t16.rows == [["1", "2"]]


def test_headerless_file_gets_column_names():
    t = read_table(b"1,2\n3,4\n")
    assert t.header == ["column 1", "column 2"]
    assert t.rows == [["1", "2"], ["3", "4"]] and t.lines == [1, 2]


@pytest.mark.parametrize("data, line, column, words", [
    (b"", None, None, "empty"),
    (b"  \n\n", None, None, "empty"),
    (b"a,b\n", 1, None, "no data rows"),
    (b"a,b\n1,2\n3\n4,5\n", 3, None, "has 1 values but the header has 2"),
    (b"a,b\n1,2\n3,4,5\n", 3, None, "has 3 values"),
    (b"a,,c\n1,2,3\n", 1, None, "column 2 has no name"),
    (b"a,a\n1,2\n", 1, None, "names 'a' twice"),
    (b"a,b\n1,2\n3,\xe9t\xe9\n", 3, "b", "not UTF-8"),
    (b"\x00\x01\x02binary", None, None, "binary"),
])
def test_malformed_files_name_the_first_bad_place(data, line, column, words):
    with pytest.raises(CsvError) as err:
        to_dataset(read_table(data))
    assert err.value.line == line and err.value.column == column
    assert words in str(err.value)


@pytest.mark.parametrize("data, line, column, words", [
    (b"a,b\n1,2\n3,\n5,6\n", 3, "b", "missing"),
    (b"a,b\n1,2\n3,NA\n5,6\n", 3, "b", "missing"),
    (b"a,b\n1,2\n3,4\n5,x\n7,8\n", 4, "b", "'x' is not a number"),
    (b"a,b\n1,2\n3,4\ninf,1\n", 4, "a", "not a finite number"),
    (b"a,b\n1,x\n\n3,\n", 4, "b", "missing"),        # blank lines still count
])
def test_bad_values_name_line_and_column(data, line, column, words):
    with pytest.raises(CsvError) as err:
        to_dataset(read_table(data), target=None)
    assert (err.value.line, err.value.column) == (line, column)
    assert words in str(err.value)
    assert f"line {line}, column {column!r}" in str(err.value)


def test_missing_target_value_is_reported_on_the_target():
    with pytest.raises(CsvError) as err:
        to_dataset(read_table(b"a,t\n1,x\n2,\n"), target="t")
    assert (err.value.line, err.value.column) == (3, "t")


def test_unknown_target_lists_the_columns():
    with pytest.raises(CsvError, match="no column 'z'.*a, b"):
        to_dataset(read_table(b"a,b\n1,2\n"), target="z")


def test_text_column_target_of_values_is_refused():
    with pytest.raises(CsvError, match="holds text"):
        to_dataset(read_table(GOOD), target="city", target_as="values")


def test_cancel_stops_the_conversion():
    with pytest.raises(Cancelled):
        to_dataset(read_table(GOOD), target="city", should_stop=lambda: True)


def test_progress_reaches_one():
    seen = []
    to_dataset(read_table(GOOD), target="city", progress=lambda f, _w: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) == 5


def test_import_csv_from_a_file(tmp_path):
    p = tmp_path / "houses.csv"
    p.write_bytes(GOOD)
    ds = import_csv(p, target="city")
    assert ds.name == "houses" and len(ds) == 3 and ds.meta["classes"] == 2


def test_ten_thousand_rows_are_read_exactly():
    rng = np.random.default_rng(0)
    values = rng.normal(size=(10_000, 20)).round(4)
    text = ",".join(f"f{j}" for j in range(20)) + "\n" + "\n".join(
        ",".join(f"{v:.4f}" for v in row) for row in values)
    ds = to_dataset(read_table(text.encode()), standardize=False)
    np.testing.assert_allclose(ds["x"], values, atol=1e-4)


def test_reading_a_long_file_reports_progress_and_can_be_cancelled():
    text = ("a,b\n" + "1,2\n" * 9000).encode()
    seen = []
    t = read_table(text, progress=lambda f, _w: seen.append(f))
    assert len(t.rows) == 9000
    assert len(seen) == 5 and seen == sorted(seen) and 0.8 < seen[-1] < 1.0
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 2          # cancel at the second progress point
    with pytest.raises(Cancelled):
        read_table(text, should_stop=stop)
    assert len(calls) == 3
