"""The JSON API for publishing systems, versioned under /api/v1/ (see CONTRACT.md)."""
