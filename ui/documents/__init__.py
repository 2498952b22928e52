"""The documents of an incident on screen: preview and print, the letters mail merge, the PPC form assistant."""
