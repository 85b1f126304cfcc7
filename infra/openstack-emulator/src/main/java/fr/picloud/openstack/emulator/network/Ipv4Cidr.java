package fr.picloud.openstack.emulator.network;

import java.util.Optional;

/** An IPv4 subnet such as 10.0.0.0/24; addresses are handled as unsigned 32-bit numbers. */
record Ipv4Cidr(long network, int prefix) {

    static Optional<Ipv4Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("/");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            int prefix = Integer.parseInt(parts[1]);
            Optional<Long> address = address(parts[0]);
            if (prefix < 8 || prefix > 30 || address.isEmpty()) {
                return Optional.empty();
            }
            long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return Optional.of(new Ipv4Cidr(address.get() & mask, prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> address(String text) {
        String[] octets = text.split("\\.");
        if (octets.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String octet : octets) {
            int part;
            try {
                part = Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (part < 0 || part > 255) {
                return Optional.empty();
            }
            value = (value << 8) | part;
        }
        return Optional.of(value);
    }

    static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255);
    }

    long broadcast() {
        return network + (1L << (32 - prefix)) - 1;
    }

    boolean contains(long address) {
        return address >= network && address <= broadcast();
    }

    boolean overlaps(Ipv4Cidr other) {
        return network <= other.broadcast() && other.network <= broadcast();
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
