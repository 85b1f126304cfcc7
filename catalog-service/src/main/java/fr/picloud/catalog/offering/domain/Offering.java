package fr.picloud.catalog.offering.domain;

import fr.picloud.contracts.LocalizedText;
import fr.picloud.contracts.catalog.OfferingPublished;
import fr.picloud.platform.domain.IllegalTransitionException;
import java.util.Objects;
import java.util.UUID;

/**
 * Something agents can order from the catalogue. Each change raises the revision, which every
 * event carries so replicas keep the newest state whatever order events reach them in.
 */
public final class Offering {

    private final UUID id;
    private final String code;
    private final LocalizedText name;
    private final OfferingCategory category;
    private final String provider;
    private OfferingStatus status;
    private long revision;

    private Offering(
            UUID id,
            String code,
            LocalizedText name,
            OfferingCategory category,
            String provider,
            OfferingStatus status,
            long revision) {
        this.id = Objects.requireNonNull(id);
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.category = Objects.requireNonNull(category);
        this.provider = Objects.requireNonNull(provider);
        this.status = Objects.requireNonNull(status);
        this.revision = revision;
    }

    /** A new offering, not yet visible to agents. */
    public static Offering draft(String code, LocalizedText name, OfferingCategory category, String provider) {
        return new Offering(UUID.randomUUID(), code, name, category, provider, OfferingStatus.DRAFT, 0);
    }

    /** An offering as it was stored. */
    public static Offering restore(
            UUID id,
            String code,
            LocalizedText name,
            OfferingCategory category,
            String provider,
            OfferingStatus status,
            long revision) {
        return new Offering(id, code, name, category, provider, status, revision);
    }

    /** Makes a draft orderable and says so to every service that replicates the catalogue. */
    public OfferingPublished publish() {
        if (status != OfferingStatus.DRAFT) {
            throw new IllegalTransitionException(
                    "offering " + code + " is " + status + ", only a DRAFT can be published");
        }
        status = OfferingStatus.PUBLISHED;
        revision++;
        return new OfferingPublished(id, revision, code, name, category.name(), provider, status.name());
    }

    public UUID id() {
        return id;
    }

    public String code() {
        return code;
    }

    public LocalizedText name() {
        return name;
    }

    public OfferingCategory category() {
        return category;
    }

    public String provider() {
        return provider;
    }

    public OfferingStatus status() {
        return status;
    }

    public long revision() {
        return revision;
    }
}
