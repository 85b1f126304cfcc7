package fr.picloud.billing;

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

/** A billing test on the real infrastructure with a clock the test sets; one context for all. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@PiCloudIntegrationTest
@Import(MutableClock.Config.class)
// the scheduled jobs are left to the tests, which call them through the API
@TestPropertySource(
        properties = {"picloud.billing.budget-check-interval=PT24H", "picloud.billing.held-aside-interval=PT24H"})
public @interface BillingServiceIT {}
