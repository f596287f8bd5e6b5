"""The demo newsroom (`manage.py load_demo`): fictional stories and demo users, never production data."""
