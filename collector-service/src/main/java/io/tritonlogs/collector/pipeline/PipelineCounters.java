package io.tritonlogs.collector.pipeline;

/** What the pipeline counts; implemented with Micrometer by the service, by plain counters in tests. */
public interface PipelineCounters {
    void lineRead(int bytes);

    void skippedOnResume();

    void entryProduced();

    void modelLabelOmitted();

    void redacted();

    /** A counter set that counts nothing, for harnesses that measure only speed. */
    PipelineCounters NONE = new PipelineCounters() {
        @Override
        public void lineRead(int bytes) {
        }

        @Override
        public void skippedOnResume() {
        }

        @Override
        public void entryProduced() {
        }

        @Override
        public void modelLabelOmitted() {
        }

        @Override
        public void redacted() {
        }
    };
}
