"""The record: models, the evidence store, the registry, ranking and exports."""
