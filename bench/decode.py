#!/usr/bin/env python3
"""The Pillow side and the driver of bench/decode (see that script and docs/performance.md,
section "Decoding: bench/decode").

Writes N photo-like JPEGs once (half 500x375, half 1024x768: rotated smooth gradients, blurred
shapes and per-channel grain; quality 90; seeded, so the same files every run), then measures, on
the same files and alternating from rep to rep:
  - deltaboost's ImageNet evaluation pipeline (bench/DecodeBenchmark.java: ImageNetDataset.decodeBatch,
    i.e. libjpeg-turbo decode (ImageIO where libturbojpeg is missing), shorter side to 256 bilinear
    antialiased, centre crop 224, planar float/255) with 1 worker and with W workers (default: all
    cores), and with 1 worker and DCT scaling (data.jpegDctScaling: a JPEG at least twice the
    resized size decoded at 1/2, 1/4 or 1/8 first);
  - Pillow in 1 process: Image.open, convert("RGB"), resize shorter side to 256 (BILINEAR, which
    Pillow antialiases when shrinking), centre crop 224, tobytes() (uint8; no float conversion).
The deltaboost side runs with the launcher's glibc malloc settings (freed memory kept in one
arena, unless MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ / MALLOC_ARENA_MAX are set or
DELTABOOST_MALLOC=system); Pillow with
the environment as it is. Each side first decodes --warm-up files untimed (default 64: the first 64; more wraps around the
folder), so the JVM has compiled what it runs (JIT) and caches are warm, then all files timed.
Prints images/s (median and range over reps), images/s per core, and the ratio per core, and
Pillow's minor page faults and system time per image: where freeing memory returns it to the
system, Pillow faults its images' memory in again for every file (glibc's MALLOC_MMAP_THRESHOLD_
and MALLOC_TRIM_THRESHOLD_ in the environment keep it). Last, how much DCT scaling changes
deltaboost's float crops against the full-size decode (DecodeBenchmark dct-difference).

--stages instead times the parts of each pipeline, each a pass over all files on one thread after
--warm-up passes, --reps times, the passes alternating (median milliseconds per image, per image
size): libjpeg-turbo's tjDecompress2 alone (the same libturbojpeg, flags and RGB output deltaboost
uses, one decompressor and one buffer reused: the decoder's own time, shared by both sides);
Pillow's open+load (its decode, libjpeg-turbo too), convert("RGB"), resize and crop+tobytes; and
deltaboost's read, decode (readRgb: into planes), resized-crop-of-planes (the resampling alone,
on images decoded beforehand), decode+resized-crop (readRgbResizedCrop: the
window only) and the whole pipeline (+ the float copy / 255), from DecodeBenchmark stages.
"""
import argparse
import os
import random
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, __version__ as PIL_VERSION

from bench import malloc_env

SIZES = [(500, 375), (1024, 768)]
RESIZE = 256
CROP = 224


def photo_like(width, height, rng):
    """Smooth rotated gradients per channel, soft shapes, and fine per-channel grain."""
    planes = []
    for _ in range(3):
        gradient = Image.linear_gradient("L").rotate(rng.uniform(0, 360), resample=Image.BILINEAR)
        planes.append(gradient.crop((40, 40, 216, 216)).resize((width, height), Image.BILINEAR))
    image = Image.merge("RGB", planes)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(8, 16)):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1 = x0 + rng.randint(width // 20, width // 3)
        y1 = y0 + rng.randint(height // 20, height // 3)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x0, y0, x1, y1), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(radius=width / 250))
    grain = Image.merge(
        "RGB",
        [Image.frombytes("L", (width, height), rng.randbytes(width * height)) for _ in range(3)],
    ).filter(ImageFilter.GaussianBlur(radius=0.7))
    return Image.blend(image, grain, 0.12)


def generate(folder, count, seed):
    rng = random.Random(seed)
    files = []
    for i in range(count):
        width, height = SIZES[i % len(SIZES)]
        path = folder / f"photo{i:04d}_{width}x{height}.jpg"
        if not path.exists():
            photo_like(width, height, rng).save(path, quality=90)
        else:
            photo_like(width, height, rng)  # keep the generator's sequence
        files.append(path)
    return files


def resized_crop_box(width, height):
    """Pillow's resize target (shorter side RESIZE) and the centre CROP box in it, as deltaboost's."""
    if height <= width:
        size = (max(RESIZE, round(width * RESIZE / height)), RESIZE)
    else:
        size = (RESIZE, max(RESIZE, round(height * RESIZE / width)))
    top = round((size[1] - CROP) / 2)  # round half to even, as deltaboost's Math.rint
    left = round((size[0] - CROP) / 2)
    return size, (left, top, left + CROP, top + CROP)


def pillow_one(path):
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    size, box = resized_crop_box(*image.size)
    return image.resize(size, Image.BILINEAR).crop(box).tobytes()


def pillow_pass(files, warm_up, faults):
    for i in range(warm_up):
        pillow_one(files[i % len(files)])
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    for path in files:
        pillow_one(path)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    faults.append(((after.ru_minflt - before.ru_minflt) / len(files), (after.ru_stime - before.ru_stime) / len(files)))
    return took


def turbojpeg_library():
    """libturbojpeg through ctypes, as TurboJpegLibrary binds it; None when it cannot be loaded."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("turbojpeg")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    lib.tjInitDecompress.restype = ctypes.c_void_p
    lib.tjDecompressHeader3.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_ulong] + [ctypes.POINTER(ctypes.c_int)] * 4
    lib.tjDecompress2.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p,
        ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
    ]
    lib.tjDestroy.argtypes = [ctypes.c_void_p]
    return lib, name


TJPF_RGB = 0
TJFLAGS = 8192 | 32768  # TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS, as TurboJpegDecoder


def turbojpeg_stage(lib, handle, buffers, data):
    """tjDecompress2 of one file's bytes into a reused RGB buffer (the header read first)."""
    import ctypes

    w, h, sub, cs = (ctypes.c_int() for _ in range(4))
    if lib.tjDecompressHeader3(handle, data, len(data), ctypes.byref(w), ctypes.byref(h), ctypes.byref(sub), ctypes.byref(cs)) != 0:
        raise SystemExit("bench/decode: tjDecompressHeader3 failed")
    size = 3 * w.value * h.value
    buffer = buffers.get(size)
    if buffer is None:
        buffer = buffers[size] = ctypes.create_string_buffer(size)
    if lib.tjDecompress2(handle, data, len(data), buffer, w.value, 0, h.value, TJPF_RGB, TJFLAGS) != 0:
        raise SystemExit("bench/decode: tjDecompress2 failed")


def pillow_stages(path, times):
    """pillow_one, its parts timed into times[part]."""
    t0 = time.perf_counter()
    with Image.open(path) as opened:
        opened.load()
        t1 = time.perf_counter()
        image = opened.convert("RGB")
    t2 = time.perf_counter()
    size, box = resized_crop_box(*image.size)
    image = image.resize(size, Image.BILINEAR)
    t3 = time.perf_counter()
    image.crop(box).tobytes()
    t4 = time.perf_counter()
    for part, took in (("Pillow open+load", t1 - t0), ("Pillow convert", t2 - t1), ("Pillow resize", t3 - t2), ("Pillow crop+tobytes", t4 - t3), ("Pillow pipeline", t4 - t0)):
        times[part] = times.get(part, 0.0) + took


def stages(args, java, files):
    """--stages: the parts of both pipelines, median ms per image per size (see the docstring)."""
    import ctypes

    def size_of(path):
        return path.stem.rsplit("_", 1)[1]

    sizes = sorted({size_of(p) for p in files}) + ["all"]
    counts = {s: sum(1 for p in files if size_of(p) == s) for s in sizes}
    counts["all"] = len(files)
    turbo = turbojpeg_library()
    contents = {p: p.read_bytes() for p in files}
    results = {}
    rows = []
    if turbo is not None:
        lib, name = turbo
        print(f"libturbojpeg (ctypes): {name}")
        handle = lib.tjInitDecompress()
        buffers = {}
        rows.append("libjpeg-turbo tjDecompress2 alone")
    else:
        print("libturbojpeg: not found; its row is left out")
    rows += ["Pillow open+load", "Pillow convert", "Pillow resize", "Pillow crop+tobytes", "Pillow pipeline"]
    for rep in range(args.warm_up_passes + args.reps):
        # one decoder pass, then one Pillow pass (all its parts timed image by image)
        if turbo is not None:
            per = {}
            for path in files:
                start = time.perf_counter()
                turbojpeg_stage(lib, handle, buffers, contents[path])
                took = time.perf_counter() - start
                per[size_of(path)] = per.get(size_of(path), 0.0) + took
                per["all"] = per.get("all", 0.0) + took
            if rep >= args.warm_up_passes:
                for s, took in per.items():
                    results.setdefault(("libjpeg-turbo tjDecompress2 alone", s), []).append(1000 * took / counts[s])
        per_size = {s: {} for s in sizes}
        for path in files:
            times = {}
            pillow_stages(path, times)
            for s in (size_of(path), "all"):
                for part, took in times.items():
                    per_size[s][part] = per_size[s].get(part, 0.0) + took
        if rep >= args.warm_up_passes:
            for s, parts in per_size.items():
                for part, took in parts.items():
                    results.setdefault((part, s), []).append(1000 * took / counts[s])
    if turbo is not None:
        lib.tjDestroy(handle)
    out = subprocess.run(
        java + ["stages", str(files[0].parent), str(args.warm_up_passes), str(args.reps)],
        check=True, capture_output=True, text=True, env=launcher_env(),
    ).stdout
    for line in out.splitlines():
        if line.startswith("jpeg decoder: "):
            print(f"deltaboost's {line}")
        elif line.startswith("stage "):
            rest, ms = line[len("stage "):].rsplit(" ms=", 1)
            part, s = rest.rsplit(" ", 1)
            name = f"deltaboost {part}"
            if name not in rows:
                rows.append(name)
            results[(name, s)] = [float(ms)]
    print(f"median ms per image over {args.reps} passes after {args.warm_up_passes} untimed (one thread each)")
    print(f"{'stage':<42}" + "".join(f"{s:>12}" for s in sizes))
    for row in rows:
        print(f"{row:<42}" + "".join(f"{statistics.median(results[(row, s)]):>12.3f}" if (row, s) in results else f"{'-':>12}" for s in sizes))


def launcher_env():
    """The environment the deltaboost launcher gives its JVM as far as decoding is concerned: its
    malloc settings (bench.py's malloc_env, from the script `deltaboost`)."""
    return malloc_env(os.environ, os.environ.get("DELTABOOST_MALLOC") == "system")


def deltaboost_pass(java, folder, workers, warm_up, count, dct_scaling, decoders):
    extra = ["dct-scaling"] if dct_scaling else []
    out = subprocess.run(
        java + ["time", str(folder), str(workers), str(warm_up)] + extra,
        check=True,
        capture_output=True,
        text=True,
        env=launcher_env(),
    ).stdout
    decoders.update(l for l in out.splitlines() if l.startswith("jpeg decoder: "))
    line = [l for l in out.splitlines() if l.startswith("deltaboost ")][-1]
    fields = dict(f.split("=") for f in line.split()[1:])
    if int(fields["images"]) != count:
        raise SystemExit(f"bench/decode: deltaboost decoded {fields['images']} files, expected {count}")
    return float(fields["seconds"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=200, help="JPEGs to write and decode (default 200)")
    parser.add_argument("--reps", type=int, default=3, help="alternating repetitions (default 3)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="deltaboost's pool size for the parallel run (default: all cores)")
    parser.add_argument("--keep", type=Path, help="write/reuse the JPEGs in this folder instead of a temporary one")
    parser.add_argument("--warm-up", type=int, default=64, help="files each side decodes untimed first (default 64)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stages", action="store_true", help="time the parts of each pipeline instead (see above)")
    parser.add_argument("--warm-up-passes", type=int, default=3, help="with --stages: untimed passes over all files first (default 3)")
    args = parser.parse_args()
    if args.images < 1 or args.reps < 1 or args.workers < 1:
        parser.error("--images, --reps and --workers must be at least 1")
    if args.warm_up < 0:
        parser.error("--warm-up must be at least 0")
    java = shlex.split(os.environ["DECODE_BENCH_JAVA"])

    with tempfile.TemporaryDirectory(prefix="deltaboost-decode-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files = generate(folder, args.images, args.seed)
        mean_kb = statistics.mean(p.stat().st_size for p in files) / 1000
        counts = {s: sum(1 for p in files if p.name.endswith(f"{s[0]}x{s[1]}.jpg")) for s in SIZES}
        print(
            f"files: {len(files)} JPEGs in {folder} ("
            + ", ".join(f"{n} of {w}x{h}" for (w, h), n in counts.items())
            + f"; quality 90, mean {mean_kb:.0f} kB)"
        )
        if args.stages:
            return stages(args, java, files)
        sides = [("deltaboost, 1 worker", 1, False)]
        if args.workers > 1:
            sides.append((f"deltaboost, {args.workers} workers", args.workers, False))
        sides.append(("deltaboost, 1 worker, DCT", 1, True))
        sides.append((f"Pillow {PIL_VERSION}, 1 process", 0, False))
        seconds = {name: [] for name, _, _ in sides}
        faults = []
        decoders = set()
        for rep in range(args.reps):
            order = sides if rep % 2 == 0 else list(reversed(sides))
            for name, workers, dct_scaling in order:
                if workers == 0:
                    took = pillow_pass(files, args.warm_up, faults)
                else:
                    took = deltaboost_pass(
                        java, folder, workers, args.warm_up, len(files), dct_scaling, decoders
                    )
                seconds[name].append(took)
                print(f"  rep {rep + 1}: {name}: {len(files) / took:.1f} images/s", flush=True)
        difference = subprocess.run(
            java + ["dct-difference", str(folder)], check=True, capture_output=True, text=True, env=launcher_env()
        ).stdout.strip()

    pillow_name = sides[-1][0]
    pillow_rate = len(files) / statistics.median(seconds[pillow_name])
    print()
    for decoder in sorted(decoders):
        print(f"deltaboost's {decoder}")
    print(f"deltaboost's {difference}")
    print(
        f"Pillow per image: {statistics.median(f for f, _ in faults):.0f} minor page faults,"
        f" {1000 * statistics.median(s for _, s in faults):.2f} ms system time (median over reps)"
    )
    print(f"{'side':<28} {'images/s (median, range)':>28} {'cores':>5} {'images/s/core':>13} {'vs Pillow/core':>14}")
    for name, workers, _ in sides:
        rates = [len(files) / s for s in seconds[name]]
        rate = statistics.median(rates)
        cores = max(1, workers)
        per_core = rate / cores
        print(
            f"{name:<28} {rate:>10.1f} ({min(rates):.1f}-{max(rates):.1f}){'':>6} {cores:>5}"
            f" {per_core:>13.1f} {per_core / pillow_rate:>13.2f}x"
        )


if __name__ == "__main__":
    sys.exit(main())
