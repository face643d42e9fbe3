#!/usr/bin/python3
"""Trace a script in real Python with PyTorch and NumPy, step by step, in aliasview's trace format.

    /usr/bin/python3 tools/trace_torch.py FILE.py [-o FILE.json]
    /usr/bin/python3 tools/trace_torch.py --batch FOLDER FILE.py...    (folder/0.json, 1.json, ...)

Writes the same JSON schema as `aliasview trace` (version 1, docs/trace-format.md), so the differential
tests can compare the two step by step and the GUI can show a real program's trace. The script runs under
sys.settrace; a step is what ran between two line events of the script's own frame, folded so that the
events CPython 3.11 reports on the continuation lines of a multi-line statement stay in that statement's
step. Ids and addresses are the real id() and data pointers. What a trace from real Python cannot know
is documented in docs/trace-format.md ("Traces from real PyTorch").

Exit status: 0, or 1 when the script failed (as `aliasview trace`), 2 on bad arguments.
"""

import ast
import ctypes
import json
import os
import sys
import traceback
import types
import weakref

import numpy as np
import torch

FORMAT_VERSION = 1

# The caps of aliasview's TraceLimits (engine/session/session.h), so both traces show the same cells.
MAX_STEPS = 10_000
SUMMARIZE_THRESHOLD = 1000
EDGE_ITEMS = 3
MAX_BUFFER_VALUES = 1024
MAX_CHANGED_ELEMENTS = 1000
MAX_WRITTEN_RANGES = 1000
MAX_REPR_BYTES = 4000
MAX_OUTPUT_BYTES = 1 << 20
MAX_CONTAINER_ARRAYS = 64
# Buffers larger than this are not copied between steps, so their writes go unseen.
MAX_DIFFED_BUFFER_BYTES = 64 << 20

NUMPY_SCALAR_TYPES = (np.bool_, np.number)


class StepCapReached(BaseException):
    """Stops the script once the trace holds MAX_STEPS steps; a BaseException so `except Exception` lets it
    through, as aliasview's uncatchable stop does."""


# ---- text -------------------------------------------------------------------------------------------


def cap_text(text, cap):
    data = text.encode("utf-8", "surrogateescape")
    if len(data) <= cap:
        return text, False
    cut = cap
    while cut > 0 and (data[cut] & 0xC0) == 0x80:
        cut -= 1
    return data[:cut].decode("utf-8", "replace"), True


def type_name(obj):
    # What <class '...'> prints.
    return repr(type(obj))[8:-2]


def capped_repr(obj):
    """repr() cut at MAX_REPR_BYTES; lists, tuples and dicts stop once the cap is reached."""
    parts = []
    size = [0]

    def emit(text):
        parts.append(text)
        size[0] += len(text.encode("utf-8", "surrogateescape"))

    def walk(o, depth):
        if size[0] > MAX_REPR_BYTES:
            return
        if type(o) in (list, tuple) and depth < 64:
            is_list = type(o) is list
            emit("[" if is_list else "(")
            for i, item in enumerate(o):
                if size[0] > MAX_REPR_BYTES:
                    break
                if i:
                    emit(", ")
                walk(item, depth + 1)
            if not is_list and len(o) == 1:
                emit(",")
            emit("]" if is_list else ")")
            return
        if type(o) is dict and depth < 64:
            emit("{")
            for i, (k, v) in enumerate(o.items()):
                if size[0] > MAX_REPR_BYTES:
                    break
                if i:
                    emit(", ")
                walk(k, depth + 1)
                emit(": ")
                walk(v, depth + 1)
            emit("}")
            return
        try:
            emit(repr(o))
        except Exception as error:  # noqa: BLE001 - a repr that fails must not stop the trace
            emit("<repr failed: %s: %s>" % (type(error).__name__, error))

    walk(obj, 0)
    return cap_text("".join(parts), MAX_REPR_BYTES)


def element_texts(values):
    # NumPy's scalar repr of each element: "0.1" for float32 0.1, "True", "-3".
    return [repr(v) for v in values]


# ---- arrays -----------------------------------------------------------------------------------------


def is_array(obj):
    return isinstance(obj, (torch.Tensor, np.ndarray)) or isinstance(obj, NUMPY_SCALAR_TYPES)


def shown_indices(shape, numel):
    """Per dim, the indices a trace shows: all, or past the threshold the edge items torch and NumPy print."""
    summarized = numel > SUMMARIZE_THRESHOLD
    per_dim = []
    for n in shape:
        if summarized and n > 2 * EDGE_ITEMS:
            per_dim.append(list(range(EDGE_ITEMS)) + list(range(n - EDGE_ITEMS, n)))
        else:
            per_dim.append(list(range(n)))
    return summarized, per_dim


def shown_flat_indices(shape, per_dim):
    if not shape:
        return np.zeros(1, dtype=np.int64)
    grids = np.meshgrid(*[np.asarray(ix, dtype=np.int64) for ix in per_dim], indexing="ij")
    return np.ravel_multi_index([g.ravel() for g in grids], shape).astype(np.int64) if all(shape) else np.zeros(0, np.int64)


def host_numpy(tensor):
    return tensor.detach().cpu().resolve_conj().resolve_neg().numpy()


def ndarray_extent(a):
    """[first, last) bytes the ndarray can reach."""
    start = a.__array_interface__["data"][0]
    if a.size == 0:
        return start, start
    low = high = 0
    for n, s in zip(a.shape, a.strides):
        if s < 0:
            low += (n - 1) * s
        else:
            high += (n - 1) * s
    return start + low, start + high + a.itemsize


def tensor_memory(t):
    storage = t.storage()
    return storage._cdata, storage.data_ptr(), storage.nbytes()


def memory_root(a):
    """The object whose allocation an ndarray lives in: the last ndarray or tensor of its base chain."""
    root = a
    while isinstance(root, np.ndarray) and root.base is not None:
        base = root.base
        if not isinstance(base, (np.ndarray, torch.Tensor)):
            break
        root = base
    return root


def memory_range(obj):
    """(key, start, end, allocator) of the whole allocation an array can see, as far as Python shows it."""
    if isinstance(obj, torch.Tensor):
        key, start, nbytes = tensor_memory(obj)
        return ("storage", key), start, start + nbytes, "torch"
    root = memory_root(obj)
    if isinstance(root, torch.Tensor):
        key, start, nbytes = tensor_memory(root)
        return ("storage", key), start, start + nbytes, "torch"
    if root is not obj or obj.flags.owndata:
        start, end = ndarray_extent(root)
        return ("owner", id(root)), start, end, "numpy"
    start, end = ndarray_extent(obj)
    return ("owner", id(obj)), start, end, "numpy"


# ---- buffers ----------------------------------------------------------------------------------------


class Buffer:
    def __init__(self, start, end):
        self.id = 0
        self.start = start
        self.end = end
        self.keys = []
        self.members = []  # the array objects in it
        self.allocators = set()
        self.device = "cpu"


def group_buffers(entries):
    """entries: (obj, key, start, end, allocator). The union of overlapping ranges is one buffer; an empty
    range inside another range belongs to it, any other empty range is a buffer of its own."""
    real = sorted((e for e in entries if e[3] > e[2]), key=lambda e: e[2])
    buffers = []
    for entry in real:
        if buffers and entry[2] < buffers[-1].end:
            buffers[-1].end = max(buffers[-1].end, entry[3])
        else:
            buffers.append(Buffer(entry[2], entry[3]))
        buffers[-1].members.append(entry[0])
        buffers[-1].keys.append(entry[1])
        buffers[-1].allocators.add(entry[4])
    empty_by_key = {}
    for entry in entries:
        if entry[3] > entry[2]:
            continue
        home = next((b for b in buffers if b.start <= entry[2] < b.end), None)
        if home is None:
            home = empty_by_key.get(entry[1])
            if home is None:
                home = Buffer(entry[2], entry[2])
                empty_by_key[entry[1]] = home
                buffers.append(home)
        home.members.append(entry[0])
        home.keys.append(entry[1])
        home.allocators.add(entry[4])
    return buffers


# ---- the tracer -------------------------------------------------------------------------------------


def statement_owners(tree):
    """line -> the innermost statement whose own lines hold it: a simple statement's lines, or a compound
    statement's header (its test, iterator or context expressions)."""
    owners = {}

    def mark(node, first, last):
        for line in range(first, last + 1):
            owners[line] = node

    def header_end(node):
        if isinstance(node, (ast.If, ast.While)):
            return node.test.end_lineno
        if isinstance(node, (ast.For, ast.AsyncFor)):
            return node.iter.end_lineno
        if isinstance(node, (ast.With, ast.AsyncWith)):
            return max(item.context_expr.end_lineno for item in node.items)
        return node.lineno

    def visit(statements):
        for node in statements:
            if isinstance(node, ast.excepthandler):
                mark(node, node.lineno, node.type.end_lineno if node.type is not None else node.lineno)
                visit(node.body)
                continue
            bodies = [getattr(node, name) for name in ("body", "orelse", "handlers", "finalbody") if hasattr(node, name)]
            if isinstance(node, ast.stmt) and any(isinstance(b, list) and b and isinstance(b[0], (ast.stmt, ast.excepthandler)) for b in bodies):
                mark(node, node.lineno, header_end(node))
                for body in bodies:
                    visit(body)
            else:
                mark(node, node.lineno, node.end_lineno)

    visit(tree.body)
    return owners


class Tracer:
    def __init__(self, path, source):
        self.path = path
        self.source = source
        self.steps = []
        self.error = None
        self.exit_status = 0
        self.code = None
        self.owners = {}
        self.globals = None
        self.open = False
        self.line = 0
        self.last_event = (None, 0)
        self.stdout = []
        self.stderr = []
        self.output_bytes = [0, 0]
        self.output_truncated = False
        self.step_error = None
        self.previous_objects = {}  # id -> weakref or (type) of the last step's objects
        self.previous_buffers = []  # Buffer objects of the last step, with member weakrefs
        self.previous_bytes = {}  # buffer id -> (start, bytes)
        self.next_buffer_id = 1

    # ---- output -------------------------------------------------------------------------------------

    def write(self, which, text):
        if not self.open:
            return
        index = 0 if which == "stdout" else 1
        data = text.encode("utf-8", "surrogateescape")
        room = max(0, MAX_OUTPUT_BYTES - self.output_bytes[index])
        if len(data) > room:
            self.output_truncated = True
            text, _ = cap_text(text, room)
        (self.stdout if index == 0 else self.stderr).append(text)
        self.output_bytes[index] += len(text.encode("utf-8", "surrogateescape"))

    # ---- events -------------------------------------------------------------------------------------

    def trace_global(self, frame, event, arg):
        if frame.f_code is not self.code:
            return None
        return self.trace_local

    def trace_local(self, frame, event, arg):
        if event == "line":
            self.on_line(frame.f_lineno)
        elif event == "exception" and self.open and self.step_error is None:
            kind, value, tb = arg
            if not issubclass(kind, StepCapReached):
                self.step_error = error_of(kind, value, frame.f_lineno)
        return self.trace_local

    def on_line(self, line):
        owner = self.owners.get(line)
        previous_owner, previous_line = self.last_event
        self.last_event = (owner, line)
        if owner is not None and owner is previous_owner and (line != owner.lineno or previous_line != owner.lineno):
            return  # a continuation line of the statement already running
        if self.open:
            self.close_step(None)
        if len(self.steps) >= MAX_STEPS:
            raise StepCapReached("aliasview stopped the script: a trace records at most %d steps" % MAX_STEPS)
        self.open = True
        self.line = owner.lineno if owner is not None else line
        self.stdout, self.stderr = [], []
        self.output_bytes = [0, 0]
        self.output_truncated = False
        self.step_error = None

    # ---- running ------------------------------------------------------------------------------------

    def run(self):
        try:
            self.code = compile(self.source, self.path, "exec")
            tree = ast.parse(self.source, self.path)
        except SyntaxError as error:
            self.error = {
                "type": type_name(error),
                "message": error.msg,
                "line": error.lineno or 0,
                "column": (error.offset - 1) if error.offset else -1,
                "endColumn": (error.end_offset - 1) if error.end_offset else -1,
                "traceback": "".join(traceback.format_exception_only(type(error), error)),
            }
            self.exit_status = 1
            return
        self.owners = statement_owners(tree)
        self.globals = {"__name__": "__main__", "__builtins__": __builtins__, "__file__": self.path}
        real_stdout, real_stderr = sys.stdout, sys.stderr
        sys.stdout = Capture(self, "stdout")
        sys.stderr = Capture(self, "stderr")
        failure = None
        sys.settrace(self.trace_global)
        try:
            exec(self.code, self.globals)
        except BaseException as error:  # noqa: BLE001 - the script's failure is part of the trace
            failure = error
        finally:
            sys.settrace(None)
            sys.stdout, sys.stderr = real_stdout, real_stderr
        if failure is not None:
            tb = failure.__traceback__
            while tb is not None and tb.tb_frame.f_code is not self.code:
                tb = tb.tb_next
            line = tb.tb_lineno if tb is not None else self.line
            if isinstance(failure, StepCapReached):
                self.error = {"type": "RuntimeError", "message": str(failure), "line": line, "column": -1, "endColumn": -1,
                              "traceback": "RuntimeError: %s\n" % failure}
            else:
                self.error = error_of(type(failure), failure, line)
                self.error["traceback"] = "".join(traceback.format_exception(type(failure), failure, tb))
            self.exit_status = 1
        if self.open:
            self.close_step(self.error if failure is not None and not isinstance(failure, StepCapReached) else None)

    # ---- snapshots ----------------------------------------------------------------------------------

    def close_step(self, failure):
        self.open = False
        snapshot = {
            "index": len(self.steps),
            "line": self.line,
            "stdout": "".join(self.stdout),
            "stderr": "".join(self.stderr),
            "outputTruncated": self.output_truncated,
            "error": failure if failure is not None else self.step_error,
        }
        names, objects = self.collect_objects()
        snapshot["names"] = names

        entries = []
        for obj in objects:
            if isinstance(obj, (torch.Tensor, np.ndarray)):
                key, start, end, allocator = memory_range(obj)
                entries.append((obj, key, start, end, allocator))
        buffers = group_buffers(entries)
        order = {id(obj): i for i, obj in enumerate(objects)}
        buffers.sort(key=lambda b: min(order[id(m)] for m in b.members))
        self.assign_buffer_ids(buffers)
        buffer_of = {}
        for buffer in buffers:
            for member in buffer.members:
                buffer_of[id(member)] = buffer
            if any(isinstance(m, torch.Tensor) and m.device.type != "cpu" for m in buffer.members):
                buffer.device = str(next(m.device for m in buffer.members if isinstance(m, torch.Tensor)))

        # Writes: bytes of the buffers that were there at the last step, compared with now.
        previous_ids = {b.id for b in self.previous_buffers}
        diffs = {}
        for buffer in buffers:
            if buffer.id in previous_ids and buffer.id in self.previous_bytes and buffer.device == "cpu":
                diff = self.diff_buffer(buffer)
                if diff is not None:
                    diffs[buffer.id] = diff

        described = []
        objects_now = {}
        for obj in objects:
            entry = self.describe_object(obj, buffer_of, diffs)
            previous = self.previous_objects.get(id(obj))
            if isinstance(previous, weakref.ref):
                entry["new"] = previous() is not obj
            else:
                entry["new"] = previous != type(obj)
            try:
                objects_now[id(obj)] = weakref.ref(obj)
            except TypeError:
                objects_now[id(obj)] = type(obj)
            described.append(entry)
        snapshot["objects"] = described

        buffer_entries = []
        storages = []
        seen_storages = set()
        # A buffer is shown in the dtype of the first object viewing it, on that object's element grid.
        first_dtype = {}
        phase = {}
        for entry in described:
            array = entry["array"]
            if array is not None and array["buffer"] is not None and array["buffer"] not in first_dtype:
                first_dtype[array["buffer"]] = (array["dtype"], array["itemsize"])
                phase[array["buffer"]] = array["bufferByteOffset"] % array["itemsize"]
        for buffer in buffers:
            dtype, itemsize = first_dtype.get(buffer.id, ("uint8", 1))
            nbytes = buffer.end - buffer.start
            count = nbytes // itemsize if buffer.start else 0
            kept = min(count, MAX_BUFFER_VALUES)
            values = []
            if kept and buffer.device == "cpu":
                raw = (ctypes.c_char * (kept * itemsize)).from_address(buffer.start)
                values = element_texts(np.frombuffer(raw, dtype=np.dtype(dtype), count=kept))
            buffer_entries.append({
                "id": buffer.id,
                "address": buffer.start,
                "nbytes": nbytes,
                "device": buffer.device,
                "allocator": "numpy" if "numpy" in buffer.allocators else "torch",
                "dtype": dtype,
                "values": values,
                "truncated": kept < count,
            })
            for member in buffer.members:
                if isinstance(member, torch.Tensor):
                    key, start, size = tensor_memory(member)
                    if key not in seen_storages:
                        seen_storages.add(key)
                        storages.append({"id": key, "buffer": buffer.id, "byteOffset": start - buffer.start,
                                         "nbytes": size, "address": start})
        snapshot["buffers"] = buffer_entries
        snapshot["storages"] = storages
        snapshot["writes"] = [self.describe_write(b, diffs[b.id], first_dtype.get(b.id, ("uint8", 1)), phase.get(b.id, 0))
                              for b in buffers if b.id in diffs]

        present = {b.id for b in buffers}
        freed = []
        for old in self.previous_buffers:
            if old.id not in present and not any(ref() is not None for ref in old.refs):
                freed.append(old.id)
        snapshot["freedBuffers"] = freed

        self.previous_objects = objects_now
        self.previous_bytes = {}
        for buffer in buffers:
            nbytes = buffer.end - buffer.start
            if buffer.device == "cpu" and buffer.start and 0 < nbytes <= MAX_DIFFED_BUFFER_BYTES:
                self.previous_bytes[buffer.id] = (buffer.start, ctypes.string_at(buffer.start, nbytes))
        for buffer in buffers:
            buffer.refs = [weakref.ref(m) for m in buffer.members]
            buffer.members = []
            buffer.dtype = first_dtype.get(buffer.id, ("uint8", 1))
        self.previous_buffers = buffers
        self.steps.append(snapshot)

    def collect_objects(self):
        names = []
        objects = []
        seen = set()

        def add(obj):
            if id(obj) not in seen:
                seen.add(id(obj))
                objects.append(obj)

        for name, obj in list(self.globals.items()):
            if name.startswith("__") and name.endswith("__"):
                continue
            if isinstance(obj, types.ModuleType):
                continue
            names.append({"name": name, "object": id(obj)})
            add(obj)
        named = len(objects)
        i = 0
        while i < len(objects):
            obj = objects[i]
            if i < named and isinstance(obj, (list, tuple, dict)):
                items = [x for kv in obj.items() for x in kv] if isinstance(obj, dict) else list(obj)
                arrays = [x for x in items if is_array(x)][:MAX_CONTAINER_ARRAYS]
                for item in arrays:
                    add(item)
            if isinstance(obj, np.ndarray) and isinstance(obj.base, (np.ndarray, torch.Tensor)):
                add(obj.base)
            i += 1
        return names, objects

    def assign_buffer_ids(self, buffers):
        taken = set()
        for buffer in buffers:
            members = {id(m) for m in buffer.members}
            candidates = [old.id for old in self.previous_buffers
                          if old.id not in taken and any(ref() is not None and id(ref()) in members for ref in old.refs)]
            buffer.id = min(candidates) if candidates else self.take_id()
            taken.add(buffer.id)

    def take_id(self):
        value = self.next_buffer_id
        self.next_buffer_id += 1
        return value

    def diff_buffer(self, buffer):
        old_start, old_bytes = self.previous_bytes[buffer.id]
        new_end = buffer.end
        low = max(old_start, buffer.start)
        high = min(old_start + len(old_bytes), new_end)
        if high <= low:
            return None
        old = np.frombuffer(old_bytes, dtype=np.uint8)[low - old_start:high - old_start]
        new = np.frombuffer((ctypes.c_char * (high - low)).from_address(low), dtype=np.uint8).copy()
        changed = old != new
        if not changed.any():
            return None
        # A byte mask over the whole buffer as it is now, for the cells of each view.
        mask = np.zeros(buffer.end - buffer.start, dtype=np.uint8)
        mask[low - buffer.start:high - buffer.start] = changed
        return {"mask": mask, "low": low, "old": old, "new": new}

    # ---- describing ---------------------------------------------------------------------------------

    def describe_object(self, obj, buffer_of, diffs):
        entry = {"id": id(obj), "type": type_name(obj)}
        if is_array(obj):
            try:
                text = str(obj)
            except Exception as error:  # noqa: BLE001
                text = "<str failed: %s>" % error
            entry["repr"], entry["reprTruncated"] = cap_text(text, MAX_REPR_BYTES)
            entry["array"] = self.describe_array(obj, buffer_of, diffs)
        else:
            entry["repr"], entry["reprTruncated"] = capped_repr(obj)
            entry["array"] = None
        return entry

    def describe_array(self, obj, buffer_of, diffs):
        out = {
            "flavour": "numpy", "storage": None, "requiresGrad": False, "isLeaf": True, "gradFn": None,
            "version": 0, "base": None, "ownData": False, "writeable": True, "cContiguous": False,
            "fContiguous": False, "changed": False, "changedCells": [], "device": "cpu",
        }
        if isinstance(obj, NUMPY_SCALAR_TYPES):
            out.update({
                "dtype": obj.dtype.name, "shape": [], "strides": [], "storageOffset": 0, "itemsize": obj.itemsize,
                "buffer": None, "bufferByteOffset": 0, "dataPtr": 0, "contiguous": True,
                "ownData": bool(obj.flags.owndata), "writeable": bool(obj.flags.writeable),
                "cContiguous": bool(obj.flags.c_contiguous), "fContiguous": bool(obj.flags.f_contiguous),
                "values": [repr(obj)], "cellIndex": [], "summarized": False,
            })
            return out
        buffer = buffer_of[id(obj)]
        if isinstance(obj, torch.Tensor):
            itemsize = obj.element_size()
            host = host_numpy(obj) if obj.device.type == "cpu" else None
            grad_fn = obj.grad_fn
            out.update({
                "flavour": "torch",
                "dtype": str(obj.dtype)[len("torch."):],
                "shape": list(obj.shape),
                "strides": list(obj.stride()),
                "storageOffset": obj.storage_offset(),
                "storage": tensor_memory(obj)[0],
                "dataPtr": obj.data_ptr(),
                "device": str(obj.device),
                "contiguous": obj.is_contiguous(),
                "requiresGrad": obj.requires_grad,
                "isLeaf": obj.is_leaf,
                "gradFn": type(grad_fn).__name__ if grad_fn is not None else None,
                "version": obj._version,
            })
            byte_strides = [s * itemsize for s in obj.stride()]
        else:
            itemsize = obj.itemsize
            host = obj
            data = obj.__array_interface__["data"][0]
            base = obj.base
            out.update({
                "dtype": obj.dtype.name,
                "shape": list(obj.shape),
                "strides": [s // itemsize for s in obj.strides],
                "dataPtr": data,
                "contiguous": bool(obj.flags.c_contiguous),
                "base": id(base) if base is not None else None,
                "ownData": bool(obj.flags.owndata),
                "writeable": bool(obj.flags.writeable),
                "cContiguous": bool(obj.flags.c_contiguous),
                "fContiguous": bool(obj.flags.f_contiguous),
            })
            byte_strides = list(obj.strides)
        out["itemsize"] = itemsize
        out["buffer"] = buffer.id
        out["bufferByteOffset"] = out["dataPtr"] - buffer.start if out["dataPtr"] else 0
        if out["flavour"] == "numpy":
            out["storageOffset"] = out["bufferByteOffset"] // itemsize

        shape = list(obj.shape)
        numel = int(np.prod(shape)) if shape else 1
        summarized, per_dim = shown_indices(shape, numel)
        out["summarized"] = summarized
        flat = shown_flat_indices(shape, per_dim) if numel else np.zeros(0, np.int64)
        if host is None or numel == 0:
            out["values"] = []
        elif summarized:
            out["values"] = element_texts(host[np.ix_(*per_dim)].ravel()) if shape else element_texts(host.ravel())
        else:
            out["values"] = element_texts(host.ravel())
        out["cellIndex"] = [int(i) for i in flat] if summarized else []

        diff = diffs.get(buffer.id)
        if diff is not None and numel:
            offset = out["bufferByteOffset"]
            cells = np.ndarray(shape=tuple(shape) + (itemsize,), dtype=np.uint8, buffer=diff["mask"], offset=offset,
                               strides=tuple(byte_strides) + (1,)).any(axis=-1)
            out["changed"] = bool(cells.any())
            if out["changed"]:
                changed = np.flatnonzero(cells.ravel())
                if summarized:
                    changed = np.intersect1d(changed, flat)
                out["changedCells"] = [int(i) for i in changed]
        return out

    def describe_write(self, buffer, diff, dtype_info, phase):
        """Without a write path to watch, a write is what differs: each element of the buffer's grid with a
        changed byte, and its bytes before and after."""
        dtype, itemsize = dtype_info
        low, old, new = diff["low"], diff["old"], diff["new"]
        rel = np.flatnonzero(old != new) + (low - buffer.start)
        elements = np.unique((rel - phase) // itemsize)
        changed = []
        ranges = []
        for element in elements:
            begin = int(phase + element * itemsize)
            end = begin + itemsize
            if ranges and ranges[-1][1] == begin:
                ranges[-1][1] = end
            elif len(ranges) < MAX_WRITTEN_RANGES + 1:
                ranges.append([begin, end])
            if len(changed) < MAX_CHANGED_ELEMENTS:
                a = begin + buffer.start - low
                if a >= 0 and a + itemsize <= len(old):
                    old_value = repr(np.frombuffer(old[a:a + itemsize].tobytes(), dtype=np.dtype(dtype))[0])
                    new_value = repr(np.frombuffer(new[a:a + itemsize].tobytes(), dtype=np.dtype(dtype))[0])
                    changed.append({"byteOffset": begin, "old": old_value, "new": new_value})
        return {
            "buffer": buffer.id,
            "op": "",
            "dtype": dtype,
            "elementsWritten": int(len(elements)),
            "elementsChanged": int(len(elements)),
            "changed": changed,
            "truncated": len(elements) > len(changed),
            "oldValuesKnown": True,
            "writtenRanges": ranges[:MAX_WRITTEN_RANGES],
            "writtenRangesTruncated": len(ranges) > MAX_WRITTEN_RANGES,
        }

    def to_json(self):
        return {
            "version": FORMAT_VERSION,
            "producer": "tools/trace_torch.py (torch %s, numpy %s)" % (torch.__version__, np.__version__),
            "file": self.path,
            "source": self.source,
            "exitStatus": self.exit_status,
            "error": self.error,
            "steps": self.steps,
        }


def error_of(kind, value, line):
    name = kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else kind.__module__ + "." + kind.__qualname__
    return {"type": name, "message": str(value), "line": line, "column": -1, "endColumn": -1, "traceback": ""}


class Capture:
    """sys.stdout / sys.stderr while the script runs: the text goes into the open step."""

    def __init__(self, tracer, which):
        self.tracer = tracer
        self.which = which
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, text):
        self.tracer.write(self.which, text)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True


def trace_file(path, output):
    """Traces one script into output (a path, or None for stdout); returns the exit status."""
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
    except OSError as error:
        print("trace_torch.py: can't open file '%s': %s" % (path, error), file=sys.stderr)
        return 2
    sys.argv = [path]
    tracer = Tracer(path, source)
    tracer.run()
    text = json.dumps(tracer.to_json(), indent=1, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    return tracer.exit_status


def trace_batch(folder, paths):
    """--batch: PyTorch is imported once, and each script runs in a forked child of its own, from its own
    folder under its file name, into folder/N.json (N its position). The children share nothing they could
    change; the batch's exit status is 0 unless a child crashed."""
    status = 0
    for index, path in enumerate(paths):
        output = os.path.join(os.path.abspath(folder), "%d.json" % index)
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                os.chdir(os.path.dirname(os.path.abspath(path)))
                code = trace_file(os.path.basename(path), output)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, child = os.waitpid(pid, 0)
        if not os.WIFEXITED(child) or os.WEXITSTATUS(child) > 1:
            print("trace_torch.py: tracing %s failed (status %d)" % (path, child), file=sys.stderr)
            status = 3
    return status


USAGE = "usage: trace_torch.py FILE.py [-o FILE.json]\n       trace_torch.py --batch FOLDER FILE.py..."


def main(argv):
    args = argv[1:]
    if args and args[0] == "--batch":
        if len(args) < 2:
            print(USAGE, file=sys.stderr)
            return 2
        return trace_batch(args[1], args[2:])
    path = None
    output = None
    i = 0
    while i < len(args):
        if args[i] in ("-o", "--output") and i + 1 < len(args):
            output = args[i + 1]
            i += 2
            continue
        if args[i].startswith("-") or path is not None:
            print(USAGE, file=sys.stderr)
            return 2
        path = args[i]
        i += 1
    if path is None:
        print(USAGE, file=sys.stderr)
        return 2
    return trace_file(path, output)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
