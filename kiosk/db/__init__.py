"""The kiosk's local database: SQLAlchemy 2 models, opening, and migrations."""
