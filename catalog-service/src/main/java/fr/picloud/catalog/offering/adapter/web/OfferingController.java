package fr.picloud.catalog.offering.adapter.web;

import fr.picloud.catalog.offering.application.OfferingService;
import fr.picloud.catalog.offering.domain.Offering;
import fr.picloud.catalog.offering.domain.OfferingCategory;
import fr.picloud.contracts.LocalizedText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/offerings")
class OfferingController {

    private final OfferingService offerings;

    OfferingController(OfferingService offerings) {
        this.offerings = offerings;
    }

    record Name(
            @NotBlank @Size(max = 200) String fr,
            @NotBlank @Size(max = 200) String en) {}

    record NewOffering(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lower-case letters, digits and dashes")
            String code,

            @NotNull @Valid Name name,
            @NotNull OfferingCategory category,
            @NotBlank @Size(max = 100) String provider) {}

    record OfferingView(
            UUID id, String code, Name name, OfferingCategory category, String provider, String status, long revision) {

        static OfferingView of(Offering offering) {
            return new OfferingView(
                    offering.id(),
                    offering.code(),
                    new Name(offering.name().fr(), offering.name().en()),
                    offering.category(),
                    offering.provider(),
                    offering.status().name(),
                    offering.revision());
        }
    }

    @PostMapping
    @PreAuthorize("hasRole('catalog-admin')")
    ResponseEntity<OfferingView> create(@Valid @RequestBody NewOffering request) {
        Offering offering = offerings.createDraft(
                request.code(),
                new LocalizedText(request.name().fr(), request.name().en()),
                request.category(),
                request.provider());
        return ResponseEntity.created(URI.create("/api/v1/offerings/" + offering.id()))
                .body(OfferingView.of(offering));
    }

    @GetMapping("/{id}")
    OfferingView get(@PathVariable UUID id) {
        return OfferingView.of(offerings.get(id));
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize("hasRole('catalog-admin')")
    OfferingView publish(@PathVariable UUID id) {
        return OfferingView.of(offerings.publish(id));
    }
}
