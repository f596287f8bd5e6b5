"""Small factory functions: each fills in what a test does not care about."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from articles.models import Article, Author, Section, Summary, Tag
from articles.roles import sync_groups

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


def make_section(**fields):
    n = next(_seq)
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_author(**fields):
    n = next(_seq)
    fields.setdefault("name", f"Author {n}")
    fields.setdefault("slug", f"author-{n}")
    return Author.objects.create(**fields)


def make_tag(**fields):
    n = next(_seq)
    fields.setdefault("name", f"Tag {n}")
    fields.setdefault("slug", f"tag-{n}")
    return Tag.objects.create(**fields)


def make_article(*, authors=None, tags=(), summary=None, summary_approved=True, **fields):
    """An article, public by default: Published an hour ago."""
    n = next(_seq)
    fields.setdefault("headline", f"Headline number {n}")
    fields.setdefault("slug", f"headline-number-{n}")
    fields.setdefault("standfirst", f"Standfirst {n}.")
    fields.setdefault("body", f"<p>Body of article {n}.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if "publish_at" not in fields:
        fields["publish_at"] = timezone.now() - timedelta(hours=1)
    if "section" not in fields:
        fields["section"] = make_section()
    # first_published_at follows from the state in Article.save(): set when it is public now.
    article = Article.objects.create(**fields)
    article.authors.set(authors if authors is not None else [make_author()])
    article.tags.set(tags)
    if summary is not None:
        Summary.objects.create(
            article=article, text=summary, approved_at=timezone.now() if summary_approved else None
        )
    return article


def make_user(username=None, *, group=None, is_superuser=False, **fields):
    """A staff user in the given role group ("Writers" or "Editors"), or a plain account."""
    sync_groups(Group, Permission)
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(
        username, password=PASSWORD, is_staff=bool(group or is_superuser), is_superuser=is_superuser, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


NON_PUBLIC_STATES = ["draft", "in-review", "unpublished", "scheduled"]


def make_non_public_articles(**fields):
    """One article in each state readers must never see, keyed by a test id; headlines contain "hidden"."""
    future = timezone.now() + timedelta(days=1)
    past = timezone.now() - timedelta(hours=2)
    states = {
        "draft": {"status": Article.Status.DRAFT, "publish_at": past},
        "in-review": {"status": Article.Status.IN_REVIEW, "publish_at": past},
        "unpublished": {"status": Article.Status.UNPUBLISHED, "publish_at": past},
        "scheduled": {"status": Article.Status.PUBLISHED, "publish_at": future},
    }
    n = next(_seq)
    return {
        name: make_article(
            **{"headline": f"Hidden {name} story", "slug": f"hidden-{name}-{n}", **state, **fields}
        )
        for name, state in states.items()
    }


def make_archive(size):
    """`size` public articles over 30 sections, 200 authors and 300 tags, each with 3 authors and 5 tags."""
    sections = Section.objects.bulk_create(Section(name=f"S{i}", slug=f"s-{i}") for i in range(30))
    authors = Author.objects.bulk_create(Author(name=f"A{i}", slug=f"a-{i}") for i in range(200))
    tags = Tag.objects.bulk_create(Tag(name=f"T{i}", slug=f"t-{i}") for i in range(300))
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Story {i}",
            slug=f"story-{i}",
            body="<p>Text.</p>",
            section=sections[i % len(sections)],
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=i + 1),
        )
        for i in range(size)
    )
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article_id=a.pk, author_id=authors[(n + k) % 200].pk)
        for n, a in enumerate(articles)
        for k in range(3)
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article_id=a.pk, tag_id=tags[(n + k) % 300].pk)
        for n, a in enumerate(articles)
        for k in range(5)
    )
    Summary.objects.bulk_create(Summary(article=a, text="Gist.", approved_at=now) for a in articles)
    return articles


def picture_bytes(width=800, height=533, *, colour=None, fmt="JPEG", **save):
    """A small picture with some structure (gradient and noise), different for each call unless
    `colour` is given."""
    import io

    from PIL import Image as PillowImage

    n = next(_seq)
    colour = colour or ((n * 47) % 256, (n * 91) % 256, (n * 13) % 256)
    picture = PillowImage.new("RGB", (width, height), colour)
    noise = PillowImage.effect_noise((width, height), 20).convert("RGB")
    picture = PillowImage.blend(picture, noise, 0.25)
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **save)
    return buffer.getvalue()


def make_image(*, by=None, renditions=True, name=None, data=None, **fields):
    """A library image (checked and stored as an upload is), described, with its renditions made."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from images.models import Image
    from images.services import create_image
    from images.tasks import update_renditions

    n = next(_seq)
    fields.setdefault("alt_text", f"Picture number {n}")
    fields.setdefault("credit", f"Photo: Photographer {n}")
    upload = SimpleUploadedFile(
        name or f"picture-{n}.jpg", data or picture_bytes(), content_type="image/jpeg"
    )
    image = create_image(upload, by=by, **fields)
    if renditions:
        update_renditions(Image.objects.get(pk=image.pk))
        image.refresh_from_db()
    return image
