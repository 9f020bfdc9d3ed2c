package io.clipstream.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class RgbConversionTest {

    @Test
    void opaquePixelsAreUnchangedForEveryValue() {
        for (int v = 0; v < 256; v++) {
            int rgb = v << 16 | (255 - v) << 8 | (v * 7 & 0xFF);
            assertThat(RgbConversion.overWhite(0xFF000000 | rgb)).isEqualTo(rgb);
        }
    }

    @Test
    void compositingOverWhiteIsWithinHalfALevelOfTheExactBlend() {
        for (int a = 1; a < 255; a++) {
            for (int v = 0; v < 256; v += 3) {
                double exact = (v * a + 255.0 * (255 - a)) / 255.0;
                int got = RgbConversion.overWhite(a << 24 | v << 16 | v << 8 | v) & 0xFF;
                assertThat((double) got).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.5 + 1e-9));
            }
        }
    }

    @Test
    void sixteenBitGreyKeepsTheHighByte() {
        BufferedImage grey16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0x1234, 0xFFFF, 0x00FF});

        RgbImage rgb = RgbConversion.toRgb(grey16);

        assertThat(rgb.pixels()).containsExactly(0x121212, 0xFFFFFF, 0x000000);
    }

    @Test
    void sixteenBitRgbWithAlphaKeepsTheHighBytesAndBlends() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0xABCD, 0x1200, 0x00FF, 0xFFFF});
        raster.setPixel(1, 0, new int[] {0, 0, 0, 0x0000});

        RgbImage rgb = RgbConversion.toRgb(new BufferedImage(cm, raster, false, null));

        // PIL's convert("RGB"): the alpha is dropped, a transparent pixel keeps its colour
        assertThat(rgb.pixels()).containsExactly(0xAB1200, 0x000000);
        assertThat(rgb.alpha()).containsExactly((byte) 0xFF, (byte) 0);
        assertThat(RgbConversion.composite(rgb, 0xFFFFFF).pixels()).containsExactly(0xAB1200, 0xFFFFFF);
    }

    @Test
    void opaqueImagesCarryNoAlphaPlane() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFF102030);
        argb.setRGB(1, 0, 0xFF405060);

        RgbImage rgb = RgbConversion.toRgb(argb);

        assertThat(rgb.alpha()).isNull();
        assertThat(RgbConversion.composite(rgb, 0xFFFFFF)).isSameAs(rgb);
    }

    @Test
    void compositingOverAnotherColourBlendsTowardsIt() {
        assertThat(RgbConversion.over(0x00123456, 0x808080)).isEqualTo(0x808080);
        assertThat(RgbConversion.over(0xFF123456, 0x808080)).isEqualTo(0x123456);
        // half alpha: half way between 0 and 0x80 (PIL rounds 64.25 to 64)
        assertThat(RgbConversion.over(0x80000000, 0x808080) & 0xFF).isEqualTo(64);
    }

    @Test
    void paletteEntriesWithTransparencyKeepTheirColour() {
        byte[] r = {(byte) 10, (byte) 200};
        byte[] g = {(byte) 20, (byte) 100};
        byte[] b = {(byte) 30, (byte) 0};
        IndexColorModel icm = new IndexColorModel(8, 2, r, g, b, 1); // index 1 transparent
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, icm);
        indexed.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0, 1});

        RgbImage rgb = RgbConversion.toRgb(indexed);

        assertThat(rgb.pixels()).containsExactly(0x0A141E, 0xC86400);
        assertThat(RgbConversion.composite(rgb, 0xFFFFFF).pixels()).containsExactly(0x0A141E, 0xFFFFFF);
    }

    @Test
    void premultipliedAlphaIsUndoneBeforeCompositing() {
        BufferedImage pre = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        pre.setRGB(0, 0, 0xFF336699); // opaque: premultiplication changes nothing

        assertThat(RgbConversion.toRgb(pre).pixels()).containsExactly(0x336699);
    }

    @Test
    void threeByteBgrIsReadInRgbOrder() {
        BufferedImage bgr = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(0, 0, 0x112233);
        bgr.setRGB(1, 0, 0xFEDCBA);

        assertThat(RgbConversion.toRgb(bgr).pixels()).containsExactly(0x112233, 0xFEDCBA);
    }
}
