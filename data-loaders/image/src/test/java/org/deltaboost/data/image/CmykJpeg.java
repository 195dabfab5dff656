package org.deltaboost.data.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes uniform 4-component JPEGs as Photoshop does (Adobe APP14 marker, YCCK) or bare (no
 * marker), by handing ImageIO a raw raster: ImageIO encodes rasters without colour conversion.
 */
final class CmykJpeg {
  private CmykJpeg() {}

  /** A colour space only used to ask the writer for CMYK metadata; never converts. */
  private static final class CmykSpace extends ColorSpace {
    private static final long serialVersionUID = 1L;

    CmykSpace() {
      super(TYPE_CMYK, 4);
    }

    @Override
    public float[] toRGB(float[] value) {
      throw new UnsupportedOperationException("CmykSpace only labels metadata; it never converts");
    }

    @Override
    public float[] fromRGB(float[] value) {
      throw new UnsupportedOperationException("CmykSpace only labels metadata; it never converts");
    }

    @Override
    public float[] toCIEXYZ(float[] value) {
      throw new UnsupportedOperationException("CmykSpace only labels metadata; it never converts");
    }

    @Override
    public float[] fromCIEXYZ(float[] value) {
      throw new UnsupportedOperationException("CmykSpace only labels metadata; it never converts");
    }
  }

  static void write(Path file, int size, int[] stored, boolean adobeMarker) throws IOException {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, size, size, 4, null);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        raster.setPixel(x, y, stored);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(1f);
      IIOMetadata metadata = null;
      if (adobeMarker) {
        ComponentColorModel model =
            new ComponentColorModel(
                new CmykSpace(), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        metadata =
            writer.getDefaultImageMetadata(
                new ImageTypeSpecifier(model, raster.getSampleModel()), param);
        IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        IIOMetadataNode adobe = (IIOMetadataNode) tree.getElementsByTagName("app14Adobe").item(0);
        adobe.setAttribute("transform", "2"); // YCCK, as Photoshop writes
        metadata.setFromTree("javax_imageio_jpeg_image_1.0", tree);
      }
      writer.write(null, new IIOImage(raster, null, metadata), param);
    } finally {
      writer.dispose();
    }
  }
}
