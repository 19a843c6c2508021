package org.metaj.effect;

/** To which studies the zero-cell correction {@code add} is applied (metafor's {@code to=}). */
public enum ZeroCellRule {
    /** Add to every cell of every study. */
    ALL,
    /** Add to every cell of the studies that have a zero cell (metafor's default). */
    ONLY0,
    /** Add to every cell of every study if any study has a zero cell. */
    IF0ALL,
    /** Never add. */
    NONE
}
