"""The editorial workflow: who may do what to an article, and the actions that do it.

Every action checks the user's permission on the server and raises PermissionDenied
otherwise, so the admin's buttons, its bulk actions, a hand-made POST, `load_demo` and
the tests all behave the same. Nothing here sees a request: callers pass the user as `by=`.

- permissions: who may view, edit, share, delete; the permission names
- transitions: submit for review, return to writer, publish (or schedule), unpublish
- revisions: snapshots of every save, their differences, restore
- summaries: approving a summary, and noticing when the body moved on since
- authors: the author profile a staff user writes as
"""

from articles.workflow.authors import author_profile
from articles.workflow.permissions import (
    APPROVE_SUMMARY,
    EDIT_ANY,
    PUBLISH,
    can_delete,
    can_edit,
    can_share,
    can_view,
    owned_by,
    require_permission,
    visible_to,
)
from articles.workflow.revisions import (
    CONTENT_FIELDS,
    changed_fields,
    restore_revision,
    save_revision,
    snapshot,
)
from articles.workflow.summaries import approve_summary, summary_is_stale, withdraw_approval
from articles.workflow.transitions import (
    allowed_actions,
    publish,
    return_to_writer,
    submit_for_review,
    unpublish,
)

__all__ = [
    "APPROVE_SUMMARY",
    "CONTENT_FIELDS",
    "EDIT_ANY",
    "PUBLISH",
    "allowed_actions",
    "approve_summary",
    "author_profile",
    "can_delete",
    "can_edit",
    "can_share",
    "can_view",
    "changed_fields",
    "owned_by",
    "publish",
    "require_permission",
    "restore_revision",
    "return_to_writer",
    "save_revision",
    "snapshot",
    "submit_for_review",
    "summary_is_stale",
    "unpublish",
    "visible_to",
    "withdraw_approval",
]
