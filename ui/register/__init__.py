"""The register screen: the incident table, its filters and search, and the register's menu actions (export,
audit check, the workspaces it opens). It imports app/ and ui.shell's dialogs, never the window around it."""
