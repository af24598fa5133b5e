"""The SQLite store of requests and answers, its schema migrations and its exports."""
