"""The editorial workflow: who may do what to an article, and the actions that do it.

Every action checks the user's permission on the server and raises PermissionDenied
otherwise, so the admin's buttons, its bulk actions, a hand-made POST, `load_demo` and
the tests all behave the same. Nothing here sees a request: callers pass the user as `by=`.

- permissions: who may view, edit, share, delete; the permission names
- transitions: submit for review, return to writer, publish (or schedule), unpublish
- revisions: snapshots of every save and their differences
- restore: what an old revision can bring back (and what not, and why), and restoring it
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
from articles.workflow.restore import CHANGE_KINDS, RestorePlan, restore_plan, restore_revision
from articles.workflow.revisions import CONTENT_FIELDS, changed_fields, save_revision, snapshot
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
    "CHANGE_KINDS",
    "CONTENT_FIELDS",
    "EDIT_ANY",
    "PUBLISH",
    "RestorePlan",
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
    "restore_plan",
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
