"""DuckDB storage. All SQL of the project lives in this package.

``db`` opens connections and applies migrations, ``write`` stores stage records,
``read`` returns plain rows (lists of dicts) for the CLI and the dashboard.
"""
