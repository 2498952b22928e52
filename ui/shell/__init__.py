"""The application's shell: the start-up in three phases (ui/shell/application.py), the main window and the actions
it gains once the register is open (open_register.py), the shared dialogs, the tray, one instance per data folder,
fonts and Qt's translations. It may import every other ui package and app/; the other ui packages import only its
shared pieces back (dialogs, tray), never the window or the start-up."""
