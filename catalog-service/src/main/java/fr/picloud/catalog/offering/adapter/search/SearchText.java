package fr.picloud.catalog.offering.adapter.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * The portal's search box, read as PostgreSQL's {@code websearch_to_tsquery} reads it: words must all
 * match, {@code "quoted words"} match as a phrase, {@code or} between words offers alternatives (and
 * binds looser than the implicit and), {@code -word} excludes.
 *
 * <p>A word matches an offering when it matches in French (French stemming, accents ignored) or in
 * English (English stemming): in its names, code and tags, or, weighing less, in its descriptions. A
 * word either language drops as a stop word ("de", "the") is left out, as PostgreSQL leaves it out.
 */
final class SearchText {

    /** Descriptions count for less than names, codes and tags (PostgreSQL's weight B against A). */
    static final float DESCRIPTION_WEIGHT = 0.4f;

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"?|(\\S+)");

    private final QueryBuilder french;
    private final QueryBuilder english;

    SearchText(Analyzer french, Analyzer english) {
        this.french = new QueryBuilder(french);
        this.english = new QueryBuilder(english);
    }

    /** The query of a search box's text; one that matches nothing when no word is left to search for. */
    Query parse(String text) {
        List<Query> alternatives = new ArrayList<>();
        BooleanQuery.Builder group = new BooleanQuery.Builder();
        boolean[] groupHas = new boolean[2]; // [0]: a word to match, [1]: a word to exclude
        Matcher tokens = TOKEN.matcher(text);
        while (tokens.find()) {
            String phrase = tokens.group(1);
            String word = tokens.group(2);
            if (phrase == null && word.toLowerCase(Locale.ROOT).equals("or")) {
                addGroup(alternatives, group, groupHas);
                group = new BooleanQuery.Builder();
                groupHas = new boolean[2];
                continue;
            }
            boolean excluded = phrase == null && word.length() > 1 && word.startsWith("-");
            Query clause = phrase != null ? term(phrase, true) : term(excluded ? word.substring(1) : word, false);
            if (clause == null) {
                continue;
            }
            group.add(clause, excluded ? Occur.MUST_NOT : Occur.MUST);
            groupHas[excluded ? 1 : 0] = true;
        }
        addGroup(alternatives, group, groupHas);
        if (alternatives.isEmpty()) {
            return new MatchNoDocsQuery("no word to search for");
        }
        if (alternatives.size() == 1) {
            return alternatives.getFirst();
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        alternatives.forEach(alternative -> any.add(alternative, Occur.SHOULD));
        return any.build();
    }

    private static void addGroup(List<Query> alternatives, BooleanQuery.Builder group, boolean[] has) {
        if (!has[0] && !has[1]) {
            return;
        }
        if (!has[0]) {
            // only exclusions: everything but them, as "-word" alone means in PostgreSQL
            group.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        alternatives.add(group.build());
    }

    /** A word (or phrase) in either language, or null when either drops it as a stop word. */
    private Query term(String text, boolean phrase) {
        Query frenchTitle = analyse(french, OfferingDocuments.TITLE_FR, text, phrase);
        Query englishTitle = analyse(english, OfferingDocuments.TITLE_EN, text, phrase);
        if (frenchTitle == null || englishTitle == null) {
            return null;
        }
        return new BooleanQuery.Builder()
                .add(frenchTitle, Occur.SHOULD)
                .add(englishTitle, Occur.SHOULD)
                .add(
                        new BoostQuery(analyse(french, OfferingDocuments.BODY_FR, text, phrase), DESCRIPTION_WEIGHT),
                        Occur.SHOULD)
                .add(
                        new BoostQuery(analyse(english, OfferingDocuments.BODY_EN, text, phrase), DESCRIPTION_WEIGHT),
                        Occur.SHOULD)
                .build();
    }

    private static Query analyse(QueryBuilder language, String field, String text, boolean phrase) {
        return phrase ? language.createPhraseQuery(field, text) : language.createBooleanQuery(field, text, Occur.MUST);
    }
}
