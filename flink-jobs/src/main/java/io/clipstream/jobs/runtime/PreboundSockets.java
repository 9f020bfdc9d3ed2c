package io.clipstream.jobs.runtime;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka's cluster test kit binds every listener's port while it builds the cluster, on the
 * wildcard address (every interface), whatever host the {@code listeners} setting names, and later
 * hands those sockets to the broker and controller. Binding them first, at the wanted addresses,
 * in the kit's own table makes the kit use these instead: nothing ever listens on another
 * interface, not even briefly. The kit offers no setting for this, hence the reflection; a kit
 * whose fields change fails the start loudly rather than opening a broker to the network.
 */
final class PreboundSockets {
    private PreboundSockets() {}

    /**
     * Binds the client listener of every broker node at {@code brokerAddress} and the controller
     * listener of every controller node at loopback, in {@code builder}'s socket table.
     */
    @SuppressWarnings("unchecked")
    static void bind(KafkaClusterTestKit.Builder builder, TestKitNodes nodes, InetAddress brokerAddress) throws IOException {
        Object manager = field(builder, "socketFactoryManager");
        synchronized (manager) {
            Map<Integer, Map<String, ServerSocketChannel>> table =
                    (Map<Integer, Map<String, ServerSocketChannel>>) field(manager, "sockets");
            String broker = nodes.brokerListenerName().value();
            String controller = nodes.controllerListenerName().value();
            for (int id : nodes.brokerNodes().keySet()) {
                table.computeIfAbsent(id, k -> new HashMap<>()).put(broker, open(brokerAddress));
            }
            for (int id : nodes.controllerNodes().keySet()) {
                table.computeIfAbsent(id, k -> new HashMap<>()).put(controller, open(InetAddress.getLoopbackAddress()));
            }
        }
    }

    /** A socket as the kit's own factory opens it (non-blocking, default buffers and backlog), on an ephemeral port. */
    private static ServerSocketChannel open(InetAddress address) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.socket().bind(new InetSocketAddress(address, 0));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Object field(Object owner, String name) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot bind the in-process broker to its address: Kafka's test kit has no field "
                    + name + " in " + owner.getClass().getName(), e);
        }
    }
}
