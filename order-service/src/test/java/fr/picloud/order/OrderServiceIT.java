package fr.picloud.order;

import fr.picloud.platform.test.MutableClock;
import fr.picloud.platform.test.PiCloudIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The order-service under test with a clock the test moves. The approval deadlines and end dates
 * jobs are left to the tests (it runs once at start-up, then only when a test calls it), and every class with this
 * annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@PiCloudIntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(
        properties = {"picloud.orders.approval-deadlines-interval=PT24H", "picloud.orders.end-dates.interval=PT24H"})
public @interface OrderServiceIT {}
