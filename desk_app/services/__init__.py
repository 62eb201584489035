"""The domain: every rule of SPEC.md. Pure Python, no Qt."""
