"""Load the demo newsroom: sections, authors, tags, articles, their pictures and demo users.

Idempotent: what exists already (matched by slug, username or a picture's content) is left as it
is, so a second run changes nothing and an editor's changes to demo content survive. Pictures are
drawn by demo/pictures.py and go into the image library like any upload; they join an article
when the article is created.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import roles, workflow
from articles.models import Article, Author, Section, Summary, Tag
from demo import content as demo_data
from demo import pictures as demo_pictures
from images import services as image_services

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
        missing = [d for d in demo_data.ARTICLES if not Article.objects.filter(slug=d["slug"]).exists()]
        pictures = self._load_pictures({d["slug"] for d in missing}, users.get("editor"))
        for data in missing:
            self._create_article(data, sections, authors, tags, users, now, pictures.get(data["slug"], {}))
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

    def _load_pictures(self, slugs, uploader):
        """The pictures of the articles about to be created: {slug: {"lead": image, "body": [...]}}."""
        found = {}
        for key, slug, where, draw, title, alt, caption, focal in demo_pictures.PICTURES:
            if slug not in slugs:
                continue
            upload = ContentFile(draw(), name=f"demo-{key}.jpg")
            try:
                image = image_services.create_image(
                    upload, by=None, title=title, alt_text=alt, caption=caption, credit=demo_pictures.CREDIT
                )
            except image_services.DuplicateImage as duplicate:
                image = duplicate.existing
            else:
                image.uploaded_by = uploader
                image.focal_x, image.focal_y = focal
                image.save(update_fields=["uploaded_by", "focal_x", "focal_y"])
            entry = found.setdefault(slug, {"lead": None, "body": []})
            if where == "lead":
                entry["lead"] = image
            else:
                entry["body"].append(image)
        return found

    @staticmethod
    def _with_figures(body, images):
        """The body with each picture as a figure after its second paragraph."""
        for image in images:
            caption = escape(image.caption)
            figure = f'<figure><img data-image="{image.pk}"><figcaption>{caption}</figcaption></figure>'
            head, sep, rest = body.partition("</p>")
            second, sep2, tail = rest.partition("</p>")
            body = f"{head}{sep}{second}{sep2}{figure}{tail}"
        return body

    def _create_article(self, data, sections, authors, tags, users, now, pictures):
        status = STATUS[data["status"]]
        publish_at = now - timedelta(hours=data["hours_ago"]) if data["hours_ago"] is not None else None
        writer = users.get("writer") if status != Article.Status.PUBLISHED else users.get("editor")
        article = Article.objects.create(
            headline=data["headline"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            body=self._with_figures(data["body"], pictures.get("body", [])),
            lead_image=pictures.get("lead"),
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
