"""Ingestion: feeds (fetch + parse) -> articles (clean text, canonical URL, dedup)."""
