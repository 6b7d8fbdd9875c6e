"""The provincial hub: receives completion records from kiosks and reports progress.

Installed with the ``hub`` extra (``pip install .[hub]``). Plain Python and FastAPI,
never Qt.
"""
