package fr.picloud.catalog.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * What agents type into the portal's catalogue: words in French (with and without accents) and in
 * English, browsing by category, provider or tag, combined filters, next pages. Deterministic for a
 * seed, so two runs send the same requests in the same order.
 */
public final class SearchMix {

    /** One search as the portal sends it; every one also returns the category and provider facets. */
    public record Search(
            String kind, String text, String category, String provider, String tag, int page, String sort) {

        public static final int SIZE = 20;

        public String path() {
            StringJoiner query = new StringJoiner("&", "/api/v1/offerings?", "");
            add(query, "q", text);
            add(query, "category", category);
            add(query, "provider", provider);
            add(query, "tag", tag);
            if (page > 0) {
                query.add("page=" + page);
            }
            add(query, "sort", sort);
            query.add("size=" + SIZE);
            return query.toString();
        }

        private static void add(StringJoiner query, String name, String value) {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    private static final List<String> FRENCH = List.of(
            "base de données",
            "répartiteur de charge",
            "machine virtuelle",
            "stockage objet",
            "sécurité",
            "données sensibles",
            "sauvegarde quotidienne",
            "fédération d'identité",
            "mémoire étendue",
            "développement",
            "partage de fichiers",
            "plateforme de formation",
            "réseau privé",
            "hébergement santé");

    private static final List<String> FRENCH_WITHOUT_ACCENTS = List.of(
            "base de donnees",
            "repartiteur de charge",
            "securite",
            "donnees sensibles",
            "federation identite",
            "memoire",
            "developpement",
            "reseau prive",
            "hebergement");

    private static final List<String> ENGLISH = List.of(
            "load balancer",
            "virtual machine",
            "object storage",
            "managed database",
            "kubernetes cluster",
            "daily backup",
            "identity federation",
            "gpu machine learning",
            "postgresql",
            "redis cache",
            "vpn gateway",
            "web analytics");

    private static final List<String> TAGS = List.of(
            "secnumcloud",
            "hds",
            "production",
            "recette",
            "postgresql",
            "kubernetes",
            "données-sensibles",
            "haute-disponibilité",
            "stockage",
            "réseau",
            "lille",
            "web");

    private static final List<String> SORTS = List.of("name", "-code", "provider");

    private SearchMix() {}

    public static List<Search> generate(long seed, int count) {
        Random random = new Random(seed);
        List<Search> searches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            searches.add(next(random));
        }
        return searches;
    }

    private static Search next(Random random) {
        int pick = random.nextInt(100);
        if (pick < 20) {
            return new Search("text fr", any(random, FRENCH), null, null, null, firstPages(random), null);
        }
        if (pick < 30) {
            return new Search(
                    "text fr sans accents",
                    any(random, FRENCH_WITHOUT_ACCENTS),
                    null,
                    null,
                    null,
                    firstPages(random),
                    null);
        }
        if (pick < 45) {
            return new Search("text en", any(random, ENGLISH), null, null, null, firstPages(random), null);
        }
        if (pick < 55) {
            String category = any(random, FeedGenerator.CATEGORIES);
            String text = random.nextBoolean() ? any(random, FRENCH) : any(random, ENGLISH);
            return new Search("text + category", text, category, null, null, 0, null);
        }
        if (pick < 60) {
            String provider = any(random, FeedGenerator.PROVIDERS).id();
            return new Search("text + provider", any(random, FRENCH), null, provider, null, 0, null);
        }
        if (pick < 75) {
            String category = any(random, FeedGenerator.CATEGORIES);
            int page = random.nextInt(10) == 0 ? 10 + random.nextInt(40) : random.nextInt(3);
            String sort = random.nextInt(4) == 0 ? any(random, SORTS) : null;
            return new Search("browse category", null, category, null, null, page, sort);
        }
        if (pick < 83) {
            String provider = any(random, FeedGenerator.PROVIDERS).id();
            return new Search("browse provider", null, null, provider, null, random.nextInt(5), null);
        }
        if (pick < 93) {
            return new Search("tag", null, null, null, any(random, TAGS), random.nextInt(3), null);
        }
        String category = any(random, FeedGenerator.CATEGORIES);
        String provider = any(random, FeedGenerator.PROVIDERS).id();
        return new Search("category + provider + tag", null, category, provider, any(random, TAGS), 0, null);
    }

    private static int firstPages(Random random) {
        return random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0;
    }

    private static <T> T any(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
