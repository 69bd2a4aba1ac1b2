"""HallMonitor (窗口监管台): supervision of a government service hall's windows."""

__version__ = "0.1.0"
