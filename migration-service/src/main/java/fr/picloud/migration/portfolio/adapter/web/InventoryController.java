package fr.picloud.migration.portfolio.adapter.web;

import fr.picloud.migration.portfolio.application.InventoryImport;
import fr.picloud.migration.portfolio.domain.Application;
import fr.picloud.migration.portfolio.domain.PortfolioGenerator;
import fr.picloud.platform.domain.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The portfolio's inventory: loaded from CSV or JSON, read back, or generated for a demonstration. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('migration-lead')")
@Validated
class InventoryController {

    private final InventoryImport inventory;
    private final InventoryFormats formats;

    InventoryController(InventoryImport inventory, InventoryFormats formats) {
        this.inventory = inventory;
        this.formats = formats;
    }

    @PostMapping(
            path = "/inventory",
            consumes = {InventoryFormats.CSV, "application/json"})
    @Operation(
            operationId = "loadInventory",
            summary =
                    "Load an inventory (CSV or JSON array); good rows kept, re-import idempotent; 422 lists refused rows",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(mediaType = InventoryFormats.CSV, schema = @Schema(type = "string")),
                                @Content(
                                        mediaType = "application/json",
                                        array = @ArraySchema(schema = @Schema(type = "object")))
                            }))
    ResponseEntity<?> load(@RequestHeader("Content-Type") String contentType, HttpServletRequest request)
            throws IOException {
        return answer(inventory.load(formats.read(contentType, request.getInputStream())));
    }

    @PostMapping("/inventory/sample")
    @Operation(
            operationId = "loadSampleInventory",
            summary = "Generate a realistic portfolio (deterministic for a seed) and load it like an inventory")
    ResponseEntity<?> loadSample(
            @RequestParam(defaultValue = "420") @Min(1) @Max(20000) int size,
            @RequestParam(defaultValue = "2026") long seed) {
        // through the CSV format, so the sample loads exactly as a file of it would
        String csv = formats.writeCsv(new PortfolioGenerator(seed).generate(size));
        return answer(inventory.load(
                formats.read(InventoryFormats.CSV, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))));
    }

    @GetMapping(path = "/inventory/sample.csv", produces = InventoryFormats.CSV)
    @Operation(
            operationId = "getSampleInventory",
            summary = "The generated portfolio as an inventory CSV, to edit and load")
    String sampleCsv(
            @RequestParam(defaultValue = "420") @Min(1) @Max(20000) int size,
            @RequestParam(defaultValue = "2026") long seed) {
        return formats.writeCsv(new PortfolioGenerator(seed).generate(size));
    }

    @GetMapping("/applications")
    @Operation(operationId = "listApplications", summary = "Every application of the portfolio as loaded")
    List<Application> applications() {
        return inventory.all();
    }

    @GetMapping("/applications/{id}")
    @Operation(operationId = "getApplication", summary = "One application of the portfolio")
    Application application(@PathVariable String id) {
        return inventory.find(id).orElseThrow(() -> new NotFoundException("no application " + id));
    }

    /** All rows good: the report. Some refused: a problem detail naming each, with the counts of what was kept. */
    private static ResponseEntity<?> answer(InventoryImport.Report report) {
        if (report.rejected() == 0) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_CONTENT,
                report.rejected() + " of " + report.received() + " rows were refused (see errors); the "
                        + (report.received() - report.rejected()) + " others were loaded");
        problem.setType(URI.create("https://picloud.example/problems/invalid-inventory-rows"));
        problem.setTitle("Invalid inventory rows");
        problem.setProperty("errors", report.errors());
        problem.setProperty("received", report.received());
        problem.setProperty("created", report.created());
        problem.setProperty("updated", report.updated());
        problem.setProperty("unchanged", report.unchanged());
        problem.setProperty("rejected", report.rejected());
        return ResponseEntity.unprocessableContent().body(problem);
    }
}
