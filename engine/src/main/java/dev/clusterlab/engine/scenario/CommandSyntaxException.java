package dev.clusterlab.engine.scenario;

/** A command line that does not follow the command language; {@code column} is 1-based. */
public final class CommandSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int column;

    public CommandSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    public int column() { return column; }
}
