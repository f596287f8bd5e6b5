"""The newsroom's roles: which Django permissions the Writers and Editors groups hold.

The table in ../shared/PRODUCT.md ("Editorial workflow") is the rule. Migration 0002 created
the groups with a frozen copy of this table; a change here comes with a migration that writes
the new table out and applies it, so every existing database follows.
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

GROUP_PERMISSIONS = {
    WRITERS: [*_READ_TAXONOMY, *_WRITE_DRAFTS, "add_tag"],
    EDITORS: [
        *_READ_TAXONOMY,
        *_WRITE_DRAFTS,
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
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        permissions = permission_model.objects.filter(
            content_type__app_label="articles", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Unknown permissions for {name}: {sorted(missing)}")
        group.permissions.set(permissions)
