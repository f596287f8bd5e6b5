"""The image library in the real admin: a focal point set by clicking, and the body editor's figure tool
choosing and uploading pictures in place, all under the strict Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from images.models import Image
from tests.factories import PASSWORD, make_article, make_image, make_user, picture_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_errors(page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_clicking_the_picture_sets_the_focal_point(page, live_server, csp_errors):
    editor = make_user(group="Editors")
    image = make_image(data=picture_bytes(1600, 800))
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/images/image/{image.pk}/change/")
    frame = page.locator(".focal-point__frame")
    frame.locator("img").evaluate("img => img.decode()")
    box = frame.bounding_box()
    frame.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    expect(page.locator("#id_focal_x")).to_have_value("0.80")
    expect(page.locator("#id_focal_y")).to_have_value("0.25")
    frame.press("ArrowLeft")  # the keyboard moves it too
    expect(page.locator("#id_focal_x")).to_have_value("0.78")
    page.get_by_role("button", name="Save", exact=True).click()
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.78, 0.25)
    assert not [e for e in csp_errors if "Content Security Policy" in e], csp_errors


def open_figure_tool(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator(".field-body .tiptap").click()
    page.locator(".field-body .tiptap").press("End")
    page.locator(".prose-menubar__button[title='figure']").click()
    dialog = page.locator("dialog.image-chooser")
    expect(dialog).to_be_visible()
    return dialog


def test_the_figure_tool_inserts_a_library_picture_as_a_reference(page, live_server, csp_errors):
    writer = make_user(group="Writers")
    image = make_image(title="Harbour at dawn", alt_text="Boats at anchor", caption="The harbour at dawn")
    make_image(title="Market square")
    article = make_article(status=Article.Status.DRAFT, created_by=writer, body="<p>First paragraph.</p>")
    log_in(page, live_server, writer)
    dialog = open_figure_tool(page, live_server, article)
    dialog.get_by_label("Search").fill("harbour")
    expect(dialog.locator(".image-chooser__result")).to_have_count(1)
    dialog.locator(".image-chooser__result").click()
    expect(dialog).to_have_count(0)
    editor_image = page.locator(".field-body .tiptap figure img")
    expect(editor_image).to_have_attribute("data-image", str(image.pk))
    expect(editor_image).to_have_attribute("src", re.compile(rf"/admin/images/image/{image.pk}/preview/$"))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert (
        f'<figure><img data-image="{image.pk}"><figcaption>The harbour at dawn</figcaption></figure>'
        in article.body
    )
    assert not [e for e in csp_errors if "Content Security Policy" in e], csp_errors


def test_the_figure_tool_uploads_a_picture_in_place(page, live_server, tmp_path):
    writer = make_user(group="Writers")
    article = make_article(status=Article.Status.DRAFT, created_by=writer, body="<p>First paragraph.</p>")
    picture = tmp_path / "pier.jpg"
    picture.write_bytes(picture_bytes(900, 600))
    log_in(page, live_server, writer)
    dialog = open_figure_tool(page, live_server, article)
    dialog.locator("summary").click()
    dialog.get_by_label("Picture").set_input_files(picture)
    dialog.get_by_label("Alt text", exact=True).fill("The pier at low tide")
    dialog.get_by_label("Credit / source").fill("Photo: Holm")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog).to_have_count(0)
    image = Image.objects.get(title="Pier")
    assert image.alt_text == "The pier at low tide" and image.uploaded_by == writer
    expect(page.locator(".field-body .tiptap figure img")).to_have_attribute("data-image", str(image.pk))


def test_the_figure_tool_offers_the_picture_already_in_the_library(page, live_server, tmp_path):
    writer = make_user(group="Writers")
    data = picture_bytes(700, 500)
    existing = make_image(data=data, title="Pier")
    article = make_article(status=Article.Status.DRAFT, created_by=writer, body="<p>First paragraph.</p>")
    (tmp_path / "copy.jpg").write_bytes(data)
    log_in(page, live_server, writer)
    dialog = open_figure_tool(page, live_server, article)
    dialog.locator("summary").click()
    dialog.get_by_label("Picture").set_input_files(tmp_path / "copy.jpg")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.locator(".image-chooser__errors")).to_contain_text("already in the library as “Pier”")
    dialog.get_by_role("button", name="Use the picture already in the library").click()
    expect(page.locator(".field-body .tiptap figure img")).to_have_attribute("data-image", str(existing.pk))
    assert Image.objects.count() == 1


def test_a_pasted_picture_from_another_site_is_refused_on_save(page, live_server):
    writer = make_user(group="Writers")
    article = make_article(status=Article.Status.DRAFT, created_by=writer, body="<p>Kept.</p>")
    log_in(page, live_server, writer)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator(".field-body .tiptap").evaluate(
        """(node) => {
            const data = new DataTransfer();
            data.setData("text/html", '<p>Pasted</p><img src="https://elsewhere.example/p.jpg" alt="x">');
            const options = { clipboardData: data, bubbles: true, cancelable: true };
            node.dispatchEvent(new ClipboardEvent("paste", options));
        }"""
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".errorlist")).to_contain_text(
        "The picture at https://elsewhere.example/p.jpg is on another site"
    )
    article.refresh_from_db()
    assert article.body == "<p>Kept.</p>"
