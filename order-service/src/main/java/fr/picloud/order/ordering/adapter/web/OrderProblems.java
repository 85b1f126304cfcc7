package fr.picloud.order.ordering.adapter.web;

import fr.picloud.order.ordering.application.IdempotencyKeyReusedException;
import fr.picloud.platform.web.ProblemDetailsAdvice.FieldProblem;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The order-specific problem details, ahead of the platform's general ones. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblems {

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("https://picloud.example/problems/idempotency-key-reused"));
        problem.setTitle("Idempotency key reused");
        return problem;
    }

    /** Too many live feeds open: the portal's EventSource retries after the delay it is given. */
    @ExceptionHandler(OrderFeeds.TooManyFeedsException.class)
    ResponseEntity<ProblemDetail> tooManyFeeds(OrderFeeds.TooManyFeedsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setType(URI.create("https://picloud.example/problems/too-many-feeds"));
        problem.setTitle("Too many live feeds");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The platform's unreadable-body problem, naming the field when JSON was readable but not of the
     * expected shape: an unknown field, or a value of the wrong type.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body is not readable JSON of the expected shape.");
        problem.setType(URI.create("https://picloud.example/problems/unreadable-body"));
        problem.setTitle("Unreadable request body");
        if (e.getCause() instanceof DatabindException shape && !shape.getPath().isEmpty()) {
            String field = shape.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName()
                            : String.valueOf(reference.getIndex()))
                    .collect(Collectors.joining("."));
            String message = shape instanceof UnrecognizedPropertyException
                    ? "unknown field"
                    : "not a value of the expected type";
            problem.setDetail("The request body has "
                    + (shape instanceof UnrecognizedPropertyException
                            ? "an unknown field: " + field
                            : "a value of the wrong type at " + field)
                    + ".");
            problem.setProperty("errors", List.of(new FieldProblem(field, message)));
        }
        return problem;
    }
}
