"""Ready-made demos, one module per chapter (``dmnlab.demos.ch00`` ...)."""
