package io.tritonlogs.collector.files;

import java.util.Map;

/**
 * What one discovery pass found.
 *
 * @param byId    the log files by identity, in the order they were listed
 * @param listed  false when the directories could not be listed: then nothing is known of any file
 * @param healthy whether the source can read
 * @param problem what is wrong, or null
 */
record DiscoveredFiles(Map<String, FoundFile> byId, boolean listed, boolean healthy, String problem) {

    static DiscoveredFiles failed(String problem) {
        return new DiscoveredFiles(Map.of(), false, false, problem);
    }
}
