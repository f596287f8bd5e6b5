"""The project's URLs plus one new public page, for tests/test_leaks.py's self-check."""

from django.http import HttpResponse
from django.urls import include, path

from newsroom.urls import urlpatterns as project_urlpatterns

extra = ([path("new-page/<slug:slug>/", lambda request, slug: HttpResponse("new"), name="new-page")], "extra")
urlpatterns = [*project_urlpatterns, path("", include(extra))]
