"""Frozen dataclasses and enums passed between the layers."""
