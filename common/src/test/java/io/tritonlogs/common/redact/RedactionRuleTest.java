package io.tritonlogs.common.redact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured extra rules: compiled and checked once, applied after the built-in ones, never leaving the secret behind. */
class RedactionRuleTest {

    private static Redactor onlyExtra(RedactionRule... rules) {
        return new Redactor(new RedactionConfig(List.of(), false, false, false, List.of(rules)));
    }

    private static Redactor defaultsPlus(RedactionRule... rules) {
        return new Redactor(new RedactionConfig(RedactionConfig.DEFAULT_SECRET_KEYS, true, true, true, List.of(rules)));
    }

    @Test
    void theGuidesReplacementDoesNotLeaveTheSecretBehind() {
        // Promtail's replace stage replaces only the captured group: "password=***REDACTED***=hunter2".
        // Here the whole match is replaced, with or without the built-in rules in front.
        RedactionRule guide = RedactionRule.of("guide", "(password|token|key)=\\S+", "$1=***REDACTED***");
        assertThat(onlyExtra(guide).redact("login failed password=hunter2 user=bob"))
                .isEqualTo("login failed password=***REDACTED*** user=bob").doesNotContain("hunter2");
        assertThat(defaultsPlus(guide).redact("login failed password=hunter2 user=bob"))
                .isEqualTo("login failed password=***REDACTED*** user=bob").doesNotContain("hunter2");
    }

    @Test
    void aKeyTheBuiltInRulesDoNotKnowIsMaskedAfterThem() {
        RedactionRule session = RedactionRule.of("session", "(session_id)=[^\\s\"]+", "$1=" + Redactor.MASK);
        String out = defaultsPlus(session).redact("E1201 1 a.cc:1] \"refused session_id=s3cr3t password=hunter2\"");
        assertThat(out).isEqualTo("E1201 1 a.cc:1] \"refused session_id=***REDACTED*** password=***REDACTED***\"")
                .doesNotContain("s3cr3t", "hunter2");
    }

    @Test
    void defaultReplacementMasksTheWholeMatchAndNamedGroupsWork() {
        RedactionRule email = RedactionRule.of("email", "[\\w.+-]+@(?<domain>[\\w-]+\\.[\\w.]+)", "***@${domain}");
        RedactionRule card = RedactionRule.of("card", "\\b\\d{4}(?:[ -]?\\d{4}){3}\\b", Redactor.MASK);
        assertThat(onlyExtra(email, card).redact("user jane.doe@example.com paid with 4111 1111 1111 1111"))
                .isEqualTo("user ***@example.com paid with ***REDACTED***");
    }

    @Test
    void rulesRunInTheGivenOrderEachOnTheOutputOfTheLast() {
        RedactionRule first = RedactionRule.of("a", "secret-[0-9]+", "<id>");
        RedactionRule second = RedactionRule.of("b", "<id>", "[gone]");
        assertThat(onlyExtra(first, second).redact("x secret-42 y")).isEqualTo("x [gone] y");
    }

    @Test
    void aLineNoRuleMatchesIsReturnedAsTheSameInstance() {
        String line = "I1201 10:30:45.123456 1 server.cc:1] nothing to hide here";
        assertThat(defaultsPlus(RedactionRule.of("session", "session_id=\\S+", Redactor.MASK)).redact(line)).isSameAs(line);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "(                | x     | invalid regular expression: Unclosed group at index 1 of (",
        "[a-             | x     | invalid regular expression",
        "a*               | x     | matches the empty string",
        "(a)b             | $2    | it refers to $2, but the pattern has only 1 group",
        "ab               | $1    | it refers to $1, but the pattern has no groups",
        "(?<user>a)b      | ${usr} | it refers to ${usr}, but the pattern has no group named usr",
        "ab               | cost $ | it ends with a lone $",
        "ab               | $x     | is followed by neither a group number nor {name}",
        "ab               | `a\\`  | it ends with a lone backslash",
        "ab               | ${1a}  | is not a group name in braces",
    })
    void aFaultyRuleIsRefusedNamingTheRuleAndTheFault(String regex, String replacement, String fault) {
        assertThatThrownBy(() -> RedactionRule.of("my-rule", regex, replacement))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("redaction rule 'my-rule': ")
                .hasMessageContaining(fault);
    }

    @Test
    void escapedDollarsAndBackslashesAreAcceptedAndLiteral() {
        RedactionRule price = RedactionRule.of("price", "price=\\d+", "price=\\$\\\\***");
        assertThat(onlyExtra(price).redact("price=42")).isEqualTo("price=$\\***");
    }

    @Test
    void aRuleBuiltWithoutTheChecksStillNeverLetsTheMatchThrough() {
        RedactionRule unchecked = new RedactionRule("raw", Pattern.compile("token-\\w+"), "$3");
        assertThat(onlyExtra(unchecked).redact("using token-abc now")).isEqualTo("using ***REDACTED*** now");
    }
}
