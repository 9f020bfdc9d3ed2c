package io.clipstream.explain;

import io.clipstream.preprocess.PreprocessorConfig;

/**
 * Lays a patch-grid map over the input picture: each cell of the output (a picture of
 * {@code width x height} pixels sampled down to at most {@link #MAX_SIDE} cells on its long side)
 * is traced back through the model's resize and centre crop to the crop the vision tower saw, and
 * the patch map is sampled there bilinearly between patch centres. Cells outside the crop get 0.
 */
final class PictureMap {

    /** Longest side of a written map, in cells. */
    static final int MAX_SIDE = 96;

    private PictureMap() {}

    /** Output size {@code [rows, cols]} for a picture. */
    static int[] size(int width, int height) {
        double f = Math.min(1.0, (double) MAX_SIDE / Math.max(width, height));
        return new int[] {Math.max(1, (int) Math.round(height * f)), Math.max(1, (int) Math.round(width * f))};
    }

    /** The patch map over the picture's area, row 0 at the top. */
    static float[][] over(float[][] grid, int width, int height, PreprocessorConfig config, int crop) {
        int[] size = size(width, height);
        int rows = size[0];
        int cols = size[1];
        int newW = width;
        int newH = height;
        if (config.doResize()) {
            if (config.shortestEdge() > 0) {
                int edge = config.shortestEdge();
                int newLong = (int) ((double) edge * Math.max(width, height) / Math.min(width, height));
                newW = width <= height ? edge : newLong;
                newH = width <= height ? newLong : edge;
            } else {
                newW = config.resizeWidth();
                newH = config.resizeHeight();
            }
        }
        int left = config.doCenterCrop() ? Math.floorDiv(newW - crop, 2) : 0;
        int top = config.doCenterCrop() ? Math.floorDiv(newH - crop, 2) : 0;
        int g = grid.length;
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            double py = (r + 0.5) * height / rows;
            double cy = py * newH / height - top;
            for (int c = 0; c < cols; c++) {
                double px = (c + 0.5) * width / cols;
                double cx = px * newW / width - left;
                if (cx < 0 || cy < 0 || cx >= crop || cy >= crop) {
                    continue;
                }
                out[r][c] = bilinear(grid, cx / crop * g - 0.5, cy / crop * g - 0.5);
            }
        }
        return out;
    }

    private static float bilinear(float[][] grid, double x, double y) {
        int g = grid.length;
        x = Math.max(0, Math.min(g - 1, x));
        y = Math.max(0, Math.min(g - 1, y));
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(g - 1, x0 + 1);
        int y1 = Math.min(g - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = grid[y0][x0] * (1 - fx) + grid[y0][x1] * fx;
        double bottom = grid[y1][x0] * (1 - fx) + grid[y1][x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    /** Min-max normalisation to [0, 1] in place; a constant map becomes all 0. */
    static float[][] normalise(float[][] m) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] row : m) {
            for (float v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float span = hi - lo;
        for (float[] row : m) {
            for (int i = 0; i < row.length; i++) {
                row[i] = span > 0 ? (row[i] - lo) / span : 0;
            }
        }
        return m;
    }
}
