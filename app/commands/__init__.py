"""Sub-commands of main.py, one module each."""
