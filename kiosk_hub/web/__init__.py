"""The hub's web pages: login, dashboard, slip scanning, admin, exports."""
