package dev.clusterlab.engine.scenario;

/**
 * A scenario file that cannot be used. The message reads {@code file:line:column: what was expected},
 * the form editors and compilers use, so a trainer can jump straight to the offending token.
 * Line and column are 1-based; the column may be one past the end of the line ("expected more here").
 */
public final class ScenarioSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    public ScenarioSyntaxException(String file, int line, int column, String detail) {
        super(file + ":" + line + ":" + column + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    /** The message without the {@code file:line:column:} prefix. */
    public String detail() { return detail; }
}
