package fr.picloud.catalog.offering.adapter.search;

import fr.picloud.catalog.offering.application.OfferingSearch;
import fr.picloud.catalog.offering.application.OfferingSearch.Hit;
import fr.picloud.catalog.offering.application.OfferingSearch.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsCollectorManager.FacetsResult;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One in-memory Lucene index of the catalogue, at a known revision of the database.
 *
 * <p>Offerings are written with {@link #put} and become searchable at {@link #publish}, which records
 * the revision they bring the index to. A search runs on the searcher of the last publication, whose
 * facet state ({@link SortedSetDocValuesReaderState}) is built once per publication, not per search.
 */
final class OfferingIndex {

    /** A searcher and what counting facets on it needs, built together at each publication. */
    private static final class FacetedSearcher extends IndexSearcher {
        private final SortedSetDocValuesReaderState facets;

        FacetedSearcher(IndexReader reader) throws IOException {
            super(reader);
            this.facets = reader.maxDoc() == 0
                    ? null
                    : new DefaultSortedSetDocValuesReaderState(reader, OfferingDocuments.FACETS);
        }
    }

    private static final Map<String, SortField> SORT_FIELDS = Map.of(
            "code", new SortField(OfferingDocuments.CODE, SortField.Type.STRING),
            "name", new SortField(OfferingDocuments.NAME_EN, SortField.Type.STRING),
            "category", new SortField(OfferingDocuments.CATEGORY, SortField.Type.STRING),
            "provider", new SortField(OfferingDocuments.PROVIDER, SortField.Type.STRING));

    private static final SortField BY_CODE = SORT_FIELDS.get("code");

    /** {@link OfferingSearch#PRICE_RANGES} in cents: each from its lower bound, below its upper one. */
    private static final LongRange[] PRICE_RANGES = priceRanges();

    /** Segments a search may have to read before {@link #compact} merges them. */
    static final int MAX_SEGMENTS = 8;

    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Each offering's slot in {@link #hits}; written by {@link #put} only, from one thread at a time. */
    private final Map<UUID, Integer> slots = new HashMap<>();
    /**
     * What each slot's offering shows as a hit. A hit put but not yet published can be read by a search
     * of the previous publication: it then shows the newer state, never an older one.
     */
    private volatile Hit[] hits = new Hit[1024];

    private final SearchText text;
    private volatile long revision = -1;
    /** The revision of the snapshot the index was first filled from: a delete after it calls for a new index. */
    private volatile long builtFrom = Long.MAX_VALUE;

    OfferingIndex(Analyzer french, Analyzer english) {
        this.text = new SearchText(french, english);
        try {
            this.writer = new IndexWriter(
                    new ByteBuffersDirectory(),
                    new IndexWriterConfig(OfferingDocuments.writerAnalyzer(french, english))
                            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                            // documents in code order: browsing by code reads the first page and stops
                            .setIndexSort(new Sort(BY_CODE))
                            .setRAMBufferSizeMB(64));
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                    return new FacetedSearcher(reader);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long builtFrom() {
        return builtFrom;
    }

    /** The revision of the catalogue the searches see; -1 until first published. */
    long revision() {
        return revision;
    }

    /** True when the index holds every change up to {@code wanted}, deletes included. */
    boolean covers(CatalogueChanges.Revision wanted) {
        return revision >= wanted.revision() && builtFrom >= wanted.reset();
    }

    /** Adds the offering, or replaces what the index held of it. Called from one thread at a time. */
    void put(IndexedOffering offering) {
        Integer slot = slots.computeIfAbsent(offering.hit().id(), id -> slots.size());
        Hit[] table = hits;
        if (slot >= table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        }
        table[slot] = offering.hit();
        hits = table;
        try {
            writer.updateDocument(
                    new Term(OfferingDocuments.ID, offering.hit().id().toString()),
                    OfferingDocuments.document(offering, slot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges the index into one segment and publishes it again, at the same revision, once catch-ups
     * have left more than {@value #MAX_SEGMENTS} segments: a search then reads one sorted segment
     * (OfferingIndexBenchmark measures both). Merging 22,000 offerings takes about a second: not after
     * every change.
     */
    void compact() {
        compact(MAX_SEGMENTS);
    }

    /** Merges the index into one segment if it has more than {@code maxSegments}. */
    void compact(int maxSegments) {
        try {
            if (segments() > maxSegments) {
                writer.forceMerge(1);
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes everything put so far searchable, as the catalogue at {@code revision}; the first
     * publication is the snapshot the index is built from.
     */
    void publish(long revision) {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (builtFrom == Long.MAX_VALUE) {
            builtFrom = revision;
        }
        this.revision = revision;
    }

    int documents() {
        return writer.getDocStats().numDocs;
    }

    /** The index's segments as the last publication left them (fewer is faster to search). */
    int segments() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().leaves().size();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result search(SearchKey search) {
        try {
            FacetedSearcher searcher = (FacetedSearcher) searchers.acquire();
            try {
                return search(searcher, search);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result search(FacetedSearcher searcher, SearchKey search) throws IOException {
        Query query = query(search);
        int from = search.page() * search.size();
        int wanted = Math.min(
                from + search.size(), Math.max(1, searcher.getIndexReader().maxDoc()));
        FacetsResult found = FacetsCollectorManager.search(
                searcher, query, wanted, sort(search.sort()), new FacetsCollectorManager());
        ScoreDoc[] top = found.topDocs().scoreDocs;
        List<Hit> items = new ArrayList<>(Math.max(0, Math.min(search.size(), top.length - from)));
        Hit[] table = hits;
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (int i = from; i < top.length; i++) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(top[i].doc, leaves));
            NumericDocValues slot = leaf.reader().getNumericDocValues(OfferingDocuments.SLOT);
            if (slot == null || !slot.advanceExact(top[i].doc - leaf.docBase)) {
                throw new IllegalStateException("a document of the search index has no slot");
            }
            items.add(table[(int) slot.longValue()]);
        }
        FacetsCollector matches = found.facetsCollector();
        long total = 0;
        for (FacetsCollector.MatchingDocs segment : matches.getMatchingDocs()) {
            total += segment.totalHits();
        }
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put(OfferingDocuments.CATEGORY_FACET, new TreeMap<>());
        facets.put(OfferingDocuments.PROVIDER_FACET, new TreeMap<>());
        facets.put(OfferingDocuments.PRICE_FACET, new LinkedHashMap<>());
        if (total > 0) {
            FacetResult prices = new LongRangeFacetCounts(OfferingDocuments.PRICE, matches, PRICE_RANGES)
                    .getAllChildren(OfferingDocuments.PRICE);
            for (LabelAndValue range : prices.labelValues) {
                if (range.value.longValue() > 0) { // as the database's grouping: only ranges with matches
                    facets.get(OfferingDocuments.PRICE_FACET).put(range.label, range.value.longValue());
                }
            }
        }
        if (total > 0 && searcher.facets != null) {
            SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(searcher.facets, matches);
            for (Map.Entry<String, Map<String, Long>> dimension : facets.entrySet()) {
                if (dimension.getKey().equals(OfferingDocuments.PRICE_FACET)) {
                    continue;
                }
                FacetResult counted = counts.getAllChildren(dimension.getKey());
                if (counted != null) {
                    for (LabelAndValue value : counted.labelValues) {
                        dimension.getValue().put(value.label, value.value.longValue());
                    }
                }
            }
        }
        facets.replaceAll((name, values) -> Collections.unmodifiableMap(values));
        return new Result(List.copyOf(items), total, Collections.unmodifiableMap(facets));
    }

    private Query query(SearchKey search) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(search.text() == null ? new MatchAllDocsQuery() : text.parse(search.text()), Occur.MUST);
        filter(query, OfferingDocuments.CATEGORY, search.category());
        filter(query, OfferingDocuments.PROVIDER, search.provider());
        filter(query, OfferingDocuments.TAG, search.tag());
        filter(query, OfferingDocuments.STATUS, search.status());
        if (search.minCents() != null || search.maxCents() != null) {
            query.add(
                    LongPoint.newRangeQuery(
                            OfferingDocuments.PRICE,
                            search.minCents() == null ? Long.MIN_VALUE : search.minCents(),
                            search.maxCents() == null ? Long.MAX_VALUE : search.maxCents() - 1),
                    Occur.FILTER);
        }
        return query.build();
    }

    private static LongRange[] priceRanges() {
        List<Integer> bounds = OfferingSearch.PRICE_BOUNDS;
        LongRange[] ranges = new LongRange[bounds.size() + 1];
        long from = Long.MIN_VALUE;
        for (int i = 0; i <= bounds.size(); i++) {
            long to = i < bounds.size() ? bounds.get(i) * 100L : Long.MAX_VALUE;
            ranges[i] = new LongRange(OfferingSearch.PRICE_RANGES.get(i), from, true, to, i == bounds.size());
            from = to;
        }
        return ranges;
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    /** The database search's orders: the field, then the code; relevance is always best first. */
    private static Sort sort(String sort) {
        boolean descending = sort.startsWith("-");
        String name = descending ? sort.substring(1) : sort;
        if (name.equals("relevance")) {
            return new Sort(SortField.FIELD_SCORE, BY_CODE);
        }
        SortField field = SORT_FIELDS.get(name);
        SortField ordered = new SortField(field.getField(), field.getType(), descending);
        return name.equals("code") ? new Sort(ordered) : new Sort(ordered, BY_CODE);
    }
}
