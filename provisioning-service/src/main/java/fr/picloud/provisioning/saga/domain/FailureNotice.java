package fr.picloud.provisioning.saga.domain;

import java.util.Locale;
import java.util.UUID;

/**
 * What an agent is told of a failed provisioning: a code, a sentence in French and in English they
 * can act on, and a reference. The failure's full text (OpenStack's answer, URLs, the service
 * account, exception classes) stays with the saga, which only ops read; the reference is the saga
 * id's first eight hex digits, so ops find the full text from what the agent quotes.
 */
public record FailureNotice(Code code, String reference) {

    public enum Code {
        OPENSTACK_QUOTA_EXCEEDED(
                "Le quota du projet OpenStack est atteint : demandez son augmentation ou réduisez la commande.",
                "The OpenStack project's quota is reached: ask for it to be raised or order less."),
        IMAGE_UNAVAILABLE(
                "L'image système demandée n'est pas disponible : choisissez-en une autre du catalogue.",
                "The requested system image is not available: choose another one from the catalogue."),
        FLAVOR_UNAVAILABLE(
                "Le gabarit de serveur demandé n'est pas disponible : choisissez-en un autre du catalogue.",
                "The requested server size is not available: choose another one from the catalogue."),
        RESOURCES_LEFT_BEHIND(
                "Des ressources n'ont pas pu être supprimées ; l'exploitation est prévenue et les supprimera.",
                "Some resources could not be deleted; operations have been alerted and will remove them."),
        PLATFORM_FAULT(
                "Incident de la plateforme : l'exploitation en est informée ; citez la référence si vous les contactez.",
                "Platform fault: operations know of it; quote the reference if you contact them.");

        private final String french;
        private final String english;

        Code(String french, String english) {
            this.french = french;
            this.english = english;
        }

        public String french() {
            return french;
        }

        public String english() {
            return english;
        }
    }

    /** The notice for a saga's failure, read from its full text (which is never shown). */
    public static FailureNotice of(UUID sagaId, String fullText) {
        String text = fullText == null ? "" : fullText.toLowerCase(Locale.ROOT);
        Code code;
        if (text.contains("quota")) {
            code = Code.OPENSTACK_QUOTA_EXCEEDED;
        } else if (text.contains("image")) {
            code = Code.IMAGE_UNAVAILABLE;
        } else if (text.contains("flavor")) {
            code = Code.FLAVOR_UNAVAILABLE;
        } else {
            code = Code.PLATFORM_FAULT;
        }
        return new FailureNotice(code, referenceOf(sagaId));
    }

    /** Compensation left resources behind: ops have the details. */
    public static FailureNotice resourcesLeftBehind(UUID sagaId) {
        return new FailureNotice(Code.RESOURCES_LEFT_BEHIND, referenceOf(sagaId));
    }

    public static String referenceOf(UUID sagaId) {
        return "PF-" + sagaId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** The reason the order's timeline shows: code, French, English, reference. */
    public String forAgents() {
        return code + " — " + code.french() + " / " + code.english() + " (réf./ref. " + reference + ")";
    }
}
