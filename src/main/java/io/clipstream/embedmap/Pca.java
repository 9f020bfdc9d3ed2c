package io.clipstream.embedmap;

import java.util.Random;

/** Principal components by power iteration with deflation on the covariance matrix. */
final class Pca {

    private Pca() {}

    static float[][] project(float[][] x, int components) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] row : x) {
            for (int a = 0; a < d; a++) {
                double va = row[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += va * (row[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        double[][] axes = new double[components][];
        Random random = new Random(1);
        for (int c = 0; c < components; c++) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) {
                v[j] = random.nextGaussian();
            }
            for (int it = 0; it < 300; it++) {
                double[] w = new double[d];
                for (int a = 0; a < d; a++) {
                    double s = 0;
                    for (int b = 0; b < d; b++) {
                        s += cov[a][b] * v[b];
                    }
                    w[a] = s;
                }
                for (int p = 0; p < c; p++) {
                    double dot = dot(w, axes[p]);
                    for (int j = 0; j < d; j++) {
                        w[j] -= dot * axes[p][j];
                    }
                }
                double norm = Math.sqrt(dot(w, w));
                if (norm == 0) {
                    break;
                }
                for (int j = 0; j < d; j++) {
                    v[j] = w[j] / norm;
                }
            }
            axes[c] = v;
        }
        float[][] out = new float[n][components];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < components; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x[i][j] - mean[j]) * axes[c][j];
                }
                out[i][c] = (float) s;
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
