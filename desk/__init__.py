"""The editors' desk: the admin home for writers and editors, and what helps them write.

- sites: the admin site whose home is the desk (the list of models moves to /admin/models/)
- sections: what waits for whom (the desk's headings and their queries)
- calendar, views: the desk, the week and day calendar, scheduling from the calendar
- autosave, presence: typed state kept per tab; who is editing a story now, and taking over
- admin: what the desk adds to the article admin through articles/admin/extensions.py
"""
