package fr.picloud.ops.consumers.adapter.web;

import fr.picloud.ops.consumers.application.ConsumerLagMonitor;
import fr.picloud.ops.consumers.domain.TopicLag;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consumer lag per group and topic, read from the broker now (role {@code ops}). */
@RestController
@RequestMapping("/api/v1/ops/consumers")
@PreAuthorize("hasRole('ops')")
class ConsumersController {

    private final ConsumerLagMonitor lag;

    ConsumersController(ConsumerLagMonitor lag) {
        this.lag = lag;
    }

    @GetMapping
    @Operation(operationId = "listConsumerLag", summary = "Consumer lag per group and topic, read from the broker now")
    List<TopicLag> consumers() {
        return lag.current();
    }
}
