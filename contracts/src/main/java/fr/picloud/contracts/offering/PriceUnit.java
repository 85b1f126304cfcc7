package fr.picloud.contracts.offering;

/** What a price is per. Hourly units are prorated to the second; a month counts 730 hours. */
public enum PriceUnit {
    VCPU_HOUR,
    RAM_GB_HOUR,
    VOLUME_GB_MONTH,
    FLOATING_IP_HOUR,
    /** once per order, when it is provisioned */
    SETUP_FEE
}
