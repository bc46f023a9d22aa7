"""Word lists that analysis reads (package data): profanity that never becomes a keyword or label."""
