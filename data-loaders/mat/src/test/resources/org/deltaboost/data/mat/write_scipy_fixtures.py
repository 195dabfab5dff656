"""Writes the scipy-made MAT files that Mat5FileTest reads (run with Debian's python3-scipy 1.10).

SBD's class file: a struct GTcls with Boundaries (a 2x1 cell of sparse logical masks),
Segmentation (uint8 H x W) and CategoriesPresent; ImageNet's devkit: a 1x3 struct array synsets
with ILSVRC2012_ID (double) and WNID (char). Each compressed (-v7) and not (-v6 style), little
endian as scipy writes it.
"""
import numpy as np
import scipy.io
import scipy.sparse

segmentation = (np.arange(5 * 7).reshape(5, 7) % 4).astype(np.uint8)
boundaries = np.empty((2, 1), dtype=object)
boundaries[0, 0] = scipy.sparse.csc_matrix(segmentation == 1)
boundaries[1, 0] = scipy.sparse.csc_matrix(segmentation == 3)
gtcls = {
    "Boundaries": boundaries,
    "Segmentation": segmentation,
    "CategoriesPresent": np.array([[1], [3]], dtype=np.double),
}
synsets = np.zeros((1, 3), dtype=[("ILSVRC2012_ID", object), ("WNID", object)])
for i, wnid in enumerate(["n01440764", "n01443537", "n01484850"]):
    synsets[0, i] = (np.array([[i + 1.0]]), wnid)
for compressed, suffix in [(True, "v7"), (False, "v6")]:
    scipy.io.savemat(f"sbd-gtcls-scipy-{suffix}.mat", {"GTcls": gtcls}, do_compression=compressed)
    scipy.io.savemat(f"imagenet-meta-scipy-{suffix}.mat", {"synsets": synsets},
                     do_compression=compressed)
