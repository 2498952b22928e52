"""Deadlines on screen: the countdown panel, the calendar of closed days and deadlines, the clock display, the
reminder settings, and the wiring that installs them into the main window (deadline_features.py). It imports app/
(calendar, deadlines, services) and the shell's shared pieces (dialogs, tray); the shell installs it."""
