package org.metaj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Inputs shared by the CLI tests. */
final class CliFixtures {
    private CliFixtures() {
    }

    /** metafor's dat.bcg (Colditz et al. 1994): study, year and the 2x2 counts of the 13 BCG trials. */
    static final String BCG = "study,year,ai,bi,ci,di\n"
            + "Aronson 1948,1948,4,119,11,128\nFerguson & Simes 1949,1949,6,300,29,274\n"
            + "Rosenthal et al 1960,1960,3,228,11,209\nHart & Sutherland 1977,1977,62,13536,248,12619\n"
            + "Frimodt-Moller et al 1973,1973,33,5036,47,5761\nStein & Aronson 1953,1953,180,1361,372,1079\n"
            + "Vandiviere et al 1973,1973,8,2537,10,619\nTPT Madras 1980,1980,505,87886,499,87892\n"
            + "Coetzee & Berjak 1968,1968,29,7470,45,7232\nRosenthal et al 1961,1961,17,1699,65,1600\n"
            + "Comstock et al 1974,1974,186,50448,141,27197\nComstock & Webster 1969,1969,5,2493,3,2338\n"
            + "Comstock et al 1976,1976,27,16886,29,17825\n";

    /** @return {@link #BCG} written to {@code dir/bcg.csv} */
    static Path writeBcg(Path dir) throws IOException {
        Path p = dir.resolve("bcg.csv");
        Files.writeString(p, BCG);
        return p;
    }
}
