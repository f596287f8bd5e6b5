"""What a change to content purges from the page caches, by the tags pages carry (articles/pagetags.py).

Rules, connected in ArticlesConfig.ready() (saves and deletes, many-to-many changes):

- an article no reader can see before or after the save (draft, in review, scheduled, unpublished)
  purges nothing; if its schedule changed, the page cache finds the next scheduled time again;
- an edit of a public article purges its tag (soft): its page and every page showing its headline,
  and "search" (its words may match other searches);
  a change of its section, slug, authors or tags adds "listing", a change of its time adds
  "listing" and its new neighbours (whose Previous/Next now point to it);
- publishing purges the article, "listing" and its neighbours (soft: the previous front page is
  fine for a few more seconds);
- unpublishing (or rescheduling into the future) and deleting purge the article and "listing"
  HARD: no reader gets the old page after the editor's click returns. The old neighbours show its
  headline, so they carry its tag;
- a correction or clarification on a public article purges it hard; a summary, softly;
- a section, author, tag or picture purges its own tag, plus "listing" (cards, feeds and sitemaps
  name them) and for sections "menu".

Changes that bypass signals (`QuerySet.update()`, `bulk_create()`) must call
`pagecache.purge.purge()` themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from articles import pagetags
from articles.models import Article, Author, BodyImage, Notice, Section, Summary, Tag
from images.models import Image
from pagecache import content
from pagecache.purge import purge

SCHEDULE_FIELDS = ("status", "publish_at")
LISTED_FIELDS = ("section_id", "slug")


def connect():
    uid = "pagecache-rules"
    pre_save.connect(_remember_article, sender=Article, dispatch_uid=uid)
    post_save.connect(_article_saved, sender=Article, dispatch_uid=uid)
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=uid)
    for through in (Article.authors.through, Article.tags.through, BodyImage):
        m2m_changed.connect(_relations_changed, sender=through, dispatch_uid=uid)
    for model, hard in ((Summary, False), (Notice, True)):
        handler = _purge_article_hard if hard else _purge_article_soft
        post_save.connect(handler, sender=model, dispatch_uid=uid)
        post_delete.connect(handler, sender=model, dispatch_uid=uid)
    for model in (Section, Author, Tag, Image):
        post_save.connect(_named_thing_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_named_thing_deleted, sender=model, dispatch_uid=uid)
    content.set_next_change(Article.objects.next_scheduled_at)


def _is_public(status, publish_at):
    return status == Article.Status.PUBLISHED and publish_at is not None and publish_at <= timezone.now()


def _is_scheduled(status, publish_at):
    return status == Article.Status.PUBLISHED and publish_at is not None and publish_at > timezone.now()


def _remember_article(sender, instance, raw=False, **kwargs):
    fields = (*SCHEDULE_FIELDS, *LISTED_FIELDS)
    stored = Article.objects.filter(pk=instance.pk).values(*fields).first() if instance.pk else None
    instance._stored_before_save = stored


def _neighbours(article):
    return [pagetags.article(other.pk) for other in article.adjacent_public() if other is not None]


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_stored_before_save", None) or dict.fromkeys(
        (*SCHEDULE_FIELDS, *LISTED_FIELDS)
    )
    now = {field: getattr(instance, field) for field in before}
    changed = {field for field in before if before[field] != now[field]}
    if changed & set(SCHEDULE_FIELDS) and (
        _is_scheduled(before["status"], before["publish_at"]) or instance.is_scheduled
    ):
        content.schedule_changed()
    was_public, is_public = _is_public(before["status"], before["publish_at"]), instance.is_public
    tags = [pagetags.article(instance.pk)]
    if was_public and not is_public:
        purge([*tags, pagetags.LISTING], hard=True)
    elif is_public and (not was_public or "publish_at" in changed):
        purge([*tags, pagetags.LISTING, *_neighbours(instance)])
    elif is_public:
        # Its words may now match other searches.
        purge([*tags, pagetags.SEARCH, *([pagetags.LISTING] if changed & set(LISTED_FIELDS) else [])])


def _article_deleted(sender, instance, **kwargs):
    if instance.is_scheduled:
        content.schedule_changed()
    if instance.is_public:
        purge([pagetags.article(instance.pk), pagetags.LISTING], hard=True)


def _public_ids(pks):
    return list(Article.objects.public().filter(pk__in=pks).values_list("pk", flat=True))


def _relations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    listed = sender is not BodyImage  # bylines and tags decide author and tag pages
    extra = [pagetags.LISTING] if listed else []
    if not reverse:
        if instance.is_public:
            purge([pagetags.article(instance.pk), *extra])
    elif pk_set:
        if public := _public_ids(pk_set):
            purge([*map(pagetags.article, public), *extra])
    else:  # an author's, tag's or picture's links all cleared: the pages that name it
        _named_thing_saved(type(instance), instance, created=False)


def _article_of(instance):
    return Article.objects.filter(pk=instance.article_id).only("status", "publish_at").first()


def _purge_article_soft(sender, instance, raw=False, **kwargs):
    if not raw and (article := _article_of(instance)) is not None and article.is_public:
        purge([pagetags.article(article.pk), pagetags.SEARCH])  # a summary's words are searched too


def _purge_article_hard(sender, instance, raw=False, **kwargs):
    if not raw and (article := _article_of(instance)) is not None and article.is_public:
        purge([pagetags.article(article.pk)], hard=True)


NAMES = {Section: pagetags.section, Author: pagetags.author, Tag: pagetags.tag, Image: pagetags.image}


def _named_tags(model, instance):
    tags = [NAMES[model](instance.pk)]
    if model is Section:
        tags.append(pagetags.MENU)
    if model is not Image:
        tags.append(pagetags.LISTING)
    return tags


def _named_thing_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or (created and sender is not Section):
        return  # nothing shows a new author, tag or picture yet; a new section joins the menu
    purge(_named_tags(sender, instance))


def _named_thing_deleted(sender, instance, **kwargs):
    purge(_named_tags(sender, instance), hard=True)
