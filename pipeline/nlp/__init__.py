"""Language processing: the spaCy pipeline, organisations, victim counts, dates."""
