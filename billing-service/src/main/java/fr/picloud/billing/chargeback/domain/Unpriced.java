package fr.picloud.billing.chargeback.domain;

import java.time.Instant;

/**
 * Usage the price book cannot price (unknown offering, no price in force, no rate for the unit,
 * another currency). It is held aside and reported, never charged at zero; once priced, it is
 * charged (or adjusted, if its period closed meanwhile).
 */
public record Unpriced(
        Chargeable.OrderRef order, String resourceId, String period, Instant from, Instant to, String reason) {}
