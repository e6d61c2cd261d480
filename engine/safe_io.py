"""Safe reading of untrusted files and atomic writing, for the graph and array file formats.

Nothing here executes code or unpickles: JSON is parsed strictly (UTF-8, finite numbers, no
duplicate keys, bounded size and nesting depth, no lone surrogates, which UTF-8 cannot encode
and which would make the graph impossible to save again); ZIP members are checked by declared
size and inflated in a stream that stops as soon as a member gives more than it declared or
than its limit; every ``.npy`` header is checked (numeric dtype, a size the member can hold and,
when the caller knows it, the size the array may have) before its data is read, with
``allow_pickle=False``. So the memory a file can make us use is bounded by the limits the caller
passes (for a graph file, what its real arrays need), not by what the file claims. :class:`JsonCheck` checks the types of parsed JSON and
names the place of a problem (``nodes[3].params.kernel``). Every problem raises
:class:`FileFormatError`.
"""
from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import sys
import tempfile
import zipfile
import zlib
from typing import Any, Callable, NoReturn

import numpy as np

from .messages import Msg

MAX_JSON_BYTES = 64 << 20        # graph.json (or a plain .json file)
MAX_ARRAY_BYTES = 2 << 30        # all arrays together, as declared by the archive
NUMERIC_KINDS = "biuf"           # bool, signed, unsigned, float
MAX_DIMS = 32                    # entries in a shape
MAX_INT = 1 << 40                # largest whole number accepted in a shape or parameter
MAX_JSON_DEPTH = 64              # lists and objects inside one another
NPY_HEADER_MAX = 1 << 16         # bytes of a .npy header (magic, length, dict, padding)
CHUNK = 1 << 16                  # bytes inflated at a time
ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-\[\]]{0,99}$")
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
               RuntimeError, ValueError, KeyError)


class FileFormatError(ValueError):
    """A file this app cannot read; the message (a :class:`Msg`, see :func:`located`) says what is
    wrong and where."""


def located(where: str, reason: "Msg | str", path: str = "") -> Msg:
    """``"<where>: <path>: <reason>"`` as a message: the place (a file or member name, a JSON
    path such as ``nodes[3].params``) stays as it is, the reason is said in the user's language."""
    if path:
        reason = Msg("named", name=path, error=reason)
    return Msg("named", name=where, error=reason)


def short(v: Any) -> str:
    """A repr cut to 60 characters, for quoting untrusted values in messages."""
    r = repr(v)
    return r if len(r) <= 60 else r[:57] + "..."


def jtype(v: Any) -> "Msg | str":
    """What a JSON value is, in words, for messages ("the text 'x'", "a list")."""
    if v is None:
        return Msg("file.jt_null")
    if isinstance(v, bool):
        return Msg("file.jt_bool")
    if isinstance(v, (int, float)):
        return Msg("file.jt_number", value=short(v))
    if isinstance(v, str):
        return Msg("file.jt_text", value=short(v))
    if isinstance(v, (list, dict)):
        return Msg("file.jt_list") if isinstance(v, list) else Msg("file.jt_object")
    return type(v).__name__


def is_int(v: Any) -> bool:
    """A whole number (an integral float counts, a bool does not)."""
    return (isinstance(v, int) and not isinstance(v, bool)) or (
        isinstance(v, float) and v.is_integer())


class JsonCheck:
    """Type checks on parsed JSON that fail with ``"<where>: <path>: <message>"``."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, msg: "Msg | str") -> NoReturn:
        raise FileFormatError(located(self.where, msg, path))

    def obj(self, v: Any, path: str, required: tuple = (), optional: tuple = ()) -> dict:
        if not isinstance(v, dict):
            self.fail(path, Msg("file.must_be_object", got=jtype(v)))
        for k in required:
            if k not in v:
                self.fail(path, Msg("file.field_missing", key=k))
        for k in v:
            if k not in required and k not in optional:
                self.fail(path, Msg("file.unknown_field", key=short(k),
                                    fields=", ".join(required + optional)))
        return v

    def mapping(self, v: Any, path: str) -> dict:
        """A JSON object with any keys (opaque data such as ui and meta)."""
        return self.obj(v, path, optional=tuple(v) if isinstance(v, dict) else ())

    def list(self, v: Any, path: str, limit: int) -> list:
        if not isinstance(v, list):
            self.fail(path, Msg("file.must_be_list", got=jtype(v)))
        if len(v) > limit:
            self.fail(path, Msg("file.too_many", count=len(v), limit=limit))
        return v

    def ident(self, v: Any, path: str) -> str:
        if not isinstance(v, str) or not ID_RE.match(v):
            self.fail(path, Msg("file.bad_ident", got=jtype(v)))
        return v

    def boolean(self, v: Any, path: str) -> bool:
        if not isinstance(v, bool):
            self.fail(path, Msg("file.must_be_bool", got=jtype(v)))
        return v

    def ints(self, v: Any, path: str, none_ok: bool = False, signed: bool = False) -> list:
        """A list of whole numbers from 0 (from -MAX_INT when ``signed``: axes, -1 in a
        reshape) to MAX_INT, or None where ``none_ok`` (open dimensions)."""
        self.list(v, path, MAX_DIMS)
        low = -MAX_INT if signed else 0
        for i, x in enumerate(v):
            if not ((x is None and none_ok) or (is_int(x) and low <= x <= MAX_INT)):
                self.fail(f"{path}[{i}]", Msg("file.int_range", low=low, high=MAX_INT,
                                              got=jtype(x)))
        return v


def parse_json(data: bytes, where: str) -> Any:
    """Parse JSON strictly: UTF-8, finite numbers only, no duplicate keys, bounded size."""
    if len(data) > MAX_JSON_BYTES:
        raise FileFormatError(located(where, Msg("file.larger_than_mib",
                                                 mib=MAX_JSON_BYTES >> 20)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FileFormatError(located(where, Msg("file.not_utf8", offset=e.start))) from None

    def constant(name: str) -> NoReturn:
        raise FileFormatError(located(where, Msg("file.constant", name=name)))

    def number(s: str) -> float:
        v = float(s)
        if not math.isfinite(v):
            raise FileFormatError(located(where, Msg("file.number_large", text=s[:40])))
        return v

    def pairs(items: list) -> dict:
        out: dict = {}
        for k, v in items:
            if k in out:
                raise FileFormatError(located(where, Msg("file.key_twice", key=short(k))))
            out[k] = v
        return out

    try:
        value = json.loads(text, parse_constant=constant, parse_float=number,
                           object_pairs_hook=pairs)
    except FileFormatError:
        raise
    except json.JSONDecodeError as e:
        raise FileFormatError(located(where, Msg("file.invalid_json",
                                                 line=e.lineno, column=e.colno,
                                            error=e.msg))) from None
    except RecursionError:
        raise FileFormatError(located(where, Msg("file.nested"))) from None
    except ValueError:  # an integer with more digits than Python converts
        raise FileFormatError(located(where, Msg("file.long_number",
                                                 limit=sys.get_int_max_str_digits()))) from None
    check_plain(value, where)
    return value


def check_plain(value: Any, where: str) -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH and text UTF-8 cannot encode (a lone
    surrogate), walking the value without recursion, in time linear in its size."""
    stack = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, str):
            _check_text(v, where)
        elif isinstance(v, (list, dict)):
            if depth > MAX_JSON_DEPTH:
                raise FileFormatError(located(where, Msg("file.nested_levels",
                                                         depth=MAX_JSON_DEPTH)))
            if isinstance(v, dict):
                for k, x in v.items():
                    _check_text(k, where)
                    stack.append((x, depth + 1))
            else:
                stack.extend((x, depth + 1) for x in v)


def _check_text(s: str, where: str) -> None:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as e:
        bad = s[e.start]
        raise FileFormatError(located(where, Msg("file.surrogate", text=short(s),
                                            code=f"\\u{ord(bad):04x}"))) from None


def open_zip(f: io.BufferedIOBase) -> zipfile.ZipFile:
    """Open an untrusted ZIP archive: refuse damage, path-like or repeated member names, and
    declared sizes beyond the limits, before any member is read."""
    try:
        zf = zipfile.ZipFile(f)
    except READ_ERRORS as e:
        raise FileFormatError(Msg("file.zip_damaged", error=str(e))) from None
    names = zf.namelist()
    problem = None
    for n in names:
        if pathlike(n):
            problem = Msg("file.pathlike", name=short(n))
    if len(set(names)) != len(names):
        problem = Msg("file.zip_twice")
    if sum(i.file_size for i in zf.infolist()) > MAX_ARRAY_BYTES + MAX_JSON_BYTES:
        problem = Msg("file.zip_too_big")
    if problem:
        zf.close()
        raise FileFormatError(problem)
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int,
                where: str | None = None) -> bytes:
    """One member's bytes, inflated a chunk at a time: never more than ``limit`` of them nor
    more than the member declares (a member that gives more is refused at that point)."""
    name = where or info.filename
    if info.file_size > limit:
        raise FileFormatError(located(name, Msg("file.member_declares", size=info.file_size,
                                           limit=limit)))
    cap = info.file_size
    parts, got = [], 0
    try:
        with zf.open(info) as m:
            while True:
                part = m.read(min(CHUNK, cap + 1 - got))
                if not part:
                    break
                got += len(part)
                if got > cap:
                    raise FileFormatError(located(name, Msg("file.inflates_past", size=cap)))
                parts.append(part)
    except FileFormatError:
        raise
    except READ_ERRORS as e:
        raise FileFormatError(located(name, Msg("file.member_unreadable", error=str(e)))) from None
    return b"".join(parts)


def _npy_header(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str,
                key: str) -> tuple[tuple, np.dtype, int, bool]:
    """Check one .npy member's header: numeric dtype, and a size the member can really hold.
    Returns (shape, dtype, offset of the data, Fortran order)."""
    try:
        with zf.open(info) as f:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
            else:
                raise FileFormatError(located(where, Msg("file.npy_version", key=key,
                                                    version=version)))
            offset = f.tell()
            data_size = info.file_size - offset
    except FileFormatError:
        raise
    except (*READ_ERRORS, SyntaxError, TypeError) as e:
        raise FileFormatError(located(where, Msg("file.npy_invalid",
                                                 key=key, error=str(e)))) from None
    if dtype.hasobject or dtype.kind not in NUMERIC_KINDS:
        raise FileFormatError(located(where, Msg("file.npy_dtype", key=key, dtype=str(dtype))))
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > min(data_size, MAX_ARRAY_BYTES):
        raise FileFormatError(located(where, Msg("file.npy_size", key=key, nbytes=nbytes,
                                            size=data_size)))
    return tuple(shape), dtype, offset, bool(fortran)


Check = Callable[[str, tuple, np.dtype], "bool | None"]
"""``check(key, shape, dtype)``: raise FileFormatError when an array of that key, shape and
dtype is not one the caller expects, or return False to leave it unread (called on the
header, before the data is read)."""


def read_npz(data: bytes, where: str, check: Check | None = None,
             skip: Callable[[str], bool] | None = None) -> dict[str, np.ndarray]:
    """Arrays from .npz bytes, checked member by member before their data is read: the member
    name, the .npy header, then ``check(key, shape, dtype)``. Members for which ``skip(key)``
    is true are not read at all. Each member is inflated in a bounded stream."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except READ_ERRORS as e:
        raise FileFormatError(located(where, Msg("file.npz_unreadable", error=str(e)))) from None
    keys, total, out = [], 0, {}
    with zf:
        for info in infos:
            if not info.filename.endswith(".npy"):
                raise FileFormatError(located(where, Msg("file.npz_member",
                                                         name=short(info.filename))))
            total += info.file_size
            if total > MAX_ARRAY_BYTES:
                raise FileFormatError(located(where, Msg("file.npz_too_big",
                                                         gib=MAX_ARRAY_BYTES >> 30)))
            key = info.filename[:-4]
            if key in keys:
                raise FileFormatError(located(where, Msg("file.npz_twice")))
            keys.append(key)
        for info, key in zip(infos, keys):
            if skip is not None and skip(key):
                continue
            shape, dtype, offset, fortran = _npy_header(zf, info, where, key)
            if check is not None and check(key, shape, dtype) is False:
                continue
            nbytes = math.prod(shape) * dtype.itemsize
            raw = read_member(zf, info, offset + nbytes, f"{where}: {key}")
            try:
                a = np.frombuffer(raw, dtype=dtype, count=math.prod(shape), offset=offset)
            except ValueError as e:
                raise FileFormatError(located(where, Msg("file.npz_cannot_read", key=key,
                                                    error=str(e)))) from None
            a = a.reshape(shape, order="F" if fortran else "C").copy()
            out[key] = a if a.dtype.isnative else a.astype(a.dtype.newbyteorder("="))
    return out


def pathlike(name: str) -> bool:
    """True for archive member names that try to leave a directory (absolute, .., drive, \\)."""
    return (name.startswith(("/", "\\")) or "\\" in name or ":" in name
            or ".." in name.split("/"))


def atomic_write(path: str, write: Callable[[io.BufferedWriter], None]) -> None:
    """Write via a temporary file in the same directory, fsync, then os.replace over ``path``."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = os.stat(path).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def json_bytes(d: dict) -> bytes:
    """``d`` as indented UTF-8 JSON; NaN or infinity raise ValueError."""
    buf = io.StringIO()
    json.dump(d, buf, indent=1, allow_nan=False, ensure_ascii=False)
    return buf.getvalue().encode("utf-8")
