package io.tritonlogs.benchmarks;

import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.LogqlPrinter;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.logql.SelectorRewriter;
import io.tritonlogs.common.logql.ast.Expr;
import io.tritonlogs.common.logql.ast.Matcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Queries per second through the LogQL toolkit, on the dashboard and alert queries the services
 * run: what the query-service pays to validate a request, and the policy rewrite plus print it adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogqlParseBenchmark {

    /** The guide's dashboard panels and alert rules. */
    static final List<String> DASHBOARD_AND_ALERT_QUERIES = List.of(
            "{container=\"triton\"} |= \"error\"",
            "{container=\"triton\", level=~\"ERROR|FATAL\"} != \"health\" | json | line_format \"{{.message}}\"",
            "sum by (level) (count_over_time({container=\"triton\"}[5m]))",
            "rate({container=\"triton\", level=\"ERROR\"}[5m]) > 1",
            "sum(count_over_time({container=\"triton\", level=\"ERROR\"}[1m])) > 10",
            "topk(5, sum by (model_name) (rate({service=\"triton\", level=~\"ERROR|FATAL\"}[5m])))",
            "sum by (model_name) (count_over_time({container=\"triton\"} |= \"failed to load\" [15m])) > 0",
            "sum(rate({container=\"triton\", level=\"ERROR\"}[5m])) / sum(rate({container=\"triton\"}[5m])) > 0.05",
            "quantile_over_time(0.99, {container=\"triton\"} | logfmt | unwrap duration(latency) | __error__=\"\" [5m]) by (model_name)",
            "{namespace=\"ml\", pod=~\"triton-.+\"} |~ \"(?i)out of memory|CUDA error\" | pattern \"<_> <_> <pid> <file>:<line>] <msg>\"");

    private static final List<Matcher> POLICY = List.of(Matcher.eq("namespace", "team-a"));

    private String[] queries;
    private Expr[] parsed;

    @Setup
    public void setUp() {
        queries = DASHBOARD_AND_ALERT_QUERIES.toArray(String[]::new);
        parsed = new Expr[queries.length];
        for (int i = 0; i < queries.length; i++) {
            ParseResult result = LogqlParser.parse(queries[i]);
            if (!(result instanceof ParseResult.Parsed p)) {
                throw new IllegalStateException("benchmark query does not parse: " + result);
            }
            parsed[i] = p.expr();
        }
    }

    /** Queries per second parsed and validated. */
    @Benchmark
    @OperationsPerInvocation(10)
    public void parse(Blackhole bh) {
        for (String query : queries) {
            bh.consume(LogqlParser.parse(query));
        }
    }

    /** Queries per second printed canonically from their AST. */
    @Benchmark
    @OperationsPerInvocation(10)
    public void print(Blackhole bh) {
        for (Expr expr : parsed) {
            bh.consume(LogqlPrinter.print(expr));
        }
    }

    /** What a policed request costs: parse, force the tenant's matcher into every selector, print. */
    @Benchmark
    @OperationsPerInvocation(10)
    public void parseEnforcePrint(Blackhole bh) {
        for (String query : queries) {
            Expr expr = ((ParseResult.Parsed) LogqlParser.parse(query)).expr();
            bh.consume(LogqlPrinter.print(SelectorRewriter.enforce(expr, POLICY)));
        }
    }
}
