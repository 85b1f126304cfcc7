package fr.picloud.contracts;

import java.util.Objects;

/** A text the portal shows in French and English. */
public record LocalizedText(String fr, String en) {

    public LocalizedText {
        Objects.requireNonNull(fr, "fr");
        Objects.requireNonNull(en, "en");
    }
}
