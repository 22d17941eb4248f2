package io.tritonlogs.common.logql;

import com.google.re2j.Pattern;
import io.tritonlogs.common.logql.ast.BinOp;
import io.tritonlogs.common.logql.ast.BytesValue;
import io.tritonlogs.common.logql.ast.ComparisonOp;
import io.tritonlogs.common.logql.ast.DurationValue;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.Grouping;
import io.tritonlogs.common.logql.ast.LabelFilter;
import io.tritonlogs.common.logql.ast.LineFilterOp;
import io.tritonlogs.common.logql.ast.LogExpr;
import io.tritonlogs.common.logql.ast.LogRange;
import io.tritonlogs.common.logql.ast.MatchOp;
import io.tritonlogs.common.logql.ast.Matcher;
import io.tritonlogs.common.logql.ast.NumberValue;
import io.tritonlogs.common.logql.ast.RangeOp;
import io.tritonlogs.common.logql.ast.SampleExpr;
import io.tritonlogs.common.logql.ast.Selector;
import io.tritonlogs.common.logql.ast.Stage;
import io.tritonlogs.common.logql.ast.Unwrap;
import io.tritonlogs.common.logql.ast.VectorMatching;
import io.tritonlogs.common.logql.ast.VectorOp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over Loki's grammar (pkg/logql/syntax/expr.y), with precedence climbing for
 * binary operators. Grammar faults stop parsing at once; the checks Loki makes after parsing
 * (selectors that match everything, aggregation rules, operand types) are remembered and reported
 * only if the whole query parsed, as Loki does. Recursion is bounded by {@link ParseLimits#maxDepth()}.
 * Not thread-safe: one instance per parse.
 */
final class Parser {

    private static final String STAGE_AFTER_PIPE = "a pipeline stage after | (json, logfmt, regexp, pattern, unpack, "
            + "a label filter such as level=\"ERROR\", line_format, label_format, drop, keep or decolorize)";
    private static final String OPERAND = "an expression: a stream selector such as {container=\"triton\"}, "
            + "a function such as rate(...) or sum(...), or a number";

    private final String src;
    private final Lexer lexer;
    private final ParseLimits limits;
    private final List<Token> lookahead = new ArrayList<>(4);
    private int depth;
    private ParseError deferred;

    Parser(String src, ParseLimits limits) {
        this.src = src;
        this.lexer = new Lexer(src);
        this.limits = limits;
    }

    Expr parseQuery() {
        checkSize();
        Expr expr = parseExpr(0);
        Token end = peek();
        if (!end.is(TokenKind.EOF)) {
            if (end.is(TokenKind.RANGE)) {
                throw fail(end, "a range " + end.text() + " is only allowed inside a range aggregation such as count_over_time({...}" + end.text() + ")", null);
            }
            String expected = expr instanceof LogExpr
                    ? "a line filter (|=, !=, |~, !~), a pipeline stage (| ...) or the end of the query"
                    : "an operator (+, -, *, /, %, ^, ==, !=, >, >=, <, <=, and, or, unless) or the end of the query";
            throw expected(end, expected);
        }
        if (deferred != null) {
            throw new ParseFailure(deferred);
        }
        return expr;
    }

    private void checkSize() {
        int bytes = 0;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : Character.isLowSurrogate(c) ? 2 : 3;
            if (bytes > limits.maxQueryBytes()) {
                int total = src.getBytes(StandardCharsets.UTF_8).length;
                throw new ParseFailure(ParseError.at(src, i, "the query is " + total + " bytes long; Loki accepts at most "
                        + limits.maxQueryBytes() + " bytes", null, null));
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    private Expr parseExpr(int minPrecedence) {
        enter(peek());
        Expr left = parseOperand();
        int operators = 0;
        while (true) {
            Token opToken = peek();
            BinOp op = binOp(opToken);
            if (op == null || op.precedence() < minPrecedence) {
                break;
            }
            next();
            enter(opToken);
            operators++;
            boolean returnBool = false;
            if (peek().isKeyword("bool")) {
                next();
                returnBool = true;
            }
            VectorMatching matching = parseVectorMatching();
            Expr right = parseExpr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            left = binary(opToken, op, left, right, returnBool, matching);
        }
        depth -= operators + 1;
        return left;
    }

    private static BinOp binOp(Token t) {
        return switch (t.kind()) {
            case KEYWORD -> switch (t.value()) {
                case "or" -> BinOp.OR;
                case "and" -> BinOp.AND;
                case "unless" -> BinOp.UNLESS;
                default -> null;
            };
            case CMP_EQ -> BinOp.EQ;
            case NEQ -> BinOp.NEQ;
            case GT -> BinOp.GT;
            case GTE -> BinOp.GTE;
            case LT -> BinOp.LT;
            case LTE -> BinOp.LTE;
            case ADD -> BinOp.ADD;
            case SUB -> BinOp.SUB;
            case MUL -> BinOp.MUL;
            case DIV -> BinOp.DIV;
            case MOD -> BinOp.MOD;
            case POW -> BinOp.POW;
            default -> null;
        };
    }

    private VectorMatching parseVectorMatching() {
        Token t = peek();
        if (!t.isKeyword("on") && !t.isKeyword("ignoring")) {
            Token group = peek();
            if (group.isKeyword("group_left") || group.isKeyword("group_right")) {
                throw fail(group, group.value() + " needs on (...) or ignoring (...) before it", null);
            }
            return null;
        }
        next();
        List<String> labels = parseLabelList(t.value());
        VectorMatching.Cardinality cardinality = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        Token group = peek();
        if (group.isKeyword("group_left") || group.isKeyword("group_right")) {
            next();
            cardinality = group.value().equals("group_left") ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
            if (peek().is(TokenKind.LPAREN)) {
                include = parseLabelList(group.value());
            }
        }
        return new VectorMatching(t.value().equals("on"), labels, cardinality, include);
    }

    private Expr binary(Token at, BinOp op, Expr left, Expr right, boolean returnBool, VectorMatching matching) {
        if (!(left instanceof SampleExpr l) || !(right instanceof SampleExpr r)) {
            defer(at, "the operands of " + op.symbol() + " must be metric queries; a log query such as {...} |= \"x\" "
                    + "cannot be one: wrap it in a range aggregation such as count_over_time({...}[5m])");
            return left instanceof SampleExpr ? left : right;
        }
        if (op.isLogical() && (isConstant(l) || isConstant(r))) {
            defer(at, "a number cannot be an operand of the set operator " + op.symbol() + "; use vector(...) for a constant series");
        }
        return new SampleExpr.BinaryOp(op, l, r, returnBool, matching);
    }

    private static boolean isConstant(SampleExpr e) {
        return e instanceof SampleExpr.Literal
                || (e instanceof SampleExpr.BinaryOp b && isConstant(b.left()) && isConstant(b.right()));
    }

    private Expr parseOperand() {
        Token t = peek();
        switch (t.kind()) {
            case LBRACE:
                return parseLogExpr();
            case LPAREN: {
                next();
                Expr inner = parseExpr(0);
                expect(TokenKind.RPAREN, inner instanceof LogExpr
                        ? ") or the rest of the pipeline (|=, !=, |~, !~, | ...)"
                        : ") or an operator (+, -, *, /, ==, and, or, ...)");
                return inner;
            }
            case NUMBER:
                next();
                return new SampleExpr.Literal(number(t, ""));
            case ADD:
            case SUB: {
                next();
                Token n = peek();
                if (!n.is(TokenKind.NUMBER)) {
                    throw expected(n, "a number after " + t.text());
                }
                next();
                return new SampleExpr.Literal(number(n, t.is(TokenKind.SUB) ? "-" : "+"));
            }
            case FUNCTION:
                return parseFunction(t);
            default:
                if (t.is(TokenKind.IDENT) && (RangeOp.fromKeyword(t.value()) != null || VectorOp.fromKeyword(t.value()) != null)) {
                    throw misusedFunctionName(t);
                }
                throw expected(t, OPERAND);
        }
    }

    /**
     * The lexer takes a name for a function only before {@code (} or {@code by (}: an aggregation's
     * name without them ({@code rate[5m]}, {@code sum by level (...)}) is faulted where the
     * parenthesis is missing, not at the name.
     */
    private ParseFailure misusedFunctionName(Token name) {
        next();
        Token after = peek();
        boolean vector = VectorOp.fromKeyword(name.value()) != null;
        if (vector && (after.text().equals("by") || after.text().equals("without"))) {
            next();
            return expected(peek(), "( after " + after.text() + ": grouping labels go in parentheses, e.g. "
                    + name.value() + " " + after.text() + " (level) (...)");
        }
        return expected(after, "( after " + name.value() + ", e.g. " + name.value()
                + (vector ? "(rate({container=\"triton\"}[5m]))" : "({container=\"triton\"}[5m])"));
    }

    private Expr parseFunction(Token t) {
        RangeOp rangeOp = RangeOp.fromKeyword(t.value());
        if (rangeOp != null) {
            return parseRangeAggregation(rangeOp);
        }
        VectorOp vectorOp = VectorOp.fromKeyword(t.value());
        if (vectorOp != null) {
            return parseVectorAggregation(vectorOp);
        }
        switch (t.value()) {
            case "vector": {
                next();
                expect(TokenKind.LPAREN, "( after vector");
                Token n = peek();
                if (!n.is(TokenKind.NUMBER)) {
                    throw expected(n, "a number inside vector(...)");
                }
                next();
                expect(TokenKind.RPAREN, ") to close vector(");
                return new SampleExpr.Vector(number(n, ""));
            }
            case "label_replace":
                return parseLabelReplace();
            default:
                throw fail(t, t.value() + "(...) is only allowed after | unwrap, e.g. | unwrap " + t.value() + "(latency)", OPERAND);
        }
    }

    private SampleExpr parseRangeAggregation(RangeOp op) {
        Token name = next();
        Token open = expect(TokenKind.LPAREN, "( after " + op.keyword());
        enter(open);
        Token paramToken = leadingNumberParameter();
        NumberValue parameter = paramToken == null ? null : number(paramToken, "");
        LogRange range = parseLogRange();
        expect(TokenKind.RPAREN, ") to close " + op.keyword() + "(");
        depth--;
        Grouping grouping = null;
        Token groupingToken = peek();
        if (isGroupingStart(groupingToken)) {
            grouping = parseGrouping();
        }
        if (parameter != null && !op.takesParameter()) {
            defer(paramToken, op.keyword() + " takes no parameter; only quantile_over_time does, e.g. quantile_over_time(0.99, ...)");
        } else if (parameter == null && op.takesParameter()) {
            defer(name, op.keyword() + " needs the quantile first, e.g. quantile_over_time(0.99, {...} | unwrap latency [5m])");
        }
        if (grouping != null && !op.groupingAllowed()) {
            defer(groupingToken, "grouping is not allowed for " + op.keyword() + "; put by/without on an outer aggregation such as sum by (...) (...)");
        }
        if (range.unwrap() != null && op.unwrap() == RangeOp.Unwrap.FORBIDDEN) {
            defer(name, op.keyword() + " counts lines and cannot use | unwrap; use sum_over_time, avg_over_time... for unwrapped values");
        } else if (range.unwrap() == null && op.unwrap() == RangeOp.Unwrap.REQUIRED) {
            defer(name, op.keyword() + " aggregates label values and needs | unwrap <label> before the range");
        }
        return new SampleExpr.RangeAggregation(op, parameter, range, grouping);
    }

    /** A leading {@code <number>,} parameter (quantile_over_time's quantile, topk's k), or null. */
    private Token leadingNumberParameter() {
        if (!peek().is(TokenKind.NUMBER) || !peek(1).is(TokenKind.COMMA)) {
            return null;
        }
        Token parameter = next();
        next();
        return parameter;
    }

    private SampleExpr parseVectorAggregation(VectorOp op) {
        Token name = next();
        Grouping grouping = null;
        Token groupingToken = peek();
        if (isGroupingStart(groupingToken)) {
            grouping = parseGrouping();
        }
        Token open = expect(TokenKind.LPAREN, "( after " + op.keyword());
        enter(open);
        Token paramToken = leadingNumberParameter();
        NumberValue parameter = paramToken == null ? null : number(paramToken, "");
        Token innerStart = peek();
        Expr inner = parseExpr(0);
        expect(TokenKind.RPAREN, ") to close " + op.keyword() + "(");
        depth--;
        if (isGroupingStart(peek())) {
            if (grouping != null) {
                throw fail(peek(), op.keyword() + " already has a grouping before its parentheses", null);
            }
            groupingToken = peek();
            grouping = parseGrouping();
        }
        if (!(inner instanceof SampleExpr sample)) {
            throw fail(innerStart, op.keyword() + "(...) needs a metric query such as count_over_time({...}[5m]), not a log query", null);
        }
        if (op.takesParameter()) {
            if (parameter == null) {
                defer(name, op.keyword() + " needs a count first, e.g. " + op.keyword() + "(5, ...)");
            } else if (!paramToken.text().matches("[0-9]+") || parameter.value() < 1 || parameter.value() > Integer.MAX_VALUE) {
                defer(paramToken, op.keyword() + " needs a positive whole number of series, not " + paramToken.text());
            }
        } else if (parameter != null) {
            defer(paramToken, op.keyword() + " takes no parameter; only topk, bottomk and approx_topk do");
        }
        if (grouping != null && (op == VectorOp.SORT || op == VectorOp.SORT_DESC) && !grouping.labels().isEmpty()) {
            defer(groupingToken, op.keyword() + " sorts by value and does not allow by/without labels");
        }
        if (grouping != null && op == VectorOp.APPROX_TOPK) {
            defer(groupingToken, "grouping is not allowed for approx_topk");
        }
        return new SampleExpr.VectorAggregation(op, parameter, sample, grouping);
    }

    private SampleExpr parseLabelReplace() {
        next();
        Token open = expect(TokenKind.LPAREN, "( after label_replace");
        enter(open);
        Token innerStart = peek();
        Expr inner = parseExpr(0);
        if (!(inner instanceof SampleExpr sample)) {
            throw fail(innerStart, "label_replace needs a metric query, not a log query", null);
        }
        String[] args = new String[4];
        Token regexToken = null;
        for (int i = 0; i < 4; i++) {
            expect(TokenKind.COMMA, i == 0 ? ", then the destination label" : ", then the next of the four label_replace strings");
            regexToken = expectString("a quoted string (label_replace takes destination, replacement, source label and regex)");
            args[i] = regexToken.value();
        }
        expect(TokenKind.RPAREN, ") to close label_replace(");
        depth--;
        checkRegex(regexToken, "label_replace");
        return new SampleExpr.LabelReplace(sample, args[0], args[1], args[2], args[3]);
    }

    private boolean isGroupingStart(Token t) {
        return t.isKeyword("by") || t.isKeyword("without");
    }

    private Grouping parseGrouping() {
        Token keyword = next();
        return new Grouping(keyword.value().equals("without"), parseLabelList(keyword.value()));
    }

    /** {@code ( [label {, label}] )}. */
    private List<String> parseLabelList(String after) {
        expect(TokenKind.LPAREN, "( after " + after);
        List<String> labels = new ArrayList<>();
        if (peek().is(TokenKind.RPAREN)) {
            next();
            return labels;
        }
        while (true) {
            labels.add(labelName().text());
            Token t = next();
            if (t.is(TokenKind.RPAREN)) {
                return labels;
            }
            if (!t.is(TokenKind.COMMA)) {
                throw expected(t, ", or ) in the label list");
            }
        }
    }

    // ---------------------------------------------------------------- log queries

    private LogExpr parseLogExpr() {
        Selector selector = parseSelector();
        List<Stage> stages = parsePipeline(false);
        Token t = peek();
        if (t.is(TokenKind.PIPE) && peek(1).isKeyword("unwrap")) {
            throw fail(peek(1), "| unwrap is only allowed inside a range aggregation, e.g. sum_over_time({...} | unwrap bytes [5m])", null);
        }
        return new LogExpr(selector, stages);
    }

    private Selector parseSelector() {
        Token open = expect(TokenKind.LBRACE, "a stream selector such as {container=\"triton\"}");
        List<Matcher> matchers = new ArrayList<>();
        if (!peek().is(TokenKind.RBRACE)) {
            while (true) {
                matchers.add(parseMatcher());
                Token t = next();
                if (t.is(TokenKind.RBRACE)) {
                    break;
                }
                if (!t.is(TokenKind.COMMA)) {
                    throw expected(t, ", or } after the label matcher");
                }
            }
        } else {
            next();
        }
        checkSelectsSomething(open, matchers);
        return new Selector(matchers);
    }

    /** Loki refuses to scan every stream: some matcher must not match the empty value. */
    private void checkSelectsSomething(Token at, List<Matcher> matchers) {
        for (Matcher m : matchers) {
            if (!matchesEmpty(m)) {
                return;
            }
        }
        defer(at, matchers.isEmpty()
                ? "a stream selector needs at least one label matcher, e.g. {container=\"triton\"}"
                : "every matcher in this selector also matches streams without the label (an empty value); "
                        + "add one that requires a value, e.g. name=\"value\" or name=~\".+\"");
    }

    /** Whether {@code m} accepts a stream that lacks the label. A regex we cannot judge counts as not matching. */
    private static boolean matchesEmpty(Matcher m) {
        return switch (m.op()) {
            case EQ -> m.value().isEmpty();
            case NEQ -> !m.value().isEmpty();
            case RE -> Boolean.TRUE.equals(LokiRegex.matchesEmpty(m.value()));
            case NRE -> Boolean.FALSE.equals(LokiRegex.matchesEmpty(m.value()));
        };
    }

    private Matcher parseMatcher() {
        Token name = labelName();
        Token opToken = next();
        MatchOp op = switch (opToken.kind()) {
            case EQ -> MatchOp.EQ;
            case NEQ -> MatchOp.NEQ;
            case RE -> MatchOp.RE;
            case NRE -> MatchOp.NRE;
            default -> throw expected(opToken, "a label matcher operator (=, !=, =~, !~)");
        };
        Token value = expectString("a quoted string after " + name.text() + opToken.text());
        if (op.isRegex()) {
            checkRegex(value, "matcher " + name.text() + op.symbol());
        }
        return new Matcher(name.text(), op, value.value());
    }

    private Token labelName() {
        Token t = next();
        if (t.is(TokenKind.IDENT)) {
            return t;
        }
        if (t.is(TokenKind.KEYWORD)) {
            throw fail(t, "expected a label name but found the keyword \"" + t.text()
                    + "\"; LogQL keywords cannot be used as label names", "a label name");
        }
        throw expected(t, "a label name");
    }

    /** Stages until something that cannot continue a pipeline; {@code | unwrap} is left for the caller. */
    private List<Stage> parsePipeline(boolean inRange) {
        List<Stage> stages = new ArrayList<>();
        while (true) {
            Token t = peek();
            LineFilterOp filterOp = lineFilterOp(t);
            if (filterOp != null) {
                boolean firstOfRun = stages.isEmpty() || !(stages.get(stages.size() - 1) instanceof Stage.LineFilter);
                stages.add(parseLineFilter(filterOp, firstOfRun));
            } else if (t.is(TokenKind.PIPE) && !peek(1).isKeyword("unwrap")) {
                next();
                stages.add(parseStage());
            } else {
                return stages;
            }
        }
    }

    private static LineFilterOp lineFilterOp(Token t) {
        return switch (t.kind()) {
            case PIPE_EXACT -> LineFilterOp.CONTAINS;
            case NEQ -> LineFilterOp.NOT_CONTAINS;
            case PIPE_MATCH -> LineFilterOp.MATCHES;
            case NRE -> LineFilterOp.NOT_MATCHES;
            case PIPE_PATTERN -> LineFilterOp.PATTERN;
            case NPA -> LineFilterOp.NOT_PATTERN;
            default -> null;
        };
    }

    /**
     * Alternatives joined by {@code or}. Loki 3.4's grammar ends a run of alternatives at each
     * {@code ip(...)}; the first line filter after a selector or a {@code | stage} may hold two
     * such runs, a line filter that follows another line filter only one.
     */
    private Stage.LineFilter parseLineFilter(LineFilterOp op, boolean firstOfRun) {
        Token opToken = next();
        List<Stage.FilterValue> alternatives = new ArrayList<>();
        alternatives.add(filterValue(op, opToken));
        int closedRuns = alternatives.get(0).ip() ? 1 : 0;
        int maxRuns = firstOfRun ? 2 : 1;
        while (peek().isKeyword("or")) {
            if (closedRuns == maxRuns) {
                throw fail(peek(), firstOfRun
                        ? "no alternative may follow a second ip(...) run of a line filter's alternatives"
                        : "no alternative may follow an ip(...) alternative of a line filter that follows another line filter", null);
            }
            Token or = next();
            Stage.FilterValue value = filterValue(op, or);
            alternatives.add(value);
            if (value.ip()) {
                closedRuns++;
            }
        }
        return new Stage.LineFilter(op, alternatives);
    }

    private Stage.FilterValue filterValue(LineFilterOp op, Token after) {
        Token t = peek();
        if (t.is(TokenKind.FUNCTION) && t.value().equals("ip")) {
            next();
            expect(TokenKind.LPAREN, "( after ip");
            Token pattern = expectString("a quoted IP address, CIDR block or range inside ip(...)");
            expect(TokenKind.RPAREN, ") to close ip(");
            if (op != LineFilterOp.CONTAINS && op != LineFilterOp.NOT_CONTAINS) {
                throw fail(t, "ip(...) line filters work only with |= and !=", null);
            }
            checkStage(pattern, StageChecks.ip(pattern.value()));
            return new Stage.FilterValue(pattern.value(), true);
        }
        Token value = expectString("a quoted string after " + after.text());
        if (op.isRegex() || op.isPattern()) {
            refuseRawBytes(value, "line filter " + op.symbol());
        }
        if (op.isRegex()) {
            checkRegex(value, "line filter " + op.symbol());
        } else if (op.isPattern()) {
            checkStage(value, StageChecks.pattern(value.value(), true));
        }
        return new Stage.FilterValue(value.value(), false);
    }

    private Stage parseStage() {
        Token t = peek();
        if (t.is(TokenKind.IDENT) || t.is(TokenKind.LPAREN)) {
            return new Stage.LabelFilterStage(parseLabelFilterOr());
        }
        if (!t.is(TokenKind.KEYWORD)) {
            throw expected(t, STAGE_AFTER_PIPE);
        }
        next();
        switch (t.value()) {
            case "json":
                return new Stage.Json(parseExtractions());
            case "logfmt": {
                boolean strict = false;
                boolean keepEmpty = false;
                while (peek().is(TokenKind.FLAG)) {
                    String flag = next().value();
                    strict |= flag.equals("--strict");
                    keepEmpty |= flag.equals("--keep-empty");
                }
                return new Stage.Logfmt(strict, keepEmpty, parseExtractions());
            }
            case "regexp": {
                Token re = expectString("a quoted regular expression with named captures after regexp");
                checkRegexpParser(re);
                return new Stage.Regexp(re.value());
            }
            case "pattern": {
                Token p = expectString("a quoted pattern such as \"<ip> - <_> <status>\" after pattern");
                refuseRawBytes(p, "pattern parser's pattern");
                checkStage(p, StageChecks.pattern(p.value(), false));
                return new Stage.Pattern(p.value());
            }
            case "unpack":
                return new Stage.Unpack();
            case "decolorize":
                return new Stage.Decolorize();
            case "line_format": {
                Token template = expectString("a quoted template after line_format, e.g. line_format \"{{.message}}\"");
                checkStage(template, StageChecks.template(template.value()));
                return new Stage.LineFormat(template.value());
            }
            case "label_format":
                return parseLabelFormat();
            case "drop":
                return new Stage.Drop(parseLabelRefs());
            case "keep":
                return new Stage.Keep(parseLabelRefs());
            default:
                throw fail(t, "expected " + STAGE_AFTER_PIPE + " but found the keyword \"" + t.text() + "\"", STAGE_AFTER_PIPE);
        }
    }

    private List<Stage.Extraction> parseExtractions() {
        List<Stage.Extraction> extractions = new ArrayList<>();
        if (!peek().is(TokenKind.IDENT)) {
            return extractions;
        }
        while (true) {
            Token label = labelName();
            String expression = null;
            if (peek().is(TokenKind.EQ)) {
                next();
                expression = expectString("a quoted expression after " + label.text() + "=, e.g. " + label.text() + "=\"field.sub[0]\"").value();
            }
            extractions.add(new Stage.Extraction(label.text(), expression));
            if (!peek().is(TokenKind.COMMA)) {
                return extractions;
            }
            next();
        }
    }

    private Stage parseLabelFormat() {
        List<Stage.LabelAssignment> assignments = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        while (true) {
            Token label = labelName();
            expect(TokenKind.EQ, "= after " + label.text() + " (label_format dst=src or dst=\"{{.template}}\")");
            Token value = next();
            if (value.is(TokenKind.IDENT)) {
                assignments.add(new Stage.LabelAssignment(label.text(), value.text(), true));
            } else if (value.is(TokenKind.STRING)) {
                checkStage(value, StageChecks.template(value.value()));
                assignments.add(new Stage.LabelAssignment(label.text(), value.value(), false));
            } else {
                throw expected(value, "a label name or a quoted template after " + label.text() + "=");
            }
            if (!targets.add(label.text())) {
                throw fail(label, "label_format sets " + label.text() + " more than once", null);
            }
            if (!peek().is(TokenKind.COMMA)) {
                return new Stage.LabelFormat(assignments);
            }
            next();
        }
    }

    private List<Stage.LabelRef> parseLabelRefs() {
        List<Stage.LabelRef> refs = new ArrayList<>();
        while (true) {
            Token name = labelName();
            if (peek().is(TokenKind.EQ) || peek().is(TokenKind.NEQ) || peek().is(TokenKind.RE) || peek().is(TokenKind.NRE)) {
                lookahead.add(0, name);
                refs.add(new Stage.LabelRef(null, parseMatcher()));
            } else {
                refs.add(new Stage.LabelRef(name.text(), null));
            }
            if (!peek().is(TokenKind.COMMA)) {
                return refs;
            }
            next();
        }
    }

    // ---------------------------------------------------------------- label filters

    /**
     * {@code or} is left-associative and binds loosest. {@code and} binds tighter; a {@code ,} or a
     * bare juxtaposition also means and, but Loki's grammar gives them no precedence, so yacc shifts
     * and everything to their right, {@code or} included, becomes their right operand.
     */
    private LabelFilter parseLabelFilterOr() {
        LabelFilter left = parseLabelFilterAnd();
        while (peek().isKeyword("or")) {
            next();
            left = LabelFilter.or(left, parseLabelFilterAnd());
        }
        return left;
    }

    private LabelFilter parseLabelFilterAnd() {
        LabelFilter left = parseLabelFilterPrimary();
        while (true) {
            Token t = peek();
            if (t.isKeyword("and")) {
                next();
                left = LabelFilter.and(left, parseLabelFilterPrimary());
            } else if (t.is(TokenKind.COMMA) || t.is(TokenKind.IDENT) || t.is(TokenKind.LPAREN)) {
                if (t.is(TokenKind.COMMA)) {
                    next();
                }
                enter(t);
                left = LabelFilter.and(left, parseLabelFilterOr());
                depth--;
            } else {
                return left;
            }
        }
    }

    private LabelFilter parseLabelFilterPrimary() {
        Token t = peek();
        if (t.is(TokenKind.LPAREN)) {
            next();
            enter(t);
            LabelFilter inner = parseLabelFilterOr();
            expect(TokenKind.RPAREN, ") or and/or to continue the label filter");
            depth--;
            return inner;
        }
        Token name = labelName();
        Token opToken = next();
        switch (opToken.kind()) {
            case EQ, NEQ: {
                Token value = peek();
                if (value.is(TokenKind.STRING)) {
                    next();
                    return new LabelFilter.Text(new Matcher(name.text(), opToken.is(TokenKind.EQ) ? MatchOp.EQ : MatchOp.NEQ, value.value()));
                }
                if (value.is(TokenKind.FUNCTION) && value.value().equals("ip")) {
                    next();
                    expect(TokenKind.LPAREN, "( after ip");
                    Token pattern = expectString("a quoted IP address, CIDR block or range inside ip(...)");
                    expect(TokenKind.RPAREN, ") to close ip(");
                    checkStage(pattern, StageChecks.ip(pattern.value()));
                    return new LabelFilter.Ip(name.text(), opToken.is(TokenKind.NEQ), pattern.value());
                }
                return comparison(name, opToken.is(TokenKind.EQ) ? ComparisonOp.EQ : ComparisonOp.NEQ, opToken, true);
            }
            case RE, NRE: {
                Token value = expectString("a quoted regular expression after " + name.text() + opToken.text());
                checkRegex(value, "label filter " + name.text() + opToken.text());
                return new LabelFilter.Text(new Matcher(name.text(), opToken.is(TokenKind.RE) ? MatchOp.RE : MatchOp.NRE, value.value()));
            }
            case CMP_EQ:
                return comparison(name, ComparisonOp.EQ, opToken, false);
            case GT:
                return comparison(name, ComparisonOp.GT, opToken, false);
            case GTE:
                return comparison(name, ComparisonOp.GTE, opToken, false);
            case LT:
                return comparison(name, ComparisonOp.LT, opToken, false);
            case LTE:
                return comparison(name, ComparisonOp.LTE, opToken, false);
            default:
                throw expected(opToken, "a label filter operator (=, !=, =~, !~, ==, >, >=, <, <=) after " + name.text());
        }
    }

    private LabelFilter comparison(Token name, ComparisonOp op, Token opToken, boolean stringAllowed) {
        Token value = next();
        switch (value.kind()) {
            case DURATION:
                return new LabelFilter.Duration(name.text(), op, new DurationValue(value.text(), value.duration()));
            case BYTES:
                return new LabelFilter.Bytes(name.text(), op, new BytesValue(value.text(), value.bytes()));
            case NUMBER:
                return new LabelFilter.Number(name.text(), op, number(value, ""));
            case ADD:
            case SUB: {
                Token n = next();
                if (!n.is(TokenKind.NUMBER)) {
                    throw expected(n, "a number after " + value.text());
                }
                return new LabelFilter.Number(name.text(), op, number(n, value.is(TokenKind.SUB) ? "-" : "+"));
            }
            default:
                throw expected(value, (stringAllowed ? "a quoted string, ip(...), " : "") + "a number, a duration (250ms) or a byte size (10KB) after "
                        + name.text() + " " + opToken.text());
        }
    }

    // ---------------------------------------------------------------- ranges

    /** What {@code selector ... } inside a log range holds; {@code range} is null when it follows a closing parenthesis. */
    private record RangeBody(LogExpr log, DurationValue range, Unwrap unwrap, DurationValue offset) {
    }

    private LogRange parseLogRange() {
        Token t = peek();
        if (!t.is(TokenKind.LPAREN)) {
            RangeBody body = parseRangeBody();
            if (body.range() == null) {
                throw expected(peek(), "a range such as [5m], a line filter or a pipeline stage (| ...)");
            }
            return new LogRange(body.log(), body.range(), body.unwrap(), body.offset());
        }
        next();
        enter(t);
        if (peek().is(TokenKind.LPAREN)) {
            LogRange inner = parseLogRange();
            expect(TokenKind.RPAREN, ") to close the parenthesised log range");
            depth--;
            return inner;
        }
        RangeBody body = parseRangeBody();
        expect(TokenKind.RPAREN, body.range() == null
                ? ") or the rest of the pipeline (|=, | json, | unwrap ...)"
                : ") to close the parenthesised log range");
        depth--;
        if (body.range() != null) {
            return new LogRange(body.log(), body.range(), body.unwrap(), body.offset());
        }
        Token range = peek();
        if (!range.is(TokenKind.RANGE)) {
            throw expected(range, "a range such as [5m] after the parenthesised log query");
        }
        next();
        return new LogRange(body.log(), new DurationValue(range.value(), range.duration()), body.unwrap(), parseOffset());
    }

    /** {@code selector [range [offset]] [pipeline] [unwrap]} or {@code selector [pipeline] [unwrap] [range [offset]]}. */
    private RangeBody parseRangeBody() {
        Selector selector = parseSelector();
        DurationValue range = null;
        DurationValue offset = null;
        if (peek().is(TokenKind.RANGE)) {
            Token r = next();
            range = new DurationValue(r.value(), r.duration());
            offset = parseOffset();
        }
        List<Stage> stages = parsePipeline(true);
        Unwrap unwrap = null;
        if (peek().is(TokenKind.PIPE) && peek(1).isKeyword("unwrap")) {
            unwrap = parseUnwrap();
        }
        if (range == null && peek().is(TokenKind.RANGE)) {
            Token r = next();
            range = new DurationValue(r.value(), r.duration());
            offset = parseOffset();
        }
        return new RangeBody(new LogExpr(selector, stages), range, unwrap, offset);
    }

    private DurationValue parseOffset() {
        if (!peek().isKeyword("offset")) {
            return null;
        }
        next();
        Token d = next();
        if (!d.is(TokenKind.DURATION)) {
            throw expected(d, "a duration such as 1h after offset");
        }
        return new DurationValue(d.text(), d.duration());
    }

    private Unwrap parseUnwrap() {
        next();
        next();
        Unwrap.Conversion conversion = null;
        Token t = peek();
        Token label;
        if (t.is(TokenKind.FUNCTION) && (t.value().equals("bytes") || t.value().equals("duration") || t.value().equals("duration_seconds"))) {
            next();
            conversion = switch (t.value()) {
                case "bytes" -> Unwrap.Conversion.BYTES;
                case "duration" -> Unwrap.Conversion.DURATION;
                default -> Unwrap.Conversion.DURATION_SECONDS;
            };
            expect(TokenKind.LPAREN, "( after " + t.value());
            label = labelName();
            expect(TokenKind.RPAREN, ") to close " + t.value() + "(");
        } else if (t.is(TokenKind.IDENT) || t.is(TokenKind.KEYWORD)) {
            label = labelName();
        } else {
            throw expected(t, "a label name, or duration(label), duration_seconds(label) or bytes(label), after unwrap");
        }
        List<LabelFilter> post = new ArrayList<>();
        while (peek().is(TokenKind.PIPE)) {
            Token after = peek(1);
            if (!after.is(TokenKind.IDENT) && !after.is(TokenKind.LPAREN)) {
                throw fail(after, "only label filters (such as | __error__=\"\") may follow | unwrap", "a label filter");
            }
            next();
            post.add(parseLabelFilterOr());
        }
        return new Unwrap(label.text(), conversion, post);
    }

    // ---------------------------------------------------------------- checks

    private void checkRegex(Token value, String where) {
        try {
            LokiRegex.compile(value.value());
        } catch (LokiRegex.Fault e) {
            throw failInside(value, e.index(), "invalid regular expression in " + where + ": " + e.getMessage()
                    + " (at character " + (e.index() + 1) + " of the expression)");
        }
    }

    /**
     * A fault at {@code index} of a string's value. The column points inside the literal when the
     * literal holds no escapes (so value and source line up), else at its opening quote.
     */
    private ParseFailure failInside(Token literal, int index, String reason) {
        String text = literal.text();
        boolean verbatim = text.length() == literal.value().length() + 2;
        int offset = verbatim && index > 0 ? literal.start() + 1 + index : literal.start();
        return new ParseFailure(ParseError.at(src, offset, reason, null, literal.describe()));
    }

    /**
     * Loki keeps escaped bytes that are not valid UTF-8 ({@code "\\xff"}) in matchers, label
     * filters and templates, but its line filter regexes, patterns and regexp parser refuse them.
     */
    private void refuseRawBytes(Token value, String where) {
        if (StringLiterals.hasRawBytes(value.value())) {
            throw fail(value, "the " + where + " holds escaped bytes that are not valid UTF-8", null);
        }
    }

    /** The regexp parser needs named captures whose names are label names. */
    private void checkRegexpParser(Token value) {
        refuseRawBytes(value, "regexp parser's expression");
        Pattern checked;
        try {
            checked = LokiRegex.compileWithUniqueNames(value.value());
        } catch (LokiRegex.Fault e) {
            throw failInside(value, e.index(), "invalid regular expression in regexp: " + e.getMessage()
                    + " (at character " + (e.index() + 1) + " of the expression)");
        }
        boolean named = false;
        for (String name : checked.namedGroups().keySet()) {
            named = true;
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw fail(value, "regexp capture name '" + name + "' is not a valid label name", null);
            }
        }
        if (!named) {
            throw fail(value, "regexp needs at least one named capture such as (?P<status>\\d+)", null);
        }
    }

    private void checkStage(Token value, StageChecks.Fault fault) {
        if (fault != null) {
            throw failInside(value, fault.index(), fault.message() + (fault.index() > 0 ? " (at character " + (fault.index() + 1) + " of the string)" : ""));
        }
    }

    private NumberValue number(Token t, String sign) {
        String text = sign + t.text();
        return new NumberValue(text, Double.parseDouble(text.replace("_", "")));
    }

    private void enter(Token at) {
        if (++depth > limits.maxDepth()) {
            throw fail(at, "the query nests deeper than " + limits.maxDepth() + " levels (parentheses, function calls and operators count)", null);
        }
    }

    private void defer(Token at, String reason) {
        if (deferred == null) {
            deferred = ParseError.at(src, at.start(), reason, null, at.describe());
        }
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        return peek(0);
    }

    private Token peek(int k) {
        while (lookahead.size() <= k) {
            lookahead.add(lexer.next());
        }
        return lookahead.get(k);
    }

    private Token next() {
        Token t = peek();
        lookahead.remove(0);
        return t;
    }

    private Token expect(TokenKind kind, String expected) {
        Token t = next();
        if (!t.is(kind)) {
            throw expected(t, expected);
        }
        return t;
    }

    private Token expectString(String expected) {
        return expect(TokenKind.STRING, expected);
    }

    private ParseFailure expected(Token found, String expected) {
        return new ParseFailure(ParseError.at(src, found.start(), "expected " + expected + " but found " + found.describe(), expected, found.describe()));
    }

    private ParseFailure fail(Token at, String reason, String expected) {
        return new ParseFailure(ParseError.at(src, at.start(), reason, expected, at.describe()));
    }
}
