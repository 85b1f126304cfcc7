package fr.picloud.catalog.offering.adapter.search;

import fr.picloud.catalog.offering.application.OfferingSearch.Hit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;

/**
 * How an offering is written into the search index and read back as a hit: the fields, their
 * analysis (the same choices as the database's {@code picloud_fr} and {@code picloud_en} text search
 * configurations of V1: stop words, accents removed, Snowball stemming) and the facets.
 */
final class OfferingDocuments {

    static final String ID = "id";
    /** Where the offering's hit is in the index's table of hits. */
    static final String SLOT = "slot";

    static final String CODE = "code";
    static final String NAME_EN = "name_en";
    static final String CATEGORY = "category";
    static final String PROVIDER = "provider";
    static final String TAG = "tag";
    static final String STATUS = "status";
    /** The reference price in cents, for the price range filter (points) and facet (doc values). */
    static final String PRICE = "price_cents";
    /** Names, code and tags analysed in French, then in English; descriptions likewise. */
    static final String TITLE_FR = "title_fr";

    static final String TITLE_EN = "title_en";
    static final String BODY_FR = "body_fr";
    static final String BODY_EN = "body_en";

    /** The facet dimensions a search counts. */
    static final String CATEGORY_FACET = "category";

    static final String PROVIDER_FACET = "provider";
    static final String PRICE_FACET = "price";

    private OfferingDocuments() {}

    static final FacetsConfig FACETS = new FacetsConfig();

    static Analyzer french() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer words = new StandardTokenizer();
                TokenStream stream = new ElisionFilter(words, FrenchAnalyzer.DEFAULT_ARTICLES);
                stream = new LowerCaseFilter(stream);
                stream = new StopFilter(stream, FrenchAnalyzer.getDefaultStopSet());
                stream = new ASCIIFoldingFilter(stream);
                return new TokenStreamComponents(words, new SnowballFilter(stream, new FrenchStemmer()));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer words = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(words);
                stream = new LowerCaseFilter(stream);
                stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                stream = new ASCIIFoldingFilter(stream);
                return new TokenStreamComponents(words, new SnowballFilter(stream, new EnglishStemmer()));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** The analyser of every field the index writer analyses. */
    static Analyzer writerAnalyzer(Analyzer french, Analyzer english) {
        return new PerFieldAnalyzerWrapper(
                english, Map.of(TITLE_FR, french, BODY_FR, french, TITLE_EN, english, BODY_EN, english));
    }

    /**
     * The offering's document. Nothing is stored in the index: a hit is read from the index's table of
     * hits at the document's {@code slot} (decompressing stored fields cost more than the search).
     */
    static Document document(IndexedOffering indexed, int slot) {
        Hit offering = indexed.hit();
        Document document = new Document();
        document.add(new StringField(ID, offering.id().toString(), Field.Store.NO));
        document.add(new NumericDocValuesField(SLOT, slot));
        document.add(new SortedDocValuesField(CODE, new BytesRef(offering.code())));
        document.add(new SortedDocValuesField(NAME_EN, new BytesRef(offering.nameEn())));
        document.add(new StringField(CATEGORY, offering.category(), Field.Store.NO));
        document.add(new SortedDocValuesField(CATEGORY, new BytesRef(offering.category())));
        document.add(new StringField(PROVIDER, offering.providerId(), Field.Store.NO));
        document.add(new SortedDocValuesField(PROVIDER, new BytesRef(offering.providerId())));
        for (String tag : offering.tags()) {
            document.add(new StringField(TAG, tag, Field.Store.NO));
        }
        document.add(new StringField(STATUS, offering.status(), Field.Store.NO));
        if (offering.monthlyPrice() != null) {
            long cents = offering.monthlyPrice().movePointRight(2).longValueExact();
            document.add(new LongPoint(PRICE, cents));
            document.add(new NumericDocValuesField(PRICE, cents));
        }
        String codeAndTags = offering.code() + " " + String.join(" ", offering.tags());
        document.add(new TextField(TITLE_FR, offering.nameFr() + " " + codeAndTags, Field.Store.NO));
        document.add(new TextField(TITLE_EN, offering.nameEn() + " " + codeAndTags, Field.Store.NO));
        document.add(new TextField(BODY_FR, indexed.descriptionFr(), Field.Store.NO));
        document.add(new TextField(BODY_EN, indexed.descriptionEn(), Field.Store.NO));
        document.add(new SortedSetDocValuesFacetField(CATEGORY_FACET, offering.category()));
        document.add(new SortedSetDocValuesFacetField(PROVIDER_FACET, offering.providerId()));
        try {
            return FACETS.build(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
