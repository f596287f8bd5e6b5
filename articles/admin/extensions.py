"""What other apps add to the article admin: change-form buttons and panels, save checks and hooks,
notes on changelist rows, changelist actions.

The article admin imports none of those apps; they register here from their own admin module
(the summary assistant does in assistant/admin.py, the desk in desk/admin.py), which Django's
admin autodiscovery loads.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A submit button on the article change form with a POST name of its own.

    Pressing it saves the form first, as the admin's Save does; then `run(request, article, value)`
    acts on the saved article and reports with messages. With `back_to_form` the editor lands
    on the form again instead of the changelist.
    """

    name: str
    run: Callable
    back_to_form: bool = False


BUTTONS: dict[str, Button] = {}
# Callables (request, article) -> (template name, context) or None: boxes under the form's buttons.
PANELS: list[Callable] = []
# Callables (request, article or None on the add form) -> (template name, context) or None: boxes
# at the top of the form, under the action bar.
TOP_PANELS: list[Callable] = []
# Callables (request, article) -> a message or None, asked when a change form is about to be saved
# (after the version check, with the article's row locked): a message refuses the save, keeping
# everything typed, as the version check does.
SAVE_CHECKS: list[Callable] = []
# Callables (request, article, created) run after the form, its inlines and a revision are saved.
AFTER_SAVE: list[Callable] = []
# Callables (request, articles) -> {article pk: short text}, for the changelist's "Now" column.
ROW_NOTES: list[Callable] = []
# Admin actions (functions decorated with @admin.action) for the article changelist.
ACTIONS: list[Callable] = []


def register_button(button):
    BUTTONS[button.name] = button
    return button


def register_panel(panel, *, top=False):
    (TOP_PANELS if top else PANELS).append(panel)
    return panel


def register_save_check(check):
    SAVE_CHECKS.append(check)
    return check


def register_after_save(hook):
    AFTER_SAVE.append(hook)
    return hook


def register_row_note(note):
    ROW_NOTES.append(note)
    return note


def register_action(action):
    ACTIONS.append(action)
    return action


def pressed_button(request):
    """The registered button this POST came from, or None (Save and its siblings)."""
    return next((button for name, button in BUTTONS.items() if name in request.POST), None)
