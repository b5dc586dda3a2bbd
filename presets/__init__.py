"""Bundled scenario presets (TOML data), installed as the package tco.presets."""
