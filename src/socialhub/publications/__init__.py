"""The publication library: reviewed reports, briefs, papers and books."""
