"""Load the demo newsroom: sections, authors, tags, articles and demo users.

Idempotent: what exists already (matched by slug or username) is left as it is,
so a second run changes nothing and an editor's changes to demo content survive.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import roles, workflow
from articles.models import Article, Author, Section, Summary, Tag
from demo import content as demo_data

DEMO_PASSWORD = "newsroom-demo"
DEMO_USERS = [
    # username, group, superuser, the author the account writes as
    ("admin", None, True, None),
    ("editor", roles.EDITORS, False, "dmitry-orlov"),
    ("writer", roles.WRITERS, False, "james-holloway"),
]
STATUS = {
    "published": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "review": Article.Status.IN_REVIEW,
}


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent). Demo users are created only when DEBUG is on."

    @transaction.atomic
    def handle(self, *args, **options):
        users = self._load_users()
        sections = {
            s["slug"]: Section.objects.get_or_create(slug=s["slug"], defaults=s)[0]
            for s in demo_data.SECTIONS
        }
        authors = {
            a["slug"]: Author.objects.get_or_create(slug=a["slug"], defaults=a)[0] for a in demo_data.AUTHORS
        }
        tags = {t["slug"]: Tag.objects.get_or_create(slug=t["slug"], defaults=t)[0] for t in demo_data.TAGS}
        for username, _group, _superuser, author_slug in DEMO_USERS:
            user = users.get(username)
            if user and author_slug in authors and authors[author_slug].user_id is None:
                authors[author_slug].user = user
                authors[author_slug].save(update_fields=["user"])

        now = timezone.now()
        created = 0
        for data in demo_data.ARTICLES:
            if Article.objects.filter(slug=data["slug"]).exists():
                continue
            self._create_article(data, sections, authors, tags, users, now)
            created += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom: {created} articles created, {Article.objects.count()} in all."
            )
        )

    def _load_users(self):
        if not settings.DEBUG:
            self.stderr.write(
                "DEBUG is off: refusing to create demo users with a known password. "
                "Create real accounts with `manage.py createsuperuser`."
            )
            return {u.username: u for u in User.objects.filter(username__in=[u[0] for u in DEMO_USERS])}
        users = {}
        for username, group, is_superuser, _author in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "is_superuser": is_superuser}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                if group:
                    user.groups.add(Group.objects.get(name=group))
            users[username] = user
        self.stdout.write(
            f"Demo users (password {DEMO_PASSWORD!r}): admin (superuser), editor (Editors), writer (Writers)"
        )
        return users

    def _create_article(self, data, sections, authors, tags, users, now):
        status = STATUS[data["status"]]
        publish_at = now - timedelta(hours=data["hours_ago"]) if data["hours_ago"] is not None else None
        writer = users.get("writer") if status != Article.Status.PUBLISHED else users.get("editor")
        article = Article.objects.create(
            headline=data["headline"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            body=data["body"],
            language=data["language"],
            section=sections[data["section"]],
            status=status,
            publish_at=publish_at,
            created_by=writer,
            last_edited_by=writer,
        )
        article.authors.set([authors[slug] for slug in data["authors"]])
        article.tags.set([tags[slug] for slug in data["tags"]])
        summary = Summary.objects.create(article=article, text=data["summary"]) if data["summary"] else None
        revision = workflow.save_revision(article, by=writer)
        if summary and data["summary_approved"]:
            summary.approved_by = users.get("editor")
            summary.approved_at = now
            summary.approved_revision = revision
            summary.save()
        return article
