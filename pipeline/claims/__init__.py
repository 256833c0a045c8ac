"""Claims: named cue patterns (patterns.py), the spaCy component (component.py), Doc -> Claims (extract.py)."""
