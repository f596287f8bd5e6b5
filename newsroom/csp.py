"""Content-Security-Policy exceptions that are hashes of known, fixed content (never 'unsafe-inline').

The admin's rich-text editor (Tiptap inside django-prose-editor) injects one fixed <style> element
with its base editor rules and offers no option to turn that off. Allowing exactly that stylesheet by
its SHA-256 hash keeps style-src strict; tests/test_security.py recomputes the hash from the
installed editor.js, so an upgrade that changes the stylesheet fails the suite instead of the editor.
"""

TIPTAP_BASE_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
