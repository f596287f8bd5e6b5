"""The anonymous page cache: whole public pages, each kept until a tag it shows is purged.

It knows nothing about articles: pages record what they show as tags (`pagecache.tags`), content
apps purge tags when content changes (`pagecache.purge`) and say when content next changes by
itself (`pagecache.content`); the admin's address comes from the URLconf.
"""
