"""The newest migration's revision id (kept apart so start-up can read it cheaply)."""

HEAD = "0003"
