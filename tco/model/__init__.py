"""What a scenario is: the key spec, validation, and the model the engine reads."""
