package io.tritonlogs.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checker the other tests rely on finds what it should. */
class LabelContractTest {

    @Test
    void acceptsContractQueries() {
        assertThat(LabelContract.problems("sum(count_over_time({service=\"triton\", level=~\"ERROR|FATAL\"}[5m]))")).isEmpty();
        assertThat(LabelContract.problems("{namespace=\"ml\", pod=~\"triton-.*\", container=\"server\", stream=\"stderr\", model_name=\"resnet50\"}")).isEmpty();
    }

    @Test
    void reportsQueriesThatBreakTheContract() {
        assertThat(LabelContract.problems("{job=\"triton\"}")).singleElement().asString().contains("'job'");
        assertThat(LabelContract.problems("{service=\"triton\", level=\"error\"}")).singleElement().asString().contains("not a contract level");
        assertThat(LabelContract.problems("{service=\"triton\", level=~\"ERROR|CRITICAL\"}")).singleElement().asString().contains("CRITICAL");
        assertThat(LabelContract.problems("{service=\"triton\"} |~ \"ERROR|FATAL\"")).singleElement().asString().contains("level label");
        assertThat(LabelContract.problems("sum(count_over_time({service=\"triton\"}[5m])")).singleElement().asString().startsWith("does not parse");
    }

    @Test
    void substitutesGrafanaVariables() {
        assertThat(LabelContract.substituteGrafanaVariables("sum by (level) (count_over_time({service=~\"$service\", model_name=\"${model}\"}[$__interval]))"))
                .isEqualTo("sum by (level) (count_over_time({service=~\"triton\", model_name=\"resnet50\"}[1m]))");
        assertThatThrownBy(() -> LabelContract.substituteGrafanaVariables("{service=\"$unknown\"}")).hasMessageContaining("$unknown");
    }
}
