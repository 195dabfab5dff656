"""The check that PyTorch, the baseline of bench/run, runs at its real speed before any ratio is
printed: a misconfigured baseline makes deltaboost look faster than it is.

Seen on a Debian machine: libblas.so.3 selected as OpenBLAS (OpenMP) while libopenblas.so.0 still
pointed at the pthreads build; the PyTorch process mapped both, ran the MLP at 6% of the machine's
sgemm peak, and bench/run printed deltaboost at 5.44x. So:

  1. builds: every BLAS library the PyTorch process maps (libblas, libopenblas*, libcblas, libmkl*,
     libblis*, libflexiblas*) comes from one build (OpenBLAS OpenMP / pthreads / serial, the
     reference BLAS, oneMKL, BLIS, ...), read from /proc/PID/maps while torch is loaded;
  2. peak: PyTorch's own sgemm (torch.mm, n x n) reaches at least MIN_PEAK_RATIO of the peak that
     deltaboost's libtorch BLAS reaches on the same machine in the same run. It was 0.5 until a
     run passed at 0.51: OPENBLAS_CORETYPE=Haswell, set in every shell of the project's machine,
     held OpenBLAS to AVX2 kernels on an AVX-512 CPU (bench.py's choose_openblas_core now picks
     the fastest kernel; with it the two peaks are within 5% there, and were on an Intel Xeon);
  3. training: each PyTorch training run's steady GFLOP/s is at least MIN_SHARE of PyTorch's own
     sgemm peak (on 2 cores the MLP and CNN-5 reach 29-35%; the misconfigured case reached 6%).

A failed check names what is wrong and the fix; bench/run then prints no ratio and exits 3.
"""
import os
import re
import subprocess

MIN_PEAK_RATIO = 0.75
MIN_SHARE = 0.12

_BLAS = re.compile(r"^lib(openblas|blas|cblas|mkl_|blis|flexiblas)")
_ALTERNATIVES = ("libblas.so.3", "libopenblas.so.0", "libcblas.so.3", "liblapack.so.3")


def build_of(path):
    """The BLAS build a library file belongs to, from its real path."""
    real = os.path.realpath(path)
    name = os.path.basename(real)
    # Debian keeps each OpenBLAS build in its own folder (and names the threaded ones libopenblasp
    # in both the OpenMP and the pthreads folder), so the folder decides first.
    if "/openblas-openmp/" in real:
        return "OpenBLAS (OpenMP)"
    if "/openblas-pthread/" in real:
        return "OpenBLAS (pthreads)"
    if "/openblas-serial/" in real:
        return "OpenBLAS (serial)"
    if name.startswith("libopenblaso"):
        return "OpenBLAS (OpenMP)"
    if name.startswith("libopenblasp"):
        return "OpenBLAS (threaded)"
    if name.startswith(("libopenblas-r", "libopenblas.so")):
        return "OpenBLAS (" + os.path.dirname(real) + ")"
    if name.startswith("libmkl"):
        return "oneMKL"
    if name.startswith("libblis") or "/blis" in real:
        return "BLIS"
    if name.startswith("libflexiblas"):
        return "FlexiBLAS"
    if "/blas/" in real and name.startswith(("libblas", "libcblas")):
        return "reference BLAS (netlib)"
    return "unknown (" + os.path.dirname(real) + ")"


def mapped_blas(pid):
    """The BLAS libraries a running process has mapped, as {path: build}."""
    found = {}
    try:
        with open(f"/proc/{pid}/maps") as maps:
            for line in maps:
                fields = line.split()
                if len(fields) >= 6 and fields[5].startswith("/"):
                    path = fields[5]
                    if _BLAS.match(os.path.basename(path)) and path not in found:
                        found[path] = build_of(path)
    except OSError:
        pass
    return found


def mixed_builds(mapped):
    """A problem line when the mapped BLAS libraries come from more than one build, else None."""
    builds = sorted(set(mapped.values()))
    if len(builds) <= 1:
        return None
    listing = "; ".join(f"{path} ({build})" for path, build in sorted(mapped.items()))
    return (f"the PyTorch process maps BLAS libraries of {len(builds)} builds ({', '.join(builds)}): "
            f"{listing}")


def alternative_fixes(wanted):
    """update-alternatives commands that point every Debian BLAS alternative at the build wanted."""
    fixes = []
    for name in _ALTERNATIVES:
        link = f"{name}-x86_64-linux-gnu"
        try:
            listed = subprocess.run(["update-alternatives", "--list", link], capture_output=True,
                                    text=True).stdout.split()
        except OSError:
            return fixes
        current = os.path.realpath(f"/etc/alternatives/{link}")
        if not listed or build_of(current) == wanted:
            continue
        choice = next((c for c in listed if build_of(c) == wanted), None)
        if choice:
            fixes.append(f"update-alternatives --set {link} {choice}")
    return fixes


def peak_problem(pytorch_peak, deltaboost_peak):
    """A problem line when PyTorch's sgemm peak is far below deltaboost's, else None."""
    if not pytorch_peak:
        return "PyTorch's sgemm peak could not be measured"
    if deltaboost_peak and pytorch_peak < MIN_PEAK_RATIO * deltaboost_peak:
        return (f"PyTorch's sgemm (torch.mm) reaches {pytorch_peak:.1f} GFLOP/s, less than "
                f"{MIN_PEAK_RATIO:.0%} of the {deltaboost_peak:.1f} of deltaboost's libtorch BLAS on "
                f"the same cores: its BLAS is slow (the reference BLAS, builds mixed, or an "
                f"OPENBLAS_CORETYPE older than the CPU)")
    return None


def share_problems(runs, pytorch_peak, min_share=MIN_SHARE):
    """Problem lines for PyTorch runs whose steady GFLOP/s is below min_share of its own peak.

    runs: (label, steady GFLOP/s) of every PyTorch training run."""
    problems = []
    for label, gflops in runs:
        if gflops is None or not pytorch_peak:
            continue
        share = gflops / pytorch_peak
        if share < min_share:
            problems.append(f"PyTorch's {label} ran at {gflops:.1f} GFLOP/s, {share:.1%} of its own "
                            f"{pytorch_peak:.1f} GFLOP/s sgemm peak (below {min_share:.0%}: "
                            f"implausibly slow for this network)")
    return problems


def self_test():
    """Checks the rules on the case that lied and on sane ones (bench/run --self-test)."""
    lying = {"/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3": "OpenBLAS (OpenMP)",
             "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so": "OpenBLAS (pthreads)"}
    for path, build in lying.items():
        assert build_of(path) == build, (path, build_of(path))
    assert "2 builds" in mixed_builds(lying)
    sane = {"/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3": "OpenBLAS (OpenMP)",
            "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so": "OpenBLAS (OpenMP)"}
    assert build_of("/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so") == "OpenBLAS (OpenMP)"
    assert mixed_builds(sane) is None
    assert build_of("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3") == "reference BLAS (netlib)"
    assert peak_problem(320.0, 337.0) is None
    assert "less than 75%" in peak_problem(40.0, 337.0)
    assert "OPENBLAS_CORETYPE" in peak_problem(178.7, 352.5)  # the run that passed at 0.5
    assert share_problems([("mlp softmax-ce r1", 100.0)], 320.0) == []
    assert "6.2% of its own" in share_problems([("mlp softmax-ce r1", 20.0)], 320.0)[0]
    print("baseline_check self-test: ok")


if __name__ == "__main__":
    self_test()
