"""Create the Writers and Editors groups with their permissions, so every database has them.

Frozen: the permission table is written out as it stood when this migration was made, so later
changes to articles/roles.py never change what this migration does. A later change of the roles
comes with a migration of its own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

_READ_TAXONOMY = ["view_section", "view_author", "view_tag"]
_WRITE_DRAFTS = ["add_article", "change_article", "view_article", "add_summary", "change_summary", "view_summary"]
GROUP_PERMISSIONS = {
    "Writers": [*_READ_TAXONOMY, *_WRITE_DRAFTS, "add_tag"],
    "Editors": [
        *_READ_TAXONOMY,
        *_WRITE_DRAFTS,
        "delete_article",
        "publish_article",
        "approve_summary",
        "edit_any_article",
        "add_section", "change_section",
        "add_author", "change_author",
        "add_tag", "change_tag", "delete_tag",
    ],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Unknown permissions for {name}: {sorted(missing)}")
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
