"""The one exception type for bad physical or user input.

The CLI turns it into a one-line message and exit code 2; library users catch it as a ValueError.
"""


class InputError(ValueError):
    """Input that cannot describe a physical device (the message says what is wrong and what to do)."""
