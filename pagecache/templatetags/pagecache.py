"""`{% page_tags "menu" %}`: a template records what it shows (pagecache/tags.py).

Put it outside any fragment cache: a cached fragment does not run its tags."""

from django import template

from pagecache.tags import add_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def page_tags(context, *tags):
    request = context.get("request")
    if request is not None:
        add_tags(request, *tags)
    return ""
