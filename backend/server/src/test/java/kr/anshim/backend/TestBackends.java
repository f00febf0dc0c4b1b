package kr.anshim.backend;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.rsocket.context.RSocketServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Whole backend instances started by a test, on loopback port 0, on an embedded database directory of its choosing. */
public final class TestBackends {

    private TestBackends() {
    }

    /** A running backend and the RSocket port it bound. */
    public record Instance(ConfigurableApplicationContext context, int rsocketPort) implements AutoCloseable {

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    public static Instance start(Path db, boolean reset) {
        return start(db, reset, new String[0]);
    }

    /** With more command-line arguments, e.g. cluster mode's. */
    public static Instance start(Path db, boolean reset, String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--anshim.embedded-db.dir=" + db;
        all[1] = "--anshim.embedded-db.reset=" + reset;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        AtomicInteger port = new AtomicInteger();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BackendApplication.class)
                .profiles("demo", "it")
                .listeners(event -> {
                    if (event instanceof RSocketServerInitializedEvent initialized) {
                        port.set(initialized.getServer().address().getPort());
                    }
                })
                // command-line arguments outrank the "it" profile's own database directory
                .run(all);
        return new Instance(context, port.get());
    }
}
