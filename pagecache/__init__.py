"""The anonymous page cache: whole public pages, kept until the content they show changes.

It knows nothing about articles: content apps tell it what to watch in their AppConfig.ready()
(`pagecache.registry`), and the admin's address comes from the URLconf.
"""
