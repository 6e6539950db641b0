"""Demo content for a fresh checkout: ``manage.py load_demo_data`` (data in data.py, loading in loader.py)."""
