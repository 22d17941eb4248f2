package io.tritonlogs.common.logql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The query corpus in {@code logql/corpus.tsv}: one case a line, {@code accept<TAB>query[<TAB>tags]}
 * or {@code reject<TAB>column<TAB>query<TAB>message fragment[<TAB>tags]}. In a query {@code ⏎} stands
 * for a line break. Tags: {@code min=X.Y}, the first Loki version that knows the construct.
 */
record Corpus(int line, boolean accept, String query, int column, String fragment, String minVersion) {

    static List<Corpus> load() {
        List<Corpus> cases = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream("/logql/corpus.tsv")) {
            if (in == null) {
                throw new IllegalStateException("logql/corpus.tsv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String row;
            int number = 0;
            while ((row = reader.readLine()) != null) {
                number++;
                if (row.isBlank() || row.startsWith("//")) {
                    continue;
                }
                String[] f = row.split("\t", -1);
                if (f[0].equals("accept")) {
                    cases.add(new Corpus(number, true, query(f[1]), 0, null, tag(f, 2)));
                } else if (f[0].equals("reject")) {
                    cases.add(new Corpus(number, false, query(f[2]), Integer.parseInt(f[1]), f[3], tag(f, 4)));
                } else {
                    throw new IllegalStateException("corpus.tsv line " + number + ": starts with neither accept nor reject");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static String query(String field) {
        return field.replace('\u23ce', '\n');
    }

    private static String tag(String[] fields, int index) {
        if (fields.length <= index || fields[index].isBlank()) {
            return null;
        }
        String tag = fields[index].trim();
        if (!tag.startsWith("min=")) {
            throw new IllegalStateException("unknown corpus tag " + tag);
        }
        return tag.substring(4);
    }

    String name() {
        String shown = query.length() > 90 ? query.substring(0, 87) + "..." : query;
        return "line " + line + (accept ? " accept: " : " reject: ") + shown.replace("\n", "⏎");
    }
}
