package fr.picloud.catalog.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A large, realistic provider feed for load tests: offerings of the ministry's own cloud, of partner
 * providers and of other ministries, in every category, with French and English text, tags and
 * prices that vary by provider, size and environment. The same seed and row count always give the
 * same feed, byte for byte.
 *
 * <p>Plain JDK, so it runs without a build:
 *
 * <pre>
 * java catalog-service/src/test/java/fr/picloud/catalog/bench/FeedGenerator.java \
 *     --rows 22000 --seed 42 --format jsonl --out target/feed-22000.jsonl
 * </pre>
 *
 * {@code --format csv} writes the CSV columns of the import endpoint instead.
 */
public final class FeedGenerator {

    /** A provider of the feed; {@code priceFactor} scales its prices, {@code weight} its share of rows. */
    public record Provider(
            String id, String name, boolean secNumCloud, String dataLocation, double priceFactor, int weight) {}

    public static final List<Provider> PROVIDERS = List.of(
            new Provider("pi-cloud", "PI Cloud (DSIC)", true, "FR", 1.00, 40),
            new Provider("nuage-souverain", "Nuage Souverain SAS", true, "FR", 1.18, 15),
            new Provider("cumulus-numerique", "Cumulus Numérique", true, "FR", 1.09, 12),
            new Provider("hexa-hebergement", "Hexa Hébergement", false, "EU", 0.86, 10),
            new Provider("mte-cloud", "Cloud du ministère de la Transition écologique", false, "FR", 0.95, 12),
            new Provider("mesr-cloud", "Cloud de l'Enseignement supérieur et de la Recherche", false, "FR", 0.92, 11));

    public static final List<String> CATEGORIES =
            List.of("COMPUTE", "STORAGE", "NETWORK", "DATABASE", "CONTAINER", "APPLICATION_STACK");

    private static final List<String> IMAGES = List.of("debian-12", "rocky-9", "ubuntu-24.04", "windows-2022");

    private static final String[][] ENVIRONMENTS = {
        // code, French, English, tag, price factor in percent
        {"prod", "production", "production", "production", "100"},
        {"rec", "recette", "staging", "recette", "85"},
        {"dev", "développement", "development", "développement", "70"},
    };

    private static final String[][] ZONES = {
        // code, French, English
        {"par", "zone Paris-Nord", "Paris North zone"},
        {"lil", "zone Lille", "Lille zone"},
        {"ren", "zone Rennes", "Rennes zone"},
        {"stg", "zone Strasbourg", "Strasbourg zone"},
        {"tls", "zone Toulouse", "Toulouse zone"},
    };

    private static final String[][] SIZES = {
        // code, French, English, vcpus, ram GB
        {"xs", "très petite", "extra small", "1", "1"},
        {"s", "petite", "small", "1", "2"},
        {"m", "moyenne", "medium", "2", "4"},
        {"l", "grande", "large", "4", "8"},
        {"xl", "très grande", "extra large", "8", "32"},
        {"xxl", "géante", "huge", "16", "64"},
    };

    private static final String[][] EXTRA_SENTENCES = {
        {"Sauvegarde quotidienne conservée trente jours.", "Daily backup kept for thirty days."},
        {
            "Exploitation assurée vingt-quatre heures sur vingt-quatre par l'équipe d'astreinte.",
            "Operated around the clock by the on-call team."
        },
        {
            "Hébergement qualifié SecNumCloud, données stockées en France.",
            "SecNumCloud-qualified hosting, data stored in France."
        },
        {"Adapté aux données de santé (hébergeur certifié HDS).", "Suitable for health data (HDS-certified host)."},
        {
            "Chiffrement au repos avec des clés gérées par le ministère.",
            "Encryption at rest with keys managed by the ministry."
        },
        {
            "Supervision et alertes intégrées à l'outil de métrologie de l'État.",
            "Monitoring and alerts integrated with the State's metrology tool."
        },
        {
            "Réversibilité garantie : export complet des données à la résiliation.",
            "Reversibility guaranteed: full data export on termination."
        },
        {
            "Mises à jour de sécurité appliquées pendant la fenêtre de maintenance du mardi.",
            "Security updates applied during the Tuesday maintenance window."
        },
    };

    private static final List<String> SLA_TIERS = List.of("BRONZE", "SILVER", "GOLD", "PLATINUM");

    /** What kind of offering a row is: its names, tags, and how its schema and template are built. */
    private record Family(
            String code,
            String category,
            String nameFr,
            String nameEn,
            String descriptionFr,
            String descriptionEn,
            List<String> tags,
            Shape shape,
            String image,
            int port,
            double[] rates) {}

    /** The resource template shapes; every one uses only the template kinds provisioning knows. */
    private enum Shape {
        SINGLE_SERVER,
        SERVER_CLUSTER,
        VOLUME,
        NETWORK,
        BALANCER,
        DATABASE,
        APPLICATION
    }

    // rates: vCPU-hour, RAM GB-hour, volume GB-month, floating IP-hour, setup fee
    private static final List<Family> FAMILIES = List.of(
            family(
                    "vm",
                    "COMPUTE",
                    "Machine virtuelle",
                    "Virtual machine",
                    "Serveur virtuel à usage général, disque système chiffré et accès SSH depuis le réseau de l'administration.",
                    "General-purpose virtual server, encrypted system disk and SSH access from the administration's network.",
                    List.of("vm", "linux", "calcul"),
                    Shape.SINGLE_SERVER,
                    "",
                    22,
                    0.0125,
                    0.0042,
                    0.045,
                    0.004,
                    0),
            family(
                    "vm-cpu",
                    "COMPUTE",
                    "Machine virtuelle optimisée calcul",
                    "Compute-optimised virtual machine",
                    "Processeurs dédiés pour les traitements statistiques, la simulation et les chaînes de compilation.",
                    "Dedicated processors for statistical processing, simulation and build pipelines.",
                    List.of("vm", "calcul", "cpu-dédié"),
                    Shape.SINGLE_SERVER,
                    "",
                    22,
                    0.0165,
                    0.0040,
                    0.045,
                    0.004,
                    0),
            family(
                    "vm-mem",
                    "COMPUTE",
                    "Machine virtuelle à mémoire étendue",
                    "Memory-optimised virtual machine",
                    "Beaucoup de mémoire vive par cœur pour les caches, l'analyse de données en mémoire et les progiciels de gestion.",
                    "Plenty of memory per core for caches, in-memory analytics and business software packages.",
                    List.of("vm", "mémoire", "analytique"),
                    Shape.SINGLE_SERVER,
                    "",
                    22,
                    0.0120,
                    0.0055,
                    0.045,
                    0.004,
                    0),
            family(
                    "gpu",
                    "COMPUTE",
                    "Serveur de calcul GPU",
                    "GPU compute server",
                    "Carte graphique dédiée pour l'apprentissage automatique, la reconnaissance de documents et la transcription.",
                    "Dedicated graphics card for machine learning, document recognition and transcription.",
                    List.of("gpu", "intelligence-artificielle", "calcul"),
                    Shape.SINGLE_SERVER,
                    "ubuntu-24.04-cuda",
                    22,
                    0.0900,
                    0.0060,
                    0.050,
                    0.004,
                    100),
            family(
                    "vm-cluster",
                    "COMPUTE",
                    "Grappe de machines virtuelles",
                    "Virtual machine cluster",
                    "Plusieurs serveurs identiques sur un réseau privé, répartis sur des hôtes distincts pour la haute disponibilité.",
                    "Several identical servers on a private network, spread over distinct hosts for high availability.",
                    List.of("vm", "grappe", "haute-disponibilité"),
                    Shape.SERVER_CLUSTER,
                    "",
                    22,
                    0.0125,
                    0.0042,
                    0.045,
                    0.004,
                    25),
            family(
                    "block",
                    "STORAGE",
                    "Volume bloc",
                    "Block volume",
                    "Disque réseau répliqué sur trois nœuds, à rattacher à une machine virtuelle ; instantanés à la demande.",
                    "Network disk replicated on three nodes, to attach to a virtual machine; on-demand snapshots.",
                    List.of("stockage", "volume", "bloc"),
                    Shape.VOLUME,
                    "",
                    0,
                    0,
                    0,
                    0.040,
                    0,
                    0),
            family(
                    "archive",
                    "STORAGE",
                    "Stockage d'archives à froid",
                    "Cold archive storage",
                    "Conservation longue durée à faible coût pour les archives intermédiaires et les journaux réglementaires.",
                    "Low-cost long-term retention for intermediate archives and regulatory logs.",
                    List.of("stockage", "archives", "conservation"),
                    Shape.VOLUME,
                    "",
                    0,
                    0,
                    0,
                    0.012,
                    0,
                    0),
            family(
                    "s3",
                    "STORAGE",
                    "Stockage objet compatible S3",
                    "S3-compatible object storage",
                    "Passerelle S3 sur volumes répliqués pour pièces jointes, exports et sauvegardes applicatives ; versionnement des objets.",
                    "S3 gateway on replicated volumes for attachments, exports and application backups; object versioning.",
                    List.of("stockage", "objet", "s3"),
                    Shape.DATABASE,
                    "minio-2025",
                    443,
                    0.011,
                    0.0038,
                    0.021,
                    0,
                    0),
            family(
                    "nfs",
                    "STORAGE",
                    "Partage de fichiers NFS",
                    "NFS file share",
                    "Espace de fichiers partagé entre plusieurs serveurs, quotas par répertoire et instantanés horaires.",
                    "File space shared between several servers, per-directory quotas and hourly snapshots.",
                    List.of("stockage", "fichiers", "nfs", "partage"),
                    Shape.DATABASE,
                    "nfs-server",
                    2049,
                    0.011,
                    0.004,
                    0.035,
                    0,
                    10),
            family(
                    "net",
                    "NETWORK",
                    "Réseau privé isolé",
                    "Isolated private network",
                    "Réseau et sous-réseau dédiés avec routeur vers le réseau interministériel.",
                    "Dedicated network and subnet with a router to the inter-ministerial network.",
                    List.of("réseau", "vpc", "isolation"),
                    Shape.NETWORK,
                    "",
                    0,
                    0,
                    0,
                    0,
                    0.004,
                    5),
            family(
                    "lb",
                    "NETWORK",
                    "Répartiteur de charge HTTP(S)",
                    "HTTP(S) load balancer",
                    "Paire HAProxy active-passive avec adresse IP publique, terminaison TLS et contrôles de santé.",
                    "Active-passive HAProxy pair with a public IP address, TLS termination and health checks.",
                    List.of("réseau", "répartition-de-charge", "tls"),
                    Shape.BALANCER,
                    "haproxy-3.0",
                    443,
                    0.0125,
                    0.0042,
                    0.045,
                    0.004,
                    15),
            family(
                    "vpn",
                    "NETWORK",
                    "Passerelle VPN IPsec",
                    "IPsec VPN gateway",
                    "Tunnel chiffré vers un site distant : préfecture, rectorat ou opérateur partenaire.",
                    "Encrypted tunnel to a remote site: prefecture, education authority or partner operator.",
                    List.of("réseau", "vpn", "ipsec", "chiffrement"),
                    Shape.BALANCER,
                    "strongswan-6",
                    500,
                    0.0130,
                    0.0042,
                    0.045,
                    0.004,
                    30),
            family(
                    "bastion",
                    "NETWORK",
                    "Bastion d'administration",
                    "Administration bastion",
                    "Point d'entrée unique et tracé pour l'administration des serveurs, avec authentification forte.",
                    "Single, audited entry point for server administration, with strong authentication.",
                    List.of("réseau", "sécurité", "bastion", "ssh"),
                    Shape.SINGLE_SERVER,
                    "bastion-2025",
                    22,
                    0.0140,
                    0.0045,
                    0.045,
                    0.004,
                    20),
            family(
                    "pg",
                    "DATABASE",
                    "Base de données PostgreSQL managée",
                    "Managed PostgreSQL database",
                    "PostgreSQL exploité pour vous : réplique synchrone, sauvegardes continues, restauration à la seconde près.",
                    "PostgreSQL operated for you: synchronous replica, continuous backups, point-in-time recovery.",
                    List.of("postgresql", "sgbd", "base-de-données"),
                    Shape.DATABASE,
                    "postgresql-17",
                    5432,
                    0.018,
                    0.006,
                    0.090,
                    0,
                    50),
            family(
                    "mariadb",
                    "DATABASE",
                    "Base de données MariaDB managée",
                    "Managed MariaDB database",
                    "MariaDB en grappe Galera, sauvegardes nocturnes et mises à jour mineures automatiques.",
                    "MariaDB in a Galera cluster, nightly backups and automatic minor upgrades.",
                    List.of("mariadb", "mysql", "sgbd", "base-de-données"),
                    Shape.DATABASE,
                    "mariadb-11",
                    3306,
                    0.017,
                    0.0058,
                    0.085,
                    0,
                    40),
            family(
                    "redis",
                    "DATABASE",
                    "Cache Redis managé",
                    "Managed Redis cache",
                    "Cache clé-valeur en mémoire pour les sessions et les files d'attente légères.",
                    "In-memory key-value cache for sessions and light queues.",
                    List.of("redis", "cache", "mémoire"),
                    Shape.DATABASE,
                    "redis-7.4",
                    6379,
                    0.011,
                    0.0036,
                    0.040,
                    0,
                    10),
            family(
                    "opensearch",
                    "DATABASE",
                    "Moteur de recherche OpenSearch",
                    "OpenSearch search engine",
                    "Indexation plein texte et tableaux de bord pour les journaux applicatifs et la recherche documentaire.",
                    "Full-text indexing and dashboards for application logs and document search.",
                    List.of("recherche", "opensearch", "journaux", "indexation"),
                    Shape.DATABASE,
                    "opensearch-2",
                    9200,
                    0.019,
                    0.0062,
                    0.095,
                    0,
                    60),
            family(
                    "k8s-ns",
                    "CONTAINER",
                    "Espace de noms Kubernetes",
                    "Kubernetes namespace",
                    "Espace de noms sur le cluster mutualisé avec nœuds de travail dédiés et quota de stockage persistant.",
                    "Namespace on the shared cluster with dedicated worker nodes and a persistent storage quota.",
                    List.of("kubernetes", "conteneurs", "k8s"),
                    Shape.SERVER_CLUSTER,
                    "k8s-node-1.31",
                    6443,
                    0.014,
                    0.0045,
                    0.050,
                    0,
                    30),
            family(
                    "k8s",
                    "CONTAINER",
                    "Cluster Kubernetes dédié",
                    "Dedicated Kubernetes cluster",
                    "Plan de contrôle hautement disponible et nœuds de travail à la demande, mis à jour par l'équipe plateforme.",
                    "Highly available control plane and on-demand worker nodes, upgraded by the platform team.",
                    List.of("kubernetes", "conteneurs", "cluster"),
                    Shape.SERVER_CLUSTER,
                    "k8s-node-1.31",
                    6443,
                    0.015,
                    0.0048,
                    0.050,
                    0.004,
                    150),
            family(
                    "registry",
                    "CONTAINER",
                    "Registre d'images de conteneurs",
                    "Container image registry",
                    "Registre Harbor avec analyse de vulnérabilités et signature des images.",
                    "Harbor registry with vulnerability scanning and image signing.",
                    List.of("conteneurs", "registre", "harbor", "sécurité"),
                    Shape.DATABASE,
                    "harbor-2.12",
                    443,
                    0.012,
                    0.004,
                    0.030,
                    0,
                    20),
            family(
                    "web",
                    "APPLICATION_STACK",
                    "Pile applicative web",
                    "Web application stack",
                    "Frontaux Nginx et PHP derrière une adresse publique, base MariaDB sur volume dédié.",
                    "Nginx and PHP front ends behind a public address, MariaDB database on a dedicated volume.",
                    List.of("web", "php", "site-institutionnel"),
                    Shape.APPLICATION,
                    "nginx-php-8.3",
                    443,
                    0.013,
                    0.0044,
                    0.050,
                    0.004,
                    40),
            family(
                    "gitlab",
                    "APPLICATION_STACK",
                    "Forge logicielle GitLab",
                    "GitLab software forge",
                    "Dépôts de code, revues de fusion et intégration continue pour les équipes de développement.",
                    "Code repositories, merge reviews and continuous integration for development teams.",
                    List.of("forge", "gitlab", "développement", "ci"),
                    Shape.APPLICATION,
                    "gitlab-17",
                    443,
                    0.012,
                    0.0042,
                    0.045,
                    0.004,
                    80),
            family(
                    "nextcloud",
                    "APPLICATION_STACK",
                    "Partage de documents Nextcloud",
                    "Nextcloud document sharing",
                    "Espace collaboratif de fichiers, agendas et édition en ligne pour les agents.",
                    "Collaborative space for files, calendars and online editing for civil servants.",
                    List.of("collaboratif", "fichiers", "nextcloud", "bureautique"),
                    Shape.APPLICATION,
                    "nextcloud-30",
                    443,
                    0.012,
                    0.0042,
                    0.040,
                    0.004,
                    60),
            family(
                    "keycloak",
                    "APPLICATION_STACK",
                    "Fédération d'identité Keycloak",
                    "Keycloak identity federation",
                    "Authentification unique des agents et des usagers, raccordée à ProConnect et à l'annuaire ministériel.",
                    "Single sign-on for civil servants and citizens, connected to ProConnect and the ministry's directory.",
                    List.of("identité", "sso", "keycloak", "sécurité"),
                    Shape.APPLICATION,
                    "keycloak-26",
                    443,
                    0.013,
                    0.0045,
                    0.045,
                    0.004,
                    50),
            family(
                    "matomo",
                    "APPLICATION_STACK",
                    "Mesure d'audience Matomo",
                    "Matomo web analytics",
                    "Statistiques de fréquentation respectueuses de la vie privée, exemptées de consentement.",
                    "Privacy-friendly visitor statistics, exempt from consent.",
                    List.of("statistiques", "audience", "matomo", "web"),
                    Shape.APPLICATION,
                    "matomo-5",
                    443,
                    0.011,
                    0.004,
                    0.040,
                    0.004,
                    20),
            family(
                    "moodle",
                    "APPLICATION_STACK",
                    "Plateforme de formation Moodle",
                    "Moodle learning platform",
                    "Parcours de formation en ligne, classes virtuelles et suivi des apprenants.",
                    "Online training paths, virtual classrooms and learner tracking.",
                    List.of("formation", "e-learning", "moodle", "éducation"),
                    Shape.APPLICATION,
                    "moodle-4.5",
                    443,
                    0.012,
                    0.0042,
                    0.045,
                    0.004,
                    45));

    private final Random random;

    public FeedGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        int rows = 22_000;
        long seed = 42;
        String format = "jsonl";
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--format" -> format = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + "; use --rows N --seed S --format jsonl|csv --out FILE");
            }
        }
        if (out == null) {
            out = Path.of("target", "feed-" + rows + "-" + seed + "." + format);
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        FeedGenerator generator = new FeedGenerator(seed);
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            switch (format) {
                case "jsonl" -> generator.writeJsonLines(rows, writer);
                case "csv" -> generator.writeCsv(rows, writer);
                default -> throw new IllegalArgumentException("format is jsonl or csv, not " + format);
            }
        }
        System.out.printf("%d offerings (seed %d) written to %s (%,d bytes)%n", rows, seed, out, Files.size(out));
    }

    /** Writes {@code rows} offering bodies, one JSON document per line. */
    public void writeJsonLines(int rows, Writer out) {
        try {
            Writer writer = new BufferedWriter(out);
            for (int index = 1; index <= rows; index++) {
                writer.write(toJson(offering(index)));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the same offerings as CSV, with the import endpoint's columns. */
    @SuppressWarnings("unchecked")
    public void writeCsv(int rows, Writer out) {
        try {
            Writer writer = new BufferedWriter(out);
            writer.write("code,name_fr,name_en,description_fr,description_en,category,provider_id,provider_name,"
                    + "provider_secnumcloud,provider_data_location,tags,sla_tier,version,status,parameter_schema,"
                    + "resource_template,vcpu_hour,ram_gb_hour,volume_gb_month,floating_ip_hour,setup_fee\n");
            for (int index = 1; index <= rows; index++) {
                Map<String, Object> body = offering(index);
                Map<String, Object> name = (Map<String, Object>) body.get("name");
                Map<String, Object> description = (Map<String, Object>) body.get("description");
                Map<String, Object> provider = (Map<String, Object>) body.get("provider");
                Map<String, Object> rates = (Map<String, Object>) body.get("rates");
                List<Object> cells = List.of(
                        body.get("code"),
                        name.get("fr"),
                        name.get("en"),
                        description.get("fr"),
                        description.get("en"),
                        body.get("category"),
                        provider.get("id"),
                        provider.get("name"),
                        provider.get("secNumCloud"),
                        provider.get("dataLocation"),
                        String.join("|", (List<String>) body.get("tags")),
                        body.get("slaTier"),
                        body.get("version"),
                        body.get("status"),
                        toJson(body.get("parameterSchema")),
                        toJson(body.get("resourceTemplate")),
                        rate(rates, "VCPU_HOUR"),
                        rate(rates, "RAM_GB_HOUR"),
                        rate(rates, "VOLUME_GB_MONTH"),
                        rate(rates, "FLOATING_IP_HOUR"),
                        rate(rates, "SETUP_FEE"));
                List<String> quoted = new ArrayList<>();
                for (Object cell : cells) {
                    quoted.add(csvCell(String.valueOf(cell)));
                }
                writer.write(String.join(",", quoted));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next offering body, as for {@code POST /api/v1/offerings}, plus its status. */
    public Map<String, Object> offering(int index) {
        Provider provider = pickProvider();
        Family family = FAMILIES.get(random.nextInt(FAMILIES.size()));
        String[] environment = ENVIRONMENTS[weighted(new int[] {60, 25, 15})];
        String[] zone = ZONES[random.nextInt(ZONES.length)];
        int sizeIndex = family.shape == Shape.VOLUME || family.shape == Shape.NETWORK
                ? 2
                : 1 + random.nextInt(SIZES.length - 1);
        String[] size = SIZES[sizeIndex];
        String version = (1 + random.nextInt(4)) + "." + random.nextInt(10);

        String nameFr = family.nameFr + variantFr(family, size) + " – " + environment[1] + ", " + zone[1];
        String nameEn = family.nameEn + variantEn(family, size) + " – " + environment[2] + ", " + zone[2];
        StringBuilder descriptionFr = new StringBuilder(family.descriptionFr);
        StringBuilder descriptionEn = new StringBuilder(family.descriptionEn);
        int extras = 1 + random.nextInt(3);
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < extras) {
            chosen.add(random.nextInt(EXTRA_SENTENCES.length));
        }
        for (int sentence : chosen) {
            descriptionFr.append(' ').append(EXTRA_SENTENCES[sentence][0]);
            descriptionEn.append(' ').append(EXTRA_SENTENCES[sentence][1]);
        }
        descriptionFr
                .append(" Offre ")
                .append(provider.name)
                .append(", version ")
                .append(version)
                .append('.');
        descriptionEn
                .append(" Offered by ")
                .append(provider.name)
                .append(", version ")
                .append(version)
                .append('.');

        List<String> tags = new ArrayList<>(family.tags);
        tags.add(environment[3]);
        tags.add(zone[1].replace("zone ", "").toLowerCase(java.util.Locale.ROOT));
        if (provider.secNumCloud) {
            tags.add("secnumcloud");
        }
        if (random.nextInt(5) == 0) {
            tags.add("hds");
        }
        if (random.nextInt(4) == 0) {
            tags.add("données-sensibles");
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "code",
                provider.id + "." + family.code + "-" + size[0] + "-" + environment[0] + "-" + zone[0] + "-"
                        + String.format(java.util.Locale.ROOT, "%05d", index));
        body.put("name", text(nameFr, nameEn));
        body.put("description", text(descriptionFr.toString(), descriptionEn.toString()));
        body.put("category", family.category);
        Map<String, Object> providerBody = new LinkedHashMap<>();
        providerBody.put("id", provider.id);
        providerBody.put("name", provider.name);
        providerBody.put("secNumCloud", provider.secNumCloud);
        providerBody.put("dataLocation", provider.dataLocation);
        body.put("provider", providerBody);
        body.put("tags", tags);
        body.put("slaTier", SLA_TIERS.get(environment[0].equals("prod") ? 1 + random.nextInt(3) : random.nextInt(2)));
        body.put("version", version);
        Template template = template(family, size);
        body.put("parameterSchema", template.schema);
        body.put("resourceTemplate", template.resourceTemplate);
        double factor =
                provider.priceFactor * Integer.parseInt(environment[4]) / 100.0 * (0.92 + random.nextDouble() * 0.16);
        Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("VCPU_HOUR", money(family.rates[0] * factor, 4));
        rates.put("RAM_GB_HOUR", money(family.rates[1] * factor, 4));
        rates.put("VOLUME_GB_MONTH", money(family.rates[2] * factor, 4));
        rates.put("FLOATING_IP_HOUR", money(family.rates[3] * factor, 4));
        rates.put("SETUP_FEE", money(family.rates[4] * factor, 2));
        body.put("rates", rates);
        // a few offerings are announced before they can be ordered
        body.put("status", random.nextInt(40) == 0 ? "DRAFT" : "PUBLISHED");
        return body;
    }

    private record Template(Map<String, Object> schema, Map<String, Object> resourceTemplate) {}

    private Template template(Family family, String[] size) {
        int vcpus = Integer.parseInt(size[3]);
        int ramGb = Integer.parseInt(size[4]);
        String flavor = family.code + "." + size[0];
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Map<String, Object> flavors = new LinkedHashMap<>();
        List<Map<String, Object>> resources = new ArrayList<>();
        switch (family.shape) {
            case SINGLE_SERVER -> {
                flavors.put(flavor, flavor(vcpus, ramGb));
                String image = family.image.isEmpty() ? null : family.image;
                if (image == null) {
                    properties.put("image", enumeration(IMAGES.subList(0, 2 + random.nextInt(3))));
                    required.add("image");
                }
                properties.put("diskGb", integer(10, 500 * vcpus, 20));
                properties.put("floatingIp", bool(false));
                required.add("diskGb");
                network(resources, true);
                resources.add(securityGroup(family.port));
                resources.add(resource("keypair", "keypair", List.of(), Map.of()));
                resources.add(resource("boot-volume", "volume", List.of(), Map.of("sizeGb", "${diskGb}")));
                resources.add(resource(
                        "server",
                        "server",
                        List.of("subnet", "security-group", "keypair", "boot-volume"),
                        Map.of("flavor", flavor, "image", image == null ? "${image}" : image)));
                Map<String, Object> ip = resource(
                        "floating-ip",
                        "floating-ip",
                        List.of("server", "router-interface"),
                        Map.of("network", "public"));
                ip.put("when", "${floatingIp}");
                resources.add(ip);
            }
            case SERVER_CLUSTER -> {
                String smaller = family.code + "." + SIZES[Math.max(1, indexOf(size) - 1)][0];
                flavors.put(smaller, flavor(Math.max(1, vcpus / 2), Math.max(1, ramGb / 2)));
                flavors.put(flavor, flavor(vcpus, ramGb));
                properties.put("flavor", enumeration(List.copyOf(flavors.keySet())));
                properties.put("nodeCount", integer(1, 20, 3));
                properties.put("diskGb", integer(10, 1000, 50));
                required.addAll(List.of("flavor", "nodeCount"));
                network(resources, true);
                resources.add(securityGroup(family.port));
                Map<String, Object> volume =
                        resource("data-volume", "volume", List.of(), Map.of("sizeGb", "${diskGb}"));
                volume.put("count", "${nodeCount}");
                resources.add(volume);
                Map<String, Object> node = resource(
                        "node",
                        "server",
                        List.of("subnet", "security-group"),
                        Map.of("flavor", "${flavor}", "image", family.image.isEmpty() ? "debian-12" : family.image));
                node.put("count", "${nodeCount}");
                resources.add(node);
                resources.add(
                        resource("volume-attachment", "volume-attachment", List.of("node", "data-volume"), Map.of()));
            }
            case VOLUME -> {
                properties.put("sizeGb", integer(1, 16_000, 100));
                properties.put("volumeType", enumeration(List.of("standard", "performance")));
                required.add("sizeGb");
                resources.add(resource(
                        "volume", "volume", List.of(), Map.of("sizeGb", "${sizeGb}", "volumeType", "${volumeType}")));
            }
            case NETWORK -> {
                properties.put("cidr", enumeration(List.of("10.30.0.0/24", "10.40.0.0/22", "10.50.0.0/20")));
                required.add("cidr");
                resources.add(resource("network", "network", List.of(), Map.of()));
                resources.add(
                        resource("subnet", "subnet", List.of("network"), Map.of("cidr", "${cidr}", "ipVersion", 4)));
                resources.add(resource("router", "router", List.of(), Map.of("externalNetwork", "public")));
                resources.add(resource("router-interface", "router-interface", List.of("router", "subnet"), Map.of()));
            }
            case BALANCER -> {
                flavors.put(flavor, flavor(vcpus, ramGb));
                properties.put("publicIp", bool(true));
                network(resources, true);
                resources.add(securityGroup(family.port));
                Map<String, Object> pair = resource(
                        "appliance",
                        "server",
                        List.of("subnet", "security-group"),
                        Map.of("flavor", flavor, "image", family.image));
                pair.put("count", 2);
                resources.add(pair);
                Map<String, Object> ip = resource(
                        "floating-ip",
                        "floating-ip",
                        List.of("appliance", "router-interface"),
                        Map.of("network", "public"));
                ip.put("when", "${publicIp}");
                resources.add(ip);
            }
            case DATABASE -> {
                flavors.put(flavor, flavor(vcpus, ramGb));
                properties.put("storageGb", integer(10, 4000, 50));
                properties.put("replicaCount", integer(1, 3, 2));
                required.add("storageGb");
                network(resources, false);
                resources.add(securityGroup(family.port));
                Map<String, Object> volume =
                        resource("data-volume", "volume", List.of(), Map.of("sizeGb", "${storageGb}"));
                volume.put("count", "${replicaCount}");
                resources.add(volume);
                Map<String, Object> server = resource(
                        "server",
                        "server",
                        List.of("subnet", "security-group"),
                        Map.of("flavor", flavor, "image", family.image));
                server.put("count", "${replicaCount}");
                resources.add(server);
                resources.add(
                        resource("volume-attachment", "volume-attachment", List.of("server", "data-volume"), Map.of()));
            }
            case APPLICATION -> {
                flavors.put(flavor, flavor(vcpus, ramGb));
                flavors.put("db." + size[0], flavor(Math.max(1, vcpus / 2), ramGb));
                properties.put("frontCount", integer(1, 6, 2));
                properties.put("databaseGb", integer(10, 500, 40));
                properties.put("publicIp", bool(true));
                required.addAll(List.of("frontCount", "databaseGb"));
                network(resources, true);
                resources.add(securityGroup(family.port));
                Map<String, Object> front = resource(
                        "front",
                        "server",
                        List.of("subnet", "security-group"),
                        Map.of("flavor", flavor, "image", family.image));
                front.put("count", "${frontCount}");
                resources.add(front);
                resources.add(resource("database-volume", "volume", List.of(), Map.of("sizeGb", "${databaseGb}")));
                resources.add(resource(
                        "database",
                        "server",
                        List.of("subnet", "security-group"),
                        Map.of("flavor", "db." + size[0], "image", "postgresql-17")));
                resources.add(resource(
                        "volume-attachment", "volume-attachment", List.of("database", "database-volume"), Map.of()));
                Map<String, Object> ip = resource(
                        "floating-ip",
                        "floating-ip",
                        List.of("front", "router-interface"),
                        Map.of("network", "public"));
                ip.put("when", "${publicIp}");
                resources.add(ip);
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        schema.put("required", required);
        schema.put("properties", properties);
        Map<String, Object> resourceTemplate = new LinkedHashMap<>();
        resourceTemplate.put("flavors", flavors);
        resourceTemplate.put("resources", resources);
        return new Template(schema, resourceTemplate);
    }

    private static void network(List<Map<String, Object>> resources, boolean routed) {
        resources.add(resource("network", "network", List.of(), Map.of()));
        resources.add(resource("subnet", "subnet", List.of("network"), Map.of("cidr", "10.20.0.0/24", "ipVersion", 4)));
        if (routed) {
            resources.add(resource("router", "router", List.of(), Map.of("externalNetwork", "public")));
            resources.add(resource("router-interface", "router-interface", List.of("router", "subnet"), Map.of()));
        }
    }

    private static Map<String, Object> securityGroup(int port) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("direction", "ingress");
        rule.put("protocol", "tcp");
        rule.put("portMin", port == 0 ? 22 : port);
        rule.put("portMax", port == 0 ? 22 : port);
        rule.put("remoteIpPrefix", port == 443 ? "0.0.0.0/0" : "10.0.0.0/8");
        return resource("security-group", "security-group", List.of(), Map.of("rules", List.of(rule)));
    }

    private static Map<String, Object> resource(
            String name, String kind, List<String> dependsOn, Map<String, Object> properties) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", name);
        resource.put("kind", kind);
        if (!dependsOn.isEmpty()) {
            resource.put("dependsOn", dependsOn);
        }
        resource.put("properties", new java.util.TreeMap<>(properties));
        return resource;
    }

    private static Map<String, Object> flavor(int vcpus, int ramGb) {
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("vcpus", vcpus);
        flavor.put("ramGb", ramGb);
        return flavor;
    }

    private static Map<String, Object> enumeration(List<String> values) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", "string");
        property.put("enum", values);
        property.put("default", values.getFirst());
        return property;
    }

    private static Map<String, Object> integer(int minimum, int maximum, int fallback) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", "integer");
        property.put("minimum", minimum);
        property.put("maximum", maximum);
        property.put("default", fallback);
        return property;
    }

    private static Map<String, Object> bool(boolean fallback) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", "boolean");
        property.put("default", fallback);
        return property;
    }

    private static String variantFr(Family family, String[] size) {
        return switch (family.shape) {
            case VOLUME, NETWORK -> "";
            case SINGLE_SERVER, SERVER_CLUSTER -> " " + size[1] + " (" + size[3] + " vCPU, " + size[4] + " Go)";
            default -> " taille " + size[1];
        };
    }

    private static String variantEn(Family family, String[] size) {
        return switch (family.shape) {
            case VOLUME, NETWORK -> "";
            case SINGLE_SERVER, SERVER_CLUSTER -> " " + size[2] + " (" + size[3] + " vCPU, " + size[4] + " GB)";
            default -> " size " + size[2];
        };
    }

    private static int indexOf(String[] size) {
        for (int i = 0; i < SIZES.length; i++) {
            if (SIZES[i] == size) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown size " + size[0]);
    }

    private Provider pickProvider() {
        int total = PROVIDERS.stream().mapToInt(Provider::weight).sum();
        int pick = random.nextInt(total);
        for (Provider provider : PROVIDERS) {
            pick -= provider.weight;
            if (pick < 0) {
                return provider;
            }
        }
        throw new IllegalStateException("weights");
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        throw new IllegalStateException("weights");
    }

    private static Map<String, Object> text(String fr, String en) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("fr", fr);
        text.put("en", en);
        return text;
    }

    private static BigDecimal money(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static Object rate(Map<String, Object> rates, String unit) {
        return ((BigDecimal) rates.get(unit)).toPlainString();
    }

    private static Family family(
            String code,
            String category,
            String nameFr,
            String nameEn,
            String descriptionFr,
            String descriptionEn,
            List<String> tags,
            Shape shape,
            String image,
            int port,
            double... rates) {
        return new Family(
                code, category, nameFr, nameEn, descriptionFr, descriptionEn, tags, shape, image, port, rates);
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** Maps, lists, strings, numbers and booleans as compact JSON. */
    static String toJson(Object value) {
        StringBuilder json = new StringBuilder(2048);
        appendJson(json, value);
        return json.toString();
    }

    private static void appendJson(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case String text -> appendString(json, text);
            case BigDecimal number -> json.append(number.toPlainString());
            case Number number -> json.append(number);
            case Boolean bool -> json.append(bool);
            case Map<?, ?> map -> {
                json.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    appendString(json, String.valueOf(entry.getKey()));
                    json.append(':');
                    appendJson(json, entry.getValue());
                }
                json.append('}');
            }
            case List<?> list -> {
                json.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    appendJson(json, list.get(i));
                }
                json.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
