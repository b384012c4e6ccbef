"""Rule objects and the protocol each kind implements: conditions, amount formulas,
remedies and the guarantee that composes them. Above the model, below policies."""
