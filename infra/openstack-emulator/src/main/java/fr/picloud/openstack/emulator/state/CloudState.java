package fr.picloud.openstack.emulator.state;

import fr.picloud.openstack.emulator.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cloud's state: the tables every emulated service keeps its resources in, and, when the
 * emulator has a state directory, their durable copy there, so a restarted emulator is the same
 * cloud (projects, users, tokens, servers, networks, volumes, quotas) rather than an empty one.
 *
 * <p>On disk: {@code snapshot.json}, every table at the start of a generation (written to a
 * temporary file, forced, then renamed over the old one), and {@code journal-<generation>.log}, one
 * line per request that changed something: a CRC32C, a space, the JSON array of its changes. Each
 * request's changes are written before it is answered and forced to disk before the answer leaves
 * (one force serves every request waiting on it). Opening reads the snapshot, replays the journal up
 * to its last whole line (a line cut by a kill is dropped: its request was never answered), then
 * starts the next generation with a fresh snapshot; a journal grown past {@link #COMPACT_AFTER_BYTES}
 * is folded into a new snapshot the same way while the emulator runs.
 *
 * <p>All changes and {@link #commit} run under the emulator's cloud lock; {@link #awaitDurable} runs
 * outside it.
 */
public final class CloudState implements AutoCloseable {

    static final String SNAPSHOT = "snapshot.json";
    private static final long COMPACT_AFTER_BYTES = 64L << 20;

    private final Path directory;
    private final Map<String, JournaledMap<?, ?>> tables = new LinkedHashMap<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final Object forceLock = new Object();
    private boolean recording;
    private FileChannel lockFile;
    private FileChannel journal;
    private long generation;
    private long journalBytes;
    // bytes ever written to any journal of this run: positions stay comparable across a compaction
    private volatile long written;
    private long durable;

    private CloudState(Path directory) {
        this.directory = directory;
    }

    /** State that lives as long as the process (tests). */
    public static CloudState inMemory() {
        return new CloudState(null);
    }

    /** State kept in this directory (created when missing), restored from it by {@link #open}. */
    public static CloudState in(Path directory) {
        return new CloudState(directory);
    }

    public boolean isDurable() {
        return directory != null;
    }

    public Path directory() {
        return directory;
    }

    public <K, V> Map<K, V> table(String name, Class<K> keyType, Class<V> valueType) {
        return register(name, Json.MAPPER.constructType(keyType), Json.MAPPER.constructType(valueType));
    }

    public <V> Map<String, V> table(String name, TypeReference<V> valueType) {
        return register(name, Json.MAPPER.constructType(String.class), Json.MAPPER.constructType(valueType));
    }

    public <E> Set<E> set(String name, Class<E> elementType) {
        return Collections.newSetFromMap(table(name, elementType, Boolean.class));
    }

    private <K, V> Map<K, V> register(String name, JavaType keyType, JavaType valueType) {
        if (recording) {
            throw new IllegalStateException("table " + name + " registered after the state was opened");
        }
        JournaledMap<K, V> table = new JournaledMap<>(name, keyType, valueType, this);
        if (tables.putIfAbsent(name, table) != null) {
            throw new IllegalStateException("two tables named " + name);
        }
        return table;
    }

    /**
     * Called once every service has seeded its tables: replaces what they seeded with what the
     * directory holds, if it holds anything, and from then on journals every change.
     *
     * @return whether a previous state was restored
     */
    public boolean open() {
        if (directory == null) {
            return false;
        }
        try {
            Files.createDirectories(directory);
            lockFile = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                throw new IllegalStateException("another emulator keeps its state in " + directory);
            }
            boolean restored = restore();
            startGeneration(generation + 1);
            recording = true;
            return restored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the emulator's state in " + directory, e);
        }
    }

    /** Writes the changes of the request that just ran; returns the position to await before answering. */
    public long commit() {
        if (pending.isEmpty()) {
            return written;
        }
        ArrayNode changes = Json.array();
        pending.forEach(changes::add);
        pending.clear();
        byte[] json = Json.MAPPER.writeValueAsBytes(changes);
        CRC32C crc = new CRC32C();
        crc.update(json);
        ByteBuffer line = ByteBuffer.allocate(json.length + 10);
        line.put(HexFormat.of().toHexDigits((int) crc.getValue()).getBytes(StandardCharsets.US_ASCII))
                .put((byte) ' ')
                .put(json)
                .put((byte) '\n')
                .flip();
        try {
            int length = line.remaining();
            while (line.hasRemaining()) {
                journal.write(line);
            }
            journalBytes += length;
            written += length;
            if (journalBytes > COMPACT_AFTER_BYTES) {
                startGeneration(generation + 1);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulator's journal in " + directory, e);
        }
    }

    /** Returns once everything written up to this position is on disk (group commit: one force for all waiting). */
    public void awaitDurable(long position) {
        if (directory == null) {
            return;
        }
        synchronized (forceLock) {
            if (durable >= position) {
                return;
            }
            long target = written;
            try {
                journal.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot force the emulator's journal in " + directory, e);
            }
            durable = target;
        }
    }

    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        synchronized (forceLock) {
            try {
                if (journal != null) {
                    journal.force(false);
                    journal.close();
                }
                if (lockFile != null) {
                    lockFile.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the emulator's journal in " + directory, e);
            }
        }
    }

    // ---- changes, called by the tables ----

    void recordPut(JournaledMap<?, ?> table, Object key, Object value) {
        if (recording) {
            ObjectNode change = change(table, "put");
            change.set("key", Json.MAPPER.valueToTree(key));
            change.set("value", Json.MAPPER.valueToTree(value));
        }
    }

    void recordRemove(JournaledMap<?, ?> table, Object key) {
        if (recording) {
            change(table, "remove").set("key", Json.MAPPER.valueToTree(key));
        }
    }

    void recordClear(JournaledMap<?, ?> table) {
        if (recording) {
            change(table, "clear");
        }
    }

    private ObjectNode change(JournaledMap<?, ?> table, String operation) {
        ObjectNode change = Json.object().put("table", table.name).put("op", operation);
        pending.add(change);
        return change;
    }

    // ---- disk ----

    private boolean restore() throws IOException {
        Path snapshot = directory.resolve(SNAPSHOT);
        if (!Files.exists(snapshot)) {
            return false;
        }
        JsonNode root = Json.MAPPER.readTree(snapshot.toFile());
        generation = root.path("generation").asLong();
        for (var entry : root.path("tables").properties()) {
            JournaledMap<Object, Object> table = table(entry.getKey());
            if (table == null) {
                continue;
            }
            table.restoreClear();
            for (JsonNode pair : entry.getValue()) {
                table.restorePut(read(pair.get(0), table.keyType), read(pair.get(1), table.valueType));
            }
        }
        Path journalFile = journalOf(generation);
        if (Files.exists(journalFile)) {
            replay(journalFile);
        }
        return true;
    }

    private void replay(Path journalFile) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(journalFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode changes = verified(line);
                if (changes == null) {
                    // a line cut short by a kill, and nothing after it was ever answered
                    return;
                }
                changes.forEach(this::apply);
            }
        }
    }

    private static JsonNode verified(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            return null;
        }
        byte[] json = line.substring(space + 1).getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(json);
        if (!HexFormat.of().toHexDigits((int) crc.getValue()).equals(line.substring(0, space))) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }

    private void apply(JsonNode change) {
        JournaledMap<Object, Object> table = table(change.path("table").asString());
        if (table == null) {
            return;
        }
        switch (change.path("op").asString()) {
            case "put" ->
                table.restorePut(read(change.get("key"), table.keyType), read(change.get("value"), table.valueType));
            case "remove" -> table.restoreRemove(read(change.get("key"), table.keyType));
            case "clear" -> table.restoreClear();
            default -> throw new IllegalStateException("unknown change in the emulator's journal: " + change);
        }
    }

    @SuppressWarnings("unchecked")
    private JournaledMap<Object, Object> table(String name) {
        return (JournaledMap<Object, Object>) tables.get(name);
    }

    private static Object read(JsonNode node, JavaType type) {
        return Json.MAPPER.treeToValue(node, type);
    }

    /**
     * Folds everything into the snapshot of a new generation, then journals in a new file: a kill
     * before the rename leaves the old snapshot and its whole journal, a kill after it the new snapshot.
     */
    private void startGeneration(long next) throws IOException {
        ObjectNode root = Json.object().put("generation", next);
        ObjectNode all = root.putObject("tables");
        tables.forEach((name, table) -> {
            ArrayNode pairs = all.putArray(name);
            table.forEach((key, value) ->
                    pairs.addArray().add(Json.MAPPER.valueToTree(key)).add(Json.MAPPER.<JsonNode>valueToTree(value)));
        });
        Path temporary = directory.resolve(SNAPSHOT + ".tmp");
        try (FileChannel out = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(root));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        try {
            Files.move(
                    temporary,
                    directory.resolve(SNAPSHOT),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + directory + " cannot rename atomically", e);
        }
        synchronized (forceLock) {
            if (journal != null) {
                journal.close();
            }
            Path fresh = journalOf(next);
            journal = FileChannel.open(
                    fresh, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            journalBytes = 0;
            // the snapshot, forced, holds everything written so far
            durable = written;
        }
        try (var old = Files.newDirectoryStream(directory, "journal-*.log")) {
            for (Path file : old) {
                if (!file.equals(journalOf(next))) {
                    Files.delete(file);
                }
            }
        }
        generation = next;
    }

    private Path journalOf(long generationNumber) {
        return directory.resolve("journal-" + generationNumber + ".log");
    }
}
