"""Files in: scenario TOML files and bundled presets."""
