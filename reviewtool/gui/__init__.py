"""The desktop app (PySide6): windows, views, item models, undo commands, dialogs.

Start it with `reviewtool` or `reviewtool gui [FILE]`; programmatically, see main_window.py.
"""
