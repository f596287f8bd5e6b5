from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin_preview import PreviewAdminMixin
from articles.models import Article, Author, Section, Summary, Tag


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class SummaryInline(admin.StackedInline):
    model = Summary
    fields = ["text", "origin", "approval"]
    readonly_fields = ["origin", "approval"]
    can_delete = False
    extra = 1
    max_num = 1

    @admin.display(description=_("Approval"))
    def approval(self, summary):
        if summary.pk and summary.is_approved:
            return _("Approved by %(who)s at %(when)s") % {
                "who": summary.approved_by or _("unknown"),
                "when": summary.approved_at,
            }
        return _("Not approved: readers do not see it.")


@admin.register(Article)
class ArticleAdmin(PreviewAdminMixin, admin.ModelAdmin):
    list_display = ["headline", "section", "state", "publish_at", "language", "preview_link"]
    list_filter = ["status", "section", "authors", "language"]
    list_select_related = ["section"]
    search_fields = ["headline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors", "tags"]
    inlines = [SummaryInline]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "language"]}),
        (_("Placement"), {"fields": ["section", "authors", "tags", "publish_at"]}),
        (_("Lead image"), {"fields": ["lead_image", "lead_image_caption", "lead_image_credit"]}),
    ]

    @admin.display(description=_("State"), ordering="status")
    def state(self, article):
        return article.state_label
