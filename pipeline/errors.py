"""A short exception tree.

Problems from the outside world (a feed that times out, an ill-formed entry) are recorded
as data on the feed or article and never raised past the stage that met them. Exceptions
are for configuration and usage errors, with a message that names the input and the field.
"""


class RecoupeError(Exception):
    """Base of every error Recoupe raises on purpose."""


class ConfigError(RecoupeError):
    """A configuration file or argument is wrong: names the file and the field. Exit code 2."""


class InputError(RecoupeError):
    """One input item is malformed (a JSONL line, a feed URL): reported, skipped, exit code 1."""


class FetchError(RecoupeError):
    """Fetching failed. ``retryable`` says whether trying again later may help."""

    def __init__(self, message: str, *, retryable: bool = False, status: int | None = None):
        super().__init__(message)
        self.retryable = retryable
        self.status = status
