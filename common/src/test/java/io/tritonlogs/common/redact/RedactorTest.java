package io.tritonlogs.common.redact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactorTest {

    private final Redactor redactor = Redactor.withDefaults();

    @Test
    void guideCaseDoesNotLeakTheSecret() {
        // The guide's Promtail config turns this into "$1=***REDACTED***=hunter2".
        String out = redactor.redact("login failed password=hunter2");
        assertThat(out).isEqualTo("login failed password=***REDACTED***").doesNotContain("hunter2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "password=hunter2 next                           | password=***REDACTED*** next",
        "token=tk_5197991                                | token=***REDACTED***",
        "api_key=abc123                                  | api_key=***REDACTED***",
        "apiKey=abc123                                   | apiKey=***REDACTED***",
        "X-Auth-Token=abc                                | X-Auth-Token=***REDACTED***",
        "PASSWORD=Secret1                                | PASSWORD=***REDACTED***",
        "dbpassword=x1                                   | dbpassword=***REDACTED***",
        "client_secret=s3cr3t                            | client_secret=***REDACTED***",
        "password=\"hunter 2\" rest                      | password=\"***REDACTED***\" rest",
        "password='hunter 2' rest                        | password='***REDACTED***' rest",
        "GET /x?token=abc&user=me                        | GET /x?token=***REDACTED***&user=me",
        "a=1 key=k2 b=2                                  | a=1 key=***REDACTED*** b=2",
        "{\"password\": \"p@ss\", \"user\": \"me\"}      | {\"password\": \"***REDACTED***\", \"user\": \"me\"}",
        "{\"api_key\":12345}                             | {\"api_key\":***REDACTED***}",
        "Authorization: Bearer eyJhbGciOi.abc.def       | Authorization: Bearer ***REDACTED***",
        "authorization: Basic dXNlcjpwYXNz              | authorization: Basic ***REDACTED***",
        "Authorization: s3cr3t-value                    | Authorization: ***REDACTED***",
        "sent bearer abc.def.ghi to upstream            | sent bearer ***REDACTED*** to upstream",
        "repo https://user:pa55@example.com/x.git       | repo https://user:***REDACTED***@example.com/x.git",
        "s3://AKIA:wJalr/x@bucket/key                   | s3://AKIA:***REDACTED***@bucket/key",
        "clone https://ghp_token123@github.com/o/r      | clone https://***REDACTED***@github.com/o/r",
    })
    void builtInShapes(String input, String expected) {
        assertThat(redactor.redact(input.trim())).isEqualTo(expected.trim());
    }

    @Test
    void tritonEscapedMessageKeepsItsClosingQuote() {
        String line = "W0304 17:57:33.133602 412 infer_handler.cc:1023] \"model 'whisper_small': timed out, token=tk_5197991\"";
        assertThat(redactor.redact(line))
                .isEqualTo("W0304 17:57:33.133602 412 infer_handler.cc:1023] \"model 'whisper_small': timed out, token=***REDACTED***\"");
        String escaped = "E1 \"cfg {\\\"password\\\":\\\"hunter2\\\"} password=\\\"two words\\\"\"";
        assertThat(redactor.redact(escaped)).isEqualTo("E1 \"cfg {\\\"password\\\":\\\"***REDACTED***\\\"} password=\\\"***REDACTED***\\\"\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "monkey=banana",
        "max_tokens=512",
        "tokenizer=bpe",
        "loading: resnet_model:1",
        "Started HTTPService at 0.0.0.0:8000",
        "see https://example.com/path?x=1",
        "keyboard=us",
    })
    void harmlessTextIsReturnedAsTheSameInstance(String input) {
        assertThat(redactor.redact(input)).isSameAs(input);
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = redactor.redact("password=a token=\"b c\" Authorization: Bearer x https://u:p@h/ {\"secret\":\"s\"}");
        assertThat(redactor.redact(once)).isEqualTo(once);
        assertThat(once).doesNotContain("=a ", "b c", "Bearer x", "u:p@", "\"s\"");
    }

    @Test
    void configuredKeysAndExtraRules() {
        Redactor custom = new Redactor(new RedactionConfig(List.of("ssn"), false, false, false,
                List.of(RedactionRule.of("card", "\\b(\\d{4})\\d{8}(\\d{4})\\b", "$1********$2"))));
        assertThat(custom.redact("ssn=123-45-6789 password=kept card 4111111111111111"))
                .isEqualTo("ssn=***REDACTED*** password=kept card 4111********1111");
        assertThat(custom.redact("Authorization: Bearer kept")).isEqualTo("Authorization: Bearer kept");
    }

    @Test
    void invalidExtraRuleNamesItself() {
        assertThatThrownBy(() -> RedactionRule.of("broken", "(", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken").hasMessageContaining("invalid regular expression");
    }

    @Test
    void multilineEntriesAreRedactedOnEveryLine() {
        assertThat(redactor.redact("E1 failed:\n  password=a\n  token=b"))
                .isEqualTo("E1 failed:\n  password=***REDACTED***\n  token=***REDACTED***");
    }
}
