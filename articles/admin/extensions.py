"""What other apps add to the article admin: change-form buttons and panels, changelist actions.

The article admin imports none of those apps; they register here from their own admin module
(the summary assistant does, in assistant/admin.py), which Django's admin autodiscovery loads.
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
# Admin actions (functions decorated with @admin.action) for the article changelist.
ACTIONS: list[Callable] = []


def register_button(button):
    BUTTONS[button.name] = button
    return button


def register_panel(panel):
    PANELS.append(panel)
    return panel


def register_action(action):
    ACTIONS.append(action)
    return action


def pressed_button(request):
    """The registered button this POST came from, or None (Save and its siblings)."""
    return next((button for name, button in BUTTONS.items() if name in request.POST), None)
