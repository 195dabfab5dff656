#!/usr/bin/python3
"""Training throughput, deltaboost (`./deltaboost train`, DJL + libtorch) against the same training
written in PyTorch (bench/pytorch_train.py), run by bench/run. See docs/performance.md.

Plan of one run:
  0. the same glibc malloc settings for both sides (the launcher's: freed memory kept; or glibc's
     defaults with --system-malloc), and the fastest OpenBLAS kernel this CPU runs for PyTorch
     (choose_openblas_core: a build may pick an older kernel than the CPU allows);
  1. which libtorch / BLAS / oneDNN / threads each side really uses (short verbose probe runs);
  2. the machine's fp32 matmul peak (both sides' BLAS, n x n sgemm, best 1-second trial);
  3. for each repetition, for each (network, strategy): one deltaboost run and one PyTorch run,
     the side that goes first alternating from one pair to the next (ABBA...), so that load from
     elsewhere on the machine falls on both sides alike;
  4. inference throughput of ONNX Runtime Java against DJL, MLP and CNN-5 at batch 1 and 256, and
     the IDX load time of Fashion-MNIST (bench/InferenceBench.java, one JVM);
  5. the peak again (a drop means the machine was busier at the end);
  6. every run, then per side the medians and the ratio deltaboost / PyTorch; the inference table.

Per run: first-epoch samples/s (epoch 1), steady samples/s (median of epochs 2..E). Per side:
first = median over the runs of their epoch 1; steady = median of the pooled epochs 2..E of all
runs (one disturbed epoch moves it less than a median of per-run medians); best = the fastest of
those epochs. All are training steps only (`seconds` in epochs.jsonl: batch assembly, forward,
loss, backward, update; not the per-epoch test evaluation, not JVM/interpreter start-up or data
loading, which the per-run "wall s" includes).

FLOPs per training sample (TRAIN_FLOPS) count the multiply-adds of the matrix products and
convolutions only, 2 flops each:
    forward        2 * sum_l MAC_l
    weight grads   2 * sum_l MAC_l
    input grads    2 * sum_{l >= 2} MAC_l   (the images need no gradient, so layer 1 has none)
    total          6 * sum_l MAC_l - 2 * MAC_1
with MAC = in * out for a fully connected layer and H_out * W_out * C_out * C_in * k * k for a
convolution. Batch norm, ReLU, pooling, the loss and the SGD update are left out (a few % of the
work, and none of it runs at matmul speed). MLP 784-392-50-10: 327,428 MAC, 1,349,912 flops;
CNN-5 32-64-128-256 on 1x28x28: 10,107,904 MAC, 60,195,840 flops (the forward parts agree with
torch.profiler's with_flops count: 654,856 and 20,215,808); All-Conv-10 96/192 on 1x28x28 (sides
28-28-14 | 14-14-7 | 5-5-5, head 250 -> 10): 205,028,164 MAC (layer 1: 677,376), 1,228,814,232
flops, some 20 times CNN-5's (forward: 410,056,328, torch.profiler's count too).
GFLOP/s of a run = steady samples/s * flops / 1e9; % of peak = that / machine peak, where the
machine peak is the highest of the sgemm measurements of both BLAS libraries.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import baseline_check

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
PYTHON = sys.executable


# ---------------------------------------------------------------------------------------------
# analytic FLOPs

def mlp_macs(sizes=(784, 392, 50, 10)):
    return [a * b for a, b in zip(sizes, sizes[1:])]


def cnn5_macs(widths=(32, 64, 128, 256), channels=1, side=28, classes=10):
    macs = []
    for width in widths:
        side = (side + 2 * 1 - 3) // 1 + 1  # conv 3x3, stride 1, padding 1
        macs.append(side * side * width * channels * 3 * 3)
        side = (side - 2) // 2 + 1  # max pool 2x2, stride 2
        channels = width
    macs.append(channels * side * side * classes)
    return macs


def allconv10_macs(narrow=96, wide=192, channels=1, side=28, classes=10):
    macs = []
    for width, kernel, stride, padding in ((narrow, 3, 1, 1), (narrow, 3, 1, 1), (narrow, 3, 2, 1),
                                           (wide, 3, 1, 1), (wide, 3, 1, 1), (wide, 3, 2, 1),
                                           (wide, 3, 1, 0), (wide, 1, 1, 0), (classes, 1, 1, 0)):
        side = (side + 2 * padding - kernel) // stride + 1
        macs.append(side * side * width * channels * kernel * kernel)
        channels = width
    macs.append(channels * side * side * classes)  # the fully connected head
    return macs


def train_flops(macs):
    return 6 * sum(macs) - 2 * macs[0]


TRAIN_FLOPS = {"mlp": train_flops(mlp_macs()), "cnn5": train_flops(cnn5_macs()),
               "allconv10": train_flops(allconv10_macs())}
# Hand counts (see the docstring); a change in the formulas above must show up here.
assert sum(mlp_macs()) == 327_428 and TRAIN_FLOPS["mlp"] == 1_349_912
assert sum(cnn5_macs()) == 10_107_904 and TRAIN_FLOPS["cnn5"] == 60_195_840
assert sum(allconv10_macs()) == 205_028_164 and TRAIN_FLOPS["allconv10"] == 1_228_814_232

# Learning rates of the timed runs (bench/run's --lr-* defaults, bench/step-profile's rates): MLP,
# the shipped defaults; CNN-5, 0.1 and 0.005 (exp-gb diverges at 0.02 with BN); All-Conv-10,
# softmax-ce at the fig1b-cifar10-allconv10 experiment's 0.1, exp-gb at half its 0.01, which
# diverges on Fashion-MNIST from some initializations (bench/pytorch_train.py --model allconv10
# --strategy exp-gb --lr 0.01 --seed 5 --train-limit 1280: loss inf at step 6).
LEARNING_RATES = {("mlp", "softmax-ce"): 0.2, ("mlp", "exp-gb"): 0.02,
                  ("cnn5", "softmax-ce"): 0.1, ("cnn5", "exp-gb"): 0.005,
                  ("allconv10", "softmax-ce"): 0.1, ("allconv10", "exp-gb"): 0.005}
# Training samples per epoch of the timed runs (0 = all 60000; bench/run's --*-train-limit):
# CNN-5's epoch of 60000 takes ~40 s on 2 cores, All-Conv-10 does ~20 times its work per sample.
TRAIN_LIMITS = {"mlp": 0, "cnn5": 10000, "allconv10": 1280}


# ---------------------------------------------------------------------------------------------
# running things

# What the deltaboost launcher sets unless DELTABOOST_MALLOC=system (the script `deltaboost`).
MALLOC_KEEP = {"MALLOC_MMAP_THRESHOLD_": "268435456", "MALLOC_TRIM_THRESHOLD_": "1073741824",
               "MALLOC_ARENA_MAX": "1"}


def malloc_env(env, system):
    """A copy of env with the launcher's malloc settings (values already in env kept), or with
    glibc's defaults (system: none of them, and DELTABOOST_MALLOC=system for the launcher)."""
    env = dict(env)
    if system:
        env["DELTABOOST_MALLOC"] = "system"
        for name in MALLOC_KEEP:
            env.pop(name, None)
    else:
        for name, value in MALLOC_KEEP.items():
            env.setdefault(name, value)
    return env


def say(text=""):
    print(text, flush=True)


class Runner:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.env = dict(os.environ)
        self.env["OMP_NUM_THREADS"] = str(args.threads)
        self.env["MKL_NUM_THREADS"] = str(args.threads)
        self.env["DELTABOOST_NO_BUILD"] = "1"
        self.env["DELTABOOST_JAVA_OPTS"] = (
            self.env.get("DELTABOOST_JAVA_OPTS", "")
            + f" -Dai.djl.pytorch.num_threads={args.threads} -Dai.djl.pytorch.num_interop_threads=1"
        ).strip()
        # glibc's malloc alike on both sides: the deltaboost launcher keeps freed memory by default
        # (docs/performance.md, "Freed memory"), so PyTorch gets the same variables; with
        # --system-malloc neither side does.
        self.env = malloc_env(self.env, args.system_malloc)
        for noisy in ("MKL_VERBOSE", "ONEDNN_VERBOSE", "DNNL_VERBOSE"):
            self.env.pop(noisy, None)
        self.libtorch = None
        self.preloaded = []  # shared objects the launcher preloaded into the JVM (LD_PRELOAD)

    def deltaboost_command(self, model, strategy, lr, epochs, limit, run_id):
        return [os.path.join(ROOT, "deltaboost"), "train", "--model", model, "--strategy", strategy,
                "--lr", str(lr), "--epochs", str(epochs), "--batch-size", str(self.args.batch_size),
                "--seed", "1", "--dataset", "fashion-mnist", "--data-dir", self.args.data_dir,
                "--train-limit", str(limit), "--runs-dir", self.work, "--run-id", run_id,
                "--progress", "never"]

    def pytorch_command(self, model, strategy, lr, epochs, limit, run_id):
        return [PYTHON, os.path.join(BENCH, "pytorch_train.py"), "--model", model,
                "--strategy", strategy, "--lr", str(lr), "--epochs", str(epochs),
                "--batch-size", str(self.args.batch_size), "--seed", "1",
                "--data-dir", self.args.data_dir, "--train-limit", str(limit),
                "--threads", str(self.args.threads), "--out", os.path.join(self.work, run_id)]

    def run(self, command, env=None, watch_maps=False, echo_prefix=None, blas=None):
        """Runs command; returns (exit code, output lines, wall seconds, mapped libtorch_cpu.so).
        With watch_maps, also notes in self.preloaded what the process had preloaded; with a dict
        as blas, fills it with the BLAS libraries the process maps once libtorch is loaded."""
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env or self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        lines, libtorch = [], None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if echo_prefix is not None and "epoch" in line:
                say(echo_prefix + line.rstrip())
            if watch_maps and libtorch is None:
                libtorch = mapped_library(proc.pid, "libtorch_cpu.so")
                if libtorch:
                    self.preloaded = preloaded_libraries(proc.pid)
            if blas is not None and not blas and mapped_library(proc.pid, "libtorch_cpu.so", prefix=True):
                blas.update(baseline_check.mapped_blas(proc.pid))
        code = proc.wait()
        return code, lines, time.perf_counter() - start, libtorch


def preloaded_libraries(pid):
    """The LD_PRELOAD entries of a running process (its java, after the launcher's exec)."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            for entry in f.read().split(b"\0"):
                if entry.startswith(b"LD_PRELOAD="):
                    return [p for p in entry[len(b"LD_PRELOAD="):].decode().replace(" ", ":").split(":") if p]
    except OSError:
        pass
    return []


def mapped_library(pid, name, prefix=False):
    """The path of a library the process maps, named name (or, with prefix, name.VERSION as
    Debian's torch has libtorch_cpu.so.1.13)."""
    try:
        with open(f"/proc/{pid}/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if path.endswith("/" + name) or (prefix and os.path.basename(path).startswith(name)):
                    return path
    except OSError:
        pass
    return None


# ---------------------------------------------------------------------------------------------
# 1. backends

def onednn_summary(lines):
    info = [l.split("info,", 1)[1] for l in lines
            if l.startswith(("onednn_verbose", "dnnl_verbose")) and ",info," in l
            and ("oneDNN v" in l or "nthr:" in l or "isa:" in l)]
    kinds = {}
    for l in lines:
        if l.startswith(("onednn_verbose", "dnnl_verbose")) and ",exec," in l:
            fields = l.split(",")
            i = fields.index("exec")
            # primitive kind, implementation, prop kind follow "exec,cpu,"
            kind, impl, prop = fields[i + 2], fields[i + 3], fields[i + 4]
            if kind != "reorder":
                kinds[f"{kind} {prop} {impl}"] = kinds.get(f"{kind} {prop} {impl}", 0) + 1
    return info, kinds


def describe_backends(runner):
    args = runner.args
    say("== backends (short probe runs with MKL_VERBOSE / ONEDNN_VERBOSE; not timed) ==")
    # deltaboost: a 2-step CNN-5 run; its linear layer calls the BLAS sgemm, its convolutions oneDNN.
    env = dict(runner.env, MKL_VERBOSE="1", ONEDNN_VERBOSE="1")
    probe_id = "probe-deltaboost"
    code, lines, _, libtorch = runner.run(
        runner.deltaboost_command("cnn5", "softmax-ce", 0.1, 1, 2 * args.batch_size, probe_id),
        env=env, watch_maps=True)
    if code != 0:
        say("\n".join(lines[-20:]))
        raise SystemExit(f"the deltaboost probe run failed (exit {code}); see above")
    runner.libtorch = libtorch
    say(f"deltaboost: ./deltaboost train (JVM {java_version()}), "
        f"-Dai.djl.pytorch.num_threads={args.threads}, num_interop_threads=1")
    say(f"  libtorch mapped by the JVM: {libtorch}")
    say(f"  preloaded into the JVM (LD_PRELOAD): {', '.join(runner.preloaded) or 'nothing'}")
    if libtorch:
        code, config, _, _ = runner.run([PYTHON, os.path.join(BENCH, "libtorch_probe.py"), libtorch,
                                         "--describe"])
        for line in config:
            s = line.strip()
            if s.startswith(("- Intel(R) oneAPI", "- Intel(R) MKL-DNN", "- OpenMP", "- CPU capability")):
                say("  at::show_config(): " + s[2:])
            elif s.startswith("- Build settings"):
                keep = [i.strip() for i in s.split(": ", 1)[1].split(", ")
                        if i.strip().startswith(("BLAS_INFO", "TORCH_VERSION", "USE_MKLDNN"))]
                say("  at::show_config(): " + ", ".join(keep))
    mkl = next((l for l in lines if l.startswith("MKL_VERBOSE oneMKL")), None)
    sgemm = [l for l in lines if l.startswith("MKL_VERBOSE SGEMM")]
    nthr = sorted({m.group(1) for l in sgemm for m in [re.search(r"NThr:(\d+)", l)] if m})
    say(f"  at run time: {mkl[len('MKL_VERBOSE '):] if mkl else 'no MKL_VERBOSE line (BLAS is not MKL)'}")
    say(f"  at run time: {len(sgemm)} MKL SGEMM calls in the probe, NThr {'/'.join(nthr) or '?'}")
    info, kinds = onednn_summary(lines)
    for i in info:
        say(f"  at run time: {i if i.startswith('oneDNN') else 'oneDNN ' + i}")
    for k, n in sorted(kinds.items()):
        say(f"  at run time: oneDNN executed {n:3d} x {k}")

    # PyTorch: the interpreter's own report, then the same 2-step CNN-5 probe.
    say(f"pytorch: {PYTHON} bench/pytorch_train.py, torch.set_num_threads({args.threads})")
    code, lines, _, _ = runner.run([PYTHON, os.path.join(BENCH, "pytorch_train.py"), "--describe",
                                    "--threads", str(args.threads)])
    for line in lines:
        say("  " + line.strip())
    env = dict(runner.env, ONEDNN_VERBOSE="1", DNNL_VERBOSE="1")
    blas = {}
    code, lines, _, _ = runner.run(
        runner.pytorch_command("cnn5", "softmax-ce", 0.1, 1, 2 * args.batch_size, "probe-pytorch"),
        env=env, blas=blas)
    if code != 0:
        say("\n".join(lines[-20:]))
        raise SystemExit(f"the PyTorch probe run failed (exit {code}); see above")
    for path, build in sorted(blas.items()):
        say(f"  BLAS mapped by the PyTorch process: {path} ({build})")
    mixed = baseline_check.mixed_builds(blas)
    if mixed:
        wanted = baseline_check.build_of("/usr/lib/x86_64-linux-gnu/libblas.so.3")
        fixes = baseline_check.alternative_fixes(wanted)
        say(f"bench/run: baseline refused: {mixed}.")
        say("  Mixed builds run sgemm at a fraction of their speed, so every ratio would favour deltaboost.")
        say(f"  Point every BLAS alternative at one build ({wanted}):")
        for fix in fixes or ["(no alternative to change was found: put one build's folder first "
                             "in LD_LIBRARY_PATH, e.g. /usr/lib/x86_64-linux-gnu/openblas-openmp)"]:
            say(f"    {fix}")
        sys.exit(3)
    info, kinds = onednn_summary(lines)
    for i in info:
        say(f"  at run time: {i if i.startswith('oneDNN') else 'oneDNN ' + i}")
    for k, n in sorted(kinds.items()):
        say(f"  at run time: oneDNN executed {n:3d} x {k}")
    say()


def java_version():
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
        return out.splitlines()[0].strip()
    except (OSError, IndexError):
        return "?"


# ---------------------------------------------------------------------------------------------
# 2./4. peak

# OpenBLAS kernels a DYNAMIC_ARCH build can be told to run (OPENBLAS_CORETYPE), with the CPU flags
# each needs. On the project's AMD EPYC (Zen 5, full-width AVX-512) OpenBLAS 0.3.21's own choice
# runs 2048^2 sgemm at ~350 GFLOP/s on 2 cores, its AVX2 "Haswell" kernels at ~185.
OPENBLAS_CORES = [
    ("Haswell", {"avx2", "fma"}),
    ("SkylakeX", {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}),
    ("Cooperlake", {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"}),
]


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def choose_openblas_core(runner):
    """Gives the PyTorch side the fastest OpenBLAS kernel this CPU runs. A slow BLAS makes deltaboost
    look fast, and the kernel can be forced from outside: the project's machine sets
    OPENBLAS_CORETYPE=Haswell in every shell, which halves PyTorch's sgemm on its AVX-512 CPU. So
    the sgemm peak (1 s) is measured with the environment's OPENBLAS_CORETYPE (if any), with the
    build's own choice (variable unset), and with every kernel of OPENBLAS_CORES the CPU's flags
    allow; the fastest goes to every PyTorch process (deltaboost's libtorch uses MKL and ignores
    it), keeping the environment's, then the build's choice, unless another is 10% faster.
    --openblas-coretype NAME forces a kernel (auto: the build's choice) without measuring."""
    args = runner.args
    given = runner.env.get("OPENBLAS_CORETYPE")
    if args.openblas_coretype:
        forced = None if args.openblas_coretype == "auto" else args.openblas_coretype
        runner.env.pop("OPENBLAS_CORETYPE", None)
        if forced:
            runner.env["OPENBLAS_CORETYPE"] = forced
        say(f"== OpenBLAS kernel for PyTorch: {forced or 'the build choice'} (--openblas-coretype) ==")
        return
    flags = cpu_flags()
    candidates = ([given] if given else []) + [None] + [
        name for name, needs in OPENBLAS_CORES if needs <= flags and name != given]
    peaks = {}
    for core in candidates:
        env = dict(runner.env)
        env.pop("OPENBLAS_CORETYPE", None)
        if core:
            env["OPENBLAS_CORETYPE"] = core
        peaks[core] = pytorch_peak(runner, 1, env)

    def label(core):
        if core is None:
            return "the build's choice (unset)"
        return f"{core} (from the environment)" if core == given else core

    measured = [c for c in candidates if peaks[c]]
    if not measured:
        raise SystemExit("bench/run: torch.mm failed with every OpenBLAS kernel tried; see --openblas-coretype")
    fastest = max(measured, key=lambda c: peaks[c])
    chosen = next(c for c in measured if peaks[c] * 1.1 >= peaks[fastest])  # in candidates' order
    text = ", ".join(f"{label(c)} {peaks[c]:.1f}" if peaks[c] else f"{label(c)} failed" for c in candidates)
    say(f"== OpenBLAS kernel for PyTorch, torch.mm GFLOP/s (1 s each): {text}; "
        f"PyTorch runs with {label(chosen)} ==")
    if given and chosen != given:
        say(f"   (the environment's OPENBLAS_CORETYPE={given} runs sgemm at "
            f"{peaks[given] / peaks[chosen]:.0%} of that: it would have made deltaboost look faster)")
    runner.env.pop("OPENBLAS_CORETYPE", None)
    if chosen:
        runner.env["OPENBLAS_CORETYPE"] = chosen


def pytorch_peak(runner, seconds, env=None):
    """PyTorch's torch.mm GFLOP/s (best 1-second trial of `seconds`), or None when it failed."""
    args = runner.args
    code, lines, _, _ = runner.run([PYTHON, os.path.join(BENCH, "pytorch_train.py"), "--peak",
                                    "--threads", str(args.threads), "--peak-size", str(args.peak_size),
                                    "--peak-seconds", str(seconds)], env=env)
    return float(lines[-1]) if code == 0 else None


def measure_peak(runner, label):
    args = runner.args
    results = {}
    results["pytorch torch.mm (OpenBLAS)"] = pytorch_peak(runner, args.peak_seconds)
    if runner.libtorch:
        # The probe process gets what the JVM had preloaded (the MKL vendor shim on AMD), so it
        # measures the kernels deltaboost's training runs with.
        env = dict(runner.env)
        if runner.preloaded:
            env["LD_PRELOAD"] = ":".join(runner.preloaded)
        code, lines, _, _ = runner.run([PYTHON, os.path.join(BENCH, "libtorch_probe.py"),
                                        runner.libtorch, "--peak", "--peak-size", str(args.peak_size),
                                        "--peak-seconds", str(args.peak_seconds)], env=env)
        side = "deltaboost's libtorch sgemm_ (MKL" + (", preloaded as in the JVM)" if runner.preloaded else ")")
        results[side] = float(lines[-1]) if code == 0 else None
    text = ", ".join(f"{k} {v:.1f}" if v else f"{k} failed" for k, v in results.items())
    say(f"== fp32 matmul peak {label}: {args.peak_size}x{args.peak_size} sgemm, {args.threads} threads, "
        f"best 1 s trial of {args.peak_seconds:g} s: {text} GFLOP/s ==")
    pytorch = results["pytorch torch.mm (OpenBLAS)"]
    deltaboost = next((v for k, v in results.items() if k.startswith("deltaboost")), None)
    return pytorch, deltaboost


# ---------------------------------------------------------------------------------------------
# 3. training runs

def read_epochs(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def run_pair_series(runner):
    args = runner.args
    results = []  # dicts: model, strategy, side, rep, first, steady, error, wall, status
    pair = 0
    compared = set()  # networks whose two sides' parameters were compared
    say(f"== training runs: {args.epochs} epochs each, {args.reps} repetitions per side, "
        f"batch {args.batch_size}, plain SGD, seed 1 ==")
    for rep in range(1, args.reps + 1):
        for model in args.models:
            for strategy in args.strategies:
                lr = learning_rate(args, model, strategy)
                limit = train_limit(args, model)
                sides = ["deltaboost", "pytorch"] if pair % 2 == 0 else ["pytorch", "deltaboost"]
                pair += 1
                for side in sides:
                    run_id = f"{side}-{model}-{strategy}-r{rep}"
                    make = runner.deltaboost_command if side == "deltaboost" else runner.pytorch_command
                    command = make(model, strategy, lr, args.epochs, limit, run_id)
                    prefix = f"  r{rep} {side:10s} {model:{net_width(args)}s} {strategy:10s} lr {lr:<6g}| "
                    code, lines, wall, _ = runner.run(command, echo_prefix=prefix)
                    record = os.path.join(runner.work, run_id, "epochs.jsonl")
                    epochs = read_epochs(record) if os.path.exists(record) else []
                    row = {"model": model, "strategy": strategy, "side": side, "rep": rep,
                           "wall": wall, "status": "ok" if code == 0 else f"exit {code}",
                           "epochs": epochs, "samples": None,
                           "parameters": run_parameters(side, os.path.join(runner.work, run_id))}
                    if code != 0:
                        say("\n".join(prefix + l for l in lines[-8:]))
                    if epochs:
                        row["first"] = epochs[0]["samplesPerSecond"]
                        later = [e["samplesPerSecond"] for e in epochs[1:]]
                        row["steady"] = statistics.median(later) if later else None
                        row["error"] = epochs[-1]["testError"]
                    results.append(row)
                if model not in compared:
                    if compare_parameters(model, [r for r in results if r["model"] == model]):
                        compared.add(model)
    say()
    return results


def learning_rate(args, model, strategy):
    return getattr(args, f"lr_{model}_{strategy.replace('-', '_')}")


def train_limit(args, model):
    return {"mlp": args.mlp_train_limit, "cnn5": args.cnn_train_limit,
            "allconv10": args.allconv_train_limit}[model]


def net_width(args):
    """Width of the network column: 4 as before for mlp and cnn5, wider with allconv10."""
    return max(4, *(len(m) for m in args.models))


# ---------------------------------------------------------------------------------------------
# the same network on both sides: trainable parameter shapes

def djl_parameter_arrays(path):
    """(name, shape) of every array in a DJL parameter file (deltaboost's model.params), in the
    block's order. Each array is written by DJL's NDSerializer (version 3): the string "NDAR"
    (writeUTF), int version, a has-name byte and the name, the sparse format and the data type
    (writeUTF), int rank, the dimensions (longs), int layout length and its chars, a byte-order
    byte, int byte length, the data. The block headers between arrays are skipped by looking for
    the next "NDAR"; the search starts after the previous array's data, so data never matches."""
    with open(path, "rb") as f:
        data = f.read()
    arrays, pos = [], 0

    def utf(at):
        (n,) = struct.unpack_from(">H", data, at)
        return data[at + 2:at + 2 + n].decode(), at + 2 + n

    while (start := data.find(b"\x00\x04NDAR", pos)) >= 0:
        at = start + 6
        (version,) = struct.unpack_from(">i", data, at)
        if version != 3:
            raise ValueError(f"{path}: NDArray encoding version {version}, this reader knows 3")
        name = None
        if data[at + 4]:
            name, at = utf(at + 5)
        else:
            at += 5
        _, at = utf(at)  # sparse format
        _, at = utf(at)  # data type
        (rank,) = struct.unpack_from(">i", data, at)
        shape = list(struct.unpack_from(f">{rank}q", data, at + 4))
        at += 4 + 8 * rank
        (layout,) = struct.unpack_from(">i", data, at)
        at += 4 + 2 * layout + 1
        (length,) = struct.unpack_from(">i", data, at)
        arrays.append((name, shape))
        pos = at + 4 + length
    return arrays


def run_parameters(side, folder):
    """The trainable parameter shapes a finished run reports: from model.params for deltaboost
    (BN's runningMean and runningVar left out: they are not trained, and PyTorch keeps them as
    buffers), from parameters.json for PyTorch; None when the file is missing or unreadable."""
    try:
        if side == "deltaboost":
            return [shape for name, shape in djl_parameter_arrays(os.path.join(folder, "model.params"))
                    if name not in ("runningMean", "runningVar")]
        with open(os.path.join(folder, "parameters.json")) as f:
            return json.load(f)["shapes"]
    except (OSError, ValueError, KeyError, struct.error):
        return None


def compare_parameters(model, rows):
    """Says both sides' trainable parameter counts for a network and returns True once both are
    known (False before); stops the run when the two networks differ: a throughput ratio of
    different networks means nothing."""
    shapes = {}
    for r in rows:
        if r["parameters"] is not None:
            shapes.setdefault(r["side"], r["parameters"])
    if len(shapes) < 2:
        return False
    count = {side: sum(math.prod(s) for s in v) for side, v in shapes.items()}
    say(f"  {model}: trainable parameters deltaboost {count['deltaboost']:,} ({len(shapes['deltaboost'])} "
        f"arrays, model.params), pytorch {count['pytorch']:,} ({len(shapes['pytorch'])} tensors)")
    if shapes["deltaboost"] != shapes["pytorch"]:
        for i, (d, p) in enumerate(zip(shapes["deltaboost"], shapes["pytorch"])):
            if d != p:
                say(f"  first difference: array {i + 1}, deltaboost {d}, pytorch {p}")
                break
        raise SystemExit(f"bench/run: {model} is not the same network on both sides (parameter shapes "
                         f"differ); fix bench/pytorch_train.py before comparing their speed")
    return True


# ---------------------------------------------------------------------------------------------
# 6. inference (ONNX Runtime Java vs DJL) and IDX load time

def harness_class_path():
    target = os.path.join(ROOT, "harness", "cli", "target")
    jars = sorted(f for f in os.listdir(target)
                  if f.startswith("deltaboost-cli-") and f.endswith(".jar")
                  and not f.endswith(("-sources.jar", "-tests.jar")))
    lib = os.path.join(target, "lib")
    return ":".join([os.path.join(target, jars[0])]
                    + [os.path.join(lib, f) for f in sorted(os.listdir(lib)) if f.endswith(".jar")])


def run_inference(runner):
    """Runs bench/InferenceBench.java; returns (idx load seconds per rep, {(model, batch, side): [rates]},
    parity lines)."""
    args = runner.args
    say(f"== inference: ONNX Runtime Java vs DJL (same weights, same 256 test images, logits back "
        f"into Java), {args.infer_seconds:g} s per measurement, {args.infer_reps} per side, alternating; "
        f"IDX load time ==")
    command = ["java", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
               "-Dai.djl.pytorch.num_interop_threads=1", "-cp", harness_class_path(),
               os.path.join(BENCH, "InferenceBench.java"), args.data_dir, str(args.threads),
               str(args.infer_seconds), str(args.infer_reps)]
    code, lines, _, _ = runner.run(command)
    if code != 0:
        say("\n".join(lines[-20:]))
        say(f"  the inference benchmark failed (exit {code}); see above")
        return [], {}, []
    loads, rates, parity = [], {}, []
    for line in lines:
        if not line.startswith("RESULT "):
            continue
        say("  " + line[len("RESULT "):])
        fields = dict(f.split("=", 1) for f in line.split()[2:] if "=" in f)
        kind = line.split()[1]
        if kind == "idx-load":
            loads.append(float(fields["seconds"]))
        elif kind == "infer":
            key = (fields["model"], int(fields["batch"]), fields["side"])
            rates.setdefault(key, []).append(float(fields["samples_per_s"]))
        elif kind == "parity":
            parity.append(line[len("RESULT parity "):])
    say()
    return loads, rates, parity


def report_inference(loads, rates):
    if loads:
        say(f"IDX load (Fashion-MNIST train+test from .gz, DatasetCatalog.load, one JVM): first "
            f"{loads[0]:.3f} s (cold: class loading, interpreter), best of the later {min(loads[1:] or loads):.3f} s")
    if not rates:
        return
    say("inference samples/s (median of the measurements; ratio = ONNX Runtime / DJL):")
    say(f"{'net':4s} {'batch':>5} {'ORT':>9} {'DJL':>9} {'ORT/DJL':>8}")
    for model in ("mlp", "cnn5"):
        for batch in (1, 256):
            ort = rates.get((model, batch, "ort"))
            djl = rates.get((model, batch, "djl"))
            if not ort or not djl:
                continue
            o, d = statistics.median(ort), statistics.median(djl)
            say(f"{model:4s} {batch:>5} {o:9.0f} {d:9.0f} {o / d:8.2f}")


# ---------------------------------------------------------------------------------------------
# 5. report

def fmt(v, spec="8.0f"):
    return format(v, spec) if v is not None else "-".rjust(len(format(0, spec)))


def check_baseline(args, results, pytorch_peak, deltaboost_peak):
    """The peak and training-share checks of baseline_check; says the outcome; returns problems."""
    problems = []
    peak = baseline_check.peak_problem(pytorch_peak, deltaboost_peak)
    if peak:
        problems.append(peak)
    runs = [(f"{r['model']} {r['strategy']} r{r['rep']}",
             r["steady"] * TRAIN_FLOPS[r["model"]] / 1e9 if r.get("steady") else None)
            for r in results if r["side"] == "pytorch" and r["status"] == "ok"]
    problems += baseline_check.share_problems(runs, pytorch_peak, args.min_baseline_share)
    if not problems:
        shares = [g / pytorch_peak for _, g in runs if g and pytorch_peak]
        say(f"== baseline check passed: one BLAS build in the PyTorch process; its sgemm peak "
            f"{pytorch_peak:.1f} GFLOP/s"
            + (f" = {pytorch_peak / deltaboost_peak:.2f}x deltaboost's" if deltaboost_peak else "")
            + (f"; its training runs reach {min(shares):.0%}-{max(shares):.0%} of it" if shares else "")
            + f" (at least {args.min_baseline_share:.0%} wanted) ==")
        say()
    return problems


def report(args, results, peak, ratios=True):
    w = net_width(args)
    say(f"== every run (samples/s; steady = median of epochs 2..{args.epochs}; "
        f"GFLOP/s and % of the {peak:.1f} GFLOP/s peak from steady) ==")
    say(f"{'rep':>3} {'side':10s} {'net':{w}s} {'strategy':10s} {'first':>8} {'steady':>8} "
        f"{'GFLOP/s':>8} {'%peak':>6} {'test err':>8} {'wall s':>7}  per-epoch samples/s")
    for r in results:
        flops = TRAIN_FLOPS[r["model"]]
        steady = r.get("steady")
        gflops = steady * flops / 1e9 if steady else None
        per_epoch = " ".join(f"{e['samplesPerSecond']:.0f}" for e in r["epochs"])
        say(f"{r['rep']:>3} {r['side']:10s} {r['model']:{w}s} {r['strategy']:10s} {fmt(r.get('first'))} "
            f"{fmt(steady)} {fmt(gflops, '8.1f')} {fmt(gflops and 100 * gflops / peak, '6.1f')} "
            f"{fmt(None if r.get('error') is None else 100 * r['error'], '7.2f')}% {r['wall']:7.1f}  {per_epoch}"
            + ("" if r["status"] == "ok" else f"  [{r['status']}]"))
    say()
    say("== per side: first = median over runs of epoch 1; steady = median of all later epochs of all "
        "runs; best = the fastest later epoch (the least disturbed by other load) ==")
    say(f"{'net':{w}s} {'strategy':10s} {'side':10s} {'first':>8} {'steady':>8} {'best':>8} "
        f"{'GFLOP/s':>8} {'%peak':>6}")
    summary = []
    for model in args.models:
        for strategy in args.strategies:
            med = {}
            for side in ("deltaboost", "pytorch"):
                rows = [r for r in results if (r["model"], r["strategy"], r["side"]) == (model, strategy, side)
                        and r["status"] == "ok" and r["epochs"]]
                later = [e["samplesPerSecond"] for r in rows for e in r["epochs"][1:]]
                first = statistics.median([r["first"] for r in rows]) if rows else None
                steady = statistics.median(later) if later else None
                best = max(later) if later else None
                med[side] = (first, steady, best)
                gflops = steady * TRAIN_FLOPS[model] / 1e9 if steady else None
                say(f"{model:{w}s} {strategy:10s} {side:10s} {fmt(first)} {fmt(steady)} {fmt(best)} "
                    f"{fmt(gflops, '8.1f')} {fmt(gflops and 100 * gflops / peak, '6.1f')}")
            if not ratios:
                continue
            ratio = [d / p if d and p else None for d, p in zip(med["deltaboost"], med["pytorch"])]
            say(f"{model:{w}s} {strategy:10s} {'ratio d/p':10s} {fmt(ratio[0], '8.2f')} {fmt(ratio[1], '8.2f')} "
                f"{fmt(ratio[2], '8.2f')}")
            summary.append((model, strategy, ratio))
    say()
    if not ratios:
        return
    say("deltaboost / PyTorch (first epoch, steady, best): " + "; ".join(
        f"{m} {s} {fmt(r[0], '.2f')}x {fmt(r[1], '.2f')}x {fmt(r[2], '.2f')}x" for m, s, r in summary))


# ---------------------------------------------------------------------------------------------

def main():
    p = argparse.ArgumentParser(prog="bench/run", description="deltaboost vs PyTorch training throughput")
    p.add_argument("--epochs", type=int, default=3, help="epochs per run (default 3; >= 2 for a steady value)")
    p.add_argument("--reps", type=int, default=2, help="runs per side per (network, strategy) (default 2)")
    p.add_argument("--models", default="mlp,cnn5",
                   help="comma-separated: mlp, cnn5, allconv10 (default mlp,cnn5: All-Conv-10 would add "
                        "some 25 minutes on 2 cores at the default --epochs and --reps, most of it "
                        "the untimed evaluation of the 10000 test images after every epoch)")
    p.add_argument("--strategies", default="softmax-ce,exp-gb", help="comma-separated: softmax-ce, exp-gb")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads, both sides (default: cores)")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--mlp-train-limit", type=int, default=TRAIN_LIMITS["mlp"],
                   help="MLP training samples per epoch (0 = all 60000)")
    p.add_argument("--cnn-train-limit", type=int, default=TRAIN_LIMITS["cnn5"],
                   help="CNN-5 training samples per epoch (default 10000: an epoch of 60000 takes ~40 s on 2 cores)")
    p.add_argument("--allconv-train-limit", type=int, default=TRAIN_LIMITS["allconv10"],
                   help="All-Conv-10 training samples per epoch (default 1280, 10 batches: ~16 s "
                        "on 2 cores; a sample is 1.23 GFLOP of work, 20 times CNN-5's)")
    for (model, strategy), lr in LEARNING_RATES.items():
        p.add_argument(f"--lr-{model}-{strategy}", type=float, default=lr, help=f"default {lr:g}")
    p.add_argument("--infer-seconds", type=float, default=2.0,
                   help="seconds per inference throughput measurement (default 2)")
    p.add_argument("--infer-reps", type=int, default=3, help="inference measurements per side (default 3)")
    p.add_argument("--skip-inference", action="store_true",
                   help="leave out the ONNX Runtime vs DJL inference and IDX load part")
    p.add_argument("--min-baseline-share", type=float, default=baseline_check.MIN_SHARE,
                   help="the least share of its own sgemm peak a PyTorch training run must reach "
                        "for any ratio to be printed (default %(default)s)")
    p.add_argument("--openblas-coretype", metavar="NAME",
                   help="OpenBLAS kernel for PyTorch (e.g. SkylakeX; auto: the build's choice) instead "
                        "of the fastest measured (see choose_openblas_core in bench/bench.py)")
    p.add_argument("--system-malloc", action="store_true",
                   help="glibc's default malloc on both sides (DELTABOOST_MALLOC=system), instead of "
                        "the launcher's default of keeping freed memory in one arena, which PyTorch then gets too")
    p.add_argument("--self-test", action="store_true", help="check the baseline rules and exit")
    p.add_argument("--peak-size", type=int, default=2048)
    p.add_argument("--peak-seconds", type=float, default=3.0)
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--keep", metavar="DIR", help="keep every run folder under DIR (default: a deleted temp dir)")
    args = p.parse_args()
    if args.self_test:
        baseline_check.self_test()
        return
    args.models = [m for m in args.models.split(",") if m]
    args.strategies = [s for s in args.strategies.split(",") if s]
    for m in args.models:
        if m not in TRAIN_FLOPS:
            p.error(f"--models: mlp, cnn5 or allconv10, got {m!r}")
    for s in args.strategies:
        if s not in ("softmax-ce", "exp-gb"):
            p.error(f"--strategies: softmax-ce or exp-gb, got {s!r}")
    if args.epochs < 1 or args.reps < 1 or args.threads < 1:
        p.error("--epochs, --reps and --threads must be >= 1")

    work = args.keep or tempfile.mkdtemp(prefix="deltaboost-bench-")
    os.makedirs(work, exist_ok=True)
    started = time.perf_counter()
    try:
        say(f"deltaboost bench, {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
        say(f"machine: {cpu_model()}, {os.cpu_count()} logical cores, {platform.platform()}, "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        say(f"tree: {git_state()}; threads {args.threads} on both sides; data {args.data_dir}")
        say(f"flops per training sample (6*sum MAC - 2*MAC_1): "
            + ", ".join(f"{m} {TRAIN_FLOPS[m]:,}" for m in args.models))
        say()
        runner = Runner(args, work)
        say("== glibc malloc, both sides: "
            + ("its defaults (--system-malloc) ==" if args.system_malloc else
               " ".join(f"{k}={runner.env[k]}" for k in MALLOC_KEEP)
               + " (the deltaboost launcher's default, given to PyTorch too) =="))
        choose_openblas_core(runner)
        say()
        describe_backends(runner)
        before = measure_peak(runner, "before")
        say()
        results = run_pair_series(runner)
        loads, rates = ([], {}) if args.skip_inference else run_inference(runner)[:2]
        after = measure_peak(runner, "after")
        pytorch_peak = max((v for v in (before[0], after[0]) if v), default=None)
        deltaboost_peak = max((v for v in (before[1], after[1]) if v), default=None)
        peak = max((v for v in (pytorch_peak, deltaboost_peak) if v), default=float("nan"))
        say(f"machine peak used below: {peak:.1f} GFLOP/s (highest of the measurements above)")
        say()
        problems = check_baseline(args, results, pytorch_peak, deltaboost_peak)
        report(args, results, peak, ratios=not problems)
        say()
        report_inference(loads, rates)
        say(f"total wall time {time.perf_counter() - started:.0f} s; "
            f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if problems:
            say()
            say("bench/run: baseline refused, so no deltaboost / PyTorch ratio is printed:")
            for problem in problems:
                say(f"  - {problem}")
            say("  Fix the baseline (docs/performance.md, 'The baseline check') or, if this machine's "
                "PyTorch is known to be right, lower --min-baseline-share.")
            sys.exit(3)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def git_state():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "harness", "modules",
                                "data-loaders", "pom.xml"], capture_output=True, text=True).stdout.strip()
        return f"commit {head}" + (" + uncommitted changes under harness/modules/data-loaders" if dirty else "")
    except OSError:
        return "not a git checkout"


if __name__ == "__main__":
    main()
