"""The course catalogue: e-courses and MOOCs, instructor-led and self-paced."""
