"""The one place the version lives (read by hatchling and re-exported by ``comity``)."""

__version__ = "0.1.0"
