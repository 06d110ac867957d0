"""The demo world's websites on loopback: `python -m demo.sites serve`."""

from demo.sites.server import DemoWorld

__all__ = ["DemoWorld"]
