"""The guided wizard without Qt: questions as data, the answers draft, the flow and its mapping to Facts."""
