package io.clipstream.jobs.cli;

import io.clipstream.jobs.view.ViewOptions;
import io.clipstream.jobs.view.ViewServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/** {@code demo --view}: the web view beside the demo, with the encoder metrics of its local cluster. */
final class DemoView {
    private DemoView() {}

    /** Gives the demo's local cluster a known REST port, so the view can read the job's metrics. */
    static void prepare(Configuration conf) throws IOException {
        if (!conf.contains(RestOptions.BIND_PORT)) {
            try (ServerSocket s = new ServerSocket(0)) {
                conf.set(RestOptions.BIND_PORT, String.valueOf(s.getLocalPort()));
            }
        }
        if (!conf.contains(ViewOptions.FLINK_REST)) {
            conf.set(ViewOptions.FLINK_REST, "http://127.0.0.1:" + conf.get(RestOptions.BIND_PORT));
        }
    }

    /** Starts the view and prints where it is. */
    static ViewServer start(Configuration conf) {
        ViewServer view = ViewCommand.start(conf);
        System.out.println("demo: live view at " + view.url() + " (Flink REST " + conf.get(ViewOptions.FLINK_REST) + ")");
        return view;
    }
}
