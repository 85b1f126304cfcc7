package fr.picloud.platform.web;

import fr.picloud.platform.domain.DomainException;
import fr.picloud.platform.domain.IllegalTransitionException;
import fr.picloud.platform.domain.InvalidInputException;
import fr.picloud.platform.domain.NotFoundException;
import fr.picloud.platform.domain.RuleViolationException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every HTTP error as an RFC 9457 problem detail. Validation problems list each offending field
 * under {@code errors}; nothing internal (stack trace, SQL) ever reaches the caller.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String TYPE_BASE = Problems.TYPE_BASE;

    public record FieldProblem(String field, String message) {}

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e);
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ProblemDetail illegalTransition(IllegalTransitionException e) {
        return problem(HttpStatus.CONFLICT, "illegal-transition", "Illegal state transition", e);
    }

    @ExceptionHandler(RuleViolationException.class)
    ProblemDetail ruleViolation(RuleViolationException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "rule-violation", "Business rule violated", e);
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", "Invalid input", e);
        problem.setProperty(
                "errors",
                e.violations().stream()
                        .map(violation -> new FieldProblem(violation.field(), violation.message()))
                        .toList());
        return problem;
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ProblemDetail concurrentUpdate(ObjectOptimisticLockingFailureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "The resource was changed by someone else meanwhile; read it again and retry.");
        problem.setType(URI.create(TYPE_BASE + "concurrent-update"));
        problem.setTitle("Concurrent update");
        return problem;
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ProblemDetail accessDenied(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your roles do not allow this.");
        problem.setType(URI.create(TYPE_BASE + "forbidden"));
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.causeOf(e);
        if (tooLarge != null) {
            // a body read as a stream (an import) went past the limit: the caller's doing, not a fault
            return RequestBodyLimit.tooLarge(tooLarge.limit());
        }
        log.error("Unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
        problem.setType(URI.create(TYPE_BASE + "internal"));
        problem.setTitle("Internal error");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setType(URI.create(TYPE_BASE + "invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid parameters.");
        problem.setType(URI.create(TYPE_BASE + "invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid parameters.");
        problem.setType(URI.create(TYPE_BASE + "invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty(
                "errors",
                e.getConstraintViolations().stream()
                        .map(violation -> new FieldProblem(
                                lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                        .toList());
        return problem;
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.causeOf(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(RequestBodyLimit.tooLarge(tooLarge.limit()));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body is not readable JSON of the expected shape.");
        problem.setType(URI.create(TYPE_BASE + "unreadable-body"));
        problem.setTitle("Unreadable request body");
        return ResponseEntity.badRequest().body(problem);
    }

    /** Spring MVC's own problems (404, 405, 415, 406, missing parameter...) with the platform's type and title. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.withPlatformType(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, DomainException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        if (e.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        }
        return problem;
    }
}
