"""The bare Django floor for `make bench` (issue 13): a minimal project, served as the app is.

Django's default middleware (as `startproject` writes it), no database, one view returning a fixed
page of the article page's size (FLOOR_BYTES). bench/newsroom_day.py serves it with gunicorn and the
app's own newsroom/gunicorn.conf.py, so the only difference from the app is the app itself: the
newsroom-day figures are ratios to this floor measured in the same run.

    gunicorn floor.wsgi --pythonpath bench --config newsroom/gunicorn.conf.py   # from the repository root
"""
