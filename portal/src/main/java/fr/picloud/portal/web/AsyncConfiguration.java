package fr.picloud.portal.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Streamed answers (an order's live feed) each hold a thread for as long as the page is open: a
 * virtual thread each, so that open pages never queue behind one another, and 35 minutes at most
 * (order-service ends a feed after 30; the page's EventSource then reconnects).
 */
@Configuration(proxyBeanMethods = false)
class AsyncConfiguration implements WebMvcConfigurer {

    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(35);

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setTaskExecutor(new VirtualThreadTaskExecutor("portal-stream-"));
        configurer.setDefaultTimeout(STREAM_TIMEOUT.toMillis());
    }
}
