"""``@copy`` and ``@move`` that answer 400 for an item the folder does not take."""
