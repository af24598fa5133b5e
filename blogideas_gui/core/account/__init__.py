"""Money: token prices, per-request cost and the monthly spending ledger."""
