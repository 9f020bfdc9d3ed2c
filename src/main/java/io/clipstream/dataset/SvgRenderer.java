package io.clipstream.dataset;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders SVG documents with JSVG onto a white square canvas, the way the emoji datasets draw every
 * picture (transparency means the same in every style); {@code currentColor} is black. External
 * resources are never loaded.
 */
final class SvgRenderer {

    private final SVGLoader loader = new SVGLoader();

    /** Draws {@code svg} scaled to {@code size} x {@code size} pixels on white; throws when JSVG cannot parse it. */
    BufferedImage render(String svg, int size) throws IOException {
        SVGDocument document = loader.load(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)), null,
                LoaderContext.createDefault());
        if (document == null) {
            throw new IOException("unreadable SVG");
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            // JSVG resolves currentColor to the graphics' colour: black, a browser's default text colour
            // (the monochrome sets draw with currentColor only)
            g.setColor(Color.BLACK);
            document.render(null, g, new ViewBox(0, 0, size, size));
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Wraps an Iconify icon body in an {@code <svg>} element with the icon's view box. */
    static String iconSvg(String body, double left, double top, double width, double height) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\""
                + left + " " + top + " " + width + " " + height + "\" width=\"" + width + "\" height=\"" + height + "\">"
                + body + "</svg>";
    }
}
