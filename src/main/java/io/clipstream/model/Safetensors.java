package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@code .safetensors} files. The header is parsed here first, so a folder's
 * tensor names and shapes can be checked before any weight is read; the data is then decoded by
 * DJL, except for bfloat16, which DJL 0.36 cannot decode and which is widened here in Java.
 * Floating-point tensors always come back as float32.
 */
final class Safetensors {

    /** One entry of the header. */
    record Entry(String dtype, Shape shape, long begin, long end) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final Set<String> DJL_DTYPES = Set.of("F32", "F16", "F64", "I64", "I32", "I8", "U8", "BOOL");

    private Safetensors() {}

    /** The tensors a file holds, in file order, without reading their data. */
    static Map<String, Entry> readHeader(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, len, 0);
            long headerBytes = len.flip().getLong();
            if (headerBytes <= 0 || headerBytes > MAX_HEADER_BYTES || headerBytes > channel.size() - 8) {
                throw new ModelLoadException(file.getFileName() + " is not a safetensors file (header length " + headerBytes + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerBytes);
            readFully(channel, header, 8);
            JsonNode root = JSON.readTree(header.array());
            Map<String, Entry> entries = new LinkedHashMap<>();
            long dataBytes = channel.size() - 8 - headerBytes;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode node = field.getValue();
                JsonNode dims = node.path("shape");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).asLong();
                }
                long begin = node.path("data_offsets").path(0).asLong(-1);
                long end = node.path("data_offsets").path(1).asLong(-1);
                if (begin < 0 || end < begin || end > dataBytes) {
                    throw new ModelLoadException(file.getFileName() + ": tensor '" + field.getKey() + "' has invalid data offsets");
                }
                entries.put(field.getKey(), new Entry(node.path("dtype").asText(), new Shape(shape), begin, end));
            }
            return entries;
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads every tensor onto {@code manager}; floating-point ones as float32. */
    static Map<String, NDArray> read(Path file, NDManager manager) {
        Map<String, Entry> header = readHeader(file);
        boolean djlDecodes = header.values().stream().allMatch(e -> DJL_DTYPES.contains(e.dtype()));
        return djlDecodes ? readWithDjl(file, manager) : readInJava(file, header, manager);
    }

    private static Map<String, NDArray> readWithDjl(Path file, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            for (NDArray array : NDList.decode(manager, in)) {
                DataType type = array.getDataType();
                if (type.isFloating() && type != DataType.FLOAT32) {
                    NDArray widened = array.toType(DataType.FLOAT32, false);
                    widened.setName(array.getName());
                    array.close();
                    array = widened;
                }
                out.put(array.getName(), array);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            out.values().forEach(NDArray::close);
            throw new ModelLoadException("Cannot decode " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NDArray> readInJava(Path file, Map<String, Entry> header, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, len, 0);
            long dataStart = 8 + len.flip().getLong();
            for (Map.Entry<String, Entry> e : header.entrySet()) {
                Entry entry = e.getValue();
                ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(), entry.end() - entry.begin())
                        .order(ByteOrder.LITTLE_ENDIAN);
                NDArray array = decode(e.getKey(), entry, bytes, manager);
                array.setName(e.getKey());
                out.put(e.getKey(), array);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            out.values().forEach(NDArray::close);
            if (e instanceof ModelLoadException) {
                throw (ModelLoadException) e;
            }
            throw new ModelLoadException("Cannot decode " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static NDArray decode(String name, Entry entry, ByteBuffer bytes, NDManager manager) {
        int count = Math.toIntExact(entry.shape().size());
        switch (entry.dtype()) {
            case "F32":
            case "F16":
            case "BF16":
            case "F64":
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = switch (entry.dtype()) {
                        case "F32" -> bytes.getFloat();
                        case "F16" -> halfToFloat(bytes.getShort());
                        case "BF16" -> Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
                        default -> (float) bytes.getDouble();
                    };
                }
                return manager.create(values, entry.shape());
            case "I64":
                long[] longs = new long[count];
                bytes.asLongBuffer().get(longs);
                return manager.create(longs, entry.shape());
            default:
                throw new ModelLoadException("Tensor '" + name + "' has unsupported dtype " + entry.dtype());
        }
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exp == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mantissa << 13));
    }

    /** Writes the tensors under their map keys, in map order, with DJL's safetensors encoder. */
    static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        NDList list = new NDList(tensors.size());
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            e.getValue().setName(e.getKey());
            list.add(e.getValue());
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
