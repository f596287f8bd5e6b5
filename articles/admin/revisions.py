"""The article admin's revision pages: the list, a readable diff between two, and restore."""

import difflib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles import workflow
from articles.html import text_lines


class RevisionsAdminMixin:
    """Goes in front of `admin.ModelAdmin` on the article admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:object_id>/revisions/", view(self.revisions_view), name="articles_article_revisions"),
            path(
                "<int:object_id>/revisions/<int:number>/",
                view(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "title": _("Revisions of “%(headline)s”") % {"headline": article.headline},
            "revisions": article.revisions.select_related("created_by")[:200],
            "can_restore": request.user.has_perm(workflow.EDIT_ANY),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def revision_view(self, request, object_id, number):
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        against_number = request.GET.get("against", "")
        older = (
            article.revisions.filter(number=int(against_number)).first()
            if against_number.isascii() and against_number.isdigit() and len(against_number) <= 9
            else article.revisions.filter(number__lt=number).order_by("-number").first()
        )
        old = older.content if older else {}
        new = revision.content
        diffs = [
            (_("Headline"), _diff([old.get("headline", "")], [new.get("headline", "")])),
            (_("Standfirst"), _diff([old.get("standfirst", "")], [new.get("standfirst", "")])),
            (_("Body"), _diff(text_lines(old.get("body")), text_lines(new.get("body")))),
            (_("Summary"), _diff([old.get("summary", "")], [new.get("summary", "")])),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revision": revision,
            "older": older,
            "title": _("Revision %(n)s of “%(headline)s”") % {"n": number, "headline": article.headline},
            "diffs": diffs,
            "changed": workflow.changed_fields(old, new),
            "can_restore": request.user.has_perm(workflow.EDIT_ANY),
        }
        return TemplateResponse(request, "admin/articles/article/revision_diff.html", context)

    def restore_view(self, request, object_id, number):
        """GET: what the restore brings back and what it cannot; POST: restore, after that look."""
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        revisions_url = reverse("admin:articles_article_revisions", args=[article.pk])
        if not (request.user.has_perm(workflow.EDIT_ANY) and workflow.can_edit(request.user, article)):
            messages.error(request, _("Only editors can restore a revision."))
            return HttpResponseRedirect(revisions_url)
        error = None
        if request.method == "POST":
            try:
                new, plan = workflow.restore_revision(
                    revision, by=request.user, change_kind=request.POST.get("change_kind")
                )
            except PermissionDenied as denied:
                messages.error(request, str(denied))
                return HttpResponseRedirect(revisions_url)
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
            except IntegrityError:
                # The article's placement changed between the check and the save (a slug taken).
                error = _("The article changed while restoring; nothing was restored. Please try again.")
            else:
                messages.success(
                    request,
                    _("Revision %(old)s restored as revision %(new)s.") % {"old": number, "new": new.number},
                )
                for message in plan.kept:
                    messages.warning(request, message)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        elif request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        plan = workflow.restore_plan(revision, article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revision": revision,
            "plan": plan,
            "ask_change_kind": article.has_been_public and plan.changes_content,
            "change_kind": request.POST.get("change_kind", ""),
            "error": error,
            "title": _("Restore revision %(n)s of “%(headline)s”?")
            % {"n": number, "headline": article.headline},
        }
        return TemplateResponse(request, "admin/articles/article/restore_confirm.html", context)


def _diff(old_lines, new_lines):
    """A readable line diff: (kind, text) pairs where kind is 'same', 'added' or 'removed'."""
    rows = []
    for line in difflib.ndiff(old_lines, new_lines):
        code, text = line[:2], line[2:]
        if code == "  ":
            rows.append(("same", text))
        elif code == "+ ":
            rows.append(("added", text))
        elif code == "- ":
            rows.append(("removed", text))
    return rows
