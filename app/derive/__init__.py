"""Re-deriving stored items from their kept raw inputs: renormalize after a rule or profile change."""
