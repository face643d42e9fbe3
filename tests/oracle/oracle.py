#!/usr/bin/python3
"""The judge: runs test cases in Debian's real PyTorch 1.13 and NumPy 1.24 and describes what they did.

Reads {"cases": [{"name": ..., "code": ...}]} on stdin. Each case's code runs in a fresh namespace with
torch, numpy and np imported; it binds `r` (the result: an array, a number, or a tuple/list of them) and
may bind `src` (the array that `r` is compared with for sharing). Writes {"name": description} as JSON.
tests/support/describe.cpp builds the same description from the engine; the tests compare the two.

Numbers are written as Python's repr strings, so float32 values and int64 extremes compare exactly.
"""
import json
import sys
import warnings

import numpy
import numpy as np
import torch


def value_text(v):
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, int):
        return str(v)
    return repr(float(v))


def flat_values(x):
    out = []

    def walk(item):
        if isinstance(item, list):
            for sub in item:
                walk(sub)
        else:
            out.append(value_text(item))

    walk(x.tolist())
    return out


def data_ptr(x):
    if isinstance(x, torch.Tensor):
        return x.data_ptr()
    return x.__array_interface__["data"][0]


def as_numpy(x):
    return x.detach().numpy() if isinstance(x, torch.Tensor) else x


def describe_array(x, src):
    if isinstance(x, torch.Tensor):
        d = {
            "kind": "Tensor",
            "dtype": str(x.dtype).replace("torch.", ""),
            "shape": list(x.shape),
            "strides": list(x.stride()),
            "offset": x.storage_offset(),
            "contiguous": x.is_contiguous(),
            "requires_grad": x.requires_grad,
            "is_leaf": x.is_leaf,
            "grad_fn": type(x.grad_fn).__name__ if x.grad_fn is not None else None,
            "version": x._version,
            "is_view": x._is_view(),
            "storage_nbytes": x.storage().nbytes(),
            "device": str(x.device),
        }
    else:
        itemsize = x.itemsize
        d = {
            "kind": "ndarray",
            "dtype": x.dtype.name,
            "shape": list(x.shape),
            "byte_strides": list(x.strides),
            "owndata": bool(x.flags.owndata),
            "writeable": bool(x.flags.writeable),
            "c_contiguous": bool(x.flags.c_contiguous),
            "f_contiguous": bool(x.flags.f_contiguous),
            "base": None if x.base is None else ("Tensor" if isinstance(x.base, torch.Tensor) else "ndarray"),
        }
        if src is not None:
            d["base_is_src"] = x.base is src
    d["values"] = flat_values(x)
    if src is not None and isinstance(src, (torch.Tensor, np.ndarray)):
        d["same_object"] = x is src
        shares = bool(np.shares_memory(as_numpy(x), as_numpy(src)))
        d["shares"] = shares
        d["ptr_delta"] = data_ptr(x) - data_ptr(src) if shares else None
    return d


def describe(x, src):
    if isinstance(x, (torch.Tensor, np.ndarray)):
        return describe_array(x, src)
    if isinstance(x, np.generic):
        return {"kind": "npscalar", "dtype": x.dtype.name, "value": value_text(x.item())}
    if isinstance(x, str):  # printing tests (tst_format) compare whole repr()/str() texts
        return {"kind": "str", "value": x}
    if isinstance(x, (bool, int, float)):
        return {"kind": "scalar", "type": type(x).__name__, "value": value_text(x)}
    if isinstance(x, (tuple, list)):
        return {"kind": type(x).__name__ if type(x) in (tuple, list) else "tuple",
                "items": [describe(item, src) for item in x]}
    if isinstance(x, torch.Size):
        return {"kind": "tuple", "items": [describe(item, src) for item in x]}
    return {"kind": "other", "type": type(x).__name__, "repr": repr(x)}


def run_case(code):
    namespace = {"torch": torch, "numpy": numpy, "np": np}
    caught = []
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            exec(compile(code, "<case>", "exec"), namespace)
        except Exception as error:  # the error is the result being judged
            kind = type(error)
            module = kind.__module__
            name = kind.__qualname__ if module in ("builtins", "__main__") else module + "." + kind.__qualname__
            return {"kind": "error", "type": name, "message": str(error)}
        caught = [{"category": w.category.__name__, "message": str(w.message)} for w in seen]
    out = describe(namespace.get("r"), namespace.get("src"))
    if caught:
        out["warnings"] = caught
    return out


def main():
    request = json.load(sys.stdin)
    torch.set_printoptions(profile="default")
    answers = {case["name"]: run_case(case["code"]) for case in request["cases"]}
    json.dump({"torch": torch.__version__, "numpy": np.__version__, "answers": answers}, sys.stdout)


if __name__ == "__main__":
    main()
