"""govdisclose: static-site generator and freshness validator for government information-disclosure portals."""

__version__ = "0.1.0"
