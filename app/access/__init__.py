"""Who may do what: API keys with scopes, the bootstrap admin key, and the webhook token's rotation."""
