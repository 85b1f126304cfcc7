package fr.picloud.provisioning.cloud.adapter.openstack;

import fr.picloud.provisioning.saga.domain.Cloud;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Cloud} the saga uses: OpenStack through openstack4j, configured by
 * {@code picloud.openstack.*} (see {@link OpenStackProperties} and application.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenStackProperties.class)
public class OpenStackCloudConfiguration {

    @Bean
    OpenStack4jCloud openStackCloud(OpenStackProperties properties, ObjectProvider<MeterRegistry> meters) {
        return OpenStack4jCloud.create(properties, meters.getIfAvailable());
    }
}
