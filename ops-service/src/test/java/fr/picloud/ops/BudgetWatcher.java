package fr.picloud.ops;

import fr.picloud.platform.messaging.InboundEventProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * A consumer of billing events as a business service writes one (the binder, the platform's inbox):
 * while {@link #BROKEN} it fails on every event, which the binder then dead-letters to
 * {@value #DEAD_LETTERS}; fixed, it records each event it handles.
 */
@TestConfiguration
class BudgetWatcher {

    static final String GROUP = "budget-watcher";
    static final String DEAD_LETTERS = "error.picloud.billing." + GROUP;
    static final AtomicBoolean BROKEN = new AtomicBoolean(true);
    static final List<String> HANDLED = new CopyOnWriteArrayList<>();

    @Bean
    Consumer<Message<byte[]>> budgetWatcher(InboundEventProcessor inbound) {
        return message -> inbound.process(GROUP, message, received -> {
            if (BROKEN.get()) {
                throw new IllegalStateException("budget rules not loaded");
            }
            HANDLED.add(received.envelope().eventId().toString());
        });
    }
}
