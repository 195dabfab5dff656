/**
 * MATLAB 5 MAT files: the layout checked against the bytes present, then read with the MAT File
 * Library, with one-line errors naming the file.
 */
module org.deltaboost.data.mat {
  requires transitive org.deltaboost.data.core;
  requires transitive us.hebi.matlab.mat.mfl.core;
  // The MAT-file library is an automatic module: it reads every module in the graph but declares
  // no requires of its own, so the sun.misc.Unsafe it uses (module jdk.unsupported) is resolved
  // only when a named module requires it. Requiring it here puts it in the graph wherever this
  // module runs (the deltaboost launcher, java -m, a user's own module path).
  requires jdk.unsupported;

  exports org.deltaboost.data.mat;
}
