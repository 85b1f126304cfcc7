package fr.picloud.catalog.offering.adapter.search;

import fr.picloud.catalog.offering.adapter.search.CatalogueChanges.Revision;
import fr.picloud.catalog.offering.application.OfferingSearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Search answered from an in-memory index that follows the database, never behind it.
 *
 * <p>The database stays the catalogue's only truth; each instance keeps a Lucene index of it
 * ({@link OfferingIndex}), built at start-up from one snapshot and then brought forward by reading the
 * rows changed since its revision (every row carries the revision of its last change, V4). A search
 * first reads the catalogue's revision (one single-row read) and is answered from the index only once
 * the index holds that revision: whatever committed before the search started, on any instance or
 * behind the service's back, is in its answer. A background worker does every update, one at a time;
 * a search waits for it at most {@code picloud.catalog.search-index.max-wait} and is otherwise answered
 * by the database's own full-text search ({@link PostgresOfferingSearch}), as it is while the index is
 * first built or rebuilt after a delete. The index also follows the catalogue when nobody searches: it
 * checks the revision every {@code picloud.catalog.search-index.poll}.
 *
 * <p>Meters: {@code picloud.catalog.search.answers} (tag {@code source=index|database}),
 * {@code picloud.catalog.search.index.documents}, {@code picloud.catalog.search.index.revision} and
 * {@code picloud.catalog.search.index.updates} (a timer of every build and catch-up).
 */
@Component
class IndexedOfferingSearch implements OfferingSearch, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IndexedOfferingSearch.class);

    private final CatalogueChanges changes;
    private final PostgresOfferingSearch database;
    private final boolean enabled;
    private final long maxWaitNanos;
    private final Analyzer french = OfferingDocuments.french();
    private final Analyzer english = OfferingDocuments.english();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("catalog-search-index").daemon(true).factory());
    private final AtomicBoolean working = new AtomicBoolean();
    /** The newest revision a search has asked for. */
    private final AtomicLong wanted = new AtomicLong(-1);

    private final Object published = new Object();
    private volatile OfferingIndex index;

    private final Counter answeredByIndex;
    private final Counter answeredByDatabase;
    private final Timer updates;

    IndexedOfferingSearch(
            CatalogueChanges changes,
            PostgresOfferingSearch database,
            MeterRegistry meters,
            @Value("${picloud.catalog.search-index.enabled:true}") boolean enabled,
            @Value("${picloud.catalog.search-index.max-wait:500ms}") Duration maxWait) {
        this.changes = changes;
        this.database = database;
        this.enabled = enabled;
        this.maxWaitNanos = maxWait.toNanos();
        this.answeredByIndex = Counter.builder("picloud.catalog.search.answers")
                .tag("source", "index")
                .description("Searches answered, by where the answer came from")
                .register(meters);
        this.answeredByDatabase = Counter.builder("picloud.catalog.search.answers")
                .tag("source", "database")
                .description("Searches answered, by where the answer came from")
                .register(meters);
        this.updates = Timer.builder("picloud.catalog.search.index.updates")
                .description("Builds and catch-ups of the search index")
                .register(meters);
        Gauge.builder("picloud.catalog.search.index.documents", this, search -> {
                    OfferingIndex current = search.index;
                    return current == null ? 0 : current.documents();
                })
                .register(meters);
        Gauge.builder("picloud.catalog.search.index.revision", this, search -> {
                    OfferingIndex current = search.index;
                    return current == null ? -1 : current.revision();
                })
                .register(meters);
    }

    /** Builds the index once the service is up; searches meanwhile are answered by the database. */
    @EventListener(ApplicationReadyEvent.class)
    void buildIndex() {
        if (enabled) {
            wake();
        }
    }

    /** Follows the catalogue when nobody searches too, so that the first search after an import finds it indexed. */
    @Scheduled(fixedDelayString = "${picloud.catalog.search-index.poll:1s}")
    void follow() {
        OfferingIndex current = index;
        try {
            if (enabled && current != null && !current.covers(changes.current())) {
                wake();
            }
        } catch (DataAccessException unreachable) {
            // searches fail the same way and say so; nothing to add every second
            log.debug("the catalogue's revision could not be read: {}", unreachable.toString());
        }
    }

    @Override
    public Result search(Query query) {
        SearchKey search = SearchKey.of(query);
        if (enabled) {
            OfferingIndex current = indexAtLeast(changes.current());
            if (current != null) {
                answeredByIndex.increment();
                return current.search(search);
            }
        }
        answeredByDatabase.increment();
        return database.search(search);
    }

    @Override
    public Result searchUncached(Query query) {
        answeredByDatabase.increment();
        return database.search(SearchKey.of(query));
    }

    /** The index once it holds {@code revision}, or null if it does not within the allowed wait. */
    private OfferingIndex indexAtLeast(Revision revision) {
        OfferingIndex current = index;
        if (current != null && current.covers(revision)) {
            return current;
        }
        wanted.accumulateAndGet(revision.revision(), Math::max);
        wake();
        long deadline = System.nanoTime() + maxWaitNanos;
        synchronized (published) {
            while (true) {
                current = index;
                if (current != null && current.covers(revision)) {
                    return current;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(published, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private void wake() {
        if (working.compareAndSet(false, true)) {
            try {
                worker.execute(this::update);
            } catch (RejectedExecutionException shuttingDown) {
                working.set(false); // the database answers the searches still running
            }
        }
    }

    /** Brings the index up to the catalogue's revision: a catch-up, or a new index after a delete. */
    private void update() {
        boolean failed = false;
        try {
            Revision target = changes.current();
            OfferingIndex current = index;
            while (current == null || !current.covers(target)) {
                long started = System.nanoTime();
                if (current == null || target.reset() > current.builtFrom()) {
                    current = build();
                } else {
                    Revision reached = changes.since(current.revision(), current::put);
                    current.publish(reached.revision());
                }
                updates.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                index = current;
                synchronized (published) {
                    published.notifyAll();
                }
                target = changes.current();
            }
            if (current != null) {
                current.compact(); // the changes have stopped coming: merge what they left, if much
            }
        } catch (RuntimeException e) {
            // searches go to the database meanwhile; the next search or poll wakes the worker again
            log.warn("the search index could not be brought up to date: {}", e.toString());
            failed = true;
        } finally {
            working.set(false);
        }
        OfferingIndex current = index;
        if (!failed && current != null && current.revision() < wanted.get()) {
            wake(); // a search asked for more while the worker was finishing
        }
    }

    private OfferingIndex build() {
        long started = System.nanoTime();
        OfferingIndex fresh = new OfferingIndex(french, english);
        fresh.publish(changes.since(-1, fresh::put).revision());
        log.info(
                "search index built: {} offerings at catalogue revision {} in {} ms",
                fresh.documents(),
                fresh.revision(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return fresh;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
