package org.metaj.effect;

/**
 * What is wrong with one study's inputs: the column (metafor's name) and the problem, as the families of measures
 * report it; the engine adds file and row.
 *
 * @param column  the offending column
 * @param problem what is wrong, with the value that arrived
 */
record Invalid(String column, String problem) {
}
