#!/usr/bin/python3
"""Asks the libtorch that DJL runs (the libtorch_cpu.so a `deltaboost train` JVM mapped) what it
is built with, and measures that library's fp32 matmul peak — without importing Python torch,
so the two libtorch builds never share a process.

  libtorch_probe.py LIBTORCH_CPU_SO --describe   at::show_config() (the text torch.__config__.show()
                                                 prints) and MKL_Get_Version_String
  libtorch_probe.py LIBTORCH_CPU_SO --peak       fp32 GFLOP/s of its BLAS sgemm_ on n x n matrices:
                                                 2*n^3 flops per product, best of 1-second trials

The threads follow OMP_NUM_THREADS / MKL_NUM_THREADS, which bench/run sets to its thread count.
Both functions are exported C/C++ symbols of libtorch_cpu.so (checked with `nm -D`);
at::show_config returns a std::string, which the Itanium C++ ABI returns through a hidden first
argument pointing at caller-provided storage (libstdc++'s string: data pointer, then size).
"""
import argparse
import ctypes
import sys
import time

import numpy


def load(path):
    try:
        return ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    except OSError as e:
        raise SystemExit(f"{path}: cannot load ({e})")


def show_config(lib):
    fn = lib["_ZN2at11show_configB5cxx11Ev"]
    fn.restype = ctypes.c_void_p
    fn.argtypes = [ctypes.c_void_p]
    storage = ctypes.create_string_buffer(64)  # std::string is 32 bytes in libstdc++
    fn(storage)
    data, size = ctypes.cast(storage, ctypes.POINTER(ctypes.c_size_t))[0:2]
    return ctypes.string_at(data, size).decode(errors="replace")


def mkl_version(lib):
    try:
        fn = lib.MKL_Get_Version_String
    except AttributeError:
        return None
    buf = ctypes.create_string_buffer(256)
    fn(buf, ctypes.c_int(len(buf)))
    threads = lib.MKL_Get_Max_Threads()
    return f"{buf.value.decode().strip()}; MKL_Get_Max_Threads() = {threads}"


def sgemm_peak(lib, n, seconds):
    sgemm = lib.sgemm_
    rng = numpy.random.default_rng(0)
    a = numpy.asfortranarray(rng.standard_normal((n, n), dtype=numpy.float32))
    b = numpy.asfortranarray(rng.standard_normal((n, n), dtype=numpy.float32))
    c = numpy.zeros((n, n), dtype=numpy.float32, order="F")
    ptr = lambda m: m.ctypes.data_as(ctypes.c_void_p)
    no = ctypes.c_char(b"N")
    size = ctypes.c_int(n)
    one, zero = ctypes.c_float(1.0), ctypes.c_float(0.0)
    args = (ctypes.byref(no), ctypes.byref(no), ctypes.byref(size), ctypes.byref(size),
            ctypes.byref(size), ctypes.byref(one), ptr(a), ctypes.byref(size), ptr(b),
            ctypes.byref(size), ctypes.byref(zero), ptr(c), ctypes.byref(size))
    sgemm(*args)  # warm-up
    # Check one entry so a wrong calling convention cannot pass for a fast sgemm.
    if abs(float(c[3, 5]) - float(a[3, :] @ b[:, 5])) > 1e-2 * (1 + abs(float(c[3, 5]))):
        raise SystemExit("sgemm_ gave a wrong product; not measuring")
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        reps, start = 0, time.perf_counter()
        while True:
            sgemm(*args)
            reps += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 1.0:
                break
        best = max(best, 2.0 * n ** 3 * reps / elapsed / 1e9)
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("libtorch_cpu")
    p.add_argument("--describe", action="store_true")
    p.add_argument("--peak", action="store_true")
    p.add_argument("--peak-size", type=int, default=2048)
    p.add_argument("--peak-seconds", type=float, default=3.0)
    args = p.parse_args()
    lib = load(args.libtorch_cpu)
    if args.describe:
        print(show_config(lib).rstrip())
        version = mkl_version(lib)
        if version:
            print(version)
    if args.peak:
        print(f"{sgemm_peak(lib, args.peak_size, args.peak_seconds):.1f}")
    if not (args.describe or args.peak):
        p.error("give --describe and/or --peak")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
