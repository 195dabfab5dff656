#!/usr/bin/python3
"""The PyTorch side of bench/run: the same training as `deltaboost train`, written as a PyTorch
user would write it, with the same per-epoch record (epochs.jsonl: epoch, trainLoss, testError,
seconds, samplesPerSecond, evalSeconds).

What is reproduced from the Java side (harness TrainingRun, modules/architectures):
  * data: the IDX files, pixels / 255 as float32 (no other normalization), first N training
    samples when --train-limit is given, a fresh shuffle every epoch, the last partial batch kept;
  * MLP 784-392-50-10 (Mlp.java): Linear-ReLU-Linear-ReLU-Linear;
  * CNN-5 (Cnn5.java, default widths 32-64-128-256 on 1x28x28): 4 x [conv3x3 stride 1 pad 1 without
    bias, BatchNorm (eps 1e-5, PyTorch momentum 0.1 = DJL's 0.9), ReLU, maxpool 2x2 stride 2]
    (28->14->7->3->1), flatten, Linear(256, 10);
  * All-Conv-10 (AllConv10.java, widths 96/192, built for 1x28x28 as `deltaboost train` builds it
    for Fashion-MNIST): 9 x [conv without bias, BatchNorm, ReLU] with (filters, kernel, stride,
    padding) 3 x (96, 3, 1|1|2, 1), 3 x (192, 3, 1|1|2, 1), (192, 3, 1, 0), (192, 1, 1, 0),
    (10, 1, 1, 0), sides 28->28->28->14->14->14->7->5->5->5, then flatten and Linear(250, 10) (a
    fully connected head, no global average pooling); 1,371,778 trainable parameters;
  * init (FanInUniformInitializer.java): every weight ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with
    fanIn = in_features (Linear) or in_channels*k*k (Conv); every bias 0; BN gamma 1, beta 0;
  * strategies: softmax-ce = cross-entropy averaged over the batch (gradient (softmax(z) - t)/B);
    exp-gb = linear output, delta = alpha*e^z + beta - t, targets {neg, pos}, gradient delta/B at
    the logits (a custom autograd step, ExpBoostedLoss), value 1/2 * mean over the batch of
    sum_k (y - t)^2 as the Java side reports;
  * step: forward in train mode, loss value read every step (the Java side reads it too, for its
    divergence check), backward, plain SGD w <- w - lr*g, gradients cleared;
  * timing: `seconds` covers only the epoch's training steps, batch assembly included; the test
    error is measured after the epoch (eval mode) and timed separately as evalSeconds.

Next to epochs.jsonl, parameters.json holds the network's trainable parameter count and shapes in
module order (bench/run compares them with the arrays in deltaboost's model.params).

--trace-steps E:FROM-TO records torch.profiler over those steps into --trace-out (Chrome trace), the
counterpart of deltaboost's --trace-steps (bench/step-profile compares the two).

Other modes: --describe prints the torch build, threads and the BLAS / oneDNN actually loaded;
--peak measures fp32 matmul GFLOP/s with torch.mm.
"""
import argparse
import ctypes
import gzip
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------------------------------------
# data

def read_idx(path):
    """Reads an IDX file (optionally .gz) into a uint8 tensor of its declared shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise SystemExit(f"{path}: not an unsigned-byte IDX file (magic {data[:4].hex()})")
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    payload = data[4 + 4 * rank:]
    if len(payload) != math.prod(dims):
        raise SystemExit(f"{path}: header says {dims} = {math.prod(dims)} bytes, file has {len(payload)}")
    return torch.frombuffer(bytearray(payload), dtype=torch.uint8).reshape(dims)


def find_idx(folder, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise SystemExit(f"{folder}: neither {stem} nor {stem}.gz exists")


def load_split(folder, prefix):
    images = read_idx(find_idx(folder, f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(find_idx(folder, f"{prefix}-labels-idx1-ubyte")).long()
    x = images.float().div_(255.0).unsqueeze(1).contiguous()  # (N, 1, 28, 28) in [0, 1]
    return x, labels


# ---------------------------------------------------------------------------------------------
# networks, initialized as FanInUniformInitializer + DJL's zero biases

def fan_in_uniform_(module):
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            fan_in = m.weight[0].numel()
            bound = 1.0 / math.sqrt(fan_in)
            nn.init.uniform_(m.weight, -bound, bound)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
    return module


def mlp():
    return fan_in_uniform_(nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 392), nn.ReLU(),
        nn.Linear(392, 50), nn.ReLU(),
        nn.Linear(50, 10)))


def cnn5(widths=(32, 64, 128, 256), in_channels=1, side=28, classes=10):
    layers = []
    channels = in_channels
    for width in widths:
        layers += [nn.Conv2d(channels, width, 3, stride=1, padding=1, bias=False),
                   nn.BatchNorm2d(width, eps=1e-5, momentum=0.1),
                   nn.ReLU(),
                   nn.MaxPool2d(2, 2)]
        channels = width
        side = (side + 2 - 3) // 1 + 1
        side = (side - 2) // 2 + 1
    layers += [nn.Flatten(), nn.Linear(channels * side * side, classes)]
    return fan_in_uniform_(nn.Sequential(*layers))


def allconv10(narrow=96, wide=192, in_channels=1, side=28, classes=10):
    """AllConv10.java: nine ConvBnRelu units (kernel, stride, padding), then flatten and a fully
    connected output layer; on 1x28x28: 28 -> 28 -> 28 -> 14 -> 14 -> 14 -> 7 -> 5 -> 5 -> 5, so
    the head is Linear(classes*5*5, classes)."""
    units = [(narrow, 3, 1, 1), (narrow, 3, 1, 1), (narrow, 3, 2, 1),
             (wide, 3, 1, 1), (wide, 3, 1, 1), (wide, 3, 2, 1),
             (wide, 3, 1, 0), (wide, 1, 1, 0), (classes, 1, 1, 0)]
    layers = []
    channels = in_channels
    for width, kernel, stride, padding in units:
        layers += [nn.Conv2d(channels, width, kernel, stride=stride, padding=padding, bias=False),
                   nn.BatchNorm2d(width, eps=1e-5, momentum=0.1),
                   nn.ReLU()]
        channels = width
        side = (side + 2 * padding - kernel) // stride + 1
    layers += [nn.Flatten(), nn.Linear(channels * side * side, classes)]
    return fan_in_uniform_(nn.Sequential(*layers))


MODELS = {"mlp": mlp, "cnn5": cnn5, "allconv10": allconv10}


def trainable_parameters(model):
    """Weights, biases and BN's gamma and beta; BN's running statistics are buffers, not counted."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# ---------------------------------------------------------------------------------------------
# strategies

class ExpBoostedLoss(torch.autograd.Function):
    """exp-GB at the logits z: y = alpha*e^z + beta, delta = y - t (the exp's derivative is not
    applied). Value: 1/2 * mean over the batch of sum_k (y - t)^2. Gradient w.r.t. z: delta / B."""

    @staticmethod
    def forward(ctx, z, t, alpha, beta):
        delta = torch.exp(z).mul_(alpha).add_(beta).sub_(t)
        ctx.save_for_backward(delta)
        return delta.square().sum().mul_(0.5 / z.shape[0])

    @staticmethod
    def backward(ctx, grad_output):
        (delta,) = ctx.saved_tensors
        return delta * (grad_output / delta.shape[0]), None, None, None


def strategy_loss(strategy, alpha, beta, negative, positive):
    if strategy == "softmax-ce":
        return F.cross_entropy
    if strategy == "exp-gb":
        def exp_gb(z, labels):
            t = torch.full_like(z, negative)
            t.scatter_(1, labels.unsqueeze(1), positive)
            return ExpBoostedLoss.apply(z, t, alpha, beta)
        return exp_gb
    raise SystemExit(f"--strategy: softmax-ce or exp-gb, got {strategy!r}")


# ---------------------------------------------------------------------------------------------
# describe / peak

def loaded_libraries(*needles):
    """Shared objects mapped into this process whose file name contains one of the needles."""
    found = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and parts[5].startswith("/"):
                name = os.path.basename(parts[5]).lower()
                if any(n in name for n in needles) and parts[5] not in found:
                    found.append(parts[5])
    return found


def describe(threads):
    torch.set_num_threads(threads)
    a = torch.randn(256, 256)
    (a @ a).sum().item()  # loads the BLAS
    print(f"torch {torch.__version__} (python {sys.version.split()[0]}), "
          f"intra-op threads {torch.get_num_threads()}, inter-op {torch.get_num_interop_threads()}, "
          f"oneDNN (mkldnn) available {torch.backends.mkldnn.is_available()} enabled {torch.backends.mkldnn.enabled}, "
          f"MKL {torch.backends.mkl.is_available()}")
    for line in torch.__config__.show().splitlines():
        line = line.strip()
        if line.startswith(("- Intel(R) MKL-DNN", "- CPU capability", "- OpenMP")):
            print("  " + line[2:])
        if line.startswith("- Build settings"):
            for item in line.split(", "):
                if item.startswith(("BLAS_INFO", "LAPACK_INFO")):
                    print("  " + item.strip())
    libs = loaded_libraries("blas", "mkl", "gomp", "omp.so", "dnnl")
    for path in libs:
        real = os.path.realpath(path)
        print(f"  loaded: {path}" + (f" -> {real}" if real != path else ""))
    for path in libs:
        if "openblas" in os.path.realpath(path).lower():
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            print(f"  OpenBLAS config: {lib.openblas_get_config().decode()}; "
                  f"openblas_get_num_threads() = {lib.openblas_get_num_threads()}")
            break


def matmul_peak(threads, n, seconds):
    """fp32 GFLOP/s of torch.mm(n x n, n x n): 2*n^3 flops per product, best of 1-second trials."""
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    a, b = torch.randn(n, n), torch.randn(n, n)
    c = torch.empty(n, n)
    torch.mm(a, b, out=c)  # warm-up
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        reps, start = 0, time.perf_counter()
        while True:
            torch.mm(a, b, out=c)
            reps += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 1.0:
                break
        best = max(best, 2.0 * n ** 3 * reps / elapsed / 1e9)
    return best


# ---------------------------------------------------------------------------------------------
# training

def error_rate(model, x, y, batch=1000):
    model.eval()
    wrong = 0
    with torch.no_grad():
        for start in range(0, x.shape[0], batch):
            z = model(x[start:start + batch])
            wrong += (z.argmax(1) != y[start:start + batch]).sum().item()
    model.train()
    return wrong / x.shape[0]


def write_parameters(model, args):
    shapes = [list(p.shape) for p in model.parameters() if p.requires_grad]
    count = trainable_parameters(model)
    with open(os.path.join(args.out, "parameters.json"), "w") as f:
        json.dump({"model": args.model, "trainable": count, "shapes": shapes}, f)
    print(f"[pytorch {args.model} {args.strategy}] {count:,} trainable parameters", flush=True)


def parse_trace_steps(text, epochs, steps):
    """EPOCH:FROM-TO (or EPOCH:STEP), 1-based, as deltaboost's --trace-steps."""
    try:
        epoch, _, rest = text.partition(":")
        first, _, last = rest.partition("-")
        epoch, first = int(epoch), int(first)
        last = int(last) if last else first
    except ValueError:
        raise SystemExit(f"--trace-steps: expected EPOCH:STEP or EPOCH:FROM-TO, got {text!r}")
    if not (1 <= epoch <= epochs and 1 <= first <= last <= steps):
        raise SystemExit(f"--trace-steps {text}: needs 1 <= epoch <= {epochs} and 1 <= FROM <= TO <= {steps}")
    return epoch, first, last


def train(args):
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    train_x, train_y = load_split(args.data_dir, "train")
    test_x, test_y = load_split(args.data_dir, "t10k")
    if 0 < args.train_limit < train_x.shape[0]:
        train_x, train_y = train_x[:args.train_limit], train_y[:args.train_limit]
    torch.manual_seed(args.seed)
    model = MODELS[args.model]()
    model.train()
    os.makedirs(args.out, exist_ok=True)
    write_parameters(model, args)
    loss_fn = strategy_loss(args.strategy, args.alpha, args.beta, *args.targets)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.0)
    shuffle = torch.Generator().manual_seed(args.seed)
    n = train_x.shape[0]
    steps = (n + args.batch_size - 1) // args.batch_size
    trace = parse_trace_steps(args.trace_steps, args.epochs, steps) if args.trace_steps else None
    profiler = None
    with open(os.path.join(args.out, "epochs.jsonl"), "w") as record:
        for epoch in range(1, args.epochs + 1):
            start = time.perf_counter()
            order = torch.randperm(n, generator=shuffle)
            loss_sum = 0.0
            for step in range(steps):
                if trace is not None and epoch == trace[0] and step + 1 == trace[1]:
                    profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU])
                    profiler.__enter__()
                idx = order[step * args.batch_size:(step + 1) * args.batch_size]
                x, y = train_x[idx], train_y[idx]
                loss = loss_fn(model(x), y)
                value = loss.item()
                if not math.isfinite(value):
                    raise SystemExit(f"{args.strategy}: loss {value} at epoch {epoch} step {step + 1}")
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                loss_sum += value
                if profiler is not None and epoch == trace[0] and step + 1 == trace[2]:
                    profiler.__exit__(None, None, None)
                    profiler.export_chrome_trace(args.trace_out)
                    profiler = None
            seconds = time.perf_counter() - start
            eval_start = time.perf_counter()
            test_error = error_rate(model, test_x, test_y)
            eval_seconds = time.perf_counter() - eval_start
            row = {"epoch": epoch, "trainLoss": loss_sum / steps, "testError": test_error,
                   "seconds": seconds, "samplesPerSecond": n / seconds, "evalSeconds": eval_seconds}
            record.write(json.dumps(row) + "\n")
            record.flush()
            print(f"[pytorch {args.model} {args.strategy}] epoch {epoch:3d}/{args.epochs}  "
                  f"loss {row['trainLoss']:9.4f}  test error {100 * test_error:6.2f}%  "
                  f"{seconds:6.1f} s  {n / seconds:8.0f} samples/s", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--describe", action="store_true", help="print the torch build, threads and BLAS in use")
    p.add_argument("--peak", action="store_true", help="print fp32 torch.mm GFLOP/s (one number)")
    p.add_argument("--peak-size", type=int, default=2048)
    p.add_argument("--peak-seconds", type=float, default=3.0)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--model", choices=sorted(MODELS), default="mlp")
    p.add_argument("--strategy", default="exp-gb")
    p.add_argument("--lr", type=float, default=0.02)
    p.add_argument("--alpha", type=float, default=0.1)
    p.add_argument("--beta", type=float, default=0.0)
    p.add_argument("--targets", type=float, nargs=2, default=None, metavar=("NEG", "POS"),
                   help="default: 0 10 for exp-gb (its shipped default); softmax-ce uses labels")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--train-limit", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--out", default="bench-pytorch-run")
    p.add_argument("--trace-steps", metavar="E:FROM-TO",
                   help="record torch.profiler over these steps (1-based) into --trace-out (Chrome trace)")
    p.add_argument("--trace-out", default="pytorch-trace.json")
    args = p.parse_args()
    if args.targets is None:
        args.targets = (0.0, 10.0)
    if args.describe:
        describe(args.threads)
    elif args.peak:
        print(f"{matmul_peak(args.threads, args.peak_size, args.peak_seconds):.1f}")
    else:
        train(args)


if __name__ == "__main__":
    main()
