package fr.picloud.catalog.offering.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.picloud.catalog.offering.adapter.persistence.PostgresOfferingSearch.Counts;
import fr.picloud.catalog.offering.adapter.persistence.PostgresOfferingSearch.Page;
import fr.picloud.catalog.offering.application.OfferingSearch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Search answers and facet counts cached per catalogue revision.
 *
 * <p>Every change to an offering raises {@code catalog_revision} in its own transaction (a trigger
 * on the table, so whatever writes it, whichever instance). Each search reads the revision (one
 * single-row read, about as cheap as a statement gets) and looks for an answer under (revision,
 * search): an answer is cached under the revision read <em>before</em> its rows were, so it is at
 * least as new as its key, and a search never sees a catalogue older than the last change committed
 * before it started, on any instance. Two caches: whole answers (same text, filters, page, size and
 * sort), and the total and facet counts of a set of filters, which every page and sort of those
 * filters share (the next page of a broad search then reads its 20 rows, not its counts). Entries of
 * older revisions are dropped as soon as a newer revision is seen.
 *
 * <p>Both caches report to Micrometer ({@code cache.gets} with {@code result=hit|miss}, tagged
 * {@code cache=catalog.search.answers} and {@code catalog.search.counts}).
 */
@Component
class CachedOfferingSearch implements OfferingSearch {

    private record Revisioned(long revision, SearchKey key) {}

    private final PostgresOfferingSearch database;
    private final boolean enabled;
    private final Cache<Revisioned, Result> answers;
    private final Cache<Revisioned, Counts> counts;
    private final AtomicLong newestRevision = new AtomicLong(Long.MIN_VALUE);

    CachedOfferingSearch(
            PostgresOfferingSearch database,
            MeterRegistry meters,
            @Value("${picloud.catalog.search-cache.enabled:true}") boolean enabled,
            @Value("${picloud.catalog.search-cache.answers:10000}") long maxAnswers,
            @Value("${picloud.catalog.search-cache.counts:10000}") long maxCounts) {
        this.database = database;
        this.enabled = enabled;
        this.answers = Caffeine.newBuilder()
                .maximumSize(maxAnswers)
                .expireAfterAccess(Duration.ofMinutes(10))
                .recordStats()
                .build();
        this.counts = Caffeine.newBuilder()
                .maximumSize(maxCounts)
                .expireAfterAccess(Duration.ofMinutes(10))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, answers, "catalog.search.answers");
        CaffeineCacheMetrics.monitor(meters, counts, "catalog.search.counts");
    }

    @Override
    public Result search(Query query) {
        if (!enabled) {
            return searchUncached(query);
        }
        SearchKey search = SearchKey.of(query);
        long revision = database.revision();
        if (revision > newestRevision.getAndAccumulate(revision, Math::max)) {
            // a newer catalogue: nothing cached under an older revision can be asked for again
            answers.invalidateAll();
            counts.invalidateAll();
        }
        Revisioned answerKey = new Revisioned(revision, search);
        Result cached = answers.getIfPresent(answerKey);
        if (cached != null) {
            return cached;
        }
        Revisioned countsKey = new Revisioned(revision, search.filters());
        Counts known = counts.getIfPresent(countsKey);
        Page page = database.search(search, known);
        if (known == null) {
            counts.put(countsKey, page.counts());
        }
        Result result = result(page);
        answers.put(answerKey, result);
        return result;
    }

    @Override
    public Result searchUncached(Query query) {
        return result(database.search(SearchKey.of(query), null));
    }

    private static Result result(Page page) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        page.counts().facets().forEach((name, values) -> facets.put(name, Collections.unmodifiableMap(values)));
        return new Result(List.copyOf(page.items()), page.counts().total(), Collections.unmodifiableMap(facets));
    }
}
