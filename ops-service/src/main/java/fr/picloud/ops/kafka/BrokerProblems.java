package fr.picloud.ops.kafka;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A broker that does not answer is a 503 problem detail, not an unexpected 500. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BrokerProblems {

    @ExceptionHandler(BrokerUnavailableException.class)
    ProblemDetail brokerUnavailable(BrokerUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("https://picloud.example/problems/broker-unavailable"));
        problem.setTitle("Kafka unavailable");
        return problem;
    }
}
