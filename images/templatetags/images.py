"""Pictures in templates.

    {% load images %}
    {% picture article.lead_image sizes="(min-width: 44rem) 42rem, calc(100vw - 2.5rem)" priority=True %}
    {% picture article.lead_image set="card" sizes="..." %}
    {% picture article.lead_image sizes="..." css_class="lead-story__picture" focal=True %}

`priority=True` is for the picture above the fold that is likely the largest paint: not lazy,
fetchpriority="high". Everything else is lazy. On a preview or share page (`preview` in the
context) the addresses stay on the site, where the gate can see the viewer's session or grant.
"""

from django import template

from images import pictures

register = template.Library()


@register.simple_tag(takes_context=True)
def picture(context, image, sizes, set="w", priority=False, css_class="", focal=False):
    """`focal=True`: CSS may crop the picture visually (object-fit); classes tell it where the focal
    point is, in steps of 10 % (a style attribute would need 'unsafe-inline' in the CSP)."""
    if focal and image is not None:
        css_class = f"{css_class} {focal_classes(image)}".strip()
    return pictures.picture(
        image,
        sizes=sizes,
        set_name=set,
        loading="eager" if priority else "lazy",
        fetchpriority="high" if priority else None,
        css_class=css_class,
        private=bool(context.get("preview")),
    )


def focal_classes(image):
    return f"focal-x{round(image.focal_x * 10) * 10} focal-y{round(image.focal_y * 10) * 10}"
