package io.tritonlogs.common.logql;

enum TokenKind {
    IDENT("a name"), KEYWORD("a keyword"), FUNCTION("a function"), STRING("a string"), NUMBER("a number"),
    DURATION("a duration"), BYTES("a byte size"), RANGE("a range"), FLAG("a parser flag"),
    LBRACE("{"), RBRACE("}"), LPAREN("("), RPAREN(")"), COMMA(","), DOT("."),
    EQ("="), NEQ("!="), RE("=~"), NRE("!~"), PIPE_EXACT("|="), PIPE_MATCH("|~"), PIPE_PATTERN("|>"), NPA("!>"), PIPE("|"),
    CMP_EQ("=="), GT(">"), GTE(">="), LT("<"), LTE("<="), ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"),
    OTHER("a character"), EOF("the end of the query");

    final String description;

    TokenKind(String description) {
        this.description = description;
    }
}
