"""tco: multi-year total cost of ownership of AI data-centre switch fleets."""

__version__ = "0.1.0"
