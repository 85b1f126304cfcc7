package fr.picloud.catalog;

/** Canonical request bodies for offerings. */
final class OfferingMother {

    private OfferingMother() {}

    static String newOfferingJson(String code) {
        return """
                {"code": "%s",
                 "name": {"fr": "Machine virtuelle", "en": "Virtual machine"},
                 "category": "COMPUTE",
                 "provider": "pi-cloud"}
                """.formatted(code);
    }
}
