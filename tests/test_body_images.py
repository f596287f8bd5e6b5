"""Pictures in articles: the lead image and body figures come from the library and are rendered from it."""

import re

import pytest
from django.urls import reverse

from articles import workflow
from articles.html import sanitize_html
from articles.models import Article, BodyImage
from images.models import Image
from tests.factories import make_article, make_image, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user(group="Editors")
    client.force_login(user)
    return user


def change(client, admin_form, article, **fields):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form(client, url)
    data.update({k: [v] for k, v in fields.items()})
    return client.post(url, data)


def test_the_editor_s_figure_is_stored_as_a_reference_and_nothing_else(client, admin_form, editor):
    image = make_image()
    article = make_article(created_by=editor)
    preview = f"/admin/images/image/{image.pk}/preview/"
    posted = (
        f'<p>Before.</p><figure class="figure"><img data-image="{image.pk}" src="{preview}" '
        'alt="typed in the editor" width="9"><figcaption class="figure-caption">The quay '
        "<em>at dawn</em></figcaption></figure>"
    )
    response = change(client, admin_form, article, body=posted, change_kind="fix")
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.body == (
        f'<p>Before.</p><figure><img data-image="{image.pk}"><figcaption>The quay <em>at dawn</em>'
        "</figcaption></figure>"
    )
    assert list(BodyImage.objects.filter(article=article).values_list("image", flat=True)) == [image.pk]


def test_a_body_figure_is_rendered_with_the_library_s_alt_text_credit_size_and_renditions(client):
    image = make_image(alt_text="Boats in the harbour", credit="Photo: K. Holm")
    article = make_article(
        body=f'<p>A.</p><figure><img data-image="{image.pk}"><figcaption>At dawn</figcaption></figure>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    (figure,) = re.findall(r"<figure>.*?</figure>", html, re.S)
    assert "<picture>" in figure and 'type="image/avif"' in figure and 'type="image/webp"' in figure
    (img,) = re.findall(r"<img [^>]*>", figure)
    assert 'alt="Boats in the harbour"' in img and 'width="800" height="533"' in img
    assert 'loading="lazy"' in img and "srcset=" in img and "sizes=" in img
    assert '<figcaption>At dawn <span class="credit">Photo: K. Holm</span></figcaption>' in figure
    assert image.file.name not in html, "never the original"


def test_editing_alt_text_or_credit_in_the_library_shows_everywhere_at_once(client):
    image = make_image(alt_text="Old words", credit="Old credit")
    one = make_article(lead_image=image)
    two = make_article(body=f'<figure><img data-image="{image.pk}"></figure>')
    for article in (one, two):
        assert 'alt="Old words"' in client.get(article.get_absolute_url()).content.decode()  # now cached
    image.alt_text, image.credit = "New words", "New credit"
    image.save()
    for article in (one, two):
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'alt="New words"' in html and "New credit" in html and "Old words" not in html


@pytest.mark.parametrize(
    ("picture", "message"),
    [
        (
            '<img src="https://elsewhere.example/photo.jpg" alt="x">',
            "The picture at https://elsewhere.example/photo.jpg is on another site",
        ),
        ('<img src="/static/img/logo.png">', "is not from the image library"),
        ('<img data-image="987654">', "refers to picture #987654, which is not in the image library"),
        ('<img data-image="99999999999999999999999">', "is not from the image library"),
    ],
)
def test_a_picture_not_from_the_library_is_refused_and_nothing_is_saved(
    client, admin_form, editor, picture, message
):
    article = make_article(created_by=editor, body="<p>Kept.</p>")
    response = change(
        client, admin_form, article, body=f"<p>New text.</p><figure>{picture}</figure>", change_kind="fix"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    article.refresh_from_db()
    assert article.body == "<p>Kept.</p>"


def test_the_sanitizer_keeps_only_the_reference():
    assert (
        sanitize_html('<img data-image="12" src="x" onerror="alert(1)" alt="a>b">') == '<img data-image="12">'
    )
    assert sanitize_html('<p>a</p><img data-image="x1"><img src="https://e.example/p.jpg">') == "<p>a</p>"
    assert sanitize_html('<figure><img src="https://e.example/p.jpg"></figure><p>b</p>') == "<p>b</p>"


def test_publishing_needs_alt_text_on_every_picture(editor):
    lead = make_image(alt_text="", title="Harbour crane")
    body = make_image(alt_text="", title="Quay at night")
    article = make_article(
        status=Article.Status.DRAFT, lead_image=lead, body=f'<figure><img data-image="{body.pk}"></figure>'
    )
    with pytest.raises(Exception, match="“Harbour crane”, “Quay at night” have no alt text"):
        workflow.publish(article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    lead.alt_text = "A crane over the harbour"
    lead.save()
    body.is_decorative = True
    body.save()
    workflow.publish(article, by=editor)
    assert Article.objects.get(pk=article.pk).is_public


def test_the_publish_button_says_which_picture_lacks_alt_text(client, admin_form, editor):
    article = make_article(
        status=Article.Status.DRAFT, lead_image=make_image(alt_text="", title="Harbour crane")
    )
    response = change(client, admin_form, article, _publish="1")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Publish refused" in m and "“Harbour crane” has no alt text" in m for m in messages), messages
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_a_decorative_picture_has_empty_alt_text(client):
    image = make_image(alt_text="", is_decorative=True)
    article = make_article(lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'<img [^>]*alt=""[^>]*fetchpriority="high"', html)


def test_a_picture_in_use_cannot_be_deleted(client, editor):
    image = make_image()
    make_article(body=f'<figure><img data-image="{image.pk}"></figure>')
    url = reverse("admin:images_image_delete", args=[image.pk])
    response = client.post(url, {"post": "yes"})
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_unused_picture_is_deleted_with_its_files(
    client, editor, settings, django_capture_on_commit_callbacks
):
    image = make_image()
    paths = [image.file.name, *(image.rendition_path(n) for n in image.rendition_names())]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not any((settings.MEDIA_ROOT / path).exists() for path in paths)


def test_restoring_a_revision_brings_back_its_lead_image(editor):
    first, second = make_image(), make_image()
    article = make_article(lead_image=first)
    old = workflow.save_revision(article, by=editor)
    article.lead_image = second
    article.lead_image_caption = "A new caption"
    article.save()
    workflow.save_revision(article, by=editor)
    assert "Lead image" in workflow.changed_fields(old.content, workflow.snapshot(article))
    workflow.restore_revision(old, by=editor)
    article.refresh_from_db()
    assert article.lead_image == first and article.lead_image_caption == ""
