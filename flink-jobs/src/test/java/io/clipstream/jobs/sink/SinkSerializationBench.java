package io.clipstream.jobs.sink;

import io.clipstream.jobs.embed.Embeddings;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.schemas.EmbeddingEvent;
import java.util.Random;
import org.apache.flink.configuration.Configuration;

/**
 * Prints the cost per record of the embeddings output path: building the event, the guard's size
 * bound and the Kafka record (Avro value + CloudEvents headers). A printed figure, not a test:
 * {@code java -cp <test classpath> io.clipstream.jobs.sink.SinkSerializationBench [rounds]}.
 */
public final class SinkSerializationBench {
    private SinkSerializationBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        CloudEventsSerializer<EmbeddingEvent> serializer = ClipSinks.embeddingSerializer(new Configuration(), "embed");
        for (int dim : new int[] {64, 512}) {
            EncodedImage[] images = images(dim, 1024);
            long sink = 0;
            for (int r = 0; r < rounds; r++) {
                int n = 200_000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    EmbeddingEvent e = Embeddings.of(images[i & 1023]);
                    sink += e.getDimension();
                }
                long t1 = System.nanoTime();
                EmbeddingEvent[] events = new EmbeddingEvent[1024];
                for (int i = 0; i < events.length; i++) {
                    events[i] = Embeddings.of(images[i]);
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sink += serializer.maxSizeOf(events[i & 1023]);
                }
                long t3 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sink += serializer.serialize(events[i & 1023], null, null).value().length;
                }
                long t4 = System.nanoTime();
                System.out.printf("dim %3d round %d: event %.2f us, size bound %.2f us, serialize %.2f us per record%n",
                        dim, r, (t1 - t0) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n);
            }
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static EncodedImage[] images(int dim, int count) {
        Random random = new Random(1);
        EncodedImage[] out = new EncodedImage[count];
        for (int i = 0; i < count; i++) {
            EncodedImage e = new EncodedImage();
            e.id = "image-" + i;
            e.key = "k" + (i % 7);
            e.modelId = "clipstream-emoji-small";
            e.vector = new float[dim];
            for (int j = 0; j < dim; j++) {
                e.vector[j] = (float) random.nextGaussian();
            }
            out[i] = e;
        }
        return out;
    }
}
