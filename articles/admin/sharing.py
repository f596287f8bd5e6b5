"""The admin's side of preview and share links: a Preview link, and a page to manage share links.

`PreviewAdminMixin` goes in front of `admin.ModelAdmin` on the article admin. Only users
who may publish (editors, superusers) create or revoke share links; the server checks it.
"""

import re
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import SHARE_LINK_DEFAULT_HOURS, ShareLink
from articles.workflow import can_share

MAX_SHARE_HOURS = 24 * 30


class ShareLinkForm(forms.Form):
    hours = forms.IntegerField(
        label=_("Valid for (hours)"), min_value=1, max_value=MAX_SHARE_HOURS, initial=SHARE_LINK_DEFAULT_HOURS
    )
    max_views = forms.IntegerField(
        label=_("View limit"), min_value=1, max_value=10_000, required=False,
        help_text=_("Leave empty for no limit."),
    )  # fmt: skip


class PreviewAdminMixin:
    """Preview links and share-link management for the article admin."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/share-links/",
                self.admin_site.admin_view(self.share_links_view),
                name="{}_{}_share_links".format(*info),
            ),
            *super().get_urls(),
        ]

    @property
    def _share_links_url_name(self):
        return f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_share_links"

    @admin.display(description=_("Preview"))
    def preview_link(self, article):
        return format_html(
            '<a href="{}">{}</a>', reverse("articles:preview", args=[article.pk]), _("Preview")
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["preview_url"] = reverse("articles:preview", args=[obj.pk])
            if can_share(request.user):
                context["share_links_url"] = reverse(self._share_links_url_name, args=[obj.pk])
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def share_links_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        # get_object() only finds what the user may see (ArticleAdmin.get_queryset).
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        if not can_share(request.user):
            raise PermissionDenied
        form = ShareLinkForm()
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "create":
                form = ShareLinkForm(request.POST)
                if form.is_valid():
                    link = ShareLink.objects.create(
                        article=article,
                        created_by=request.user,
                        expires_at=timezone.now() + timedelta(hours=form.cleaned_data["hours"]),
                        max_views=form.cleaned_data["max_views"],
                    )
                    messages.success(
                        request,
                        _("Share link created. It works until %(when)s; copy it from the list below.")
                        % {"when": timezone.localtime(link.expires_at).strftime("%d %b %Y %H:%M %Z")},
                    )
                    return HttpResponseRedirect(request.path)
                messages.error(request, _("The share link was not created: please correct the form."))
            elif action == "revoke":
                revoked = self._revoke(article, request.POST.get("link"))
                if revoked:
                    messages.success(request, _("Share link revoked: it no longer opens."))
                else:
                    messages.warning(request, _("That share link was already inactive."))
                return HttpResponseRedirect(request.path)
            elif action == "revoke-all":
                revoked = self._revoke(article)
                messages.success(
                    request,
                    ngettext("%(count)d share link revoked.", "%(count)d share links revoked.", revoked)
                    % {"count": revoked},
                )
                return HttpResponseRedirect(request.path)
            else:
                messages.error(request, _("Unknown action."))
                return HttpResponseRedirect(request.path)
        links = [
            (link, request.build_absolute_uri(link.get_absolute_url()))
            for link in article.share_links.active().select_related("created_by")
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Share links: %(article)s") % {"article": article},
            "subtitle": None,
            "opts": self.opts,
            "original": article,
            "article": article,
            "links": links,
            "form": form,
            "preview_url": reverse("articles:preview", args=[article.pk]),
            "change_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[article.pk],
            ),
            "default_hours": SHARE_LINK_DEFAULT_HOURS,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/share_links.html", context)

    def _revoke(self, article, link_id=None):
        links = article.share_links.filter(revoked_at__isnull=True)
        if link_id is not None:
            if not re.fullmatch(r"[0-9]{1,18}", link_id or ""):
                return 0
            links = links.filter(pk=int(link_id))
        return links.update(revoked_at=timezone.now())
