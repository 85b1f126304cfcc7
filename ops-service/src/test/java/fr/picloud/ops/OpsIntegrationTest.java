package fr.picloud.ops;

import fr.picloud.contracts.Topics;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The ops service over the real broker and database, beside a real consumer of billing events
 * ({@link BudgetWatcher}, group {@value BudgetWatcher#GROUP}) whose failures the binder dead-letters. One
 * configuration for every IT of the module, so they share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PiCloudIntegrationTest
@Import(BudgetWatcher.class)
@TestPropertySource(
        properties = {
            "picloud.ops.events.consumer-group=ops-it",
            "spring.cloud.function.definition=budgetWatcher",
            "spring.cloud.stream.bindings.budgetWatcher-in-0.destination=" + Topics.BILLING,
            "spring.cloud.stream.bindings.budgetWatcher-in-0.group=" + BudgetWatcher.GROUP,
            "spring.cloud.stream.bindings.budgetWatcher-in-0.content-type=application/octet-stream",
            // one attempt: the tests are about what happens after the retries, not the retries
            "spring.cloud.stream.bindings.budgetWatcher-in-0.consumer.max-attempts=1"
        })
@interface OpsIntegrationTest {}
