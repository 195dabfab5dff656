#!/usr/bin/python3
"""An independent evaluator of the ONNX files deltaboost exports: numpy only, no ONNX Runtime.

Usage: reference_evaluator.py MODEL INPUT OUTPUT_DIR

MODEL is read with the onnx package (Debian's python3-onnx) for its graph and initializers only;
INPUT is the graph input's raw bytes (uint8 pixels, or float32 little-endian), N×C×H×W, with N
inferred from the file size and the declared sample shape. Every node is executed here, in
float64, from the ONNX operator specification (opset 17); for each graph output NAME the file
OUTPUT_DIR/NAME.f32 receives its values as float32 little-endian, row-major, and the line
"NAME (d0, d1, ...)" goes to standard output, then "ops: Op1 Op2 ..." lists the operators run.

An operator or attribute outside what is implemented fails (exit status 2) naming it: the
evaluator never skips a node it cannot compute.
"""

import math
import sys

import numpy as np
import onnx
from onnx import numpy_helper


class Unsupported(Exception):
    pass


def attributes(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def only(node, attrs, allowed):
    extra = set(attrs) - set(allowed)
    if extra:
        raise Unsupported(f"{node.op_type} '{node.name}': attributes {sorted(extra)}")


def windows(x, kernel, strides, dilations, pads, fill):
    """(N, C, H, W) padded with fill -> (N, C, oh, ow, kh, kw) views of every window."""
    top, left, bottom, right = pads
    x = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=fill)
    kh, kw = kernel
    sh, sw = strides
    dh, dw = dilations
    span_h, span_w = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    oh = (x.shape[2] - span_h) // sh + 1
    ow = (x.shape[3] - span_w) // sw + 1
    out = np.empty(x.shape[:2] + (oh, ow, kh, kw), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            out[:, :, :, :, i, j] = x[
                :, :, i * dh : i * dh + sh * (oh - 1) + 1 : sh, j * dw : j * dw + sw * (ow - 1) + 1 : sw
            ]
    return out


def conv(node, a, x, w, b=None):
    only(node, a, {"kernel_shape", "strides", "pads", "dilations", "group"})
    if x.ndim != 4:
        raise Unsupported(f"Conv '{node.name}' on rank {x.ndim} (2-d images only)")
    kernel = w.shape[2:]
    strides = a.get("strides", [1, 1])
    dilations = a.get("dilations", [1, 1])
    pads = a.get("pads", [0, 0, 0, 0])
    group = a.get("group", 1)
    patches = windows(x, kernel, strides, dilations, (pads[0], pads[1], pads[2], pads[3]), 0.0)
    n, c, oh, ow = patches.shape[:4]
    per_group_in = c // group
    per_group_out = w.shape[0] // group
    outs = []
    for g in range(group):
        p = patches[:, g * per_group_in : (g + 1) * per_group_in]
        k = w[g * per_group_out : (g + 1) * per_group_out]
        # y[n, o, r, s] = sum_{c, i, j} p[n, c, r, s, i, j] k[o, c, i, j]
        outs.append(np.einsum("ncrsij,ocij->nors", p, k))
    y = np.concatenate(outs, axis=1)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


def pool(node, a, x, kind):
    only(node, a, {"kernel_shape", "strides", "pads", "ceil_mode", "count_include_pad"})
    if x.ndim != 4:
        raise Unsupported(f"{node.op_type} '{node.name}' on rank {x.ndim} (2-d images only)")
    kernel = a["kernel_shape"]
    strides = a.get("strides", [1, 1])
    pads = list(a.get("pads", [0, 0, 0, 0]))
    h, w = x.shape[2:]
    if a.get("ceil_mode", 0):
        # extra end padding so the last, partial window is kept, if it starts inside the input
        for axis, size in ((0, h), (1, w)):
            total = size + pads[axis] + pads[axis + 2]
            out = math.ceil((total - kernel[axis]) / strides[axis]) + 1
            if (out - 1) * strides[axis] >= size + pads[axis]:
                out -= 1
            pads[axis + 2] += (out - 1) * strides[axis] + kernel[axis] - total
    fill = -np.inf if kind == "max" else 0.0
    patches = windows(x, kernel, strides, (1, 1), pads, fill)
    if kind == "max":
        return patches.max(axis=(4, 5))
    sums = patches.sum(axis=(4, 5))
    explicit = a.get("pads", [0, 0, 0, 0])
    if a.get("count_include_pad", 0):
        # the divisor counts the explicit pads but never the ceil_mode extension
        padded = np.ones((h + explicit[0] + explicit[2], w + explicit[1] + explicit[3]))
        counted = np.pad(padded, ((0, pads[2] - explicit[2]), (0, pads[3] - explicit[3])))
    else:
        counted = np.pad(np.ones((h, w)), ((pads[0], pads[2]), (pads[1], pads[3])))
    counts = windows(counted[None, None], kernel, strides, (1, 1), (0, 0, 0, 0), 0.0).sum(axis=(4, 5))
    return sums / counts


def resize(node, a, x, sizes):
    only(node, a, {"mode", "coordinate_transformation_mode"})
    if a.get("mode", b"nearest") != b"linear" or a.get(
        "coordinate_transformation_mode", b"half_pixel"
    ) != b"half_pixel":
        raise Unsupported(f"Resize '{node.name}': only mode linear, half_pixel coordinates")
    sizes = [int(s) for s in sizes]
    y = x
    for axis in range(x.ndim):
        n_in, n_out = x.shape[axis], sizes[axis]
        if n_in == n_out:
            continue
        # output index r samples input coordinate (r + 1/2) * n_in / n_out - 1/2, clamped to the
        # edge cells; linear interpolation between its two neighbours
        coord = (np.arange(n_out) + 0.5) * (n_in / n_out) - 0.5
        coord = np.clip(coord, 0, n_in - 1)
        low = np.floor(coord).astype(int)
        high = np.minimum(low + 1, n_in - 1)
        frac = coord - low
        shape = [1] * y.ndim
        shape[axis] = n_out
        y = np.take(y, low, axis=axis) * (1 - frac).reshape(shape) + np.take(
            y, high, axis=axis
        ) * frac.reshape(shape)
    return y


def run_node(node, a, xs):
    op = node.op_type
    if op == "Cast":
        only(node, a, {"to"})
        if a["to"] != onnx.TensorProto.FLOAT:
            raise Unsupported(f"Cast '{node.name}' to type {a['to']}")
        return xs[0].astype(np.float64)
    if op in ("Add", "Sub", "Mul", "Div"):
        only(node, a, set())
        f = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}[op]
        return f(xs[0].astype(np.float64), xs[1].astype(np.float64))
    if op == "Identity":
        return xs[0]
    if op == "Relu":
        return np.maximum(xs[0], 0.0)
    if op == "Sigmoid":
        return 1.0 / (1.0 + np.exp(-xs[0]))
    if op == "Tanh":
        return np.tanh(xs[0])
    if op == "Flatten":
        only(node, a, {"axis"})
        axis = a.get("axis", 1)
        return xs[0].reshape(int(np.prod(xs[0].shape[:axis])), -1)
    if op == "Gemm":
        only(node, a, {"transA", "transB", "alpha", "beta"})
        A = xs[0].T if a.get("transA", 0) else xs[0]
        B = xs[1].T if a.get("transB", 0) else xs[1]
        y = a.get("alpha", 1.0) * (A @ B)
        if len(xs) > 2 and xs[2] is not None:
            y = y + a.get("beta", 1.0) * xs[2]
        return y
    if op == "MatMul":
        return np.matmul(xs[0], xs[1])
    if op == "Conv":
        return conv(node, a, *xs)
    if op == "BatchNormalization":
        only(node, a, {"epsilon"})
        x, gamma, beta, mean, var = xs
        shape = (1, -1) + (1,) * (x.ndim - 2)
        eps = a.get("epsilon", 1e-5)
        return (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps) * gamma.reshape(
            shape
        ) + beta.reshape(shape)
    if op == "MaxPool":
        return pool(node, a, xs[0], "max")
    if op == "AveragePool":
        return pool(node, a, xs[0], "average")
    if op == "GlobalAveragePool":
        return xs[0].mean(axis=tuple(range(2, xs[0].ndim)), keepdims=True)
    if op == "GlobalMaxPool":
        return xs[0].max(axis=tuple(range(2, xs[0].ndim)), keepdims=True)
    if op == "Softmax":
        only(node, a, {"axis"})
        axis = a.get("axis", -1)
        z = xs[0] - xs[0].max(axis=axis, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=axis, keepdims=True)
    if op == "Shape":
        only(node, a, {"start", "end"})
        dims = list(xs[0].shape)
        return np.array(dims[a.get("start", 0) : a.get("end", len(dims))], dtype=np.int64)
    if op == "Concat":
        only(node, a, {"axis"})
        return np.concatenate(xs, axis=a["axis"])
    if op == "Resize":
        if len(xs) != 4 or xs[1] is not None or xs[2] is not None:
            raise Unsupported(f"Resize '{node.name}': only the sizes input")
        return resize(node, a, xs[0], xs[3])
    raise Unsupported(f"operator {op} (node '{node.name}')")


def main(model_path, input_path, out_dir):
    model = onnx.load(model_path)
    graph = model.graph
    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    if len(graph.input) != 1:
        raise Unsupported(f"{len(graph.input)} graph inputs")
    declared = graph.input[0]
    elem = declared.type.tensor_type.elem_type
    dtype = {onnx.TensorProto.UINT8: np.uint8, onnx.TensorProto.FLOAT: np.dtype("<f4")}.get(elem)
    if dtype is None:
        raise Unsupported(f"input element type {elem}")
    sample = [d.dim_value for d in declared.type.tensor_type.shape.dim[1:]]
    x = np.fromfile(input_path, dtype=dtype)
    values[declared.name] = x.reshape([-1] + sample)
    executed = []
    for node in graph.node:
        inputs = [values[name] if name else None for name in node.input]
        values[node.output[0]] = run_node(node, attributes(node), inputs)
        if node.op_type not in executed:
            executed.append(node.op_type)
    for output in graph.output:
        y = np.asarray(values[output.name], dtype=np.float64)
        y.astype("<f4").tofile(f"{out_dir}/{output.name}.f32")
        print(output.name, tuple(y.shape))
    print("ops:", " ".join(executed))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    try:
        main(*sys.argv[1:])
    except Unsupported as e:
        print(f"reference evaluator: unsupported: {e}", file=sys.stderr)
        sys.exit(2)
