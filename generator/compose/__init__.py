"""Stage 3, compose: validated cases become paper HTML (see compose.paper)."""
