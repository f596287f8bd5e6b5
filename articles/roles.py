"""The newsroom's roles: which Django permissions the Writers and Editors groups hold.

The table in ../shared/PRODUCT.md ("Editorial workflow") is the rule. Migration 0002 created
the groups with a frozen copy of this table; a change here comes with a migration that writes
the new table out and applies it, so every existing database follows (the image library's
rights: images/migrations/0002_roles.py). A name without an app label is the articles app's.
"""

WRITERS = "Writers"
EDITORS = "Editors"

_READ_TAXONOMY = ["view_section", "view_author", "view_tag"]
_WRITE_DRAFTS = [
    "add_article",
    "change_article",
    "view_article",
    "add_summary",
    "change_summary",
    "view_summary",
]

# Writers add pictures and describe their own; editors describe anyone's and delete unused ones.
_USE_LIBRARY = ["images.add_image", "images.change_image", "images.view_image"]

GROUP_PERMISSIONS = {
    WRITERS: [*_READ_TAXONOMY, *_WRITE_DRAFTS, "add_tag", *_USE_LIBRARY],
    EDITORS: [
        *_READ_TAXONOMY,
        *_WRITE_DRAFTS,
        *_USE_LIBRARY,
        "images.delete_image",
        "images.edit_any_image",
        "delete_article",  # drafts only: the admin refuses to delete a published article
        "publish_article",
        "approve_summary",
        "edit_any_article",
        "add_section", "change_section",
        "add_author", "change_author",
        "add_tag", "change_tag", "delete_tag",
    ],
}  # fmt: skip


def sync_groups(group_model, permission_model):
    """Create or update the groups so they hold exactly the permissions above."""
    for name, names in GROUP_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        wanted = {tuple(n.split(".", 1)) if "." in n else ("articles", n) for n in names}
        permissions = [
            p
            for p in permission_model.objects.filter(codename__in={c for _a, c in wanted}).select_related(
                "content_type"
            )
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing:
            raise RuntimeError(f"Unknown permissions for {name}: {sorted('.'.join(m) for m in missing)}")
        group.permissions.set(permissions)
