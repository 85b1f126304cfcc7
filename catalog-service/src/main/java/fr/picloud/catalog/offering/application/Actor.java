package fr.picloud.catalog.offering.application;

/**
 * Who changes the catalogue.
 *
 * @param providerScope the only provider whose offerings this administrator may manage, or
 *     {@code null} for a platform-wide administrator
 */
public record Actor(String subject, String providerScope) {

    public boolean mayManage(String providerId) {
        return providerScope == null || providerScope.equals(providerId);
    }
}
