"""The guided wizard: from "something happened" to a saved, assessed incident (issue 4)."""
