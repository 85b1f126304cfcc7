package fr.picloud.migration.assessment.application;

import fr.picloud.migration.assessment.domain.ScoringModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every version of the scoring model; the highest is in force. */
public interface ScoringModels {

    /** The model in force; the first time, the default model shipped with the service becomes version 1. */
    VersionedModel current();

    Optional<VersionedModel> version(int version);

    List<VersionedModel> all();

    /** Stores the model as the next version. */
    VersionedModel add(ScoringModel model, String author, Instant at);

    record VersionedModel(int version, ScoringModel model, Instant createdAt, String createdBy) {}
}
