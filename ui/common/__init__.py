"""Small widgets and helpers every screen may use (messages, date formats); imports only app/ and Qt, never a
screen package, so the screens (shell, register, workspace, wizard, calendar, documents) can share them without
importing each other."""
